"""Reading the figures the engine computes with, and summing regio totals in SQL.

A regio's total needs the figure of every member gemeente. Reading all those figures row by row
(27.500 rows for a quarter of a regio of 17 gemeenten, 110.000 for a year) and adding them up in
Python cost most of an overview. :func:`compute` therefore reads the requested gemeenten's and
regio's own figures as rows, and the other members' figures as sums: one ``GROUP BY`` per regio,
indicator, doelgroep and period (``SUM`` of the value, the number of rows and of gemeenten, and
whether any is voorlopig). Each sum becomes one row of a *summed area* that stands for the whole
regio (:func:`~indicators.engine.aggregate.summed_area`), and the regio's totals are made from it
by exactly the rules of :mod:`indicators.engine.aggregate`: over time (the sum of the quarters or
the last value of a stand) and over doelgroepen, with Python only evaluating formulas.

That gives the same result as the members' own rows only where the members are alike: every
member has exactly one figure in every (doelgroep, period) any member has one in, and every
figure the uitvragen expect of a member is there. Then each member's figure over time is made
from the same parts, and the sum of the members' figures is the figure made from the sums.
Where members differ (a gemeente missing, a later correction, an expected doelgroep not filled
in), the total is incomplete or made from other parts per member, and the missing gemeenten are
named: for those indicators the members' rows are read as before. The tests compare both paths
(``sum_in_sql=False``, the default, reads every member's rows) for every aggregation and period
type.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db.models import Case, Count, IntegerField, Max, Q, Sum, When
from django.db.models import Value as Constant

from indicators.quality.completeness import expected_cells

from ..models import CijferStatus, Period, Value
from .aggregate import (
    MONTHS,
    Figures,
    Row,
    _ids,
    _over_time,
    compute_rows,
    period_parts,
    regio_members,
    summed_area,
    value_rows,
)
from .catalogue import ADDING, Catalogue, Key


def compute(
    periods: Iterable[Period],
    gemeenten: Iterable | None = None,
    catalogue: Catalogue | None = None,
    *,
    sum_in_sql: bool = False,
) -> dict[int, Figures]:
    """All figures for the given periods (by period pk) and gemeenten (None: all), with the regio's
    they belong to. Queries: the catalogue (if not given), periods, regio membership, expected
    figures, values; with ``sum_in_sql`` (and members not asked for) also the regio sums and, where
    members differ, those members' rows of the indicators concerned.

    Computed indicators are evaluated only for the given gemeenten and their regio's. The other
    members' own figures are in the result too (a report compares a gemeente with the others of
    its regio), unless ``sum_in_sql``: then they are read as sums for the regio totals only, for
    a caller that reads nothing but the given gemeenten and their regio's (the overview)."""
    catalogue = catalogue or Catalogue.load()
    periods = list({p.pk: p for p in periods if p is not None}.values())
    if not periods:
        return {}
    gemeente_ids = _ids(gemeenten)
    parts = period_parts(periods)
    members = regio_members(gemeente_ids)
    rows = Value.objects.approved().filter(submission__period_id__in=list(parts))
    if gemeente_ids is None:
        expected = expected_cells(None)
        return compute_rows(periods, value_rows(rows), catalogue, members, None, parts, expected)
    wanted = set(gemeente_ids) | set(members)  # areas to evaluate computed indicators for
    area_ids = set(wanted).union(*members.values())
    expected = expected_cells(area_ids)
    others = area_ids - wanted
    if not sum_in_sql or not others:
        rows = value_rows(rows.filter(area_id__in=sorted(area_ids)))
        return compute_rows(periods, rows, catalogue, members, wanted, parts, expected)
    sums = regio_sums(rows, members)
    summed_rows, differing = summed_area_rows(sums, members, catalogue, periods, parts, expected)
    own = list(value_rows(rows.filter(area_id__in=sorted(wanted))))
    if differing:
        own += value_rows(
            rows.filter(area_id__in=sorted(others), indicator_id__in=sorted(differing))
        )
    summed = frozenset(
        pk for pk, how in catalogue.aggregation.items() if how in ADDING and pk not in differing
    )
    return compute_rows(
        periods, own + summed_rows, catalogue, members, wanted, parts, expected, summed
    )


def compute_period(period: Period, gemeenten: Iterable | None = None, catalogue=None) -> Figures:
    """Every figure of one period for the given gemeenten (None: all gemeenten and regio's)."""
    return compute([period], gemeenten, catalogue)[period.pk]


