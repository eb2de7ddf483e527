"""Themes (maatschappelijke resultaten) and indicators, with their kinds, units and how they add up."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, OrganisationKind


class Thema(models.Model):
    """A maatschappelijk resultaat, e.g. "Iedereen doet mee"."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("maatschappelijk resultaat")
        verbose_name_plural = _("maatschappelijke resultaten")

    def __str__(self):
        return self.name


class IndicatorSoort(models.TextChoices):
    MAATSCHAPPELIJK = "maatschappelijk", _("Maatschappelijke indicator")
    PRESTATIE = "prestatie", _("Prestatie-indicator")


class Aspect(models.TextChoices):
    ONTWIKKELING = "ontwikkeling", _("Ontwikkeling")
    INZET = "inzet", _("Inzet")
    EFFECT = "effect", _("Effect")


class Eenheid(models.TextChoices):
    AANTAL = "aantal", _("aantal")  # of people: disclosure control applies
    FTE = "fte", _("fte")  # formation, not people: never suppressed for its own value
    PERCENTAGE = "percentage", _("%")
    EURO = "euro", _("€")
    RAPPORTCIJFER = "rapportcijfer", _("rapportcijfer (1-10)")
    PER_1000 = "per_1000", _("per 1.000 inwoners")
    PER_10000 = "per_10000", _("per 10.000 inwoners")


class PeriodType(models.TextChoices):
    KWARTAAL = "Q", _("Kwartaal")
    HALFJAAR = "H", _("Halfjaar")
    JAAR = "J", _("Jaar")


class Richting(models.TextChoices):
    HOGER = "hoger", _("Hoger is beter")
    LAGER = "lager", _("Lager is beter")
    GEEN = "geen", _("Geen voorkeur")


class Aggregatie(models.TextChoices):
    """How an indicator adds up over gemeenten → regio, doelgroepen → totaal and periods → year."""

    SOM = "som", _("Optellen (stroomcijfer: over gebieden, doelgroepen en tijd)")
    STAND = "stand", _("Stand (optellen over gebieden en doelgroepen, laatste waarde in de tijd)")
    FORMULE = "formule", _("Herberekenen uit de opgetelde delen (verhoudingscijfer)")
    GEEN = "geen", _("Niet optellen")


class Indicator(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=255)
    thema = models.ForeignKey(
        Thema, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("thema")
    )
    soort = models.CharField(_("soort"), max_length=16, choices=IndicatorSoort.choices)
    aspect = models.CharField(_("inzet/effect"), max_length=16, choices=Aspect.choices)
    eenheid = models.CharField(_("eenheid"), max_length=16, choices=Eenheid.choices)
    decimals = models.PositiveSmallIntegerField(
        _("decimalen"), default=0, help_text=_("Het aantal toegestane decimalen.")
    )
    definition = models.TextField(_("definitie"), blank=True)
    source = models.CharField(_("bron"), max_length=255, blank=True)
    period_type = models.CharField(
        _("periodetype"), max_length=1, choices=PeriodType.choices, default=PeriodType.HALFJAAR
    )
    richting = models.CharField(
        _("gewenste richting"), max_length=8, choices=Richting.choices, default=Richting.GEEN
    )
    is_ontwikkelindicator = models.BooleanField(_("ontwikkelindicator"), default=False)
    uitvoerder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        limit_choices_to={"kind": OrganisationKind.UITVOERDER},
        verbose_name=_("uitvoeringsorganisatie"),
        help_text=_("Voor prestatie-indicatoren: wie levert."),
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)
    formula = models.TextField(
        _("formule"),
        blank=True,
        help_text=_(
            "Leeg: de waarde wordt aangeleverd. Anders berekend uit andere indicatoren, bijvoorbeeld "
            "[uitstroom-werk] / (([beginstand] + [eindstand]) / 2)."
        ),
    )
    aggregatie = models.CharField(
        _("optellen"), max_length=8, choices=Aggregatie.choices, default=Aggregatie.SOM
    )
    min_value = models.DecimalField(
        _("minimumwaarde"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximumwaarde"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    outlier_pct = models.DecimalField(
        _("uitschieter bij verandering van meer dan (%)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Een grotere verandering t.o.v. de vorige periode vraagt om een toelichting."),
    )
    trend_threshold_pct = models.DecimalField(
        _("drempel trendoordeel (%)"),
        max_digits=8,
        decimal_places=2,
        default=5,
        help_text=_("Kleinere veranderingen gelden als 'gelijk'."),
    )

    class Meta:
        ordering = ["thema__order", "soort", "order", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self):
        return self.name

    @property
    def is_computed(self):
        return bool(self.formula.strip())

    @property
    def display_name(self):
        if self.is_ontwikkelindicator:
            return f"{self.name} ({_('ontwikkelindicator')})"
        return self.name

    def clean(self):
        super().clean()
        # Unknown codes, self-reference and cycles are refused here (admin, forms) with a Dutch
        # message on the formula field; the engine itself never crashes on a bad formula.
        from ..formula import validate_formula

        self.formula = self.formula.strip()
        validate_formula(self)
