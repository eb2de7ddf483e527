"""Operations on submissions that span several models: the grid, saving figures, completeness
and the comparison with the previous period."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.text import toelichting_problem
from indicators.models import Submission, SubmissionStatus, UitvraagRegel, Value, status_from
from indicators.quality.rules import check_submission, load_facts
from indicators.quality.validation import parse_value
from organisations.access import Access

# The cells of a submission live below this module and rules, which both read them.
from .cells import (  # noqa: F401 (imported from here too)
    CellKey,
    expected_keys,
    submission_areas,
    submission_rows,
    values_by_key,
)


class NotEditable(Exception):
    """Raised when figures are changed on a submission that is not (or no longer) editable."""


@dataclass
class CellInput:
    indicator_id: int
    doelgroep_id: int | None
    area_id: int
    raw: str = ""
    toelichting: str = ""
    voorlopig: bool = False  # the old flag; ``status`` wins when given
    status: str | None = None  # CijferStatus

    @property
    def key(self) -> CellKey:
        return (self.indicator_id, self.doelgroep_id, self.area_id)

    @property
    def figure_status(self) -> str:
        return self.status or status_from(bool(self.voorlopig))


@dataclass
class SaveResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: dict[CellKey, str] = field(default_factory=dict)
    unknown: list[CellKey] = field(default_factory=list)
    # Cells not stored at all (an over-long toelichting): the reason per cell.
    not_stored: dict[CellKey, str] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return self.created + self.updated


def submission_problems(submission: Submission, findings=None) -> list[str]:
    """Why a submission cannot be submitted yet (empty list: it can): missing or invalid figures,
    failed validatieregels and bounds, and warnings without a toelichting (see indicators.quality.rules).
    ``findings``: the result of ``rules.check_submission``, when the caller already has it."""
    rows = submission_rows(submission)
    areas = submission_areas(submission)
    names = {(r.indicator_id, r.doelgroep_id): r for r in rows}
    area_names = {a.pk: a.name for a in areas}
    existing = values_by_key(submission)
    problems = []
    for key in expected_keys(submission, rows, areas):
        value = existing.get(key)
        regel = names[(key[0], key[1])]
        if regel.indicator.is_computed and not (value and value.error):
            continue  # computed, never entered: only something typed by mistake stands in the way
        label = f"{regel.indicator.name}"
        if regel.doelgroep_id:
            label += f" ({regel.doelgroep.name})"
        label += f", {area_names[key[2]]}"
        if value is not None and value.error:
            problems.append(_("%(cell)s: %(error)s") % {"cell": label, "error": value.error})
        elif (value is None or value.value is None) and not (value and value.toelichting.strip()):
            problems.append(
                _("%(cell)s: vul een waarde in of licht toe waarom die ontbreekt") % {"cell": label}
            )
    if findings is None:
        findings = check_submission(submission, load_facts(submission, rows, areas, existing))
    problems.extend(finding.problem for finding in findings if finding.blocks_submit)
    return problems


def typed_fields(cell: CellInput, indicator) -> tuple[dict | None, str]:
    """What :func:`save_values` stores for ``cell``: (fields, "") — invalid input is kept with
    its ``error`` — or (None, why the cell is not stored at all). The live check of the grid
    (``indicators.submissions.live_check``) calls this too, so it says what saving would say."""
    if problem := toelichting_problem(cell.toelichting):
        return None, problem
    raw = (cell.raw or "").strip()[:64]
    number, error = parse_value(raw, indicator)
    return {
        "raw": raw,
        "value": number,
        "error": error,
        "toelichting": (cell.toelichting or "").strip(),
        "status": cell.figure_status,
    }, ""


def save_values(
    submission: Submission, user, cells: list[CellInput], reason: str = ""
) -> SaveResult:
    """Store what the supplier typed. Valid cells are kept even when other cells are invalid;
    invalid cells keep their raw input and an error message. Only while concept/teruggestuurd.
    A computed indicator (``Indicator.formula``) is never entered: typed text is kept with an error
    (see :func:`indicators.quality.validation.parse_value`), so nothing typed is lost."""
    access = Access.for_user(user)
    result = SaveResult()
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update().select_related("uitvraag").get(pk=submission.pk)
        )
        if locked.uitvraag.uitvoerder_id not in access.uitvoerder_ids:
            raise NotEditable(_("U mag de cijfers van deze aanlevering niet wijzigen."))
        if not locked.is_editable:
            raise NotEditable(
                _("De aanlevering heeft status '%(status)s' en kan niet meer worden gewijzigd.")
                % {"status": locked.get_status_display()}
            )
        rows = submission_rows(locked)
        indicators = {r.indicator_id: r.indicator for r in rows}
        allowed = set(expected_keys(locked, rows))
        existing = values_by_key(locked)
        to_create, to_update = [], []
        for cell in cells:
            if cell.key not in allowed:
                result.unknown.append(cell.key)
                continue
            fields, problem = typed_fields(cell, indicators[cell.indicator_id])
            if fields is None:
                # Not stored at all: the cell keeps what was stored before, the form says why.
                result.not_stored[cell.key] = problem
                continue
            raw = fields["raw"]
            if fields["error"]:
                result.errors[cell.key] = fields["error"]
            current = existing.get(cell.key)
            if current is None:
                if not raw and not fields["toelichting"]:
                    continue  # nothing typed: nothing to store
                to_create.append(
                    Value(
                        submission=locked,
                        indicator_id=cell.indicator_id,
                        doelgroep_id=cell.doelgroep_id,
                        area_id=cell.area_id,
                        updated_by=user,
                        **fields,
                    )
                )
            elif any((getattr(current, name) != new) for name, new in fields.items()):
                for name, new in fields.items():
                    setattr(current, name, new)
                current.updated_by = user
                to_update.append(current)
            else:
                result.unchanged += 1
        if to_create:
            bulk_create_with_history(
                to_create, Value, default_user=user, default_change_reason=reason or None
            )
        if to_update:
            bulk_update_with_history(
                to_update,
                Value,
                ["raw", "value", "error", "toelichting", "status", "updated_by"],
                default_user=user,
                default_change_reason=reason or None,
            )
        result.created, result.updated = len(to_create), len(to_update)
    return result


def previous_values(submission: Submission) -> dict[CellKey, Decimal]:
    """Approved figures of the previous period for the same cells (for the review screen)."""
    previous = submission.period.previous()
    if previous is None:
        return {}
    rows = submission_rows(submission)
    qs = Value.objects.approved().filter(
        submission__period=previous,
        indicator_id__in={r.indicator_id for r in rows},
        area_id__in=[a.pk for a in submission.uitvraag.areas.all()],
    )
    return {(v.indicator_id, v.doelgroep_id, v.area_id): v.value for v in qs}


def change_percentage(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    if current is None or previous is None or previous == 0:
        return None
    return ((current - previous) / abs(previous) * 100).quantize(Decimal("0.1"))


@dataclass
class GridCell:
    area: object
    key: CellKey
    value: Value | None
    previous: Decimal | None = None

    @property
    def change(self):
        return change_percentage(self.value.value if self.value else None, self.previous)


@dataclass
class GridRow:
    regel: UitvraagRegel
    cells: list[GridCell]


def submission_grid(submission: Submission, with_previous: bool = False) -> tuple[list, list]:
    """Rows (indicator × doelgroep) × columns (areas) with the stored values, in few queries."""
    rows = submission_rows(submission)
    areas = submission_areas(submission)
    existing = values_by_key(submission)
    prev = previous_values(submission) if with_previous else {}
    grid = []
    for regel in rows:
        cells = []
        for area in areas:
            key = (regel.indicator_id, regel.doelgroep_id, area.pk)
            cells.append(
                GridCell(area=area, key=key, value=existing.get(key), previous=prev.get(key))
            )
        grid.append(GridRow(regel=regel, cells=cells))
    return areas, grid


def open_submission(uitvraag, period, deadline) -> Submission:
    submission, _created = Submission.objects.get_or_create(
        uitvraag=uitvraag, period=period, defaults={"deadline": deadline}
    )
    return submission


__all__ = [
    "CellInput",
    "NotEditable",
    "SaveResult",
    "SubmissionStatus",
    "change_percentage",
    "open_submission",
    "previous_values",
    "save_values",
    "submission_grid",
    "submission_problems",
]
