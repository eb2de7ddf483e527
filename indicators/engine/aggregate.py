"""Computing: from approved figures to totals over doelgroepen, gemeenten and time, and computed
indicators (the rules are in the package's docstring, :mod:`indicators.engine`)."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext

from indicators.quality.completeness import expected_cells
from organisations.models import Organisation, OrganisationKind

from ..models import (
    Aggregatie,
    Period,
    PeriodType,
    is_provisional,
)
from .catalogue import ADDING, Catalogue, Key

MONTHS = {PeriodType.KWARTAAL: 3, PeriodType.HALFJAAR: 6, PeriodType.JAAR: 12}


@dataclass
class Figures:
    """Every figure of one period: entered, aggregated and computed."""

    period: Period
    values: dict[Key, Decimal] = field(default_factory=dict)
    derived: set[Key] = field(default_factory=set)  # totals the engine made (not entered as such)
    provisional: set[Key] = field(default_factory=set)  # voorlopig, or computed from voorlopig
    # Totals (and figures computed from them) left empty because expected parts are missing:
    # key → the missing parts, so that an output can say "onvolledig" and what is missing.
    incomplete: dict[Key, tuple[Key, ...]] = field(default_factory=dict)
    members: dict[int, frozenset[int]] = field(default_factory=dict)  # regio → its gemeenten
    # Bookkeeping for fast look-ups while computing.
    doelgroepen: dict[tuple[int, int], set] = field(default_factory=lambda: defaultdict(set))
    areas: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    split: set[int] = field(default_factory=set)  # indicators with figures per doelgroep
    # Indicators whose regio totals are made from one summed area per regio (see
    # :mod:`indicators.engine.reading`) instead of from the members' own figures.
    summed: frozenset[int] = frozenset()

    def get(self, indicator_id: int, area_id: int, doelgroep_id: int | None = None):
        return self.values.get((indicator_id, area_id, doelgroep_id))

    def put(self, key: Key, value: Decimal, derived=False, provisional=False) -> None:
        self.values[key] = value
        self.incomplete.pop(key, None)
        indicator_id, area_id, doelgroep_id = key
        self.doelgroepen[(indicator_id, area_id)].add(doelgroep_id)
        self.areas[indicator_id].add(area_id)
        if doelgroep_id is not None:
            self.split.add(indicator_id)
        if derived:
            self.derived.add(key)
        if provisional:
            self.provisional.add(key)

    def expect(self, key: Key) -> None:
        """A figure that belongs here but is missing (e.g. not filled in yet): totals and computed
        figures that need it stay empty instead of covering only part of what they should."""
        indicator_id, area_id, doelgroep_id = key
        self.doelgroepen[(indicator_id, area_id)].add(doelgroep_id)
        self.areas[indicator_id].add(area_id)
        if doelgroep_id is not None:
            self.split.add(indicator_id)

    def regios_of(self, gemeente_id: int) -> list[int]:
        return sorted(r for r, members in self.members.items() if gemeente_id in members)

    def summing_members(self, indicator_id: int) -> Mapping[int, frozenset[int]]:
        """Regio → the areas its totals of this indicator are summed over."""
        if indicator_id in self.summed:
            return {regio: frozenset({summed_area(regio)}) for regio in self.members}
        return self.members

    def drop_summed_areas(self) -> None:
        """Remove the summed areas once the totals are made: no caller asks for them."""
        if not self.summed:
            return
        for keys in (self.values, self.incomplete):
            for key in [k for k in keys if k[1] < 0]:
                del keys[key]
        self.derived = {k for k in self.derived if k[1] >= 0}
        self.provisional = {k for k in self.provisional if k[1] >= 0}
        for pair in [p for p in self.doelgroepen if p[1] < 0]:
            del self.doelgroepen[pair]
        for areas in self.areas.values():
            areas.difference_update([a for a in areas if a < 0])


def summed_area(regio_id: int) -> int:
    """The area that stands for all gemeenten of a regio, summed in SQL: never a real pk."""
    return -regio_id


def regio_members(gemeente_ids: Iterable[int] | None = None) -> dict[int, frozenset[int]]:
    """Regio → all its member gemeenten, for the regio's the given gemeenten belong to (None: every
    regio). One query."""
    through = Organisation.gemeenten.through
    rows = through.objects.filter(from_organisation__kind=OrganisationKind.REGIO)
    if gemeente_ids is not None:
        rows = rows.filter(
            from_organisation__in=through.objects.filter(
                from_organisation__kind=OrganisationKind.REGIO,
                to_organisation__in=list(gemeente_ids),
            ).values("from_organisation")
        )
    members = defaultdict(set)
    for regio_id, gemeente_id in rows.values_list("from_organisation_id", "to_organisation_id"):
        members[regio_id].add(gemeente_id)
    return {regio: frozenset(gemeenten) for regio, gemeenten in members.items()}


def _ids(items) -> set[int] | None:
    if items is None:
        return None
    return {getattr(item, "pk", item) for item in items}


# One figure as the engine reads it: (indicator_id, area_id, doelgroep_id, value, status (or the
# old voorlopig flag), period_id, order). Of two rows for the same cell and period, the higher ``order`` wins (for
# approved figures: the later submission).
Row = tuple[int, int, int | None, Decimal, bool, int, int]


def value_rows(values) -> Iterable[Row]:
    """A queryset of :class:`Value` as the engine's rows (the submission orders them)."""
    return values.values_list(
        "indicator_id",
        "area_id",
        "doelgroep_id",
        "value",
        "status",
        "submission__period_id",
        "submission_id",
    ).order_by()


