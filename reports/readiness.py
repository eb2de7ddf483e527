"""Is a report ready? Which figures the gemeente's uitvragen expect for the report's period that
have no approved value yet, and which texts are still empty.

A figure is expected for every row of an uitvraag about the gemeente (or a regio it belongs to), in
every submission whose period ends within the report's period (2018H1: 2018Q1, 2018Q2 and 2018H1;
2018H2 also the year 2018). It has an approved value when its submission is goedgekeurd and the
value is filled in. An uitvraag without any submission in that window is listed too, unless it
asks only for longer periods (a year's figures are not expected in a half-year report).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from indicators.engine import MONTHS
from indicators.models import (
    Submission,
    SubmissionStatus,
    Uitvraag,
    UitvraagRegel,
    Value,
)

from .content import area_ids_for
from .models import Report
from .texts import missing_texts

MAX_LISTED = 12  # missing cells listed per submission; the rest is counted


@dataclass
class Cell:
    indicator: object
    doelgroep: object
    area: object
    toelichting: str = ""

    @property
    def label(self) -> str:
        parts = [self.indicator.name]
        if self.doelgroep:
            parts.append(self.doelgroep.name)
        parts.append(self.area.name)
        return " – ".join(parts)


@dataclass
class Row:
    """One uitvraag in one period: its submission (if any) and the figures without approval."""

    uitvraag: Uitvraag
    submission: Submission | None
    expected: int
    approved: int
    filled: int = 0
    missing: list[Cell] = field(default_factory=list)  # empty cells of an approved submission
    may_open: bool = False  # the user may open the submission

    @property
    def is_complete(self) -> bool:
        return self.expected > 0 and self.approved == self.expected

    @property
    def is_approved(self) -> bool:
        return (
            self.submission is not None and self.submission.status == SubmissionStatus.GOEDGEKEURD
        )

    @property
    def open_count(self) -> int:
        return self.expected - self.approved

    @property
    def listed(self) -> list[Cell]:
        return self.missing[:MAX_LISTED]

    @property
    def unlisted(self) -> int:
        return max(0, len(self.missing) - MAX_LISTED)

    @property
    def status_text(self) -> str:
        if self.submission is None:
            return _("Nog geen aanlevering")
        if self.is_approved:
            if self.missing:
                return _("Goedgekeurd, met lege cijfers")
            return _("Goedgekeurd")
        return _("%(status)s – nog niet goedgekeurd") % {
            "status": self.submission.get_status_display()
        }


@dataclass
class Readiness:
    rows: list[Row]
    texts: list[str]

    @property
    def open_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.is_complete]

    @property
    def complete_rows(self) -> list[Row]:
        return [r for r in self.rows if r.is_complete]

    @property
    def expected(self) -> int:
        return sum(r.expected for r in self.rows)

    @property
    def approved(self) -> int:
        return sum(r.approved for r in self.rows)

    @property
    def is_ready(self) -> bool:
        return not self.open_rows and not self.texts


def readiness(report: Report, user) -> Readiness:
    """What is still missing for ``report``; a fixed number of queries."""
    period = report.period
    area_ids = area_ids_for(report.gemeente)
    uitvragen = list(
        Uitvraag.objects.filter(areas__in=area_ids)
        .distinct()
        .select_related("uitvoerder")
        .order_by("uitvoerder__name", "name", "pk")
    )
    uitvraag_ids = [u.pk for u in uitvragen]
    regels = defaultdict(list)
    for regel in (
        UitvraagRegel.objects.filter(uitvraag_id__in=uitvraag_ids, indicator__formula="")
        .select_related("indicator", "doelgroep")
        .order_by("uitvraag_id", "order", "pk")
    ):
        regels[regel.uitvraag_id].append(regel)
    areas = defaultdict(list)
    through = Uitvraag.areas.through.objects.filter(
        uitvraag_id__in=uitvraag_ids, organisation_id__in=area_ids
    ).select_related("organisation")
    for link in through.order_by("organisation__name"):
        areas[link.uitvraag_id].append(link.organisation)
    submissions = list(
        Submission.objects.filter(
            uitvraag_id__in=uitvraag_ids, period__end__gte=period.start, period__end__lte=period.end
        )
        .select_related("period")
        .order_by("period__start", "period__type", "pk")
    )
    visible = set(
        Submission.objects.visible_to(user)
        .filter(pk__in=[s.pk for s in submissions])
        .values_list("pk", flat=True)
    )
    approved_ids = [s.pk for s in submissions if s.status == SubmissionStatus.GOEDGEKEURD]
    filled_values = defaultdict(dict)  # submission → key → toelichting ("" when filled)
    for submission_id, key_i, key_d, key_a, value, toelichting in Value.objects.filter(
        submission_id__in=approved_ids, area_id__in=area_ids
    ).values_list(
        "submission_id", "indicator_id", "doelgroep_id", "area_id", "value", "toelichting"
    ):
        filled_values[submission_id][(key_i, key_d, key_a)] = (value is not None, toelichting)
    filled_counts = dict(
        Value.objects.filter(
            submission_id__in=[s.pk for s in submissions if s.pk not in approved_ids],
            area_id__in=area_ids,
        )
        .values("submission_id")
        .annotate(n=Count("pk", filter=Q(value__isnull=False)))
        .values_list("submission_id", "n")
    )

    by_uitvraag = defaultdict(list)
    for submission in submissions:
        by_uitvraag[submission.uitvraag_id].append(submission)
    rows = []
    for uitvraag in uitvragen:
        cells = [(r, a) for r in regels[uitvraag.pk] for a in areas[uitvraag.pk]]
        if not cells:
            continue
        found = by_uitvraag.get(uitvraag.pk, [])
        if not found:
            if min(MONTHS[r.indicator.period_type] for r, _a in cells) <= MONTHS[period.type]:
                rows.append(
                    Row(uitvraag=uitvraag, submission=None, expected=len(cells), approved=0)
                )
            continue
        for submission in found:
            row = Row(
                uitvraag=uitvraag,
                submission=submission,
                expected=len(cells),
                approved=0,
                may_open=submission.pk in visible,
            )
            if submission.status == SubmissionStatus.GOEDGEKEURD:
                values = filled_values[submission.pk]
                for regel, area in cells:
                    key = (regel.indicator_id, regel.doelgroep_id, area.pk)
                    is_filled, toelichting = values.get(key, (False, ""))
                    if is_filled:
                        row.approved += 1
                    else:
                        row.missing.append(
                            Cell(regel.indicator, regel.doelgroep, area, toelichting)
                        )
                row.filled = row.approved
            else:
                row.filled = min(filled_counts.get(submission.pk, 0), len(cells))
            rows.append(row)
    return Readiness(rows=rows, texts=missing_texts(report))
