"""Safe formulas over indicator codes, e.g. ``uitstroom_werk / ((beginstand + eindstand) / 2)``.

A small recursive-descent parser (never ``eval``): numbers, indicator codes, + - * /, unary minus
and parentheses. Codes are bare identifiers (``kosten``) or, when they contain hyphens, written in
brackets (``[orionis-aantal-clienten]``). Evaluating with a missing input or a division by zero
gives ``None`` ("geen waarde"), never an exception.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext
from functools import lru_cache
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from organisations.models import Doelgroep

if TYPE_CHECKING:
    from .models import Indicator


class FormulaError(ValueError):
    """A formula that cannot be parsed or refers to something it may not."""


@dataclass(frozen=True)
class Num:
    value: Decimal


@dataclass(frozen=True)
class Ref:
    code: str


@dataclass(frozen=True)
class Neg:
    operand: "Node"


@dataclass(frozen=True)
class BinOp:
    op: str
    left: "Node"
    right: "Node"


Node = Num | Ref | Neg | BinOp

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<ident>[A-Za-z_][A-Za-z0-9_]*)|\[(?P<code>[A-Za-z0-9_.\-@]+)\]"
    r"|(?P<op>[-+*/()]))"
)


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            # Report the offending character itself, not the whitespace before it.
            while text[pos].isspace():
                pos += 1
            raise FormulaError(
                _("Onverwacht teken '%(char)s' op positie %(pos)d.")
                % {"char": text[pos], "pos": pos + 1}
            )
        kind = match.lastgroup
        tokens.append((kind, match.group(kind), match.start(kind) + 1))
        pos = match.end()
    tokens.append(("end", "", len(text) + 1))
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokenize(text)
        self.i = 0

    def peek(self):
        return self.tokens[self.i]

    def take(self):
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Node:
        if self.peek()[0] == "end":
            raise FormulaError(_("De formule is leeg."))
        node = self.expr()
        kind, value, pos = self.peek()
        if kind != "end":
            raise FormulaError(
                _("Onverwacht '%(token)s' op positie %(pos)d.") % {"token": value, "pos": pos}
            )
        return node

    def expr(self) -> Node:
        node = self.term()
        while self.peek()[0] == "op" and self.peek()[1] in "+-":
            op = self.take()[1]
            node = BinOp(op, node, self.term())
        return node

    def term(self) -> Node:
        node = self.factor()
        while self.peek()[0] == "op" and self.peek()[1] in "*/":
            op = self.take()[1]
            node = BinOp(op, node, self.factor())
        return node

    def factor(self) -> Node:
        kind, value, pos = self.peek()
        if kind == "op" and value in "+-":
            self.take()
            operand = self.factor()
            return Neg(operand) if value == "-" else operand
        return self.atom()

    def atom(self) -> Node:
        kind, value, pos = self.take()
        if kind == "num":
            return Num(Decimal(value))
        if kind in {"ident", "code"}:
            return Ref(value)
        if kind == "op" and value == "(":
            node = self.expr()
            closing = self.take()
            if closing[:2] != ("op", ")"):
                raise FormulaError(
                    _("Haakje ')' ontbreekt (positie %(pos)d).") % {"pos": closing[2]}
                )
            return node
        if kind == "end":
            raise FormulaError(_("De formule houdt onverwacht op."))
        raise FormulaError(
            _("Onverwacht '%(token)s' op positie %(pos)d.") % {"token": value, "pos": pos}
        )


def parse(text: str) -> Node:
    return _Parser(text or "").parse()


def references(node: Node) -> set[str]:
    if isinstance(node, Ref):
        return {node.code}
    if isinstance(node, Neg):
        return references(node.operand)
    if isinstance(node, BinOp):
        return references(node.left) | references(node.right)
    return set()


def evaluate(node: Node, values: Mapping[str, Decimal | None]) -> Decimal | None:
    """The value of the formula, or None when an input is missing or a division by zero occurs."""
    with localcontext() as ctx:
        ctx.prec = 28
        ctx.traps[DivisionByZero] = True
        ctx.traps[InvalidOperation] = True
        try:
            return _eval(node, values)
        except (DivisionByZero, InvalidOperation, _Missing):
            return None


class _Missing(Exception):
    pass


def _eval(node: Node, values) -> Decimal:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Ref):
        value = values.get(node.code)
        if value is None:
            raise _Missing(node.code)
        return Decimal(value)
    if isinstance(node, Neg):
        return -_eval(node.operand, values)
    left, right = _eval(node.left, values), _eval(node.right, values)
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if right == 0:
        raise DivisionByZero
    return left / right


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}
_WORDS = {"+": "plus", "-": "min", "*": "maal", "/": "gedeeld door"}


def to_text(node: Node, parent: int = 0, right_side: bool = False) -> str:
    """Canonical formula text with only the parentheses that are needed."""
    if isinstance(node, Num):
        return format(node.value.normalize(), "f")
    if isinstance(node, Ref):
        return node.code if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", node.code) else f"[{node.code}]"
    if isinstance(node, Neg):
        return "-" + to_text(node.operand, 3)
    prec = _PRECEDENCE[node.op]
    text = f"{to_text(node.left, prec)} {node.op} {to_text(node.right, prec, True)}"
    if prec < parent or (prec == parent and right_side):
        return f"({text})"
    return text


def describe(node: Node, names: Mapping[str, str], parent: int = 0, right_side=False) -> str:
    """The formula in Dutch words, e.g. "uitstroom naar werk gedeeld door (beginstand plus ...)"."""
    if isinstance(node, Num):
        return format(node.value.normalize(), "f").replace(".", ",")
    if isinstance(node, Ref):
        return names.get(node.code, node.code)
    if isinstance(node, Neg):
        return "min " + describe(node.operand, names, 3)
    prec = _PRECEDENCE[node.op]
    text = (
        f"{describe(node.left, names, prec)} {_WORDS[node.op]} "
        f"{describe(node.right, names, prec, True)}"
    )
    if prec < parent or (prec == parent and right_side):
        return f"({text})"
    return text


def find_cycle(dependencies: Mapping[str, Iterable[str]]) -> list[str] | None:
    """A cycle among formulas (code → codes it uses), as a list of codes, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(code: str) -> list[str] | None:
        state[code] = 1
        stack.append(code)
        for dep in dependencies.get(code, ()):
            if state.get(dep) == 1:
                return stack[stack.index(dep) :] + [dep]
            if dep not in state and dep in dependencies:
                found = visit(dep)
                if found:
                    return found
        stack.pop()
        state[code] = 2
        return None

    for code in dependencies:
        if code not in state:
            found = visit(code)
            if found:
                return found
    return None