def period_parts(periods: Iterable[Period]) -> dict[int, tuple[str, object, object]]:
    """Every period within the span of ``periods`` (quarters inside a year, ...): pk → (type,
    start, end). One query."""
    periods = list(periods)
    start, end = min(p.start for p in periods), max(p.end for p in periods)
    return {
        pk: (type_, part_start, part_end)
        for pk, type_, part_start, part_end in Period.objects.filter(
            start__gte=start, end__lte=end
        ).values_list("pk", "type", "start", "end")
    }


def compute_rows(
    periods: Iterable[Period],
    rows: Iterable[Row],
    catalogue: Catalogue,
    members: Mapping[int, frozenset[int]] | None = None,
    wanted: set[int] | None = None,
    parts: Mapping[int, tuple] | None = None,
    expected: Mapping[Key, str] | None = None,
    summed: frozenset[int] = frozenset(),
) -> dict[int, Figures]:
    """:func:`compute` on figures from elsewhere, by the same rules: e.g. approved and submitted
    figures together, or the figures a vastgesteld report was made from. ``members``: regio →
    its gemeenten (a regio's total needs all of them); ``wanted``: the areas to evaluate computed
    indicators for (None: all); ``parts``: see :func:`period_parts` (queried when not given);
    ``expected``: the figures the uitvragen ask for, see
    :func:`indicators.quality.completeness.expected_cells` (queried for the areas of the rows when not
    given): a total over doelgroepen with an expected doelgroep missing is not made but noted in
    ``Figures.incomplete``. ``summed``: indicators whose rows include one summed row per regio
    (area :func:`summed_area`) to make the regio's totals from (see :mod:`.reading`)."""
    periods = list({p.pk: p for p in periods if p is not None}.values())
    if not periods:
        return {}
    parts = parts if parts is not None else period_parts(periods)
    members = dict(members or {})
    inside = {
        pk: [p.pk for p in periods if p.start <= part_start and part_end <= p.end]
        for pk, (_t, part_start, part_end) in parts.items()
    }
    # A later submission wins over an earlier one. Figures entered for exactly a requested period
    # (the common case) go to ``exact``: key → (submission, value, voorlopig); figures of shorter
    # periods inside it to ``entered``: key → period → (submission, value, voorlopig).
    exact: dict[int, dict[Key, tuple]] = {p.pk: {} for p in periods}
    entered: dict[int, dict[Key, dict[int, tuple]]] = {p.pk: defaultdict(dict) for p in periods}
    computed = catalogue.computed
    seen_areas = set(members) | set(wanted or ())
    for (
        indicator_id,
        area_id,
        doelgroep_id,
        value,
        voorlopig,
        period_id,
        submission_id,
    ) in rows:
        if indicator_id in computed or indicator_id not in catalogue.indicators:
            continue  # a computed indicator is never entered: a stored figure is ignored
        voorlopig = is_provisional(voorlopig)  # a status, or the flag of an older snapshot
        key = (indicator_id, area_id, doelgroep_id)
        seen_areas.add(area_id)
        for period_pk in inside.get(period_id, ()):
            if period_pk == period_id:
                same = exact[period_pk]
                current = same.get(key)
                if current is None or submission_id > current[0]:
                    same[key] = (submission_id, value, voorlopig)
                continue
            by_period = entered[period_pk][key]
            current = by_period.get(period_id)
            if current is None or submission_id > current[0]:
                by_period[period_id] = (submission_id, value, voorlopig)
    if expected is None:
        for gemeenten_of_regio in members.values():
            seen_areas |= gemeenten_of_regio
        expected = expected_cells(seen_areas) if seen_areas else {}
    result = {}
    for period in periods:
        figures = Figures(period=period, members=members, summed=summed)
        period_pk, aggregation = period.pk, catalogue.aggregation
        exact_here = exact[period_pk]
        for key, (_submission, value, voorlopig) in exact_here.items():
            figures.put(key, value, False, voorlopig)
        for key, by_period in entered[period_pk].items():
            if key in exact_here:
                continue  # entered for exactly this period: wins over its parts
            found = _over_time(period, by_period, parts, aggregation[key[0]])
            if found is not None:
                figures.put(key, *found)
        _expect(figures, expected, catalogue)
        _add_totals(figures, catalogue)
        _add_computed(figures, catalogue, wanted)
        figures.drop_summed_areas()
        result[period.pk] = figures
    return result


