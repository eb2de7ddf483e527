"""Tables of figures with their totals, and shares (percentages of a total)."""

from dataclasses import dataclass
from decimal import Decimal

from ..models import (
    Indicator,
)
from .aggregate import Figures


@dataclass
class Table:
    """A grid of figures with its totals: ``cells[row][column]``, ``row_totals[row]`` (e.g. the
    regional total column) and ``column_totals[column]`` (e.g. the total over doelgroepen)."""

    rows: list
    columns: list
    cells: list[list[Decimal | None]]
    row_totals: list[Decimal | None]
    column_totals: list[Decimal | None]
    total: Decimal | None = None

    def transposed(self) -> "Table":
        return Table(
            rows=self.columns,
            columns=self.rows,
            cells=[list(column) for column in zip(*self.cells, strict=True)]
            if self.cells
            else [[] for _c in self.columns],
            row_totals=self.column_totals,
            column_totals=self.row_totals,
            total=self.total,
        )


def _total(values: list[Decimal | None]) -> Decimal | None:
    if not values or any(v is None for v in values):
        return None
    return sum(values, Decimal(0))


def _percentage(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or whole is None or whole == 0:
        return None
    return part / whole * 100


def shares(table: Table, axis: str = "column") -> Table:
    """Each cell as a percentage of its column's total (``axis="column"``) or its row's total
    (``axis="row"``). The totals themselves become percentages of the grand total, so the regional
    total column of a table of gemeenten shows the regio's distribution. A missing total is the sum
    of its cells; a missing part or a total of zero gives no percentage."""
    if axis == "row":
        return shares(table.transposed(), "column").transposed()
    if axis != "column":
        raise ValueError("axis must be 'column' or 'row'")
    column_totals = [
        given if given is not None else _total([row[c] for row in table.cells])
        for c, given in enumerate(table.column_totals)
    ]
    total = table.total
    if total is None:
        total = _total(table.row_totals) if table.rows else None
    if total is None:
        total = _total(column_totals)
    hundred = Decimal(100)
    return Table(
        rows=table.rows,
        columns=table.columns,
        cells=[
            [_percentage(value, column_totals[c]) for c, value in enumerate(row)]
            for row in table.cells
        ],
        row_totals=[_percentage(value, total) for value in table.row_totals],
        column_totals=[hundred if t else None for t in column_totals],
        total=hundred if total else None,
    )


def figure_table(
    figures: Figures,
    indicator: Indicator,
    doelgroepen: list,
    areas: list,
    total_area=None,
    total_doelgroep=None,
) -> Table:
    """One indicator as doelgroepen (rows) × gemeenten (columns), with the engine's totals: the
    total over doelgroepen per column (or one doelgroep's figure as that total, e.g. all
    werkzoekenden split by arbeidsvermogen) and ``total_area``'s figures as the total column."""
    total_dg = getattr(total_doelgroep, "pk", total_doelgroep)
    total_pk = getattr(total_area, "pk", total_area)

    def get(area_pk, doelgroep):
        return figures.get(indicator.pk, area_pk, getattr(doelgroep, "pk", doelgroep))

    return Table(
        rows=list(doelgroepen),
        columns=list(areas),
        cells=[[get(area.pk, dg) for area in areas] for dg in doelgroepen],
        row_totals=[get(total_pk, dg) if total_pk else None for dg in doelgroepen],
        column_totals=[get(area.pk, total_dg) for area in areas],
        total=get(total_pk, total_dg) if total_pk else None,
    )
