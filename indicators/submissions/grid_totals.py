"""Totals and computed indicators for one submission's grid, before anything is approved.

The supplier's entry grid and the review page show, read-only and beside what was typed:

- per indicator asked for several doelgroepen, a **total row** over those doelgroepen;
- when the uitvraag has several gemeenten, a **total column** over those gemeenten;
- the **computed indicators** of the uitvraag, and those whose inputs are all in it (e.g. the
  uitstroom rate next to the uitstroom, beginstand and eindstand that were just typed).

Nothing is summed here: the submission's own figures go into an engine
:class:`~indicators.engine.Figures` and :func:`indicators.engine.complete` adds the totals and the
computed figures with the engine's rules (``som``/``stand`` add up, ratios are recomputed from the
summed parts, ``geen`` never adds up). A cell that is asked but still empty is registered as
missing, so a total or ratio that needs it stays empty instead of covering only part.
No queries, apart from the computed indicators the caller passes in.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators import engine
from indicators.models import Aggregatie, Indicator, Period
from indicators.quality.validation import format_value

# The pseudo-area "all gemeenten of the uitvraag together" (real primary keys start at 1).
TOTAL_AREA = 0
SHOWN_AGGREGATIONS = {Aggregatie.SOM, Aggregatie.STAND, Aggregatie.FORMULE}


def computed_indicators() -> list[Indicator]:
    """Every computed indicator (one query): the candidates for a grid's computed rows."""
    return list(Indicator.objects.exclude(formula=""))


@dataclass
class TotalCell:
    """A figure the system made: a total or a computed value (and the previous period's)."""

    indicator: Indicator
    value: Decimal | None
    previous: Decimal | None = None
    provisional: bool = False

    @property
    def text(self) -> str:
        return format_value(self.value, self.indicator) if self.value is not None else ""

    @property
    def previous_text(self) -> str:
        return format_value(self.previous, self.indicator) if self.previous is not None else ""

    @property
    def change(self) -> Decimal | None:
        change = engine.change_percentage(self.value, self.previous)
        return None if change is None else change.quantize(Decimal("0.1"))

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return ""
        sign = "+" if change > 0 else ""
        return f"{sign}{change}".replace(".", ",") + " %"


@dataclass
class ExtraRow:
    """A read-only row: a total over doelgroepen, or a computed indicator (per doelgroep)."""

    indicator: Indicator
    doelgroep: object  # Doelgroep | None
    is_total: bool
    cells: list[TotalCell]  # one per area of the grid
    total: TotalCell | None = None  # the total column (None: no total column)
    formula_text: str = ""

    @property
    def label(self) -> str:
        if self.is_total:
            return _("%(name)s (totaal)") % {"name": self.indicator.name}
        if self.doelgroep is not None:
            return f"{self.indicator.name} ({self.doelgroep.name})"
        return self.indicator.name

    @property
    def explanation(self) -> str:
        """What the row is, in words, shown under its label."""
        if self.formula_text:
            return _("Berekend: %(formula)s.") % {"formula": self.formula_text}
        if self.indicator.aggregatie == Aggregatie.STAND:
            return _("Som van de doelgroepen (stand op de peildatum).")
        return _("Som van de doelgroepen.")


@dataclass
class GridTotals:
    total_column: bool = False
    # (indicator_id, doelgroep_id) → the total-column cell of an uitvraag row
    column: dict = field(default_factory=dict)
    # (indicator_id, doelgroep_id, area_id) → the computed value of a computed uitvraag row
    computed_cells: dict = field(default_factory=dict)
    # index of an uitvraag row → total rows to show right after it
    after: dict = field(default_factory=lambda: defaultdict(list))
    # computed indicators that are not asked but follow from the figures asked
    computed_rows: list[ExtraRow] = field(default_factory=list)
    formulas: dict = field(default_factory=dict)  # indicator_id → formula in words

    area_count: int = 0

    @property
    def total_label(self) -> str:
        return _("Totaal gemeenten")

    @property
    def columns(self) -> int:
        """Columns of the grid: the row header, one per area and the total column."""
        return 1 + self.area_count + int(self.total_column)

    @property
    def columns_with_previous(self) -> int:
        """Columns of the review table: value, previous period and change per area and total."""
        return 1 + 3 * (self.area_count + int(self.total_column))