def _expect(figures: Figures, expected: Mapping[Key, str], catalogue: Catalogue) -> None:
    """Mark the figures the uitvragen ask for in this period (asked per period of this length or
    shorter) that are not there, so that totals needing them stay empty."""
    months = MONTHS[figures.period.type]
    for key, period_type in expected.items():
        if (
            key not in figures.values
            and key[0] in catalogue.indicators
            and MONTHS.get(period_type, 0) <= months
        ):
            figures.expect(key)


def complete(figures: Figures, catalogue: Catalogue) -> Figures:
    """Add the totals and the computed indicators to figures that were put in by hand (e.g. the
    figures of one submission, before approval), with exactly the rules of :func:`compute`.
    ``figures.members`` says which areas are totals of which gemeenten. No queries."""
    _add_totals(figures, catalogue)
    _add_computed(figures, catalogue)
    return figures


def _over_time(period, by_period, parts, aggregation):
    """(value, derived, provisional) of one key in ``period``, or None."""
    if period.pk in by_period:
        _sub, value, voorlopig = by_period[period.pk]
        return value, False, voorlopig
    if aggregation not in ADDING:
        return None
    found = [(parts[pk][2], parts[pk][0], value, vl) for pk, (_s, value, vl) in by_period.items()]
    if aggregation == Aggregatie.STAND:
        # The last by its end; of a half-year and its last quarter, the half-year.
        end, _type, value, voorlopig = max(found, key=lambda item: (item[0], MONTHS[item[1]]))
        return value, True, voorlopig
    # A flow over a longer period is the sum of its parts, but only when all parts are there.
    for type_ in (PeriodType.HALFJAAR, PeriodType.KWARTAAL):
        of_type = [item for item in found if item[1] == type_]
        if of_type and len(of_type) == MONTHS[period.type] // MONTHS[type_]:
            return sum((item[2] for item in of_type), Decimal(0)), True, any(i[3] for i in of_type)
    return None


def _sum_of(figures: Figures, keys) -> tuple[Decimal, bool] | None:
    total, provisional = Decimal(0), False
    for key in keys:
        value = figures.values.get(key)
        if value is None:
            return None
        total += value
        provisional = provisional or key in figures.provisional
    return total, provisional


def _put_total(figures: Figures, key: Key, keys: list[Key]) -> None:
    """The sum of ``keys`` as the derived figure ``key``; when some parts are there and others
    are missing, no figure but a note of what is missing: a total over part of its parts would
    pretend to be complete (and give a change that is no change)."""
    found = _sum_of(figures, keys)
    if found:
        figures.put(key, found[0], True, found[1])
        return
    missing, present = [], False
    for part in keys:
        if part in figures.values:
            present = True
        else:
            missing.extend(figures.incomplete.get(part, (part,)))
    if present or any(part in figures.incomplete for part in keys):
        figures.incomplete[key] = tuple(dict.fromkeys(missing))


