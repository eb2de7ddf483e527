"""Checks on a submission's figures: validatieregels between figures, min/max bounds per indicator
and outliers against the previous period.

A :class:`~indicators.models.ValidatieRegel` compares two formulas (see :mod:`indicators.formula`).
References resolve within one gemeente/regio of the submission:

- ``[code]``: the figure of that indicator for the doelgroep the rule is being evaluated for. A rule
  with such references is evaluated per (gemeente/regio, doelgroep) for every doelgroep that all of
  its unqualified indicators are asked for; without them, once per gemeente/regio.
- ``[code@wsw]``: the figure of doelgroep ``wsw`` in the same gemeente/regio.
- ``[code@*]``: the sum over all doelgroepen the uitvraag asks this indicator for (or its only
  figure when it is asked without doelgroep), so "som van de doelgroepen = totaal" is
  ``[aantal@*] = [totaal]``. Sums are resolved here, in the lookup, so the parser stays small.

A rule applies to a submission when its uitvoerder is empty or the submission's, and every
indicator (and every named doelgroep) it refers to is part of the uitvraag.

Equality allows for rounding: two sides are equal when they differ by at most
``TOLERANCE`` (0,01 %) of the larger side, and at least by 0,0001. ``≤`` and ``≥`` hold when the
sides are equal in that sense; ``<`` and ``>`` need a real difference.

Findings never block saving. On submit, errors block; a warning blocks until at least one of the
cells involved has a toelichting (the supplier explains why the figure is right after all).
"""

import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from indicators.formula import (
    BinOp,
    FormulaError,
    Neg,
    Node,
    Num,
    describe,
    evaluate,
    parse,
    references,
)
from indicators.models import (
    BijOntbreken,
    Ernst,
    Indicator,
    Period,
    Submission,
    UitvraagRegel,
    ValidatieRegel,
    Value,
)
from indicators.submissions.cells import submission_areas, submission_rows, values_by_key
from organisations.models import Doelgroep

from .validation import format_value

logger = logging.getLogger(__name__)

CellKey = tuple[int, int | None, int]  # (indicator_id, doelgroep_id, area_id)

TOLERANCE = Decimal("0.0001")
# The parser's brackets do not accept "*": "[code@*]" is read as "[code@.]" (same length, so
# positions in error messages stay right; a doelgroep code is a slug and never ".").
SUM_OF_DOELGROEPEN = "."
_SUM_REFERENCE = re.compile(r"@\*\]")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


class Kind:
    REGEL = "regel"
    ONTBREEKT = "ontbreekt"
    GRENS = "grens"
    UITSCHIETER = "uitschieter"


OPERATOR_WORDS = {
    "<=": gettext_noop("kleiner dan of gelijk aan"),
    "<": gettext_noop("kleiner dan"),
    "=": gettext_noop("gelijk aan"),
    "!=": gettext_noop("ongelijk aan"),
    ">=": gettext_noop("groter dan of gelijk aan"),
    ">": gettext_noop("groter dan"),
}


def operator_words(operator: str) -> str:
    return _(OPERATOR_WORDS[operator])


def equal_enough(left: Decimal, right: Decimal) -> bool:
    return abs(left - right) <= TOLERANCE * max(Decimal(1), abs(left), abs(right))


def holds(left: Decimal, operator: str, right: Decimal) -> bool:
    equal = equal_enough(left, right)
    if operator == "=":
        return equal
    if operator == "!=":
        return not equal
    if operator == "<=":
        return equal or left < right
    if operator == ">=":
        return equal or left > right
    if operator == "<":
        return not equal and left < right
    if operator == ">":
        return not equal and left > right
    raise ValueError(operator)


