"""Is a report ready? Which figures the gemeente's uitvragen expect for the report's period that
have no approved value yet, and which texts are still empty.

The figures come from the one definition of "expected, filled, approved"
(:func:`indicators.quality.completeness.expectations`, also behind ``/kwaliteit/`` and the API), counted
over the gemeente and the regio's it belongs to.
"""

from dataclasses import dataclass

from indicators.models import Submission
from indicators.quality.completeness import MAX_LISTED, Expected, MissingCell, expectations

from .content import area_ids_for
from .models import Report
from .texts import missing_texts

# The names this module had before the definition moved to indicators.quality.completeness.
Row = Expected
Cell = MissingCell
__all__ = ["MAX_LISTED", "Cell", "Readiness", "Row", "readiness"]


@dataclass
class Readiness:
    rows: list[Expected]
    texts: list[str]

    @property
    def open_rows(self) -> list[Expected]:
        return [r for r in self.rows if not r.is_complete]

    @property
    def complete_rows(self) -> list[Expected]:
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
    """What is still missing for ``report``; a fixed number of queries. Every uitvraag about the
    gemeente or its regio's counts, whoever looks (the submissions link only for those who may
    open them)."""
    rows = [
        row
        for row in expectations(report.period, area_ids=area_ids_for(report.gemeente))
        if row.expected  # an uitvraag asking nothing of this gemeente
    ]
    visible = set(
        Submission.objects.visible_to(user)
        .filter(pk__in=[r.submission.pk for r in rows if r.submission])
        .values_list("pk", flat=True)
    )
    for row in rows:
        row.may_open = row.submission is not None and row.submission.pk in visible
    return Readiness(rows=rows, texts=missing_texts(report))
