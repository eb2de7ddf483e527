"""Disclosure control (statistische geheimhouding): the rules, the cells and footnotes, and the
protection of one table on its own.

Pure functions over numbers: no database, no requests. Public outputs take their pattern from
:mod:`.patterns` (linked tables as one system); :func:`protect` remains for single tables.

The rules, in the order they are applied:

1. **Primary suppression** – a count (``Eenheid.AANTAL``) from ``min_count`` up to and including
   ``max_count`` (default 1-7) is not published but shown as "geheim" (CBS shows "."). Totals are
   counts too. Other units (percentages, euro's, rates) are never suppressed for their own value.
2. **Secondary suppression** – for every equation "parts add up to the total" (a row or column
   with its total, a list with its total): whenever a line has exactly one suppressed cell, the
   smallest non-zero other cell of that line (the total included) is suppressed as well, and this
   repeats until the pattern is stable. Because in a 2-D table "two per line" is not always enough
   (a suppressed cell can be the only link between two blocks of suppressed cells and then still
   follows from summing equations), every stable pattern is audited with exact linear algebra and
   one more cell is suppressed until no suppressed cell can be computed from the published ones.
   This is a heuristic for a single table: it does not look for the cheapest pattern. Public
   outputs do not use it for their figures: they read the pattern over all *linked* tables
   (:mod:`.linked`, :mod:`.patterns`).
3. **Derived suppression** – a rate or share computed from a suppressed count is suppressed too
   (otherwise rate × denominator gives the count back). Conversely, a computed figure that is
   secret itself (a small computed count) gets one of its inputs hidden, or it could be computed
   again. Steps 2 and 3 repeat until stable.
4. **Rounding** (optional) – published counts are rounded half up to multiples of 5 or 10, after
   the suppression decisions were taken on the exact values (the footnote says so). Totals are rounded on their own, so
   the details do not always add up to the total.

Each outcome carries its cells (published value or ``None``, plus a :class:`Flag`) and the Dutch
footnotes of exactly the rules that were applied.
"""

from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Generic, NamedTuple, TypeVar

from django.utils.translation import gettext as _

GEHEIM = "geheim"
CBS_SYMBOL = "."
ROUNDING_BASES = (5, 10)

K = TypeVar("K", bound=Hashable)


class Flag(StrEnum):
    """Why a cell is published as it is. Only ``Cell.status`` leaves the system: a public
    "primair" would tell readers that the hidden value lies between 1 and 7."""

    NONE = ""
    PRIMARY = "primair"
    SECONDARY = "secundair"
    DERIVED = "afgeleid"
    ROUNDED = "afgerond"


SUPPRESSION_FLAGS = frozenset({Flag.PRIMARY, Flag.SECONDARY, Flag.DERIVED})


@dataclass(frozen=True)
class Rules:
    """Which counts are too small to publish, how to round, and how a secret cell is shown."""

    min_count: int = 1
    max_count: int = 7
    round_to: int | None = None
    symbol: str = GEHEIM  # CBS_SYMBOL for CBS-style tables

    def __post_init__(self):
        if self.round_to not in (None, *ROUNDING_BASES):
            raise ValueError(f"round_to must be None, 5 or 10, not {self.round_to!r}")
        if self.min_count > self.max_count:
            raise ValueError("min_count must not exceed max_count")

    @classmethod
    def from_settings(cls, round_to: int | None = None, symbol: str = GEHEIM) -> "Rules":
        """The configured rules; ``round_to`` overrides the configured rounding (5 or 10)."""
        from django.conf import settings

        return cls(
            min_count=settings.DISCLOSURE_MIN_COUNT,
            max_count=settings.DISCLOSURE_MAX_COUNT,
            round_to=round_to or settings.DISCLOSURE_ROUND_TO,
            symbol=symbol,
        )

    def is_small(self, value: Decimal) -> bool:
        return self.min_count <= value <= self.max_count


