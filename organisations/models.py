"""Gemeenten, regio's, uitvoeringsorganisaties, doelgroepen and the roles people hold."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    REGIO = "regio", _("Regio")
    UITVOERDER = "uitvoerder", _("Uitvoeringsorganisatie")


class OrganisationQuerySet(models.QuerySet):
    def gemeenten(self):
        return self.filter(kind=OrganisationKind.GEMEENTE)

    def regios(self):
        return self.filter(kind=OrganisationKind.REGIO)

    def uitvoerders(self):
        return self.filter(kind=OrganisationKind.UITVOERDER)


class Organisation(models.Model):
    """One table for every kind of organisation, so areas and memberships need one foreign key.

    - a *gemeente* is identified by its CBS code (GM0718);
    - a *regio* groups gemeenten (``gemeenten``);
    - an *uitvoeringsorganisatie* serves gemeenten (``gemeenten``) and has doelgroepen.
    """

    kind = models.CharField(_("soort"), max_length=16, choices=OrganisationKind.choices)
    code = models.CharField(
        _("code"), max_length=32, unique=True, help_text=_("CBS-code (GM0718) voor een gemeente")
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    gemeenten = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="groepen",
        limit_choices_to={"kind": OrganisationKind.GEMEENTE},
        verbose_name=_("gemeenten"),
        help_text=_(
            "Voor een regio: de deelnemende gemeenten. Voor een uitvoerder: bediende gemeenten."
        ),
    )

    # A gemeente's dashboard at /openbaar/<code>/ (figures of vastgestelde reports only, with
    # disclosure control): off until the gemeente decides to publish it.
    public_dashboard = models.BooleanField(
        _("openbaar dashboard"),
        default=False,
        help_text=_(
            "Toon het dashboard van deze gemeente zonder inloggen, met alleen de cijfers uit "
            "vastgestelde rapportages."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.name

    @property
    def is_gemeente(self):
        return self.kind == OrganisationKind.GEMEENTE

    @property
    def is_regio(self):
        return self.kind == OrganisationKind.REGIO


class Doelgroep(models.Model):
    """A target group within a supplier's work (Orionis: Werkzoekenden, Wsw, ...)."""

    uitvoerder = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="doelgroepen",
        limit_choices_to={"kind": OrganisationKind.UITVOERDER},
        verbose_name=_("uitvoeringsorganisatie"),
    )
    code = models.SlugField(_("code"), max_length=64)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["uitvoerder__name", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["uitvoerder", "code"], name="doelgroep_code_uniek")
        ]
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    LEVERANCIER = "leverancier", _("Medewerker uitvoeringsorganisatie")
    BELEID = "beleid", _("Beleidsmedewerker")
    GRIFFIE = "griffie", _("Griffie")
    BEHEERDER = "beheerder", _("Functioneel beheerder")


# Which kind of organisation each role is held for (beheerder: none, system-wide).
ROLE_ORGANISATION_KINDS = {
    Role.LEVERANCIER: {OrganisationKind.UITVOERDER},
    Role.BELEID: {OrganisationKind.GEMEENTE, OrganisationKind.REGIO},
    Role.GRIFFIE: {OrganisationKind.GEMEENTE},
    Role.BEHEERDER: set(),
}


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("gebruiker"),
    )
    role = models.CharField(_("rol"), max_length=16, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )

    class Meta:
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"], name="membership_uniek"
            ),
            models.CheckConstraint(
                condition=Q(role=Role.BEHEERDER) | Q(organisation__isnull=False),
                name="membership_organisatie_verplicht",
            ),
        ]
        verbose_name = _("rol van gebruiker")
        verbose_name_plural = _("rollen van gebruikers")

    def __str__(self):
        if self.organisation_id:
            return f"{self.user} – {self.get_role_display()} ({self.organisation})"
        return f"{self.user} – {self.get_role_display()}"

    def clean(self):
        from django.core.exceptions import ValidationError

        kinds = ROLE_ORGANISATION_KINDS[Role(self.role)]
        if not kinds and self.organisation_id:
            raise ValidationError(_("Een functioneel beheerder hoort niet bij een organisatie."))
        if kinds and (not self.organisation_id or self.organisation.kind not in kinds):
            raise ValidationError(
                _("Deze rol hoort bij een organisatie van de soort: %(kinds)s.")
                % {"kinds": ", ".join(str(OrganisationKind(k).label) for k in kinds)}
            )


class UserSession(models.Model):
    """Which sessions belong to whom, so that every session of a person can be ended at once
    (password changed, second factor reset) with any session backend."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="login_sessions",
        verbose_name=_("gebruiker"),
    )
    session_key = models.CharField(_("sessiesleutel"), max_length=40, unique=True)
    created = models.DateTimeField(_("ingelogd op"), auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("sessie van gebruiker")
        verbose_name_plural = _("sessies van gebruikers")

    def __str__(self):
        return f"{self.user} – {self.created:%Y-%m-%d %H:%M}"


# The huisstijl model lives beside theme_for(); imported here so Django registers it.
from .theme import Huisstijl  # noqa: E402, F401
