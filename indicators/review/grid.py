"""What the review adds to the read-only grid of an aanlevering: the thread on a cell, whether
the cell changed since the last review, and the filter "alleen gewijzigde cellen"."""

from indicators.workflow import is_reviewer_of
from organisations.access import Access

from .changes import changes_since_review
from .questions import ASKING_STATUSES, open_threads, threads, threads_by_cell


def review_context(user, submission, rows, only_changed: bool = False) -> dict:
    """Marks each cell of ``rows`` (``views.ShownRow``) with ``thread`` and ``changed``; with
    ``only_changed`` only rows holding a changed cell remain. Four queries."""
    found = threads(submission)
    by_cell = threads_by_cell(found)
    changes = changes_since_review(submission)
    for row in rows:
        for cell in row.cells:
            cell.thread = by_cell.get(cell.key)
            cell.changed = changes.cells.get(cell.key)
    if only_changed and changes:
        rows = [row for row in rows if any(cell.changed for cell in row.cells)]
    access = Access.for_user(user)
    keys = [cell.key for row in rows for cell in row.cells]
    return {
        "rows": rows,
        "threads": found,
        "open_threads": open_threads(found),
        "changes": changes,
        "changed_cells": changes.ordered(keys) if changes else [],
        "only_changed": only_changed and bool(changes),
        "may_ask": submission.status in ASKING_STATUSES and is_reviewer_of(access, submission),
    }