@dataclass(frozen=True)
class Cell:
    """A cell as it may be published: ``value`` is None when the cell is secret or empty."""

    value: Decimal | None
    flag: Flag = Flag.NONE

    @property
    def suppressed(self) -> bool:
        return self.flag in SUPPRESSION_FLAGS

    @property
    def status(self) -> str:
        """What a publication says about the cell: "geheim", "afgerond" or nothing."""
        if self.suppressed:
            return GEHEIM
        return str(Flag.ROUNDED) if self.flag == Flag.ROUNDED else ""

    def shown(self, symbol: str = GEHEIM):
        """The published value, or the symbol for a secret cell."""
        return symbol if self.suppressed else self.value


class Line(NamedTuple):
    """An equation: the ``parts`` add up to ``total`` (keys into the values)."""

    parts: tuple
    total: Hashable


@dataclass
class Protection(Generic[K]):
    """The outcome: every cell with its flag, and the footnotes of the rules that were applied."""

    cells: dict[K, Cell]
    rules: Rules
    footnotes: list[str] = field(default_factory=list)

    def __getitem__(self, key: K) -> Cell:
        return self.cells[key]

    def keys_with(self, flag: Flag) -> set[K]:
        return {k for k, c in self.cells.items() if c.flag == flag}

    @property
    def suppressed(self) -> set[K]:
        return {k for k, c in self.cells.items() if c.suppressed}

    def count(self, flag: Flag) -> int:
        return sum(1 for c in self.cells.values() if c.flag == flag)


def round_half_up(value: Decimal, base: int) -> Decimal:
    """Round to a multiple of ``base``, halves away from zero (12,5 → 15 and 25 → 30)."""
    steps = (Decimal(value) / base).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return steps * base


def suppress_derived(suppressed: Collection, sources: Mapping) -> set:
    """The derived cells (rates, shares) with at least one suppressed source.

    ``suppressed`` holds the keys of suppressed numerator/denominator cells (or maps keys to a
    boolean mask); ``sources`` maps each derived cell to the keys it is computed from.
    """
    if isinstance(suppressed, Mapping):
        suppressed = {k for k, hidden in suppressed.items() if hidden}
    return {key for key, used in sources.items() if any(s in suppressed for s in used)}


def footnotes(rules: Rules, applied: Collection[Flag]) -> list[str]:
    """The Dutch footnotes of the rules that were applied, in a fixed order."""
    notes = []
    if Flag.PRIMARY in applied:
        symbol = rules.symbol if rules.symbol.isalpha() else f"“{rules.symbol}”"
        notes.append(
            _(
                "Waarden %(min)s tot en met %(max)s zijn vanwege onthullingsrisico weergegeven "
                "als %(symbol)s."
            )
            % {"min": rules.min_count, "max": rules.max_count, "symbol": symbol}
        )
    if Flag.ROUNDED in applied:
        if rules.round_to == 10:
            notes.append(
                _(
                    "Afgerond op tientallen, na de geheimhouding; details tellen daardoor niet "
                    "altijd op tot het totaal."
                )
            )
        else:
            notes.append(
                _(
                    "Afgerond op vijftallen, na de geheimhouding; details tellen daardoor niet "
                    "altijd op tot het totaal."
                )
            )
    if Flag.SECONDARY in applied:
        notes.append(
            _(
                "Om terugrekenen te voorkomen zijn ook enkele andere cellen geheim gemaakt "
                "(secundaire geheimhouding)."
            )
        )
    if Flag.DERIVED in applied:
        notes.append(
            _(
                "Percentages en andere verhoudingscijfers die zijn berekend uit een geheim "
                "aantal, zijn ook geheim."
            )
        )
    return notes


