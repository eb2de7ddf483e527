"""Completeness per period: which supplier has delivered what, and on time or late.

Per submission: the cells the uitvraag expects (rows × gemeenten/regio's), how many are filled,
how many are missing with a toelichting, and whether it was submitted before its deadline. A
submission counts as delivered once it is ingediend or goedgekeurd; ``submitted_at`` is the last
time it was submitted (a resubmission after terugsturen counts), compared by date with the deadline.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Period, Submission, SubmissionStatus, Uitvraag, UitvraagRegel, Value

# (indicator_id, area_id, doelgroep_id), as the engine addresses a figure.
Cell = tuple[int, int, int | None]


def expected_cells(area_ids=None) -> dict[Cell, str]:
    """Every figure the uitvragen ask for: their rows (entered indicators; a computed one is never
    entered) × their gemeenten/regio's, each with the period type it is asked in (the
    indicator's). ``area_ids``: only these areas (None: all). Two queries.

    This is the one answer to "which figures are expected": the engine uses it so that a total
    over doelgroepen or gemeenten is only made when every expected part is there, and the
    completeness overviews count against it."""
    links = Uitvraag.areas.through.objects.all()
    if area_ids is not None:
        links = links.filter(organisation_id__in=sorted(area_ids))
    rows = (
        UitvraagRegel.objects.filter(indicator__formula="")
        .filter(uitvraag_id__in=links.values("uitvraag_id"))
        .values_list("indicator_id", "doelgroep_id", "indicator__period_type", "uitvraag_id")
    )
    regels = list(rows)
    areas: dict[int, list[int]] = {}
    for uitvraag_id, area_id in links.filter(uitvraag_id__in={r[3] for r in regels}).values_list(
        "uitvraag_id", "organisation_id"
    ):
        areas.setdefault(uitvraag_id, []).append(area_id)
    return {
        (indicator_id, area_id, doelgroep_id): period_type
        for indicator_id, doelgroep_id, period_type, uitvraag_id in regels
        for area_id in areas.get(uitvraag_id, ())
    }


DELIVERED = {SubmissionStatus.INGEDIEND, SubmissionStatus.GOEDGEKEURD}


class Tijdigheid:
    OP_TIJD = "op_tijd"
    TE_LAAT = "te_laat"
    OVER_DEADLINE = "over_deadline"
    NIET_INGEDIEND = "niet_ingediend"

    labels = {
        OP_TIJD: _("Op tijd"),
        TE_LAAT: _("Te laat"),
        OVER_DEADLINE: _("Nog niet ingediend (over de deadline)"),
        NIET_INGEDIEND: _("Nog niet ingediend"),
    }


def timeliness(submission: Submission, today: date | None = None) -> str:
    today = today or timezone.localdate()
    if submission.status in DELIVERED and submission.submitted_at:
        submitted_on = timezone.localdate(submission.submitted_at)
        return Tijdigheid.OP_TIJD if submitted_on <= submission.deadline else Tijdigheid.TE_LAAT
    if today > submission.deadline:
        return Tijdigheid.OVER_DEADLINE
    return Tijdigheid.NIET_INGEDIEND


@dataclass
class Completeness:
    submission: Submission
    expected: int
    filled: int
    explained: int  # missing, with a toelichting
    timeliness: str

    @property
    def percentage(self) -> Decimal | None:
        if not self.expected:
            return None
        return (Decimal(self.filled) * 100 / self.expected).quantize(Decimal("0.1"))

    @property
    def percentage_text(self) -> str:
        if self.percentage is None:
            return ""
        return f"{self.percentage}".replace(".", ",") + " %"

    @property
    def missing(self) -> int:
        return self.expected - self.filled

    @property
    def timeliness_label(self) -> str:
        return str(Tijdigheid.labels[self.timeliness])

    @property
    def is_late(self) -> bool:
        return self.timeliness in {Tijdigheid.TE_LAAT, Tijdigheid.OVER_DEADLINE}


def completeness(submissions, today: date | None = None) -> list[Completeness]:
    """Completeness of these submissions in four queries, however many there are."""
    submissions = list(submissions.with_related())
    uitvraag_ids = {s.uitvraag_id for s in submissions}
    rows = dict(
        # Computed indicators are never entered, so they are not expected either.
        UitvraagRegel.objects.filter(uitvraag_id__in=uitvraag_ids, indicator__formula="")
        .values("uitvraag_id")
        .annotate(n=Count("pk"))
        .values_list("uitvraag_id", "n")
    )
    areas = dict(
        Uitvraag.areas.through.objects.filter(uitvraag_id__in=uitvraag_ids)
        .values("uitvraag_id")
        .annotate(n=Count("pk"))
        .values_list("uitvraag_id", "n")
    )
    counts = {
        submission_id: (filled, explained)
        for submission_id, filled, explained in Value.objects.filter(
            submission__in=[s.pk for s in submissions]
        )
        .values("submission_id")
        .annotate(
            filled=Count("pk", filter=Q(value__isnull=False)),
            explained=Count("pk", filter=Q(value__isnull=True) & ~Q(toelichting="")),
        )
        .values_list("submission_id", "filled", "explained")
    }
    result = []
    for submission in submissions:
        expected = rows.get(submission.uitvraag_id, 0) * areas.get(submission.uitvraag_id, 0)
        filled, explained = counts.get(submission.pk, (0, 0))
        # Values of rows removed from the uitvraag afterwards are not expected any more.
        filled = min(filled, expected)
        explained = min(explained, expected - filled)
        result.append(
            Completeness(submission, expected, filled, explained, timeliness(submission, today))
        )
    return result


def period_completeness(user, period: Period, today: date | None = None) -> list[Completeness]:
    submissions = (
        Submission.objects.visible_to(user)
        .filter(period=period)
        .order_by("uitvraag__uitvoerder__name", "uitvraag__name", "pk")
    )
    return completeness(submissions, today)


@dataclass
class Totals:
    submissions: int
    expected: int
    filled: int
    counts: dict[str, int]

    @property
    def percentage_text(self) -> str:
        if not self.expected:
            return ""
        percentage = (Decimal(self.filled) * 100 / self.expected).quantize(Decimal("0.1"))
        return f"{percentage}".replace(".", ",") + " %"

    @property
    def timeliness_counts(self) -> list[tuple[str, int]]:
        return [(str(label), self.counts[key]) for key, label in Tijdigheid.labels.items()]


def totals(rows: list[Completeness]) -> Totals:
    counts = {key: 0 for key in Tijdigheid.labels}
    for row in rows:
        counts[row.timeliness] += 1
    return Totals(
        submissions=len(rows),
        expected=sum(r.expected for r in rows),
        filled=sum(r.filled for r in rows),
        counts=counts,
    )
