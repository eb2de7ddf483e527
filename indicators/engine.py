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

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from indicators.quality.completeness import expected_cells
from indicators.quality.validation import format_value
from organisations.access import Access
from organisations.models import Doelgroep, Organisation, OrganisationKind

from . import formula
from .formula import parse_formula, split_reference, validate_formula  # noqa: F401 (engine API)
from .models import (
    Aggregatie,
    Eenheid,
    Indicator,
    Oordeel,
    Period,
    PeriodType,
    Richting,
    TrendOordeel,
    Value,
    is_provisional,
)

Key = tuple[int, int, int | None]  # (indicator_id, area_id, doelgroep_id)

MONTHS = {PeriodType.KWARTAAL: 3, PeriodType.HALFJAAR: 6, PeriodType.JAAR: 12}
# Only amounts add up; percentages, rates and report marks never do.
ADDITIVE_UNITS = frozenset({Eenheid.AANTAL, Eenheid.FTE, Eenheid.EURO})
ADDING = frozenset({Aggregatie.SOM, Aggregatie.STAND})


# --- formulas -----------------------------------------------------------------------------------


_OPERATIONS = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,  # b == 0 raises DivisionByZero (or InvalidOperation for 0 / 0)
}


def compile_formula(node: formula.Node):
    """The parsed formula as nested closures ``f(values) -> Decimal``, evaluated without walking
    the tree again: the same arithmetic as :func:`formula.evaluate`, a few times faster, for the
    engine's inner loop. The caller supplies every reference and catches division by zero."""
    if isinstance(node, formula.Num):
        constant = node.value
        return lambda values: constant
    if isinstance(node, formula.Ref):
        code = node.code
        return lambda values: values[code]
    if isinstance(node, formula.Neg):
        operand = compile_formula(node.operand)
        return lambda values: -operand(values)
    left, right, operation = (
        compile_formula(node.left),
        compile_formula(node.right),
        _OPERATIONS[node.op],
    )
    return lambda values: operation(left(values), right(values))


def describe_formula(indicator: Indicator) -> str:
    """An indicator's formula in Dutch words ("" for an entered indicator; the text itself when it
    cannot be parsed). For one indicator at a time (admin, detail pages); lists use a Catalogue."""
    text = indicator.formula.strip()
    if not text:
        return ""
    try:
        node = parse_formula(text)
    except formula.FormulaError:
        return text
    references = {ref: split_reference(ref) for ref in formula.references(node)}
    codes = {code for code, _dg in references.values()}
    doelgroep_codes = {dg for _code, dg in references.values() if dg}
    names = dict(Indicator.objects.filter(code__in=codes).values_list("code", "name"))
    doelgroepen = (
        dict(Doelgroep.objects.filter(code__in=doelgroep_codes).values_list("code", "name"))
        if doelgroep_codes
        else {}
    )
    words = {}
    for ref, (code, dg) in references.items():
        word = _as_word(names.get(code, code))
        words[ref] = f"{word} ({doelgroepen.get(dg, dg)})" if dg else word
    return formula.describe(node, words)


def aggregation_of(indicator: Indicator) -> str:
    """How the engine adds an indicator up. A computed indicator is recomputed from its summed
    inputs (unless it says "geen"); an entered ratio cannot be recomputed and a percentage, rate or
    mark never adds up, so those get no totals even when configured as "som"."""
    if indicator.is_computed:
        return Aggregatie.GEEN if indicator.aggregatie == Aggregatie.GEEN else Aggregatie.FORMULE
    if indicator.aggregatie in ADDING and indicator.eenheid in ADDITIVE_UNITS:
        return indicator.aggregatie
    return Aggregatie.GEEN


@dataclass(frozen=True)
class Input:
    """One reference in a formula, resolved to an indicator (and, if qualified, a doelgroep)."""

    ref: str
    indicator_id: int
    doelgroep_id: int | None = None
    qualified: bool = False


