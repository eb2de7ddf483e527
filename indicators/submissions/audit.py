"""The audit trail of one submission: workflow transitions and every changed figure, merged in
time order. Built in two queries whatever the size of the submission."""

from dataclasses import dataclass
from datetime import datetime

from core.history import StatusEntry, changed_records, merged
from indicators.models import CellMessage, CijferStatus, QuestionStatus, Submission, Value
from indicators.quality.validation import format_value
from indicators.review.questions import QUESTIONS, cell_label
from indicators.workflow import WORKFLOW

# Fields whose change a reader of the trail cares about (updated_by is the actor itself).
TRACKED_FIELDS = ("raw", "value", "error", "toelichting", "status")


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


@dataclass
class QuestionEntry:
    """A message on a cell: a question, an answer or closing it (indicators.review.questions)."""

    at: datetime
    actor: object
    cell: str
    action: str
    label: str
    text: str
    to_label: str
    kind: str = "vraag"


def question_entries(submission: Submission) -> list[QuestionEntry]:
    messages = (
        CellMessage.objects.filter(question__submission=submission)
        .select_related("actor", "question__indicator", "question__doelgroep", "question__area")
        .order_by("at", "pk")
    )
    statuses = dict(QuestionStatus.choices)
    return [
        QuestionEntry(
            at=message.at,
            actor=message.actor,
            cell=cell_label(message.question),
            action=message.action,
            label=str(QUESTIONS.actions[message.action].label),
            text=message.reason,
            to_label=str(statuses.get(message.to_status, message.to_status)),
        )
        for message in messages
    ]


def audit_trail(submission: Submission) -> list[StatusEntry | FigureEntry | QuestionEntry]:
    """Oldest first; at the same instant a figure change comes before the transition it fed."""
    return merged(
        figure_entries(submission),
        question_entries(submission),
        StatusEntry.of(WORKFLOW, submission.events),
    )