@dataclass(frozen=True)
class Finding:
    """Something a checker noticed about one or more cells of a submission."""

    kind: str
    severity: str  # Ernst
    message: str
    area: object  # Organisation
    doelgroep: object = None  # Doelgroep | None
    cells: tuple[CellKey, ...] = ()
    rule: ValidatieRegel | None = None
    explained: bool = False  # a cell involved has a toelichting

    @property
    def is_error(self) -> bool:
        return self.severity == Ernst.FOUT

    @property
    def blocks_submit(self) -> bool:
        return self.is_error or not self.explained

    @property
    def severity_label(self) -> str:
        return _("Fout") if self.is_error else _("Waarschuwing")

    @property
    def advice(self) -> str:
        if self.is_error:
            return _("Verbeter dit voordat u indient.")
        if self.explained:
            return _("Toegelicht.")
        return _(
            "Klopt het toch? Licht het toe bij het cijfer; zonder toelichting kunt u niet indienen."
        )

    @property
    def problem(self) -> str:
        """The finding as a reason why the submission cannot be submitted yet."""
        if self.is_error:
            return self.message
        return self.message + " " + _("Licht dit toe in de toelichting bij het cijfer.")


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: not f.is_error)


# --- Rules -------------------------------------------------------------------------------------


class RefSpec(NamedTuple):
    code: str
    qualifier: str | None  # None, "*" or a doelgroep code


def split_reference(text: str) -> RefSpec:
    code, _at, qualifier = text.partition("@")
    return RefSpec(code, (qualifier or None) if _at else None)


def parse_side(text: str) -> Node:
    """A side of a rule: a formula in which ``[code@*]`` is the sum over the doelgroepen."""
    return parse(_SUM_REFERENCE.sub("@.]", text or ""))


def reference_problem(text: str) -> str:
    """Why a reference of a rule is malformed ("" when it is fine)."""
    code, at, qualifier = text.partition("@")
    if not _SLUG.match(code) or (
        at and qualifier != SUM_OF_DOELGROEPEN and not _SLUG.match(qualifier)
    ):
        return _(
            "Onjuiste verwijzing '[%(ref)s]': gebruik [code], [code@doelgroep] of [code@*]."
        ) % {"ref": text.replace("@.", "@*")}
    return ""


def rule_formula_errors(text: str, uitvoerder_id: int | None = None) -> list[str]:
    """Dutch problems with one side of a rule: syntax, malformed references, unknown indicator
    or doelgroep codes (the doelgroep of the rule's uitvoerder, when it has one)."""
    try:
        node = parse_side(text)
    except FormulaError as exc:
        return [str(exc)]
    refs = sorted(references(node))
    errors = [problem for ref in refs if (problem := reference_problem(ref))]
    if errors:
        return errors
    specs = [split_reference(ref) for ref in refs]
    codes = {spec.code for spec in specs}
    known = set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True))
    errors += [
        _("Onbekende indicator '%(code)s'.") % {"code": code} for code in sorted(codes - known)
    ]
    doelgroepen = {s.qualifier for s in specs if s.qualifier not in (None, SUM_OF_DOELGROEPEN)}
    if doelgroepen:
        existing = Doelgroep.objects.filter(code__in=doelgroepen)
        if uitvoerder_id:
            existing = existing.filter(uitvoerder_id=uitvoerder_id)
        missing = doelgroepen - set(existing.values_list("code", flat=True))
        errors += [
            _("Onbekende doelgroep '%(code)s'.") % {"code": code} for code in sorted(missing)
        ]
    return errors


@dataclass(frozen=True)
class CompiledRule:
    rule: ValidatieRegel
    left: Node
    right: Node
    refs: dict[str, RefSpec]

    @property
    def indicator_codes(self) -> set[str]:
        return {spec.code for spec in self.refs.values()}


def compile_rule(rule: ValidatieRegel) -> CompiledRule:
    """Parse both sides; raises FormulaError (Dutch) when a side is not a valid formula."""
    left, right = parse_side(rule.left), parse_side(rule.right)
    refs = {text: split_reference(text) for text in references(left) | references(right)}
    for text in refs:
        if problem := reference_problem(text):
            raise FormulaError(problem)
    return CompiledRule(rule, left, right, refs)