class Catalogue:
    """All indicators with their parsed formulas, in the order computed indicators are evaluated.

    A computed indicator whose formula cannot be used (a syntax error, an unknown reference, a
    cycle — validation refuses these on save) is left out of ``order`` and listed in ``broken``.
    """

    def __init__(self, indicators: Iterable[Indicator], doelgroepen: Iterable = ()):
        self.indicators: dict[int, Indicator] = {i.pk: i for i in indicators}
        self.by_code = {i.code: i for i in self.indicators.values()}
        self.aggregation = {pk: aggregation_of(i) for pk, i in self.indicators.items()}
        self.computed = {pk for pk, i in self.indicators.items() if i.is_computed}
        self.doelgroep_names: dict[str, str] = {}  # "code@doelgroep" → the doelgroep's name
        by_code: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for pk, code, uitvoerder_id, name in doelgroepen:
            by_code[code].append((pk, uitvoerder_id, name))
        self.formulas: dict[int, formula.Node] = {}
        self.compiled: dict[int, object] = {}
        self.inputs: dict[int, list[Input]] = {}
        self.broken: dict[int, str] = {}
        for pk in sorted(self.computed):
            self._prepare(self.indicators[pk], by_code)
        self.order, blocked = topological_order(
            {
                pk: {i.indicator_id for i in inputs} & self.computed
                for pk, inputs in self.inputs.items()
            }
        )
        for pk in blocked:
            self.broken[pk] = _("De formule maakt een kringverwijzing.")

    @classmethod
    def load(cls) -> "Catalogue":
        """Two queries at most: the indicators, and the doelgroepen formulas name explicitly."""
        indicators = list(
            Indicator.objects.select_related("thema", "uitvoerder").order_by(
                "thema__order", "thema__name", "soort", "order", "name", "pk"
            )
        )
        codes = set()
        for indicator in indicators:
            if "@" in indicator.formula:
                try:
                    refs = formula.references(parse_formula(indicator.formula.strip()))
                except formula.FormulaError:
                    continue
                codes |= {dg for _c, dg in map(split_reference, refs) if dg}
        doelgroepen = (
            Doelgroep.objects.filter(code__in=codes).values_list(
                "pk", "code", "uitvoerder_id", "name"
            )
            if codes
            else ()
        )
        return cls(indicators, doelgroepen)

    def _prepare(self, indicator: Indicator, doelgroepen_by_code) -> None:
        try:
            node = parse_formula(indicator.formula.strip())
        except formula.FormulaError as error:
            self.broken[indicator.pk] = str(error)
            return
        inputs = []
        for ref in sorted(formula.references(node)):
            code, doelgroep_code = split_reference(ref)
            target = self.by_code.get(code)
            if target is None or target.pk == indicator.pk:
                self.broken[indicator.pk] = _("Onbekende indicator in de formule: %(codes)s.") % {
                    "codes": code
                }
                return
            doelgroep_id = None
            if doelgroep_code:
                options = doelgroepen_by_code.get(doelgroep_code, [])
                # Prefer the doelgroep of the supplier that delivers the referenced indicator.
                own = [o for o in options if o[1] == target.uitvoerder_id] or options
                if not own:
                    self.broken[indicator.pk] = _(
                        "Onbekende doelgroep in de formule: %(codes)s."
                    ) % {"codes": doelgroep_code}
                    return
                doelgroep_id = own[0][0]
                self.doelgroep_names[ref] = own[0][2]
            inputs.append(Input(ref, target.pk, doelgroep_id, bool(doelgroep_code)))
        if not inputs:
            self.broken[indicator.pk] = _(
                "De formule moet naar minstens één andere indicator verwijzen."
            )
            return
        self.formulas[indicator.pk] = node
        self.compiled[indicator.pk] = compile_formula(node)
        self.inputs[indicator.pk] = inputs

    def describe(self, indicator: Indicator) -> str:
        """The formula in words, e.g. "uitstroom naar werk gedeeld door (beginstand plus ...)"."""
        node = self.formulas.get(indicator.pk)
        if node is None:
            return indicator.formula.strip()
        names = {}
        for item in self.inputs[indicator.pk]:
            name = _as_word(self.indicators[item.indicator_id].name)
            if item.qualified:
                name = f"{name} ({self.doelgroep_names.get(item.ref, item.ref)})"
            names[item.ref] = name
        return formula.describe(node, names)


