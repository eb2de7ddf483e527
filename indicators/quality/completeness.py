"""Completeness: which figures are expected, filled, submitted and approved — one definition for
``/kwaliteit/``, the report's "Wat ontbreekt nog?", the API and the engine's totals.

Expected are the cells of the uitvragen: their rows (entered indicators) × their gemeenten/regio's,
per period of the indicator's type (:func:`expected_cells` for the engine, :func:`expectations`
per uitvraag and period for the overviews). Per submission: how many are filled, how many are
missing with a toelichting, and whether it was submitted before its deadline. A submission counts
as delivered once it is ingediend or goedgekeurd; ``submitted_at`` is the last time it was
submitted (a resubmission after terugsturen counts), compared by date with the deadline.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from indicators.models import Period, Submission, SubmissionStatus, Uitvraag, UitvraagRegel, Value
from organisations.access import Access
from organisations.models import Organisation

# (indicator_id, area_id, doelgroep_id), as the engine addresses a figure.
Cell = tuple[int, int, int | None]


def expected_cells(area_ids=None) -> dict[Cell, str]:
    """Every figure the uitvragen ask for: their rows (entered indicators; a computed one is never
    entered) × their gemeenten/regio's, each with the period type it is asked in (the
    indicator's). ``area_ids``: only these areas (None: all). One query.

    This is the one answer to "which figures are expected": the engine uses it so that a total
    over doelgroepen or gemeenten is only made when every expected part is there, and the
    completeness overviews count against it."""
    # One filter() call, so that the area filtered on is the area returned (one join).
    areas = {"uitvraag__areas__isnull": False}
    if area_ids is not None:
        areas = {"uitvraag__areas__in": sorted(area_ids)}
    rows = UitvraagRegel.objects.filter(indicator__formula="", **areas)
    return {
        (indicator_id, area_id, doelgroep_id): period_type
        for indicator_id, area_id, doelgroep_id, period_type in rows.values_list(
            "indicator_id", "uitvraag__areas", "doelgroep_id", "indicator__period_type"
        ).order_by()
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


def period_completeness(user, period: Period, today: date | None = None) -> list["Expected"]:
    """What ``user`` may see of :func:`expectations` for ``period`` (``/kwaliteit/``, the API)."""
    return expectations(period, user, today=today)


@dataclass
class Totals:
    submissions: int
    expected: int
    filled: int
    counts: dict[str, int]
    submitted: int = 0
    approved: int = 0
    without_submission: int = 0

    @property
    def approved_percentage_text(self) -> str:
        return _percentage_text(_percentage(self.approved, self.expected))

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
        if row.submission is not None:
            counts[row.timeliness] += 1
    return Totals(
        submissions=sum(1 for r in rows if r.submission is not None),
        expected=sum(r.expected for r in rows),
        filled=sum(r.filled for r in rows),
        counts=counts,
        submitted=sum(getattr(r, "submitted", 0) for r in rows),
        approved=sum(getattr(r, "approved", 0) for r in rows),
        without_submission=sum(1 for r in rows if r.submission is None),
    )


# --- one definition of expected / filled / submitted / approved ---------------------------------

MAX_LISTED = 12  # missing cells listed per row; the rest is counted
_MONTHS = {"Q": 3, "H": 6, "J": 12}  # PeriodType values → months (as the engine's MONTHS)


@dataclass
class MissingCell:
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
class Expected:
    """One uitvraag in one period: the figures it asks for (rows × areas), how many are filled,
    submitted (filled in an ingediende or goedgekeurde submission) and approved (filled in a
    goedgekeurde one), and which have no approved figure yet. ``submission`` is None when the
    supplier has not started one: then every figure is still missing."""

    uitvraag: Uitvraag
    submission: Submission | None
    expected: int
    filled: int = 0
    submitted: int = 0
    approved: int = 0
    explained: int = 0  # missing, with a toelichting
    missing: list[MissingCell] = field(default_factory=list)  # no approved figure yet
    timeliness: str = Tijdigheid.NIET_INGEDIEND
    may_open: bool = False  # the user may open the submission

    @property
    def percentage(self) -> Decimal | None:
        return _percentage(self.filled, self.expected)

    @property
    def percentage_text(self) -> str:
        return _percentage_text(self.percentage)

    @property
    def approved_percentage_text(self) -> str:
        return _percentage_text(_percentage(self.approved, self.expected))

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
    def listed(self) -> list[MissingCell]:
        return self.missing[:MAX_LISTED]

    @property
    def unlisted(self) -> int:
        return max(0, len(self.missing) - MAX_LISTED)

    @property
    def timeliness_label(self) -> str:
        return str(Tijdigheid.labels[self.timeliness])

    @property
    def is_late(self) -> bool:
        return self.timeliness in {Tijdigheid.TE_LAAT, Tijdigheid.OVER_DEADLINE}

    @property
    def status_text(self) -> str:
        if self.submission is None:
            return str(_("Nog geen aanlevering"))
        if self.is_approved:
            if self.approved < self.expected:
                return str(_("Goedgekeurd, met lege cijfers"))
            return str(_("Goedgekeurd"))
        return str(_("%(status)s – nog niet goedgekeurd")) % {
            "status": self.submission.get_status_display()
        }


def _percentage(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))


def _percentage_text(percentage: Decimal | None) -> str:
    return "" if percentage is None else f"{percentage}".replace(".", ",") + " %"


def expectations(
    period: Period, user=None, area_ids=None, today: date | None = None
) -> list[Expected]:
    """Per uitvraag, what is expected in ``period`` and how far it is: the one definition behind
    ``/kwaliteit/``, the report's "Wat ontbreekt nog?" and the API (the engine's totals use the
    same cells, :func:`expected_cells`). A fixed number of queries.

    Expected: every row of an uitvraag (entered indicators) × its areas, in every submission
    whose period ends within ``period`` (2018H2: 2018Q3, 2018Q4, 2018H2 and the year 2018). An
    uitvraag without any submission in that window is expected once, unless it asks only for
    longer periods (a year's figures are not due in a half year). ``area_ids``: count only these
    areas (a report: the gemeente and its regio's); ``user``: only the uitvragen they may see,
    a beleidsmedewerker only the cells of their own areas (None: everything)."""
    access = Access.for_user(user) if user is not None else None
    uitvragen = Uitvraag.objects.all()
    if area_ids is not None:
        uitvragen = uitvragen.filter(areas__in=sorted(area_ids))
    if access is not None and not access.is_beheerder:
        uitvragen = uitvragen.filter(
            Q(uitvoerder_id__in=sorted(access.uitvoerder_ids))
            | Q(areas__in=sorted(access.beleid_area_ids))
        )
    uitvragen = list(
        uitvragen.distinct().select_related("uitvoerder").order_by("uitvoerder__name", "name", "pk")
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
    links = Uitvraag.areas.through.objects.filter(uitvraag_id__in=uitvraag_ids)
    if area_ids is not None:
        links = links.filter(organisation_id__in=sorted(area_ids))
    own = {u.pk for u in uitvragen if access is None or access.is_beheerder}
    if access is not None:
        own |= {u.pk for u in uitvragen if u.uitvoerder_id in access.uitvoerder_ids}
    # One instance per area, not one per link (a national uitvraag links all 342 gemeenten).
    links = list(links.order_by("organisation__name").values_list("uitvraag_id", "organisation_id"))
    organisations = Organisation.objects.in_bulk(sorted({a for _u, a in links}))
    for uitvraag_id, area_id in links:
        if uitvraag_id in own or area_id in access.beleid_area_ids:
            areas[uitvraag_id].append(organisations[area_id])
    submissions = list(
        Submission.objects.filter(
            uitvraag_id__in=uitvraag_ids, period__end__gte=period.start, period__end__lte=period.end
        )
        .select_related("period", "uitvraag__uitvoerder")
        .order_by("period__start", "period__type", "pk")
    )
    visible = (
        {s.pk for s in submissions}
        if user is None
        else set(
            Submission.objects.visible_to(user)
            .filter(pk__in=[s.pk for s in submissions])
            .values_list("pk", flat=True)
        )
    )
    wanted_areas = sorted({a.pk for found in areas.values() for a in found})
    counts = _counts(submissions, wanted_areas)
    approved_ids = {s.pk for s in submissions if s.status == SubmissionStatus.GOEDGEKEURD}
    gaps = {  # submission → its areas with an empty cell
        submission.pk: [
            area
            for area in areas[submission.uitvraag_id]
            if counts.get((submission.pk, area.pk), (0, 0))[0] < len(regels[submission.uitvraag_id])
        ]
        for submission in submissions
    }
    # Only an approved submission's empty cells are listed: read the cells of its areas with gaps.
    stored = _stored_cells({(pk, area.pk) for pk in approved_ids for area in gaps[pk]})

    by_uitvraag = defaultdict(list)
    for submission in submissions:
        by_uitvraag[submission.uitvraag_id].append(submission)
    rows = []
    for uitvraag in uitvragen:
        expected = len(regels[uitvraag.pk]) * len(areas[uitvraag.pk])
        found = by_uitvraag.get(uitvraag.pk, [])
        if not found:
            if (
                expected
                and min(_MONTHS[r.indicator.period_type] for r in regels[uitvraag.pk])
                <= _MONTHS[period.type]
            ):
                cells = [(r, a) for r in regels[uitvraag.pk] for a in areas[uitvraag.pk]]
                rows.append(
                    Expected(
                        uitvraag=uitvraag,
                        submission=None,
                        expected=expected,
                        missing=[MissingCell(r.indicator, r.doelgroep, a) for r, a in cells],
                        timeliness=Tijdigheid.NIET_INGEDIEND,
                    )
                )
            continue
        for submission in found:
            row = Expected(
                uitvraag=uitvraag,
                submission=submission,
                expected=expected,
                timeliness=timeliness(submission, today),
                may_open=submission.pk in visible,
            )
            delivered = submission.status in DELIVERED
            approved = submission.pk in approved_ids
            for area in areas[uitvraag.pk]:
                filled, explained = counts.get((submission.pk, area.pk), (0, 0))
                row.filled += filled
                row.explained += explained
            listed = gaps[submission.pk] if approved else []
            for regel, area in ((r, a) for r in regels[uitvraag.pk] for a in listed):
                is_filled, toelichting = stored.get((submission.pk, area.pk), {}).get(
                    (regel.indicator_id, regel.doelgroep_id), (False, "")
                )
                if not is_filled:
                    row.missing.append(
                        MissingCell(regel.indicator, regel.doelgroep, area, toelichting)
                    )
            row.submitted = row.filled if delivered else 0
            row.approved = row.filled if approved else 0
            rows.append(row)
    return rows


def _counts(submissions, area_ids) -> dict[tuple[int, int], tuple[int, int]]:
    """(submission, area) → (filled, missing with a toelichting), counting only the cells the
    uitvraag asks for (a value of a row since removed does not count). One aggregate query: the
    rows stay in the database (a quarter of a national supplier holds ~325.000 cells)."""
    asked = UitvraagRegel.objects.filter(
        uitvraag_id=OuterRef("submission__uitvraag_id"),
        indicator_id=OuterRef("indicator_id"),
        indicator__formula="",
    )
    rows = (
        Value.objects.filter(submission_id__in=[s.pk for s in submissions], area_id__in=area_ids)
        .filter(
            Q(Exists(asked.filter(doelgroep_id=OuterRef("doelgroep_id"))), doelgroep__isnull=False)
            | Q(Exists(asked.filter(doelgroep__isnull=True)), doelgroep__isnull=True)
        )
        .values("submission_id", "area_id")
        .annotate(
            filled=Count("pk", filter=Q(value__isnull=False)),
            explained=Count("pk", filter=Q(value__isnull=True) & ~Q(toelichting="")),
        )
        .order_by()
    )
    return {(r["submission_id"], r["area_id"]): (r["filled"], r["explained"]) for r in rows}


def _stored_cells(pairs) -> dict[tuple[int, int], dict]:
    """(submission, area) → (indicator, doelgroep) → (filled, toelichting) for these pairs only."""
    if not pairs:
        return {}
    stored: dict[tuple[int, int], dict] = defaultdict(dict)
    for (
        submission_id,
        area_id,
        indicator_id,
        doelgroep_id,
        value,
        toelichting,
    ) in Value.objects.filter(
        submission_id__in=sorted({s for s, _a in pairs}), area_id__in=sorted({a for _s, a in pairs})
    ).values_list(
        "submission_id", "area_id", "indicator_id", "doelgroep_id", "value", "toelichting"
    ):
        if (submission_id, area_id) in pairs:
            stored[submission_id, area_id][indicator_id, doelgroep_id] = (
                value is not None,
                toelichting,
            )
    return stored


@dataclass
class Summary:
    """The counts of :func:`expectations` together."""

    rows: list[Expected]

    @property
    def expected(self) -> int:
        return sum(r.expected for r in self.rows)

    @property
    def filled(self) -> int:
        return sum(r.filled for r in self.rows)

    @property
    def submitted(self) -> int:
        return sum(r.submitted for r in self.rows)

    @property
    def approved(self) -> int:
        return sum(r.approved for r in self.rows)

    @property
    def without_submission(self) -> list[Expected]:
        return [r for r in self.rows if r.submission is None]