def compiled_rules(rules: Iterable[ValidatieRegel]) -> list[CompiledRule]:
    result = []
    for rule in rules:
        try:
            result.append(compile_rule(rule))
        except FormulaError as exc:  # the admin refuses these; never let one break a check
            logger.warning("Validatieregel %s overgeslagen: %s", rule.code, exc)
    return result


def active_rules(uitvoerder_id: int | None = None) -> list[CompiledRule]:
    rules = ValidatieRegel.objects.filter(active=True).select_related("uitvoerder")
    if uitvoerder_id is not None:
        rules = rules.filter(Q(uitvoerder__isnull=True) | Q(uitvoerder_id=uitvoerder_id))
    return compiled_rules(rules)


# --- What a check needs to know about a submission -----------------------------------------------


@dataclass
class Facts:
    """A submission's rows, areas, stored values and the previous period's approved figures."""

    submission: Submission
    rows: list[UitvraagRegel]
    areas: list
    values: dict[CellKey, Value]
    previous: dict[CellKey, Decimal] = field(default_factory=dict)
    previous_period: Period | None = None

    def __post_init__(self):
        # indicator code → {doelgroep code (None: without doelgroep) → row}
        self.asked: dict[str, dict[str | None, UitvraagRegel]] = defaultdict(dict)
        self.row_order = {(r.indicator_id, r.doelgroep_id): n for n, r in enumerate(self.rows)}
        self.area_order = {area.pk: n for n, area in enumerate(self.areas)}
        for regel in self.rows:
            code = regel.doelgroep.code if regel.doelgroep_id else None
            self.asked[regel.indicator.code][code] = regel

    def cell_order(self, key: CellKey):
        return (self.row_order[(key[0], key[1])], self.area_order.get(key[2], 0))

    def number(self, key: CellKey) -> Decimal | None:
        value = self.values.get(key)
        if value is None or value.error:
            return None
        return value.value

    def has_toelichting(self, key: CellKey) -> bool:
        value = self.values.get(key)
        return bool(value and value.toelichting.strip())


def load_previous(previous_period: Period | None, indicator_ids, area_ids) -> dict:
    """The previous period's approved figures for these indicators and areas."""
    if previous_period is None:
        return {}
    approved = Value.objects.approved().filter(
        submission__period=previous_period,
        indicator_id__in=set(indicator_ids),
        area_id__in=set(area_ids),
    )
    return {
        (v.indicator_id, v.doelgroep_id, v.area_id): v.value
        for v in approved.only("indicator_id", "doelgroep_id", "area_id", "value")
    }


def load_facts(submission: Submission, rows=None, areas=None, values=None) -> Facts:
    rows = rows if rows is not None else submission_rows(submission)
    areas = areas if areas is not None else submission_areas(submission)
    values = values if values is not None else values_by_key(submission)
    previous_period = submission.period.previous()
    previous = load_previous(previous_period, [r.indicator_id for r in rows], [a.pk for a in areas])
    return Facts(submission, rows, areas, values, previous, previous_period)


def facts_from_grid(submission, areas, grid, previous_period=None, with_previous=False) -> Facts:
    """Facts from :func:`indicators.submissions.services.submission_grid`. When the grid was built
    ``with_previous`` (pass its ``previous_period`` too) this needs no queries; otherwise the
    previous period's figures are loaded (2 queries)."""
    values, previous = {}, {}
    for grid_row in grid:
        for cell in grid_row.cells:
            if cell.value is not None:
                values[cell.key] = cell.value
            if cell.previous is not None:
                previous[cell.key] = cell.previous
    rows = [grid_row.regel for grid_row in grid]
    if not with_previous:
        previous_period = submission.period.previous()
        previous = load_previous(
            previous_period, [r.indicator_id for r in rows], [a.pk for a in areas]
        )
    return Facts(submission, rows, list(areas), values, previous, previous_period)


# --- Checking ---------------------------------------------------------------------------------


