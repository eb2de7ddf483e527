"""The audit trail of one submission: workflow transitions and every changed figure, merged in
time order. Built in two queries whatever the size of the submission."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from django.utils.translation import gettext as _

from .models import CijferStatus, Submission, SubmissionStatus, Value
from .validation import format_value
from .workflow import ACTIONS

# Fields whose change a reader of the trail cares about (updated_by is the actor itself).
TRACKED_FIELDS = ("raw", "value", "error", "toelichting", "status")


@dataclass
class StatusEntry:
    at: datetime
    actor: object
    action: str
    from_status: str
    to_status: str
    reason: str
    via: str
    kind: str = "status"
    # The workflow the event belongs to (the budgets' trail sets its own).
    actions: ClassVar[dict] = ACTIONS
    statuses: ClassVar[type] = SubmissionStatus

    @classmethod
    def of(cls, events) -> list["StatusEntry"]:
        return [
            cls(
                at=event.at,
                actor=event.actor,
                action=event.action,
                from_status=event.from_status,
                to_status=event.to_status,
                reason=event.reason,
                via=event.via,
            )
            for event in events.select_related("actor")
        ]

    @property
    def action_label(self) -> str:
        action = self.actions.get(self.action)
        return str(action.label) if action else self.action

    @property
    def via_label(self) -> str:
        return {"web": _("website"), "api": _("API"), "admin": _("beheer")}.get(self.via, self.via)

    @property
    def from_label(self) -> str:
        return self.statuses(self.from_status).label

    @property
    def to_label(self) -> str:
        return self.statuses(self.to_status).label


def changed_records(records: Iterable, tracked_fields) -> Iterator[tuple[object, object]]:
    """(previous version or None, record) per simple-history record, ordered by object id and
    time; an update that changed none of ``tracked_fields`` (e.g. only updated_by) is skipped."""
    previous = None
    for record in records:
        before = previous if previous is not None and previous.id == record.id else None
        previous = record
        if (
            record.history_type == "~"
            and before is not None
            and all(getattr(before, f) == getattr(record, f) for f in tracked_fields)
        ):
            continue
        yield before, record


def merged(*entries: Iterable) -> list:
    """Oldest first; at the same instant a changed figure comes before the transition it fed."""
    return sorted((e for group in entries for e in group), key=lambda e: (e.at, e.kind == "status"))


@dataclass
class FigureEntry:
    at: datetime
    actor: object
    cell: str
    change: str  # "+" created, "~" changed, "-" deleted (simple-history's history_type)
    old_raw: str
    new_raw: str
    old_value: str
    new_value: str
    old_toelichting: str
    new_toelichting: str
    old_status: str
    new_status: str
    error: str
    reason: str
    kind: str = "cijfer"

    @property
    def raw_changed(self) -> bool:
        return self.old_raw != self.new_raw

    @property
    def value_changed(self) -> bool:
        return self.old_value != self.new_value

    @property
    def show_value_change(self) -> bool:
        """The parsed value is worth a line only when it says more than the typed text."""
        return self.value_changed and (self.old_value, self.new_value) != (
            self.old_raw,
            self.new_raw,
        )

    @property
    def toelichting_changed(self) -> bool:
        return self.old_toelichting != self.new_toelichting

    @property
    def status_changed(self) -> bool:
        return self.old_status != self.new_status

    @property
    def old_status_label(self) -> str:
        return str(CijferStatus(self.old_status).label) if self.old_status else ""

    @property
    def new_status_label(self) -> str:
        return str(CijferStatus(self.new_status).label) if self.new_status else ""


def _cell_label(record) -> str:
    label = record.indicator.name
    if record.doelgroep_id:
        label += f" ({record.doelgroep.name})"
    return f"{label}, {record.area.name}"


def figure_entries(submission: Submission) -> list[FigureEntry]:
    records = (
        Value.history.filter(submission_id=submission.pk)
        .select_related("history_user", "indicator", "doelgroep", "area")
        .order_by("id", "history_date", "history_id")
    )
    entries = []
    for before, record in changed_records(records, TRACKED_FIELDS):
        deleted = record.history_type == "-"
        indicator = record.indicator
        entries.append(
            FigureEntry(
                at=record.history_date,
                actor=record.history_user,
                cell=_cell_label(record),
                change=record.history_type,
                old_raw=before.raw if before else "",
                new_raw="" if deleted else record.raw,
                old_value=format_value(before.value, indicator) if before else "",
                new_value="" if deleted else format_value(record.value, indicator),
                old_toelichting=before.toelichting if before else "",
                new_toelichting="" if deleted else record.toelichting,
                old_status=before.status if before else "",
                new_status="" if deleted else record.status,
                error="" if deleted else record.error,
                reason=record.history_change_reason or "",
            )
        )
    return entries


def audit_trail(submission: Submission) -> list[StatusEntry | FigureEntry]:
    """Oldest first; at the same instant a figure change comes before the transition it fed."""
    return merged(figure_entries(submission), StatusEntry.of(submission.events))
