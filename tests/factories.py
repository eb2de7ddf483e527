"""factory_boy factories, plus a small Walcheren-shaped world for tests."""

from dataclasses import dataclass
from datetime import date

import factory
from django.contrib.auth import get_user_model

from indicators.models import (
    Aspect,
    Eenheid,
    Indicator,
    IndicatorSoort,
    Period,
    Richting,
    Submission,
    Thema,
    Uitvraag,
    UitvraagRegel,
)
from organisations.models import Doelgroep, Membership, Organisation, OrganisationKind, Role

PASSWORD = "Geheim-wachtwoord-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.nl")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    kind = OrganisationKind.GEMEENTE
    code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")


class RegioFactory(GemeenteFactory):
    kind = OrganisationKind.REGIO
    code = factory.Sequence(lambda n: f"REGIO{n}")
    name = factory.Sequence(lambda n: f"Regio {n}")


class UitvoerderFactory(GemeenteFactory):
    kind = OrganisationKind.UITVOERDER
    code = factory.Sequence(lambda n: f"uitvoerder-{n}")
    name = factory.Sequence(lambda n: f"Uitvoerder {n}")


class DoelgroepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Doelgroep

    uitvoerder = factory.SubFactory(UitvoerderFactory)
    code = factory.Sequence(lambda n: f"doelgroep-{n}")
    name = factory.Sequence(lambda n: f"Doelgroep {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.LEVERANCIER
    organisation = factory.SubFactory(UitvoerderFactory)


class ThemaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thema
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.Sequence(lambda n: f"Iedereen thema {n}")
    order = factory.Sequence(lambda n: n)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"indicator-{n}")
    name = factory.Sequence(lambda n: f"Aantal cliënten {n}")
    thema = factory.SubFactory(ThemaFactory)
    soort = IndicatorSoort.PRESTATIE
    aspect = Aspect.INZET
    eenheid = Eenheid.AANTAL
    decimals = 0
    definition = "Aantal cliënten op de peildatum."
    source = "Registratie uitvoerder"
    richting = Richting.GEEN


def period(identifier: str, peildatum: date | None = None) -> Period:
    return Period.get_or_create_from_identifier(identifier, peildatum)[0]


class UitvraagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Uitvraag
        skip_postgeneration_save = True

    uitvoerder = factory.SubFactory(UitvoerderFactory)
    name = factory.Sequence(lambda n: f"Halfjaarcijfers {n}")

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)


class UitvraagRegelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UitvraagRegel

    uitvraag = factory.SubFactory(UitvraagFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    doelgroep = None
    order = factory.Sequence(lambda n: n)


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    uitvraag = factory.SubFactory(UitvraagFactory)
    period = factory.LazyFunction(lambda: period("2018H1"))
    deadline = date(2018, 8, 15)


@dataclass
class World:
    """Walcheren in miniature: 3 gemeenten + regio, two suppliers, one person per role."""

    middelburg: Organisation
    veere: Organisation
    vlissingen: Organisation
    walcheren: Organisation
    orionis: Organisation
    porthos: Organisation
    werkzoekenden: Doelgroep
    wsw: Doelgroep
    aantal_clienten: Indicator
    uitstroom_pct: Indicator
    uitvraag: Uitvraag
    submission: Submission
    leverancier: object  # Orionis staff
    leverancier2: object  # second Orionis staff member
    porthos_leverancier: object
    beleid: object  # Vlissingen
    beleid_veere: object
    griffie: object  # Vlissingen
    griffie_middelburg: object
    beheerder: object
    other_uitvoerder: Organisation
    other_leverancier: object
    other_gemeente: Organisation
    other_beleid: object


def make_user(role, organisation=None, **kwargs):
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, role=role, organisation=organisation)
    return user