class _Places(NamedTuple):
    decimals: int


def dutch_number(value: Decimal, places: int) -> str:
    return format_value(value, _Places(places))


def _has_division(node: Node) -> bool:
    if isinstance(node, BinOp):
        return node.op == "/" or _has_division(node.left) or _has_division(node.right)
    if isinstance(node, Neg):
        return _has_division(node.operand)
    return False


def _places(node: Node, indicators: dict[str, Indicator], refs: dict[str, RefSpec]) -> int:
    decimals = [indicators[refs[code].code].decimals for code in references(node)]
    places = max(decimals, default=0)
    return max(places, 2) if _has_division(node) else places


def row_label(regel: UitvraagRegel) -> str:
    if regel.doelgroep_id:
        return f"{regel.indicator.name} ({regel.doelgroep.name})"
    return regel.indicator.name


def cell_label(regel: UitvraagRegel, area) -> str:
    return f"{row_label(regel)}, {area.name}"


def _side_text(node: Node, value: Decimal, names, indicators, refs) -> str:
    """A side in words with its value, e.g. "Aantal cliënten (Wsw) (666)"; a constant as is."""
    if isinstance(node, Num) or (isinstance(node, Neg) and isinstance(node.operand, Num)):
        return describe(node, names)
    return f"{describe(node, names)} ({dutch_number(value, _places(node, indicators, refs))})"


def _applies(compiled: CompiledRule, facts: Facts) -> bool:
    rule = compiled.rule
    if rule.uitvoerder_id and rule.uitvoerder_id != facts.submission.uitvraag.uitvoerder_id:
        return False
    for spec in compiled.refs.values():
        asked = facts.asked.get(spec.code)
        if not asked:
            return False
        if spec.qualifier not in (None, SUM_OF_DOELGROEPEN) and spec.qualifier not in asked:
            return False
    return True


def _contexts(compiled: CompiledRule, facts: Facts) -> list[str | None]:
    """The doelgroepen (codes; None: without doelgroep) an unqualified reference can mean."""
    unqualified = [s.code for s in compiled.refs.values() if s.qualifier is None]
    if not unqualified:
        return [None]
    order = list(facts.asked[unqualified[0]])  # in the uitvraag's row order
    common = set(order)
    for code in unqualified[1:]:
        common &= set(facts.asked[code])
    return [code for code in order if code in common]


def _rows_for(spec: RefSpec, context: str | None, facts: Facts) -> list[UitvraagRegel]:
    asked = facts.asked[spec.code]
    if spec.qualifier is None:
        return [asked[context]]
    if spec.qualifier == SUM_OF_DOELGROEPEN:
        with_doelgroep = [regel for code, regel in asked.items() if code is not None]
        return with_doelgroep or list(asked.values())
    return [asked[spec.qualifier]]


def _reference_name(spec: RefSpec, regels: list[UitvraagRegel]) -> str:
    name = regels[0].indicator.name
    if spec.qualifier == SUM_OF_DOELGROEPEN:
        if any(r.doelgroep_id for r in regels):
            return _("%(name)s (alle doelgroepen samen)") % {"name": name}
        return name
    if spec.qualifier:
        return f"{name} ({regels[0].doelgroep.name})"
    return name