# (regio, indicator, doelgroep, period, submission, sum, rows, voorlopig: 0/1)
Sum_ = tuple[int, int, int | None, int, int, object, int, int]


def regio_sums(values, members: Mapping[int, frozenset[int]]) -> list[Sum_]:
    """The members' figures per regio, indicator, doelgroep and period, summed in SQL: one
    query (a ``UNION ALL`` of one ``GROUP BY`` per regio, each over its members' area ids, so that
    PostgreSQL reads the covering index ``waarde_aanlevering_gebied`` as for the figures
    themselves; a join to the membership made it read every period of those areas). Grouped by
    submission too, and only aggregates that hash (no ``COUNT(DISTINCT)``, which sorts): a
    group's rows are one per gemeente when they number the members and are the only group of
    their cell and period (a submission's figures are unique per cell)."""
    provisional = Case(
        When(~Q(status=CijferStatus.DEFINITIEF), then=Constant(1)),
        default=Constant(0),
        output_field=IntegerField(),
    )
    queries = [
        values.filter(area_id__in=sorted(gemeenten))
        .annotate(regio=Constant(regio, output_field=IntegerField()))
        .values_list(
            "regio", "indicator_id", "doelgroep_id", "submission__period_id", "submission_id"
        )
        .annotate(total=Sum("value"), rows=Count("area_id"), provisional=Max(provisional))
        .order_by()
        for regio, gemeenten in sorted(members.items())
    ]
    if not queries:
        return []
    return list(queries[0].union(*queries[1:], all=True)) if len(queries) > 1 else list(queries[0])


def summed_area_rows(
    sums: Iterable[Sum_],
    members: Mapping[int, frozenset[int]],
    catalogue: Catalogue,
    periods: list[Period],
    parts: Mapping[int, tuple],
    expected: Mapping[Key, str],
) -> tuple[list[Row], set[int]]:
    """The sums as rows of each regio's summed area, and the adding indicators whose members are
    not alike (see the module's docstring): those need the members' own rows. Indicators that do
    not add up get summed rows too: no total is made of them, but they say, as the members' rows
    would, in which periods and doelgroepen figures exist."""
    cells: dict[tuple[int, int, int | None], dict[int, tuple]] = defaultdict(dict)
    differing = set()
    aggregation = catalogue.aggregation
    for regio, indicator_id, doelgroep_id, period_id, _sub, total, rows, voorlopig in sums:
        if indicator_id in catalogue.computed or indicator_id not in catalogue.indicators:
            continue
        cell = cells[(regio, indicator_id, doelgroep_id)]
        alike = rows == len(members[regio]) and period_id not in cell
        if aggregation[indicator_id] in ADDING and not alike:
            differing.add(indicator_id)
        cell[period_id] = (0, total, bool(voorlopig))
    regios_of = defaultdict(list)
    for regio, gemeenten in members.items():
        for gemeente in gemeenten:
            regios_of[gemeente].append(regio)
    # Each expected figure of a member must be there in every period it is expected in (else
    # the members' totals are incomplete and name what is missing): checked once per regio's cell.
    needed = set()
    for (indicator_id, area_id, doelgroep_id), period_type in expected.items():
        if indicator_id not in differing and aggregation.get(indicator_id) in ADDING:
            for regio in regios_of.get(area_id, ()):
                needed.add((regio, indicator_id, doelgroep_id, MONTHS.get(period_type, 0)))
    spans = [
        (
            period,
            MONTHS[period.type],
            {
                pk
                for pk, (_t, start, end) in parts.items()
                if period.start <= start and end <= period.end
            },
        )
        for period in periods
    ]
    for regio, indicator_id, doelgroep_id, months in needed:
        if indicator_id in differing:
            continue
        cell = cells.get((regio, indicator_id, doelgroep_id), {})
        for period, period_months, inside in spans:
            if months > period_months:
                continue
            found = {pk: part for pk, part in cell.items() if pk in inside}
            if not found or _over_time(period, found, parts, aggregation[indicator_id]) is None:
                differing.add(indicator_id)
                break
    rows = [
        (indicator_id, summed_area(regio), doelgroep_id, total, voorlopig, period_id, 0)
        for (regio, indicator_id, doelgroep_id), cell in cells.items()
        if indicator_id not in differing
        for period_id, (_order, total, voorlopig) in cell.items()
    ]
    return rows, differing
