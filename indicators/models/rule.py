"""Validatieregels: checks between figures (formulas compared), with their severity."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, OrganisationKind


class Operator(models.TextChoices):
    LE = "<=", "≤"
    LT = "<", "<"
    EQ = "=", "="
    NE = "!=", "≠"
    GE = ">=", "≥"
    GT = ">", ">"


class Ernst(models.TextChoices):
    FOUT = "fout", _("Fout (blokkeert indienen)")
    WAARSCHUWING = "waarschuwing", _("Waarschuwing (vraagt een toelichting)")


class BijOntbreken(models.TextChoices):
    OVERSLAAN = "overslaan", _("Regel overslaan")
    NUL = "nul", _("Ontbrekende waarde telt als 0")
    MELDEN = "melden", _("Melden als probleem")


class ValidatieRegel(models.Model):
    """A declarative rule between figures, e.g. ``[uitstroom-werk] <= [uitstroom-totaal]``.

    Both sides are formulas (see indicators.formula); ``[code@doelgroep]`` names one doelgroep's
    figure. Rules are evaluated per gemeente/regio of a submission.
    """

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("omschrijving"), max_length=255)
    left = models.TextField(_("linkerkant"))
    operator = models.CharField(_("operator"), max_length=2, choices=Operator.choices)
    right = models.TextField(_("rechterkant"))
    ernst = models.CharField(
        _("ernst"), max_length=12, choices=Ernst.choices, default=Ernst.WAARSCHUWING
    )
    bij_ontbreken = models.CharField(
        _("bij ontbrekende waarde"),
        max_length=10,
        choices=BijOntbreken.choices,
        default=BijOntbreken.OVERSLAAN,
    )
    uitvoerder = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="validatieregels",
        limit_choices_to={"kind": OrganisationKind.UITVOERDER},
        verbose_name=_("uitvoeringsorganisatie"),
        help_text=_("Leeg: geldt voor alle aanleveringen waarin de indicatoren voorkomen."),
    )
    message = models.CharField(_("melding"), max_length=255, blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("validatieregel")
        verbose_name_plural = _("validatieregels")

    def __str__(self):
        return f"{self.name} ({self.left} {self.operator} {self.right})"