def _figures(period, rows, areas, numbers, members, catalogue) -> engine.Figures:
    figures = engine.Figures(period=period, members=members)
    asked = {
        (r.indicator_id, r.doelgroep_id) for r in rows if r.indicator_id not in catalogue.computed
    }
    for indicator_id, doelgroep_id in asked:
        for area in areas:
            number, provisional = numbers.get((indicator_id, doelgroep_id, area.pk), (None, False))
            key = (indicator_id, area.pk, doelgroep_id)
            if number is None:
                figures.expect(key)
            else:
                figures.put(key, number, provisional=provisional)
    return engine.complete(figures, catalogue)


def grid_totals(
    period: Period,
    rows: list,
    areas: list,
    values: dict,
    previous: dict | None = None,
    candidates: list[Indicator] | None = None,
) -> GridTotals:
    """Totals and computed figures for a grid. ``values``: CellKey → Value (what is stored now);
    ``previous``: CellKey → Decimal (the previous period's approved figures, for the review page);
    ``candidates``: computed indicators that may follow from the rows (see
    :func:`computed_indicators`)."""
    result = GridTotals(area_count=len(areas))
    gemeenten = [a for a in areas if a.is_gemeente]
    result.total_column = len(gemeenten) >= 2
    members = {TOTAL_AREA: frozenset(g.pk for g in gemeenten)} if result.total_column else {}

    asked_indicators = {r.indicator_id: r.indicator for r in rows}
    extra = {
        i.pk: i
        for i in candidates or ()
        if i.pk not in asked_indicators and i.period_type == period.type
    }
    doelgroepen = {r.doelgroep_id: r.doelgroep for r in rows if r.doelgroep_id}
    catalogue = engine.Catalogue(
        [*asked_indicators.values(), *extra.values()],
        [(d.pk, d.code, d.uitvoerder_id, d.name) for d in doelgroepen.values()],
    )
    computed_ids = catalogue.computed
    current = {
        key: (value.value, value.voorlopig)
        for key, value in values.items()
        if value is not None and value.value is not None and not value.error
    }
    figures = _figures(period, rows, areas, current, members, catalogue)
    before = None
    if previous is not None:
        numbers = {key: (number, False) for key, number in previous.items() if number is not None}
        before = _figures(period, rows, areas, numbers, members, catalogue)

    def cell(indicator, area_id, doelgroep_id) -> TotalCell:
        key = (indicator.pk, area_id, doelgroep_id)
        return TotalCell(
            indicator=indicator,
            value=figures.values.get(key),
            previous=before.values.get(key) if before is not None else None,
            provisional=key in figures.provisional,
        )

    def formula_text(indicator) -> str:
        if indicator.pk not in result.formulas:
            result.formulas[indicator.pk] = catalogue.describe(indicator)
        return result.formulas[indicator.pk]

    # Computed uitvraag rows: their values, in place of input fields.
    for regel in rows:
        if regel.indicator_id in computed_ids:
            formula_text(regel.indicator)
            for area in areas:
                result.computed_cells[(regel.indicator_id, regel.doelgroep_id, area.pk)] = cell(
                    regel.indicator, area.pk, regel.doelgroep_id
                )

    # The total column, for every row of an indicator that adds up (or is recomputed).
    if result.total_column:
        for regel in rows:
            if catalogue.aggregation[regel.indicator_id] in SHOWN_AGGREGATIONS:
                result.column[(regel.indicator_id, regel.doelgroep_id)] = cell(
                    regel.indicator, TOTAL_AREA, regel.doelgroep_id
                )

    # A total row over doelgroepen, after the last row of an indicator asked for several of them
    # (not when the uitvraag asks for the total itself: then that row is the total).
    by_indicator = defaultdict(list)
    for index, regel in enumerate(rows):
        by_indicator[regel.indicator_id].append((index, regel))
    for indicator_id, regels in by_indicator.items():
        split = [regel for _index, regel in regels if regel.doelgroep_id]
        if (
            len(split) < 2
            or len(split) != len(regels)
            or catalogue.aggregation[indicator_id] not in SHOWN_AGGREGATIONS
        ):
            continue
        indicator = asked_indicators[indicator_id]
        result.after[regels[-1][0]].append(
            _extra_row(indicator, None, True, areas, cell, result.total_column, formula_text)
        )

    # Computed indicators that follow from what is asked.
    asked_doelgroepen = defaultdict(list)
    for regel in rows:
        asked_doelgroepen[regel.indicator_id].append(regel.doelgroep_id)
    available = set(asked_indicators)  # computed uitvraag rows count: the engine computes them
    for indicator_id in catalogue.order:
        if indicator_id not in extra:
            continue
        inputs = catalogue.inputs[indicator_id]
        if not all(item.indicator_id in available for item in inputs):
            continue
        if any(
            item.qualified and item.doelgroep_id not in asked_doelgroepen[item.indicator_id]
            for item in inputs
        ):
            continue
        shown = _computed_doelgroepen(inputs, asked_doelgroepen, catalogue, indicator_id)
        if shown is None:
            continue
        available.add(indicator_id)
        indicator = extra[indicator_id]
        for doelgroep_id, is_total in shown:
            result.computed_rows.append(
                _extra_row(
                    indicator,
                    doelgroepen.get(doelgroep_id),
                    is_total,
                    areas,
                    cell,
                    result.total_column,
                    formula_text,
                    doelgroep_id=doelgroep_id,
                    computed=True,
                )
            )
    # In the catalogue's order (thema, soort, order), not the order of computing.
    result.computed_rows.sort(key=lambda row: (row.indicator.order, row.indicator.name))
    return result


