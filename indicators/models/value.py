"""The figures of a submission, one per indicator × doelgroep × gemeente/regio, and their status."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.text import TOELICHTING_MAX_LENGTH
from organisations.models import Doelgroep, Organisation

from .indicator import Indicator
from .submission import Submission, SubmissionStatus


class CijferStatus(models.TextChoices):
    """The status of a figure as CBS publishes it: a later, more definitive figure is a new
    approved version of the same cell (its history keeps the earlier one). Public outputs mark
    every figure that is not definitief with ``*``."""

    VOORLOPIG = "voorlopig", _("voorlopig")
    NADER_VOORLOPIG = "nader_voorlopig", _("nader voorlopig")
    DEFINITIEF = "definitief", _("definitief")


def status_from(value) -> str:
    """A status from what an input gives: a status (also "nader voorlopig" with a space), or the
    old voorlopig flag (True → voorlopig, False → definitief). Raises ValueError otherwise."""
    if isinstance(value, bool):
        return CijferStatus.VOORLOPIG if value else CijferStatus.DEFINITIEF
    text = str(value or "").strip().lower().replace(" ", "_").replace("-", "_")
    if text in CijferStatus.values:
        return text
    raise ValueError(text)


def is_provisional(status) -> bool:
    """Not (yet) definitief; accepts the old boolean flag too (snapshots, engine rows)."""
    if isinstance(status, str):
        return status != CijferStatus.DEFINITIEF
    return bool(status)


class ValueQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(submission__status=SubmissionStatus.GOEDGEKEURD, value__isnull=False)

    def for_gemeente(self, gemeente):
        """Values about a gemeente itself or about a regio it belongs to."""
        return self.filter(Q(area=gemeente) | Q(area__gemeenten=gemeente))


class Value(models.Model):
    """One figure: indicator × doelgroep × gemeente/regio within a submission.

    ``raw`` keeps exactly what the supplier typed, so invalid input is never lost; ``value`` holds
    the parsed number only when ``raw`` is valid (``error`` says why it is not).
    """

    # No single-column indexes on submission and indicator: they lead the composite indexes
    # below, and at millions of values every extra index slows a bulk import (docs/benchmarks.md).
    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="values",
        verbose_name=_("aanlevering"),
        db_index=False,
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="values",
        verbose_name=_("indicator"),
        db_index=False,
    )
    doelgroep = models.ForeignKey(
        Doelgroep,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="values",
        verbose_name=_("doelgroep"),
    )
    area = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="values",
        verbose_name=_("gemeente of regio"),
    )
    value = models.DecimalField(_("waarde"), max_digits=20, decimal_places=6, null=True, blank=True)
    raw = models.CharField(_("ingevoerd"), max_length=64, blank=True)
    error = models.CharField(_("fout"), max_length=255, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True, max_length=TOELICHTING_MAX_LENGTH)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CijferStatus.choices,
        default=CijferStatus.DEFINITIEF,
        help_text=_("Zoals CBS: voorlopig, nader voorlopig of definitief."),
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

    # The history is read per submission (the history page) and per value (id); single-column
    # indexes on its other references only cost writes (100.000 rows per bulk import) and buffer
    # space: no foreign-key constraints on history rows need them.
    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        no_db_index=["area", "doelgroep", "indicator", "updated_by"],
    )
    objects = ValueQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator", "doelgroep", "area"],
                name="waarde_uniek",
                condition=Q(doelgroep__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["submission", "indicator", "area"],
                name="waarde_uniek_zonder_doelgroep",
                condition=Q(doelgroep__isnull=True),
            ),
        ]
        indexes = [
            # The API's pages of a submission's values (``waarden/``, a cursor over the ids).
            models.Index(fields=["submission", "id"], name="waarde_aanlevering_id"),
            models.Index(fields=["indicator", "area"]),
            # The engine reads the approved figures of a few gemeenten in a few periods (their
            # submissions): on PostgreSQL an index-only scan, measured with 11 million values
            # in docs/benchmarks.md. SQLite ignores ``include``.
            models.Index(
                fields=["submission", "area"],
                include=["indicator", "doelgroep", "value", "status"],
                name="waarde_aanlevering_gebied",
            ),
        ]
        verbose_name = _("waarde")
        verbose_name_plural = _("waarden")

    def __str__(self):
        return f"{self.indicator} / {self.doelgroep or '-'} / {self.area}: {self.raw or '—'}"

    @property
    def key(self):
        return (self.indicator_id, self.doelgroep_id, self.area_id)

    @property
    def is_filled(self):
        return self.value is not None

    # The old flag, kept as an alias: True for voorlopig and nader voorlopig; setting it maps
    # True → voorlopig, False → definitief (``Value(voorlopig=True)`` works too).
    @property
    def voorlopig(self) -> bool:
        return is_provisional(self.status)

    @voorlopig.setter
    def voorlopig(self, flag: bool) -> None:
        self.status = status_from(bool(flag))

    @property
    def number(self) -> Decimal | None:
        return self.value
