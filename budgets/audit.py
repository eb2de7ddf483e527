"""The audit trail of one budget version: workflow transitions and every changed amount, merged
in time order. Built in two queries whatever the number of lines."""

from dataclasses import dataclass
from datetime import datetime

from core.history import StatusEntry, changed_records, merged

from .figures import NO_TAAKVELD_TEXT, dutch_number
from .models import BudgetLine, BudgetVersion
from .workflow import WORKFLOW

TRACKED_FIELDS = ("lasten", "baten", "thema_id", "uitvoerder_id", "toelichting")


@dataclass
class LineEntry:
    at: datetime
    actor: object
    line: str
    change: str  # "+" created, "~" changed, "-" deleted (simple-history's history_type)
    old_lasten: str
    new_lasten: str
    old_baten: str
    new_baten: str
    old_toelichting: str
    new_toelichting: str
    links_changed: bool
    reason: str
    kind: str = "regel"

    @property
    def lasten_changed(self) -> bool:
        return self.old_lasten != self.new_lasten

    @property
    def baten_changed(self) -> bool:
        return self.old_baten != self.new_baten

    @property
    def toelichting_changed(self) -> bool:
        return self.old_toelichting != self.new_toelichting


def _money(value) -> str:
    return "" if value is None else "€ " + dutch_number(value, 2)


def _label(record, year) -> str:
    label = record.taakveld.label_in(year) if record.taakveld_id else str(NO_TAAKVELD_TEXT)
    if record.programma_id:
        label += f" / {record.programma.code}"
    if record.product_id:
        label += f" / {record.product.code}"
    return label


def line_entries(version: BudgetVersion) -> list[LineEntry]:
    records = (
        BudgetLine.history.filter(version_id=version.pk)
        .select_related("history_user", "taakveld", "programma", "product")
        .order_by("id", "history_date", "history_id")
    )
    entries = []
    for before, record in changed_records(records, TRACKED_FIELDS):
        deleted = record.history_type == "-"
        entries.append(
            LineEntry(
                at=record.history_date,
                actor=record.history_user,
                line=_label(record, version.year),
                change=record.history_type,
                old_lasten=_money(before.lasten) if before else "",
                new_lasten="" if deleted else _money(record.lasten),
                old_baten=_money(before.baten) if before else "",
                new_baten="" if deleted else _money(record.baten),
                old_toelichting=before.toelichting if before else "",
                new_toelichting="" if deleted else record.toelichting,
                links_changed=before is not None
                and (before.thema_id, before.uitvoerder_id)
                != (record.thema_id, record.uitvoerder_id),
                reason=record.history_change_reason or "",
            )
        )
    return entries


def audit_trail(version: BudgetVersion) -> list[StatusEntry | LineEntry]:
    """Oldest first; at the same instant an amount change comes before the transition it fed."""
    return merged(line_entries(version), StatusEntry.of(WORKFLOW, version.events))