def _computed_doelgroepen(inputs, asked_doelgroepen, catalogue, indicator_id):
    """The (doelgroep, is_total) rows of a computed indicator, as the engine computes it: per
    doelgroep that all inputs asked per doelgroep share, plus their total; None: no rows."""
    if any(item.qualified for item in inputs):
        return [(None, False)]
    per_doelgroep = [
        [dg for dg in asked_doelgroepen[item.indicator_id] if dg is not None]
        for item in inputs
        if any(dg is not None for dg in asked_doelgroepen[item.indicator_id])
    ]
    if not per_doelgroep:
        return [(None, False)]
    common = [dg for dg in per_doelgroep[0] if all(dg in other for other in per_doelgroep[1:])]
    if not common:
        return None
    shown = [(dg, False) for dg in common]
    if len(common) > 1 and catalogue.aggregation[indicator_id] != Aggregatie.GEEN:
        shown.append((None, True))
    return shown


def _extra_row(
    indicator,
    doelgroep,
    is_total,
    areas,
    cell,
    total_column,
    formula_text,
    doelgroep_id=None,
    computed=False,
) -> ExtraRow:
    dg = doelgroep_id if doelgroep is None else doelgroep.pk
    return ExtraRow(
        indicator=indicator,
        doelgroep=doelgroep,
        is_total=is_total,
        cells=[cell(indicator, area.pk, dg) for area in areas],
        total=cell(indicator, TOTAL_AREA, dg) if total_column else None,
        formula_text=formula_text(indicator) if (computed or indicator.is_computed) else "",
    )


def totals_from_grid(submission, areas, grid, with_previous: bool = False) -> GridTotals:
    """:func:`grid_totals` for a grid of :func:`indicators.submissions.services.submission_grid` (built
    ``with_previous`` when the previous period is to be compared). One query: the candidates."""
    values, previous = {}, {}
    for grid_row in grid:
        for grid_cell in grid_row.cells:
            if grid_cell.value is not None:
                values[grid_cell.key] = grid_cell.value
            if grid_cell.previous is not None:
                previous[grid_cell.key] = grid_cell.previous
    return grid_totals(
        submission.period,
        [grid_row.regel for grid_row in grid],
        list(areas),
        values,
        previous if with_previous else None,
        computed_indicators(),
    )
