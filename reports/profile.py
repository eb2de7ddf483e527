"""What goes into a gemeente's report: its report profile.

A gemeente chooses the thema's, indicators and suppliers whose chapters the report shows, and
which charts: by default the monitor's own structure, one chart per indicator with the
doelgroepen as its lines. Left empty, a choice means "all". Whatever the body leaves out stays in
the appendix (every indicator of the monitor) and in the XLSX (every approved figure).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator, Thema
from organisations.models import Organisation, OrganisationKind


class ChartChoice(models.TextChoices):
    PER_INDICATOR = "per_indicator", _("Eén grafiek per indicator, met de doelgroepen als lijnen")
    PER_DOELGROEP = "per_doelgroep", _("Eén grafiek per indicator en doelgroep")
    POPULATIE = "populatie", _("Alleen grafieken bij de maatschappelijke indicatoren (Deel 1)")
    GEEN = "geen", _("Geen grafieken, alleen tabellen")


class ReportProfile(models.Model):
    gemeente = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="report_profile",
        limit_choices_to={"kind": OrganisationKind.GEMEENTE},
        verbose_name=_("gemeente"),
    )
    themas = models.ManyToManyField(
        Thema,
        blank=True,
        related_name="+",
        verbose_name=_("thema's"),
        help_text=_("Leeg: alle thema's."),
    )
    indicators = models.ManyToManyField(
        Indicator,
        blank=True,
        related_name="+",
        verbose_name=_("indicatoren"),
        help_text=_("Leeg: alle indicatoren van de gekozen thema's."),
    )
    uitvoerders = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.UITVOERDER},
        verbose_name=_("uitvoeringsorganisaties"),
        help_text=_("Leeg: alle uitvoeringsorganisaties (Deel 2 Prestaties)."),
    )
    charts = models.CharField(
        _("grafieken"),
        max_length=20,
        choices=ChartChoice.choices,
        default=ChartChoice.PER_INDICATOR,
    )
    compare_gemeenten = models.BooleanField(
        _("vergelijken met de andere gemeenten van de regio"),
        default=True,
        help_text=_("In de grafieken van Deel 1 Populatie."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("rapportprofiel")
        verbose_name_plural = _("rapportprofielen")

    def __str__(self):
        return str(_("Rapportprofiel %(gemeente)s") % {"gemeente": self.gemeente.name})


class Choice:
    """A profile as the report reads it (the default profile for a gemeente without one): plain
    sets of ids, read once per report, so the arranging code asks no further queries."""

    def __init__(self, profile: ReportProfile | None = None):
        self.themas = set(profile.themas.values_list("pk", flat=True)) if profile else set()
        self.indicators = set(profile.indicators.values_list("pk", flat=True)) if profile else set()
        self.uitvoerders = (
            set(profile.uitvoerders.values_list("pk", flat=True)) if profile else set()
        )
        self.charts = profile.charts if profile else ChartChoice.PER_INDICATOR
        self.compare_gemeenten = profile.compare_gemeenten if profile else True

    @classmethod
    def for_gemeente(cls, gemeente: Organisation) -> "Choice":
        return cls(ReportProfile.objects.filter(gemeente=gemeente).first())

    def shows_thema(self, thema) -> bool:
        return not self.themas or thema.pk in self.themas

    def shows_indicator(self, indicator) -> bool:
        return not self.indicators or indicator.pk in self.indicators

    def shows_uitvoerder(self, uitvoerder) -> bool:
        return not self.uitvoerders or uitvoerder.pk in self.uitvoerders

    def charts_for(self, populatie: bool) -> str:
        """How the part's charts are made: per indicator, per doelgroep, or none ("")."""
        if self.charts == ChartChoice.GEEN or (
            self.charts == ChartChoice.POPULATIE and not populatie
        ):
            return ""
        if self.charts == ChartChoice.PER_DOELGROEP:
            return ChartChoice.PER_DOELGROEP
        return ChartChoice.PER_INDICATOR

    def describe(self) -> dict:
        """For the snapshot: what the profile chose (sorted ids)."""
        return {
            "themas": sorted(self.themas),
            "indicators": sorted(self.indicators),
            "uitvoerders": sorted(self.uitvoerders),
            "charts": str(self.charts),
            "compare_gemeenten": self.compare_gemeenten,
        }