def protect(
    values: Mapping,
    *,
    rules: Rules | None = None,
    lines: Iterable[Line | Sequence] = (),
    counts: Collection | None = None,
    derived: Mapping | None = None,
) -> Protection:
    """Apply all rules to ``values`` (key → number or None for an empty cell).

    - ``lines``: equations :class:`Line` (or sequences whose last key is the total);
    - ``counts``: keys of count-like cells (primary suppression, rounding); default all;
    - ``derived``: derived cell key → keys it is computed from.
    Empty cells take part in nothing: a line is built from its filled cells (the totals are the
    sums of the filled parts), and a line without a filled total is no equation at all.
    """
    rules = rules or Rules()
    exact = {k: None if v is None else Decimal(v) for k, v in values.items()}
    count_keys = set(exact) if counts is None else set(counts) & set(exact)
    equations = _equations(lines, exact)
    sources = {k: tuple(s) for k, s in (derived or {}).items() if exact.get(k) is not None}
    order = {k: i for i, k in enumerate(exact)}  # ties are broken by the caller's order

    flags: dict = {
        k: Flag.PRIMARY for k in count_keys if exact[k] is not None and rules.is_small(exact[k])
    }
    while True:
        changed = _two_per_line(equations, exact, flags, order)
        changed |= _audit(equations, exact, flags, order)
        for key in suppress_derived(flags, sources) - set(flags):
            flags[key] = Flag.DERIVED
            changed = True
        changed |= _hide_an_input(sources, exact, flags, order)
        if not changed:
            break

    cells = {}
    for key, value in exact.items():
        if value is None:
            cells[key] = Cell(None)
        elif key in flags:
            cells[key] = Cell(None, flags[key])
        elif rules.round_to and key in count_keys:
            cells[key] = Cell(round_half_up(value, rules.round_to), Flag.ROUNDED)
        else:
            cells[key] = Cell(value)
    applied = {c.flag for c in cells.values()}
    return Protection(cells=cells, rules=rules, footnotes=footnotes(rules, applied))


def _hide_an_input(sources, exact, flags, order) -> bool:
    """A secret computed figure (a small computed count) whose inputs are all published could be
    computed again: hide its smallest non-zero input as well."""
    changed = False
    for key, used in sources.items():
        inputs = [s for s in used if exact.get(s) is not None]
        if key in flags and inputs and not any(s in flags for s in inputs):
            flags[_candidates(inputs, exact, flags, order)[0]] = Flag.SECONDARY
            changed = True
    return changed


def _equations(lines, exact) -> list[Line]:
    equations = []
    for line in lines:
        if not isinstance(line, Line):
            line = Line(tuple(line[:-1]), line[-1])
        if exact.get(line.total) is None:
            continue
        parts = tuple(k for k in line.parts if exact.get(k) is not None)
        if parts:
            equations.append(Line(parts, line.total))
    return equations


def _members(line: Line) -> tuple:
    return (*line.parts, line.total)


def _candidates(keys, exact, flags, order) -> list:
    """Unsuppressed cells, the smallest non-zero first; zeros only as a last resort."""
    free = [k for k in keys if k not in flags]
    return sorted(free, key=lambda k: (exact[k] == 0, abs(exact[k]), order[k]))


def _two_per_line(equations, exact, flags, order) -> bool:
    """Give every line with one suppressed cell a second one, until no such line is left."""
    changed = False
    stable = False
    while not stable:
        stable = True
        for line in equations:
            members = _members(line)
            if sum(1 for k in members if k in flags) == 1:
                flags[_candidates(members, exact, flags, order)[0]] = Flag.SECONDARY
                changed, stable = True, False
    return changed


def _audit(equations, exact, flags, order) -> bool:
    """Suppress one more cell when a suppressed cell still follows from the equations together."""
    hidden = {k for k in flags if any(k in _members(line) for line in equations)}
    exposed = determined(equations, hidden)
    if not exposed:
        return False
    target = min(exposed, key=order.__getitem__)
    neighbours = {k for line in equations if target in _members(line) for k in _members(line)}
    everything = {k for line in equations for k in _members(line)}
    for candidate in _candidates(neighbours, exact, flags, order) + _candidates(
        everything - neighbours, exact, flags, order
    ):
        if target not in determined(equations, hidden | {candidate}):
            flags[candidate] = Flag.SECONDARY
            return True
    return False  # nothing left to hide; cannot happen with "parts add up to total" lines