def check_rule(compiled: CompiledRule, facts: Facts) -> list[Finding]:
    if not _applies(compiled, facts):
        return []
    rule = compiled.rule
    indicators = {code: next(iter(rows.values())).indicator for code, rows in facts.asked.items()}
    findings = []
    for context in _contexts(compiled, facts):
        doelgroep = None
        for area in facts.areas:
            lookup, names, involved, missing = {}, {}, [], []
            for text, spec in compiled.refs.items():
                regels = _rows_for(spec, context, facts)
                if spec.qualifier is None and regels[0].doelgroep_id:
                    doelgroep = regels[0].doelgroep
                names[text] = _reference_name(spec, regels)
                total = Decimal(0)
                for regel in regels:
                    key = (regel.indicator_id, regel.doelgroep_id, area.pk)
                    involved.append(key)
                    number = facts.number(key)
                    if number is None:
                        missing.append(regel)
                        number = Decimal(0)
                    total += number
                lookup[text] = total
            # In grid order, so the first cell is the one to jump to.
            involved = tuple(sorted(set(involved), key=facts.cell_order))
            missing.sort(
                key=lambda regel: facts.row_order[(regel.indicator_id, regel.doelgroep_id)]
            )
            explained = any(facts.has_toelichting(key) for key in involved)
            where = f"{area.name}, {doelgroep.name}" if doelgroep else area.name
            title = rule.message or rule.name
            if missing:
                if rule.bij_ontbreken == BijOntbreken.OVERSLAAN:
                    continue
                if rule.bij_ontbreken == BijOntbreken.MELDEN:
                    absent = ", ".join(dict.fromkeys(row_label(r) for r in missing))
                    findings.append(
                        Finding(
                            Kind.ONTBREEKT,
                            rule.ernst,
                            _(
                                "%(title)s (%(where)s): deze controle kan niet worden uitgevoerd, "
                                "want er is geen (juiste) waarde voor %(cells)s."
                            )
                            % {"title": title, "where": where, "cells": absent},
                            area,
                            doelgroep,
                            involved,
                            rule,
                            explained,
                        )
                    )
                    continue
                # BijOntbreken.NUL: the missing figures count as 0 (already in the totals).
            left, right = evaluate(compiled.left, lookup), evaluate(compiled.right, lookup)
            if left is None or right is None:  # division by zero: nothing to compare
                continue
            if holds(left, rule.operator, right):
                continue
            findings.append(
                Finding(
                    Kind.REGEL,
                    rule.ernst,
                    _("%(title)s (%(where)s): %(left)s moet %(operator)s %(right)s zijn.")
                    % {
                        "title": title,
                        "where": where,
                        "left": _side_text(compiled.left, left, names, indicators, compiled.refs),
                        "operator": operator_words(rule.operator),
                        "right": _side_text(
                            compiled.right, right, names, indicators, compiled.refs
                        ),
                    },
                    area,
                    doelgroep,
                    involved,
                    rule,
                    explained,
                )
            )
    return findings


def check_cells(facts: Facts) -> list[Finding]:
    """Min/max bounds (errors) and changes beyond the indicator's outlier % (warnings)."""
    findings = []
    for regel in facts.rows:
        indicator = regel.indicator
        bounded = indicator.min_value is not None or indicator.max_value is not None
        if not bounded and indicator.outlier_pct is None:
            continue
        for area in facts.areas:
            key = (regel.indicator_id, regel.doelgroep_id, area.pk)
            number = facts.number(key)
            if number is None:
                continue
            label = cell_label(regel, area)
            shown = format_value(number, indicator)
            explained = facts.has_toelichting(key)
            bound = None
            if indicator.min_value is not None and number < indicator.min_value:
                bound = _("%(cell)s: %(value)s is lager dan de minimumwaarde %(bound)s.") % {
                    "cell": label,
                    "value": shown,
                    "bound": format_value(indicator.min_value, indicator),
                }
            elif indicator.max_value is not None and number > indicator.max_value:
                bound = _("%(cell)s: %(value)s is hoger dan de maximumwaarde %(bound)s.") % {
                    "cell": label,
                    "value": shown,
                    "bound": format_value(indicator.max_value, indicator),
                }
            if bound:
                findings.append(
                    Finding(
                        Kind.GRENS,
                        Ernst.FOUT,
                        bound,
                        area,
                        regel.doelgroep,
                        (key,),
                        None,
                        explained,
                    )
                )
            message = _outlier_message(indicator, number, facts.previous.get(key), facts)
            if message:
                findings.append(
                    Finding(
                        Kind.UITSCHIETER,
                        Ernst.WAARSCHUWING,
                        f"{label}: {message}",
                        area,
                        regel.doelgroep,
                        (key,),
                        None,
                        explained,
                    )
                )
    return findings


