"""The indicator engine: from approved figures to computed indicators, totals, shares and overviews.

Set-based on purpose: one query fetches the approved figures (``Value.objects.approved()``) for the
requested gemeenten and periods — including figures reported for a regio they belong to and the
figures of that regio's other gemeenten, which the regional total needs — as plain tuples. All the
rest is dictionary work with ``Decimal``, so the number of queries does not grow with the number
of gemeenten, indicators or doelgroepen.

A figure is addressed by ``(indicator_id, area_id, doelgroep_id)``; doelgroep ``None`` is the
figure for all doelgroepen together (entered as such, or the total the engine made).

How figures add up (``Indicator.aggregatie``, see :func:`aggregation_of`):

- *som* (flows: instroom, uitstroom, kosten): summed over doelgroepen → totaal, over the gemeenten
  of a regio → regio, and over time (quarters → half-year → year, only when all parts are there);
- *stand* (stocks: aantal cliënten op de peildatum): summed over doelgroepen and gemeenten, over
  time the last value (by period end);
- *formule* (ratios): never summed or averaged, but recomputed from the summed parts — a computed
  indicator is simply evaluated again on the aggregated inputs;
- *geen*: no totals at all.

A figure that was entered for a total (doelgroep ``None``, a regio, a whole year) always wins over
the total the engine would make. A regional total needs every member gemeente's figure: a total
over part of the gemeenten would pretend to be complete.

Formulas (see :mod:`indicators.formula`) refer to indicator codes. A reference is resolved at the
same gemeente/regio and doelgroep as the figure being computed; an indicator that is never broken
down by doelgroep (population figures: inwoners, huishoudens, jongeren 0-17) is used as is for every
doelgroep, so ``aantal * 1000 / inwoners`` works per doelgroep. ``[code@doelgroep]`` names one
doelgroep's figure; a formula with such a reference is only computed for the total.
"""

from .aggregate import (
    MONTHS,
    Figures,
    Row,
    complete,
    compute_rows,
    period_parts,
    regio_members,
    summed_area,
    value_rows,
)
from .catalogue import (
    ADDING,
    ADDITIVE_UNITS,
    Catalogue,
    Input,
    Key,
    aggregation_of,
    compile_formula,
    describe_formula,
    parse_formula,
    split_reference,
    topological_order,
    validate_formula,
)
from .overview import (
    IndicatorBlock,
    Overview,
    OverviewRow,
    ThemaBlock,
    change_percentage,
    gemeente_trend,
    gemeenten_visible_to,
    incomplete_text,
    may_judge,
    missing_names,
    missing_text,
    overview,
    uitvoerders_visible_for,
)
from .reading import compute, compute_period, regio_sums
from .tables import Table, figure_table, shares

__all__ = [
    "ADDING",
    "ADDITIVE_UNITS",
    "MONTHS",
    "Catalogue",
    "Figures",
    "IndicatorBlock",
    "Input",
    "Key",
    "Overview",
    "OverviewRow",
    "Row",
    "Table",
    "ThemaBlock",
    "aggregation_of",
    "change_percentage",
    "compile_formula",
    "complete",
    "compute",
    "compute_period",
    "compute_rows",
    "describe_formula",
    "figure_table",
    "gemeente_trend",
    "gemeenten_visible_to",
    "incomplete_text",
    "may_judge",
    "missing_names",
    "missing_text",
    "overview",
    "parse_formula",
    "period_parts",
    "regio_members",
    "shares",
    "split_reference",
    "summed_area",
    "regio_sums",
    "topological_order",
    "uitvoerders_visible_for",
    "validate_formula",
    "value_rows",
]
