"""Formulas and the catalogue: parsing, checking and describing a computed indicator's formula,
how each indicator adds up, and the order computed indicators are evaluated in. Reads indicators,
writes nothing."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from organisations.models import Doelgroep

from .. import formula
from ..formula import parse_formula, split_reference, validate_formula  # noqa: F401 (engine API)
from ..models import (
    Aggregatie,
    Eenheid,
    Indicator,
)

Key = tuple[int, int, int | None]  # (indicator_id, area_id, doelgroep_id)
# Only amounts add up; percentages, rates and report marks never do.
ADDITIVE_UNITS = frozenset({Eenheid.AANTAL, Eenheid.FTE, Eenheid.EURO})
ADDING = frozenset({Aggregatie.SOM, Aggregatie.STAND})


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