# --- an indicator's formula, checked before it is saved (models import this, never the engine) --


def split_reference(code: str) -> tuple[str, str | None]:
    """``aantal@wsw`` → ("aantal", "wsw"); ``aantal`` → ("aantal", None)."""
    indicator_code, _sep, doelgroep_code = code.partition("@")
    return indicator_code, (doelgroep_code or None)


@lru_cache(maxsize=4096)
def parse_formula(text: str) -> Node:
    """Parsed once per distinct text (a FormulaError is raised again on every call)."""
    return parse(text)


def _invalid(message: str) -> ValidationError:
    return ValidationError({"formula": message})


def validate_formula(indicator: "Indicator", text: str | None = None) -> Node | None:
    """Check an indicator's formula before it is saved; raises ValidationError (Dutch, on the field
    ``formula``) for a syntax error, an unknown indicator or doelgroep, a reference to the indicator
    itself or a cycle through other computed indicators. Returns the parsed formula (None: entered)."""
    text = (indicator.formula if text is None else text).strip()
    if not text:
        return None
    try:
        node = parse_formula(text)
    except FormulaError as error:
        raise _invalid(str(error)) from error
    refs = [split_reference(ref) for ref in references(node)]
    codes = {code for code, _dg in refs}
    if indicator.code in codes:
        raise _invalid(_("De formule mag niet naar de indicator zelf verwijzen."))
    if not codes:
        raise _invalid(_("De formule moet naar minstens één andere indicator verwijzen."))
    known = dict(type(indicator).objects.filter(code__in=codes).values_list("code", "formula"))
    unknown = sorted(codes - known.keys())
    if unknown:
        raise _invalid(
            _("Onbekende indicator in de formule: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    doelgroep_codes = {dg for _code, dg in refs if dg}
    if doelgroep_codes:
        found = set(
            Doelgroep.objects.filter(code__in=doelgroep_codes).values_list("code", flat=True)
        )
        missing = sorted(doelgroep_codes - found)
        if missing:
            raise _invalid(
                _("Onbekende doelgroep in de formule: %(codes)s.") % {"codes": ", ".join(missing)}
            )
    cycle = _cycle_through(indicator, codes)
    if cycle:
        raise _invalid(
            _("De formule maakt een kringverwijzing: %(cycle)s.") % {"cycle": " → ".join(cycle)}
        )
    return node


def _cycle_through(indicator: "Indicator", codes: set[str]) -> list[str] | None:
    """A cycle reachable from this indicator once it has the new"""
    others = (
        type(indicator)
        .objects.exclude(formula="")
        .exclude(Q(code=indicator.code) | Q(pk=indicator.pk))
        .values_list("code", "formula")
    )
    dependencies: dict[str, set[str]] = {}
    for code, text in others:
        try:
            dependencies[code] = {
                split_reference(ref)[0] for ref in references(parse_formula(text))
            }
        except FormulaError:
            dependencies[code] = set()
    dependencies[indicator.code] = set(codes)
    reachable, todo = {}, [indicator.code]
    while todo:
        code = todo.pop()
        if code in reachable or code not in dependencies:
            continue
        reachable[code] = dependencies[code]
        todo.extend(dependencies[code])
    return find_cycle(reachable)