def determined(equations: Iterable[Line], unknown: Collection) -> set:
    """The unknown cells whose value follows from the equations and the known cells.

    Gauss-Jordan elimination over the unknowns (exact fractions): an unknown is determined when
    its reduced row has no other unknown in it.
    """
    columns = list(dict.fromkeys(k for k in unknown))
    index = {k: i for i, k in enumerate(columns)}
    matrix = []
    for line in equations:
        row = [Fraction(0)] * len(columns)
        for k in line.parts:
            if k in index:
                row[index[k]] += 1
        if line.total in index:
            row[index[line.total]] -= 1
        if any(row):
            matrix.append(row)
    pivots = []
    r = 0
    for c in range(len(columns)):
        pivot = next((i for i in range(r, len(matrix)) if matrix[i][c] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        lead = matrix[r][c]
        matrix[r] = [x / lead for x in matrix[r]]
        for i in range(len(matrix)):
            if i != r and matrix[i][c] != 0:
                factor = matrix[i][c]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[r], strict=True)]
        pivots.append((r, c))
        r += 1
    return {
        columns[c] for row, c in pivots if all(x == 0 for j, x in enumerate(matrix[row]) if j != c)
    }


# Convenience shapes -------------------------------------------------------------------------


@dataclass
class ListProtection:
    """A list of counts with their total."""

    parts: list[Cell]
    total: Cell
    protection: Protection

    @property
    def footnotes(self) -> list[str]:
        return self.protection.footnotes


def protect_list(parts: Sequence, total=None, rules: Rules | None = None) -> ListProtection:
    """Protect a list of counts and its total (by default the sum of the filled parts)."""
    if total is None:
        filled = [Decimal(p) for p in parts if p is not None]
        total = sum(filled) if filled else None
    values = {("deel", i): p for i, p in enumerate(parts)}
    values["totaal"] = total
    result = protect(
        values, rules=rules, lines=[Line(tuple(k for k in values if k != "totaal"), "totaal")]
    )
    return ListProtection(
        parts=[result[("deel", i)] for i in range(len(parts))],
        total=result["totaal"],
        protection=result,
    )


@dataclass
class TableProtection:
    """A rows × columns table of counts with row totals, column totals and the grand total."""

    body: list[list[Cell]]
    row_totals: list[Cell]
    col_totals: list[Cell]
    grand_total: Cell
    protection: Protection

    @property
    def footnotes(self) -> list[str]:
        return self.protection.footnotes


def table_lines(n_rows: int, n_cols: int) -> list[Line]:
    """The equations of a table with margins, keyed as :func:`protect_table` keys its cells."""
    lines = [Line(tuple(("cel", i, j) for j in range(n_cols)), ("rij", i)) for i in range(n_rows)]
    lines += [
        Line(tuple(("cel", i, j) for i in range(n_rows)), ("kolom", j)) for j in range(n_cols)
    ]
    lines.append(Line(tuple(("rij", i) for i in range(n_rows)), "totaal"))
    lines.append(Line(tuple(("kolom", j) for j in range(n_cols)), "totaal"))
    return lines


def _sum(numbers) -> Decimal | None:
    filled = [Decimal(n) for n in numbers if n is not None]
    return sum(filled, Decimal(0)) if filled else None


def protect_table(
    rows: Sequence[Sequence],
    rules: Rules | None = None,
    row_totals: Sequence | None = None,
    col_totals: Sequence | None = None,
    grand_total=None,
) -> TableProtection:
    """Protect a 2-D table of counts; missing totals are the sums of the filled cells."""
    n_rows = len(rows)
    n_cols = max((len(r) for r in rows), default=0)
    grid = [[r[j] if j < len(r) else None for j in range(n_cols)] for r in rows]
    if row_totals is None:
        row_totals = [_sum(r) for r in grid]
    if col_totals is None:
        col_totals = [_sum(grid[i][j] for i in range(n_rows)) for j in range(n_cols)]
    if grand_total is None:
        grand_total = _sum(row_totals)
    values = {("cel", i, j): grid[i][j] for i in range(n_rows) for j in range(n_cols)}
    values |= {("rij", i): row_totals[i] for i in range(n_rows)}
    values |= {("kolom", j): col_totals[j] for j in range(n_cols)}
    values["totaal"] = grand_total
    result = protect(values, rules=rules, lines=table_lines(n_rows, n_cols))
    return TableProtection(
        body=[[result[("cel", i, j)] for j in range(n_cols)] for i in range(n_rows)],
        row_totals=[result[("rij", i)] for i in range(n_rows)],
        col_totals=[result[("kolom", j)] for j in range(n_cols)],
        grand_total=result["totaal"],
        protection=result,
    )
