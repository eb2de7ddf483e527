"""What changed since the last review: on resubmission after terugsturen, and on a correction
after approval (heropenen → indienen), cell by cell old → new, who and with which toelichting.

Read from django-simple-history on ``Value`` in one query whatever the size of the submission.
"""

from dataclasses import dataclass
from datetime import datetime

from indicators.models import Submission, Value
from indicators.quality.validation import format_value
from indicators.submissions.cells import CellKey

# What a reviewer judged: a figure's text, number, toelichting and status.
COMPARED = ("raw", "value", "toelichting", "status")


@dataclass
class CellChange:
    key: CellKey
    label: str
    old_text: str
    new_text: str
    old_toelichting: str
    new_toelichting: str
    actor: object  # who changed it last
    at: datetime

    @property
    def toelichting_changed(self) -> bool:
        return self.old_toelichting != self.new_toelichting


@dataclass
class ChangesSinceReview:
    reviewed_at: datetime | None  # the last goedkeuren or terugsturen; None: never reviewed
    reviewed_by: object
    cells: dict[CellKey, CellChange]

    def __bool__(self) -> bool:
        return bool(self.cells)

    def __len__(self) -> int:
        return len(self.cells)

    def ordered(self, keys: list[CellKey]) -> list[CellChange]:
        """In grid order."""
        order = {key: n for n, key in enumerate(keys)}
        return sorted(self.cells.values(), key=lambda c: order.get(c.key, len(order)))


def _text(record) -> str:
    if record is None or record.history_type == "-":
        return ""
    if record.error or record.value is None:
        return record.raw
    return format_value(record.value, record.indicator)


def _state(record) -> tuple:
    if record is None or record.history_type == "-":
        return ("", None, "", "")
    return tuple(getattr(record, name) for name in COMPARED)


def _label(record) -> str:
    label = record.indicator.name
    if record.doelgroep_id:
        label += f" ({record.doelgroep.name})"
    return f"{label}, {record.area.name}"


def changes_since_review(submission: Submission) -> ChangesSinceReview:
    """The last review is the submission's own stamp (``reviewed_at``, set by goedkeuren and
    terugsturen), so this is one query: the figure history."""
    since = submission.reviewed_at
    if since is None:
        return ChangesSinceReview(None, None, {})
    records = (
        Value.history.filter(submission_id=submission.pk)
        .select_related("history_user", "indicator", "doelgroep", "area")
        .order_by("id", "history_date", "history_id")
    )
    at_review, latest = {}, {}
    for record in records:
        if record.history_date <= since:
            at_review[record.id] = record
        else:
            latest[record.id] = record
    cells = {}
    for value_id, record in latest.items():
        before = at_review.get(value_id)
        if _state(before) == _state(record):
            continue  # changed and changed back, or only who saved it
        key = (record.indicator_id, record.doelgroep_id, record.area_id)
        cells[key] = CellChange(
            key=key,
            label=_label(record),
            old_text=_text(before),
            new_text=_text(record),
            old_toelichting=before.toelichting if before is not None else "",
            new_toelichting="" if record.history_type == "-" else record.toelichting,
            actor=record.history_user,
            at=record.history_date,
        )
    return ChangesSinceReview(since, submission.reviewed_by, cells)
