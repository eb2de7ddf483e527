"""The audit trail of a workflow's object for its history page (``templates/core/history.html``):
its transitions (:class:`StatusEntry`) merged in time order with the app's content changes read
from django-simple-history (:func:`changed_records`)."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .workflow import VIA_LABELS, Workflow


@dataclass
class StatusEntry:
    at: datetime
    actor: object
    action: str
    from_status: str
    to_status: str
    reason: str
    via: str
    workflow: Any
    kind: str = "status"

    @classmethod
    def of(cls, workflow: Workflow, events) -> list["StatusEntry"]:
        return [
            cls(
                at=event.at,
                actor=event.actor,
                action=event.action,
                from_status=event.from_status,
                to_status=event.to_status,
                reason=event.reason,
                via=event.via,
                workflow=workflow,
            )
            for event in events.select_related("actor")
        ]

    @property
    def action_label(self) -> str:
        action = self.workflow.actions.get(self.action)
        return str(action.label) if action else self.action

    @property
    def via_label(self) -> str:
        return str(VIA_LABELS.get(self.via, self.via))

    def _status_label(self, status: str) -> str:
        choices = dict(self.workflow.model._meta.get_field("status").choices)
        return str(choices.get(status, status))

    @property
    def from_label(self) -> str:
        return self._status_label(self.from_status)

    @property
    def to_label(self) -> str:
        return self._status_label(self.to_status)


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
    """Oldest first; at the same instant a content change comes before the transition it fed."""
    return sorted((e for group in entries for e in group), key=lambda e: (e.at, e.kind == "status"))