def build_world() -> World:
    middelburg = GemeenteFactory(code="GM0687", name="Middelburg")
    veere = GemeenteFactory(code="GM0717", name="Veere")
    vlissingen = GemeenteFactory(code="GM0718", name="Vlissingen")
    walcheren = RegioFactory(code="walcheren", name="Walcheren")
    walcheren.gemeenten.set([middelburg, veere, vlissingen])
    orionis = UitvoerderFactory(code="orionis", name="Orionis Walcheren")
    orionis.gemeenten.set([middelburg, veere, vlissingen])
    porthos = UitvoerderFactory(code="porthos", name="Porthos")
    porthos.gemeenten.set([middelburg, veere, vlissingen])
    werkzoekenden = DoelgroepFactory(uitvoerder=orionis, code="werkzoekenden", name="Werkzoekenden")
    wsw = DoelgroepFactory(uitvoerder=orionis, code="wsw", name="Wsw")
    thema = ThemaFactory(code="iedereen-doet-mee", name="Iedereen doet mee", order=1)
    aantal = IndicatorFactory(
        code="orionis-aantal-clienten", name="Aantal cliënten", thema=thema, uitvoerder=orionis
    )
    uitstroom = IndicatorFactory(
        code="orionis-uitstroom-werk",
        name="Aandeel uitstroom naar werk",
        thema=thema,
        uitvoerder=orionis,
        aspect=Aspect.EFFECT,
        eenheid=Eenheid.PERCENTAGE,
        decimals=1,
        richting=Richting.HOGER,
    )
    uitvraag = UitvraagFactory(
        uitvoerder=orionis, name="Halfjaarcijfers Orionis", areas=[walcheren]
    )
    UitvraagRegelFactory(uitvraag=uitvraag, indicator=aantal, doelgroep=werkzoekenden, order=1)
    UitvraagRegelFactory(uitvraag=uitvraag, indicator=aantal, doelgroep=wsw, order=2)
    UitvraagRegelFactory(uitvraag=uitvraag, indicator=uitstroom, doelgroep=werkzoekenden, order=3)
    submission = SubmissionFactory(uitvraag=uitvraag, period=period("2018H1"))
    other_uitvoerder = UitvoerderFactory(code="drechtsteden", name="Sociale Dienst Drechtsteden")
    other_gemeente = GemeenteFactory(code="GM0505", name="Dordrecht")
    return World(
        middelburg=middelburg,
        veere=veere,
        vlissingen=vlissingen,
        walcheren=walcheren,
        orionis=orionis,
        porthos=porthos,
        werkzoekenden=werkzoekenden,
        wsw=wsw,
        aantal_clienten=aantal,
        uitstroom_pct=uitstroom,
        uitvraag=uitvraag,
        submission=submission,
        leverancier=make_user(Role.LEVERANCIER, orionis, username="orionis"),
        leverancier2=make_user(Role.LEVERANCIER, orionis, username="orionis2"),
        porthos_leverancier=make_user(Role.LEVERANCIER, porthos, username="porthos"),
        beleid=make_user(Role.BELEID, vlissingen, username="beleid"),
        beleid_veere=make_user(Role.BELEID, veere, username="beleid_veere"),
        griffie=make_user(Role.GRIFFIE, vlissingen, username="griffie"),
        griffie_middelburg=make_user(Role.GRIFFIE, middelburg, username="griffie_mb"),
        beheerder=make_user(Role.BEHEERDER, None, username="beheerder", is_staff=True),
        other_uitvoerder=other_uitvoerder,
        other_leverancier=make_user(Role.LEVERANCIER, other_uitvoerder, username="drechtsteden"),
        other_gemeente=other_gemeente,
        other_beleid=make_user(Role.BELEID, other_gemeente, username="beleid_dordrecht"),
    )


def fill_submission(world: World, submission=None, user=None, values=None):
    """Fill every cell of the world's submission with valid figures."""
    from indicators.submissions.services import CellInput, save_values

    submission = submission or world.submission
    values = values or {
        (world.aantal_clienten.pk, world.werkzoekenden.pk): "510",
        (world.aantal_clienten.pk, world.wsw.pk): "666",
        (world.uitstroom_pct.pk, world.werkzoekenden.pk): "12,5",
    }
    cells = [
        CellInput(indicator_id=i, doelgroep_id=d, area_id=world.walcheren.pk, raw=raw)
        for (i, d), raw in values.items()
    ]
    return save_values(submission, user or world.leverancier, cells)


def in_use_token(user) -> str:
    """The secret of an API token that is already in use (its first use, which the security log
    records, lies behind it), so a test's query count covers the request alone."""
    from django.utils import timezone

    from core.tokens import issue_token

    token, secret = issue_token(user, name="test")
    token.last_used_at = timezone.now()
    token.save(update_fields=["last_used_at"])
    return secret
