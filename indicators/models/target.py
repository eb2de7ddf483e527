"""Streefwaarden (targets) and the beleidsmedewerker's trend judgements."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.text import REASON_MAX_LENGTH
from organisations.models import Doelgroep, Organisation

from .indicator import Indicator
from .period import Period


class Vergelijking(models.TextChoices):
    MINIMAAL = ">=", _("minimaal")
    MAXIMAAL = "<=", _("maximaal")
    GELIJK = "=", _("gelijk aan")


class Streefwaarde(models.Model):
    """A target for an indicator, for a gemeente, regio or supplier, valid for a range of years."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="streefwaarden",
        verbose_name=_("indicator"),
    )
    scope = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="streefwaarden",
        verbose_name=_("voor"),
        help_text=_("Gemeente, regio of uitvoeringsorganisatie."),
    )
    doelgroep = models.ForeignKey(
        Doelgroep, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("doelgroep")
    )
    year_from = models.PositiveSmallIntegerField(_("vanaf jaar"))
    year_to = models.PositiveSmallIntegerField(_("tot en met jaar"), null=True, blank=True)
    comparison = models.CharField(
        _("vergelijking"), max_length=2, choices=Vergelijking.choices, default=Vergelijking.MINIMAAL
    )
    value = models.DecimalField(_("streefwaarde"), max_digits=20, decimal_places=6)
    note = models.CharField(_("toelichting"), max_length=255, blank=True)

    class Meta:
        ordering = ["indicator", "scope", "year_from"]
        indexes = [models.Index(fields=["indicator", "scope"])]
        verbose_name = _("streefwaarde")
        verbose_name_plural = _("streefwaarden")

    def __str__(self):
        until = self.year_to or "…"
        return f"{self.indicator} – {self.scope}: {self.get_comparison_display()} {self.value} ({self.year_from}-{until})"


class Oordeel(models.TextChoices):
    POSITIEF = "positief", _("Voorzichtig positief")
    NEGATIEF = "negatief", _("Voorzichtig negatief")
    GELIJK = "gelijk", _("Gelijk")
    GEEN = "geen", _("Geen oordeel")


class TrendOordeel(models.Model):
    """The beleidsmedewerker's judgement of a trend; the system's proposal is kept beside it."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="oordelen", verbose_name=_("indicator")
    )
    area = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("gebied")
    )
    doelgroep = models.ForeignKey(
        Doelgroep, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("doelgroep")
    )
    period = models.ForeignKey(
        Period, on_delete=models.CASCADE, related_name="+", verbose_name=_("periode")
    )
    base_period = models.ForeignKey(
        Period,
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("vergeleken met"),
    )
    proposal = models.CharField(_("voorstel"), max_length=8, choices=Oordeel.choices)
    judgement = models.CharField(_("oordeel"), max_length=8, choices=Oordeel.choices)
    reason = models.TextField(_("motivering"), blank=True, max_length=REASON_MAX_LENGTH)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    decided_at = models.DateTimeField(_("vastgelegd op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "doelgroep", "period"],
                name="trendoordeel_uniek",
                condition=Q(doelgroep__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["indicator", "area", "period"],
                name="trendoordeel_uniek_zonder_doelgroep",
                condition=Q(doelgroep__isnull=True),
            ),
        ]
        verbose_name = _("trendoordeel")
        verbose_name_plural = _("trendoordelen")

    def __str__(self):
        return f"{self.indicator} – {self.area} – {self.period}: {self.get_judgement_display()}"