def _outlier_message(indicator, number, previous, facts) -> str:
    if indicator.outlier_pct is None or previous is None:
        return ""
    period = facts.previous_period.label if facts.previous_period else _("de vorige periode")
    values = {
        "value": format_value(number, indicator),
        "previous": format_value(previous, indicator),
        "period": period,
    }
    if previous == 0:
        if number == 0:
            return ""
        return _("%(value)s, terwijl het in %(period)s %(previous)s was.") % values
    change = (number - previous) / abs(previous) * 100
    if abs(change) <= indicator.outlier_pct:
        return ""
    values["change"] = dutch_number(abs(change), 1)
    values["limit"] = dutch_number(indicator.outlier_pct, 0)
    if change > 0:
        text = _("%(value)s is %(change)s %% hoger dan in %(period)s (%(previous)s)")
    else:
        text = _("%(value)s is %(change)s %% lager dan in %(period)s (%(previous)s)")
    return (text + _("; dat is meer dan %(limit)s %% verschil.")) % values


def check_facts(facts: Facts, rules: list[CompiledRule]) -> list[Finding]:
    findings = check_cells(facts)
    for compiled in rules:
        findings.extend(check_rule(compiled, facts))
    return sort_findings(findings)


def check_submission(
    submission: Submission, facts: Facts | None = None, rules=None
) -> list[Finding]:
    """All findings for one submission (a handful of queries, independent of its size)."""
    facts = facts or load_facts(submission)
    if rules is None:
        rules = active_rules(submission.uitvraag.uitvoerder_id)
    return check_facts(facts, rules)


def findings_by_cell(findings: Iterable[Finding]) -> dict[CellKey, list[Finding]]:
    result = defaultdict(list)
    for finding in findings:
        for key in finding.cells:
            result[key].append(finding)
    return result


# --- A whole period ---------------------------------------------------------------------------


@dataclass
class SubmissionCheck:
    submission: Submission
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if not f.is_error)

    @property
    def unexplained_warnings(self) -> int:
        return sum(1 for f in self.findings if not f.is_error and not f.explained)

    @property
    def blocking(self) -> int:
        return sum(1 for f in self.findings if f.blocks_submit)


def check_period(period: Period, submissions=None) -> list[SubmissionCheck]:
    """Run every active rule and cell check over the period's submissions, in a fixed number of
    queries: submissions with their rows and areas, all their values, the previous period's
    approved figures and the rules."""
    submissions = submissions if submissions is not None else Submission.objects.all()
    regels = UitvraagRegel.objects.select_related("indicator", "doelgroep").order_by("order", "pk")
    submissions = list(
        submissions.filter(period=period)
        .with_related()
        .prefetch_related("uitvraag__areas", Prefetch("uitvraag__regels", queryset=regels))
        .order_by("uitvraag__uitvoerder__name", "uitvraag__name", "pk")
    )
    if not submissions:
        return []
    values = defaultdict(dict)
    for value in Value.objects.filter(submission__in=submissions):
        values[value.submission_id][value.key] = value
    indicator_ids, area_ids = set(), set()
    for submission in submissions:
        indicator_ids |= {r.indicator_id for r in submission.uitvraag.regels.all()}
        area_ids |= {a.pk for a in submission.uitvraag.areas.all()}
    previous_period = period.previous()
    previous = load_previous(previous_period, indicator_ids, area_ids)
    rules = active_rules()
    checks = []
    for submission in submissions:
        facts = Facts(
            submission,
            list(submission.uitvraag.regels.all()),
            submission_areas(submission),
            values[submission.pk],
            previous,
            previous_period,
        )
        own = [
            r for r in rules if r.rule.uitvoerder_id in (None, submission.uitvraag.uitvoerder_id)
        ]
        checks.append(SubmissionCheck(submission, check_facts(facts, own)))
    return checks