def _as_word(name: str) -> str:
    """A name inside a sentence: "Aantal cliënten" → "aantal cliënten", but "WMO-cliënten" stays."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


def topological_order(dependencies: Mapping[int, set[int]]) -> tuple[list[int], set[int]]:
    """Kahn's algorithm: an order in which every item comes after what it depends on, and the
    items that cannot be ordered (in a cycle or depending on one)."""
    waiting = {item: set(deps) & dependencies.keys() for item, deps in dependencies.items()}
    dependents = defaultdict(list)
    for item, deps in waiting.items():
        for dep in deps:
            dependents[dep].append(item)
    ready = sorted(item for item, deps in waiting.items() if not deps)
    order = []
    while ready:
        item = ready.pop()
        order.append(item)
        for dependent in dependents[item]:
            waiting[dependent].discard(item)
            if not waiting[dependent]:
                ready.append(dependent)
    return order, set(dependencies) - set(order)


# --- computing ------------------------------------------------------------------------------------


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


def compute(
    periods: Iterable[Period],
    gemeenten: Iterable | None = None,
    catalogue: Catalogue | None = None,
) -> dict[int, Figures]:
    """All figures for the given periods (by period pk) and gemeenten (None: all), with the regio's
    they belong to. Queries: the catalogue (if not given), periods, regio membership, values.

    The other gemeenten of those regio's are loaded too (a regional total needs every member's
    figure), but computed indicators are only evaluated for the given gemeenten and their regio's:
    the rest would be work nobody asked for."""
    catalogue = catalogue or Catalogue.load()
    periods = list({p.pk: p for p in periods if p is not None}.values())
    if not periods:
        return {}
    gemeente_ids = _ids(gemeenten)
    parts = period_parts(periods)
    members = regio_members(gemeente_ids)
    rows = Value.objects.approved().filter(submission__period_id__in=list(parts))
    wanted = area_ids = None  # areas to evaluate computed indicators for (None: all)
    if gemeente_ids is not None:
        wanted = set(gemeente_ids) | set(members)
        area_ids = set(wanted)
        for gemeenten_of_regio in members.values():
            area_ids |= gemeenten_of_regio
        rows = rows.filter(area_id__in=sorted(area_ids))
    expected = expected_cells(area_ids)
    return compute_rows(periods, value_rows(rows), catalogue, members, wanted, parts, expected)


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
) -> dict[int, Figures]:
    """:func:`compute` on figures from elsewhere, by the same rules: e.g. approved and submitted
    figures together, or the figures a vastgesteld report was made from. ``members``: regio →
    its gemeenten (a regio's total needs all of them); ``wanted``: the areas to evaluate computed
    indicators for (None: all); ``parts``: see :func:`period_parts` (queried when not given);
    ``expected``: the figures the uitvragen ask for, see
    :func:`indicators.quality.completeness.expected_cells` (queried for the areas of the rows when not
    given): a total over doelgroepen with an expected doelgroep missing is not made but noted in
    ``Figures.incomplete``."""
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
        figures = Figures(period=period, members=members)
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


def compute_period(period: Period, gemeenten: Iterable | None = None, catalogue=None) -> Figures:
    """Every figure of one period for the given gemeenten (None: all gemeenten and regio's)."""
    return compute([period], gemeenten, catalogue)[period.pk]


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
        end, _type, value, voorlopig = max(found, key=lambda item: item[0])
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
    members = figures.members
    for indicator_id in list(figures.areas):
        if catalogue.aggregation[indicator_id] not in ADDING:
            continue
        # 1. A regio's figure per doelgroep from its gemeenten (all of them).
        for regio, gemeenten in members.items():
            doelgroepen = set()
            for gemeente in gemeenten:
                doelgroepen |= figures.doelgroepen.get((indicator_id, gemeente), set())
            for doelgroep in doelgroepen - {None}:
                if (indicator_id, regio, doelgroep) not in figures.values:
                    _put_sum(figures, (indicator_id, regio, doelgroep), gemeenten)
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


# --- tables and shares ------------------------------------------------------------------------------


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


# --- visibility ----------------------------------------------------------------------------------


def gemeenten_visible_to(user):
    """Gemeenten whose figures a user may see: beleid its own, a supplier those it serves (its own
    indicators only, see :func:`uitvoerders_visible_for`), a beheerder all."""
    access = Access.for_user(user)
    gemeenten = Organisation.objects.gemeenten()
    if access.is_beheerder:
        return gemeenten
    condition = Q(pk__in=sorted(access.beleid_gemeente_ids))
    if access.uitvoerder_ids:
        condition |= Q(groepen__in=sorted(access.uitvoerder_ids))
    return gemeenten.filter(condition).distinct()


def uitvoerders_visible_for(user, gemeente) -> set[int] | None:
    """None: every indicator of the gemeente is visible; otherwise only the indicators of these
    suppliers (a supplier's own, for a gemeente it serves)."""
    if user is None:
        return None
    access = Access.for_user(user)
    if access.is_beheerder or gemeente.pk in access.beleid_gemeente_ids:
        return None
    if not access.uitvoerder_ids:
        return set()
    return set(
        gemeente.groepen.filter(pk__in=sorted(access.uitvoerder_ids)).values_list("pk", flat=True)
    )


def may_judge(user, gemeente) -> bool:
    """A trend is judged by a beleidsmedewerker of the gemeente (or a beheerder)."""
    if user is None or gemeente is None or not gemeente.is_gemeente:
        return False
    access = Access.for_user(user)
    return access.is_beheerder or gemeente.pk in access.beleid_gemeente_ids


# --- the overview of one gemeente --------------------------------------------------------------------


def missing_names(*incomplete: Mapping[Key, tuple[Key, ...]]) -> tuple[dict, dict]:
    """(doelgroep pk → name, area pk → name) for every missing part in these ``incomplete``
    maps (see ``Figures.incomplete``). Two queries at most."""
    doelgroep_ids, area_ids = set(), set()
    for found in incomplete:
        for key, parts in found.items():
            area_ids.add(key[1])
            for _indicator, area_id, doelgroep_id in parts:
                area_ids.add(area_id)
                if doelgroep_id is not None:
                    doelgroep_ids.add(doelgroep_id)
    doelgroepen = (
        dict(Doelgroep.objects.filter(pk__in=sorted(doelgroep_ids)).values_list("pk", "name"))
        if doelgroep_ids
        else {}
    )
    areas = (
        dict(Organisation.objects.filter(pk__in=sorted(area_ids)).values_list("pk", "name"))
        if area_ids
        else {}
    )
    return doelgroepen, areas


def missing_text(key: Key, parts: Iterable[Key], names: tuple[dict, dict]) -> str:
    """What an incomplete total lacks, in words: "Wsw, Nieuw beschut werk" (doelgroepen of the
    same area), "Veere" (a gemeente of a regio) or "Wsw (Veere)"."""
    doelgroepen, areas = names
    words = []
    for _indicator, area_id, doelgroep_id in parts:
        doelgroep = doelgroepen.get(doelgroep_id, "") if doelgroep_id is not None else ""
        area = areas.get(area_id, "") if area_id != key[1] else ""
        if doelgroep and area:
            words.append(f"{doelgroep} ({area})")
        else:
            words.append(doelgroep or area)
    return ", ".join(dict.fromkeys(w for w in words if w))


def incomplete_text(missing: str) -> str:
    """The text an output shows instead of an incomplete total."""
    if not missing:
        return _("onvolledig")
    return _("onvolledig, ontbreekt: %(missing)s") % {"missing": missing}


def change_percentage(current: Decimal | None, base: Decimal | None) -> Decimal | None:
    if current is None or base is None or base == 0:
        return None
    return (current - base) / abs(base) * 100


def _text(value, indicator) -> str:
    return format_value(value, indicator) if value is not None else ""


@dataclass
class OverviewRow:
    """One indicator × doelgroep (or the total) of a gemeente, with everything to judge it."""

    indicator: Indicator
    doelgroep: Doelgroep | None
    is_total: bool
    value: Decimal | None
    area: Organisation | None  # where the figure comes from: the gemeente, or a regio
    regio_values: list[Decimal | None]
    base_value: Decimal | None
    derived: bool = False
    provisional: bool = False
    # An incomplete total: no value, and what is missing (see Figures.incomplete).
    incomplete: bool = False
    missing_text: str = ""
    streefwaarde: object = None  # Streefwaarde | None
    target_met: bool | None = None
    proposal: str = Oordeel.GEEN
    judgement: TrendOordeel | None = None
    form: object = None  # the judgement form, attached by the web view

    @property
    def label(self) -> str:
        if self.is_total:
            return _("Totaal")
        if self.doelgroep is not None:
            return self.doelgroep.name
        return _("Alle doelgroepen")

    @property
    def doelgroep_code(self) -> str | None:
        return self.doelgroep.code if self.doelgroep else None

    @property
    def anchor(self) -> str:
        return f"rij-{self.indicator.pk}-{self.doelgroep.pk if self.doelgroep else 'totaal'}"

    @property
    def text(self) -> str:
        if self.incomplete:
            return incomplete_text(self.missing_text)
        return _text(self.value, self.indicator)

    @property
    def regio_texts(self) -> list[str]:
        return [_text(v, self.indicator) for v in self.regio_values]

    @property
    def base_text(self) -> str:
        return _text(self.base_value, self.indicator)

    @property
    def change(self) -> Decimal | None:
        return change_percentage(self.value, self.base_value)

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return ""
        change = change.quantize(Decimal("0.1"))
        sign = "+" if change > 0 else ""
        return f"{sign}{change}".replace(".", ",") + " %"

    @property
    def from_regio(self) -> bool:
        return self.area is not None and self.area.is_regio

    @property
    def target_text(self) -> str:
        from .targets import target_text

        return target_text(self.streefwaarde, self.indicator)

    @property
    def proposal_label(self) -> str:
        return str(Oordeel(self.proposal).label)

    @property
    def is_judgeable(self) -> bool:
        """A trend can be judged: the indicator has a desired direction and there is a figure."""
        return (
            self.value is not None
            and not self.indicator.is_ontwikkelindicator
            and self.indicator.richting != Richting.GEEN
        )


@dataclass
class IndicatorBlock:
    indicator: Indicator
    rows: list[OverviewRow]
    formula_text: str = ""  # the formula in words, for computed indicators
    aggregation: str = Aggregatie.GEEN

    @property
    def is_computed(self) -> bool:
        return self.indicator.is_computed


@dataclass
class ThemaBlock:
    thema: object
    indicators: list[IndicatorBlock]


@dataclass
class Overview:
    gemeente: Organisation
    period: Period
    base_period: Period | None
    regios: list[Organisation]
    themas: list[ThemaBlock]
    can_judge: bool = False

    @property
    def rows(self) -> list[OverviewRow]:
        return [row for t in self.themas for block in t.indicators for row in block.rows]

    @property
    def column_count(self) -> int:
        """Indicator/doelgroep, gemeente, one per regio, base, change, target, trend, judgement."""
        return 7 + len(self.regios)


def _entered_total(figures: Figures, indicator, areas) -> bool:
    return any(
        (indicator.pk, area, None) in figures.values
        and (indicator.pk, area, None) not in figures.derived
        for area in areas
    )


def _gemeente_figure(figures: Figures, indicator_id, gemeente_id, regio_ids, doelgroep_id):
    """The gemeente's own figure, else the figure reported for (or totalled over) its regio."""
    for area_id in (gemeente_id, *regio_ids):
        value = figures.get(indicator_id, area_id, doelgroep_id)
        if value is not None:
            return value, area_id
    return None, None


def overview(
    gemeente: Organisation,
    period: Period,
    user=None,
    base_period: Period | None = None,
    catalogue: Catalogue | None = None,
) -> Overview:
    """All approved figures of a gemeente for a period, per thema → indicator → doelgroep, with
    the totals over doelgroepen, the regional totals, computed indicators (with their formula in
    words), targets, the trend against the base period (default: the previous period of the same
    type) and the judgements recorded. ``user``: show only what they may see (None: everything).
    A constant number of queries, whatever the number of indicators."""
    from .targets import TargetBook, is_met, trend_proposal

    if user is not None and not gemeenten_visible_to(user).filter(pk=gemeente.pk).exists():
        raise PermissionDenied(_("U mag de cijfers van deze gemeente niet inzien."))
    uitvoerders = uitvoerders_visible_for(user, gemeente)
    base_period = base_period or period.previous()
    catalogue = catalogue or Catalogue.load()
    computed = compute([period, base_period], [gemeente.pk], catalogue)
    current = computed[period.pk]
    base = computed.get(base_period.pk) if base_period else None
    regio_ids = current.regios_of(gemeente.pk)
    areas = {gemeente.pk, *regio_ids}

    def visible(indicator):
        return uitvoerders is None or indicator.uitvoerder_id in uitvoerders

    # (indicator, doelgroep) pairs with a figure at the gemeente or its regio's, now or before.
    keys = defaultdict(set)
    for figures in (current, base):
        if figures is None:
            continue
        for indicator_id, area_id, doelgroep_id in (*figures.values, *figures.incomplete):
            if area_id in areas:
                keys[indicator_id].add(doelgroep_id)
    shown = [i for i in catalogue.indicators.values() if i.pk in keys and visible(i)]
    doelgroep_ids = {dg for i in shown for dg in keys[i.pk] if dg is not None}
    doelgroepen = {d.pk: d for d in Doelgroep.objects.filter(pk__in=sorted(doelgroep_ids))}
    regios = list(Organisation.objects.filter(pk__in=regio_ids).order_by("name"))
    area_objects = {gemeente.pk: gemeente, **{r.pk: r for r in regios}}
    # A target applies to the gemeente, one of its regio's or the supplier of the indicator.
    scopes = {gemeente.pk, *regio_ids} | {i.uitvoerder_id for i in shown if i.uitvoerder_id}
    targets = TargetBook.load(
        period.year, [i.pk for i in shown], regios_of={gemeente.pk: regio_ids}, scope_ids=scopes
    )
    judgements = {
        (j.indicator_id, j.doelgroep_id): j
        for j in TrendOordeel.objects.filter(area=gemeente, period=period).select_related(
            "decided_by"
        )
    }
    names = missing_names(current.incomplete) if current.incomplete else ({}, {})
    themas: dict[int, ThemaBlock] = {}
    for indicator in shown:
        present = keys[indicator.pk]
        split = sorted(
            (doelgroepen[dg] for dg in present if dg is not None),
            key=lambda d: (d.order, d.name, d.pk),
        )
        row_keys = [(d, False) for d in split]
        if not split:
            row_keys.append((None, False))
        elif None in present and (len(split) > 1 or _entered_total(current, indicator, areas)):
            row_keys.append((None, True))  # a total of one doelgroep would only repeat it
        rows = []
        for doelgroep, is_total in row_keys:
            dg = doelgroep.pk if doelgroep else None
            value, area_id = _gemeente_figure(current, indicator.pk, gemeente.pk, regio_ids, dg)
            base_value = None
            if base is not None:
                if area_id is not None:
                    base_value = base.get(indicator.pk, area_id, dg)
                else:
                    base_value, area_id = _gemeente_figure(
                        base, indicator.pk, gemeente.pk, regio_ids, dg
                    )
            if value is None:
                area_id = next(
                    (
                        a
                        for a in (gemeente.pk, *regio_ids)
                        if (indicator.pk, a, dg) in current.incomplete
                    ),
                    area_id,
                )
            key = (indicator.pk, area_id, dg)
            incomplete = value is None and key in current.incomplete
            streefwaarde = targets.lookup(indicator, area_id or gemeente.pk, dg)
            rows.append(
                OverviewRow(
                    indicator=indicator,
                    doelgroep=doelgroep,
                    is_total=is_total,
                    value=value,
                    area=area_objects.get(area_id),
                    regio_values=[current.get(indicator.pk, r.pk, dg) for r in regios],
                    base_value=base_value,
                    derived=key in current.derived,
                    provisional=key in current.provisional,
                    incomplete=incomplete,
                    missing_text=missing_text(key, current.incomplete[key], names)
                    if incomplete
                    else "",
                    streefwaarde=streefwaarde,
                    target_met=is_met(value, streefwaarde, indicator.decimals),
                    proposal=trend_proposal(indicator, value, base_value),
                    judgement=judgements.get((indicator.pk, dg)),
                )
            )
        block = IndicatorBlock(
            indicator=indicator,
            rows=rows,
            formula_text=catalogue.describe(indicator) if indicator.is_computed else "",
            aggregation=catalogue.aggregation[indicator.pk],
        )
        thema = themas.setdefault(indicator.thema_id, ThemaBlock(indicator.thema, []))
        thema.indicators.append(block)
    return Overview(
        gemeente=gemeente,
        period=period,
        base_period=base_period,
        regios=regios,
        themas=list(themas.values()),
        can_judge=may_judge(user, gemeente),
    )


def gemeente_trend(indicator, gemeente, period, base_period, doelgroep=None) -> str:
    """The trend proposal for one row of a gemeente's overview (used when a judgement is saved)."""
    from .targets import trend_proposal

    computed = compute([period, base_period], [gemeente.pk])
    current = computed[period.pk]
    base = computed.get(base_period.pk) if base_period else None
    regio_ids = current.regios_of(gemeente.pk)
    dg = getattr(doelgroep, "pk", doelgroep)
    value, area_id = _gemeente_figure(current, indicator.pk, gemeente.pk, regio_ids, dg)
    base_value = None
    if base is not None:
        if area_id is not None:
            base_value = base.get(indicator.pk, area_id, dg)
        else:
            base_value, _area = _gemeente_figure(base, indicator.pk, gemeente.pk, regio_ids, dg)
    return trend_proposal(indicator, value, base_value)