def _add_totals(figures: Figures, catalogue: Catalogue) -> None:
    """Totals over doelgroepen and over the gemeenten of each regio, for entered indicators."""
    for indicator_id in list(figures.areas):
        if catalogue.aggregation[indicator_id] not in ADDING:
            continue
        members = figures.summing_members(indicator_id)
        # 1. A regio's figure per doelgroep from its gemeenten (all of them).
        for regio, gemeenten in members.items():
            doelgroepen = set()
            for gemeente in gemeenten:
                doelgroepen |= figures.doelgroepen.get((indicator_id, gemeente), set())
            for doelgroep in doelgroepen - {None}:
                key = (indicator_id, regio, doelgroep)
                if key not in figures.values:
                    _put_sum(figures, key, gemeenten)
                    if key in figures.incomplete:  # a part of the regio's total over doelgroepen
                        figures.expect(key)
        # 2. Totals over doelgroepen where no total was entered.
        for area in list(figures.areas[indicator_id]):
            doelgroepen = figures.doelgroepen[(indicator_id, area)]
            if None not in doelgroepen:
                keys = [(indicator_id, area, dg) for dg in _ordered(doelgroepen)]
                _put_total(figures, (indicator_id, area, None), keys)
        # 3. A regio's total from its gemeenten's totals.
        for regio, gemeenten in members.items():
            if (indicator_id, regio, None) not in figures.values:
                _put_sum(figures, (indicator_id, regio, None), gemeenten)


def _put_sum(figures: Figures, key: Key, gemeenten) -> None:
    if not gemeenten:
        return
    indicator_id, _regio, doelgroep = key
    _put_total(figures, key, [(indicator_id, g, doelgroep) for g in sorted(gemeenten)])


def _ordered(doelgroepen) -> list:
    return sorted(doelgroepen, key=lambda dg: (dg is None, dg or 0))


def _add_computed(figures: Figures, catalogue: Catalogue, wanted: set[int] | None = None) -> None:
    """Evaluate computed indicators in dependency order, at every gemeente/regio (or only those in
    ``wanted``) and doelgroep where their inputs are known — including the totals, which makes
    ratios come out of summed parts."""
    with localcontext() as context:
        context.prec = 28
        context.traps[DivisionByZero] = context.traps[InvalidOperation] = True
        for indicator_id in catalogue.order:
            _compute_indicator(figures, catalogue, indicator_id, wanted)


def _compute_indicator(
    figures: Figures, catalogue: Catalogue, indicator_id: int, wanted: set[int] | None = None
) -> None:
    values, split, derived_keys = figures.values, figures.split, figures.derived
    inputs = catalogue.inputs[indicator_id]
    evaluate = catalogue.compiled[indicator_id]
    no_totals = catalogue.aggregation[indicator_id] == Aggregatie.GEEN
    qualified = any(item.qualified for item in inputs)
    # Every input is needed, so only areas where all inputs have a figure are candidates.
    areas = set.intersection(*(set(figures.areas.get(item.indicator_id, ())) for item in inputs))
    if wanted is not None:
        areas &= wanted
    for area in sorted(areas):
        doelgroepen = {None}
        if not qualified:
            split_inputs = [
                figures.doelgroepen.get((item.indicator_id, area), set())
                for item in inputs
                if item.indicator_id in split
            ]
            if split_inputs:
                doelgroepen = set.intersection(*split_inputs)
                if any((item.indicator_id, area, None) in figures.incomplete for item in inputs):
                    doelgroepen.add(None)  # to note the total as incomplete too
        for doelgroep in doelgroepen:
            env, derived, provisional = {}, False, False
            for item in inputs:
                key = (item.indicator_id, area, item.doelgroep_id if item.qualified else doelgroep)
                value = values.get(key)
                if value is None and doelgroep is not None and item.indicator_id not in split:
                    key = (item.indicator_id, area, None)  # e.g. inwoners: one figure for all
                    value = values.get(key)
                if value is None:
                    if key in figures.incomplete:
                        figures.incomplete[(indicator_id, area, doelgroep)] = figures.incomplete[
                            key
                        ]
                    break
                env[item.ref] = value
                derived = derived or key in derived_keys
                provisional = provisional or key in figures.provisional
            else:
                if no_totals and derived:
                    continue
                try:
                    result = evaluate(env)
                except (DivisionByZero, InvalidOperation, ZeroDivisionError):
                    continue  # "geen waarde", e.g. a rate over a beginstand of 0
                figures.put((indicator_id, area, doelgroep), result, derived, provisional)
