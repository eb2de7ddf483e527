"""Helpers for the engine tests: approved figures made directly with factories (no workflow)."""

from decimal import Decimal

from indicators.models import (
    Aggregatie,
    Eenheid,
    Streefwaarde,
    SubmissionStatus,
    Value,
    Vergelijking,
)
from tests.factories import (
    IndicatorFactory,
    SubmissionFactory,
    ThemaFactory,
    UitvraagFactory,
    period,
)


class Cijfers:
    """Puts figures into submissions (approved unless told otherwise), one per period and status."""

    def __init__(self):
        self.uitvraag = UitvraagFactory(name="Testcijfers")
        self.submissions = {}

    def submission(self, identifier="2018H1", status=SubmissionStatus.GOEDGEKEURD):
        key = (identifier, status)
        if key not in self.submissions:
            uitvraag = self.uitvraag if not self.submissions else UitvraagFactory()
            self.submissions[key] = SubmissionFactory(
                uitvraag=uitvraag, period=period(identifier), status=status
            )
        return self.submissions[key]

    def add(
        self,
        indicator,
        area,
        value,
        identifier="2018H1",
        doelgroep=None,
        voorlopig=False,
        status=SubmissionStatus.GOEDGEKEURD,
    ):
        return Value.objects.create(
            submission=self.submission(identifier, status),
            indicator=indicator,
            doelgroep=doelgroep,
            area=area,
            value=Decimal(str(value)),
            raw=str(value),
            voorlopig=voorlopig,
        )


def count(code, **extra):
    """An entered count that adds up (som)."""
    return IndicatorFactory(code=code, name=extra.pop("name", code.replace("_", " ")), **extra)


def stock(code, **extra):
    return count(code, aggregatie=Aggregatie.STAND, **extra)


def computed(code, text, **extra):
    extra.setdefault("eenheid", Eenheid.PERCENTAGE)
    extra.setdefault("decimals", 1)
    extra.setdefault("aggregatie", Aggregatie.FORMULE)
    return count(code, formula=text, **extra)


def build_monitor(world):
    """Orionis reports for Walcheren; population figures per gemeente; a per-1.000 rate."""
    cijfers = Cijfers()
    aantal, pct = world.aantal_clienten, world.uitstroom_pct
    for identifier, werk, wsw, uitstroom in [
        ("2017H2", 500, 700, 10),
        ("2018H1", 510, 666, "12.5"),
    ]:
        cijfers.add(aantal, world.walcheren, werk, identifier, doelgroep=world.werkzoekenden)
        cijfers.add(aantal, world.walcheren, wsw, identifier, doelgroep=world.wsw)
        cijfers.add(pct, world.walcheren, uitstroom, identifier, doelgroep=world.werkzoekenden)
    bevolking = ThemaFactory(code="bevolking", name="Bevolking", order=0)
    inwoners = stock("inwoners", name="Inwoners", thema=bevolking)
    for gemeente, n in [(world.vlissingen, 44000), (world.middelburg, 48000), (world.veere, 22000)]:
        cijfers.add(inwoners, gemeente, n)
    per_1000 = computed(
        "clienten_per_1000",
        "[orionis-aantal-clienten] * 1000 / inwoners",
        name="Cliënten per 1.000 inwoners",
        thema=aantal.thema,
        uitvoerder=world.orionis,
    )
    Streefwaarde.objects.create(
        indicator=pct,
        scope=world.walcheren,
        doelgroep=world.werkzoekenden,
        year_from=2018,
        comparison=Vergelijking.MINIMAAL,
        value=12,
    )
    return {"inwoners": inwoners, "per_1000": per_1000, "cijfers": cijfers}
