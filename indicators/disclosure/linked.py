"""Disclosure control over linked tables: every cell a public output can show, protected as one
system. Pure functions over numbers: no database (see :mod:`.patterns` for where the numbers come
from).

A cell is ``(indicator, area, doelgroep, period)``; doelgroep ``None`` is the total over the
doelgroepen. For an indicator that adds up (``som`` or ``stand``) the cells are tied by equations
(:func:`linked_equations`):

- doelgroepen: the total of an area and period is the sum of its doelgroepen;
- gemeenten: a regio's cell is the sum of its gemeenten' cells (a gemeente may be in several
  regio's);
- time (within one calendar year): for ``som`` a half-year is the sum of its quarters and the year
  the sum of its half-years (or quarters); for ``stand`` a period equals its last part.

**Guarantee** (exact, tested with exact linear algebra): no suppressed cell can be computed from
the published cells and the equations together. Every suppressed cell lies on a *perturbation*:
a vector ``d`` of +1/−1 changes to suppressed cells only that leaves every equation true, so the
published figures fit the true value and the value plus or minus one alike.

**How** (the hypercube method over hierarchies, with costs): for each primary cell not yet on a
perturbation, candidate changes are built per dimension — within the gemeenten (this gemeente
against another gemeente of the same regio's, or this gemeente with its regio's), within the
doelgroepen (against another doelgroep, or with the total), within the year (against another
quarter, or with the half-year and year) — and their products are tried cheapest first (the
cost of a cell is its value, so small cells are hidden rather than totals; a zero costs as much
as a threshold count, because hiding a zero protects little). Any product whose cells all exist
and that keeps every equation true is a perturbation; its cells are suppressed. Where none fits
(irregular missing cells), an exact rank audit adds cells until the cell is undetermined.

Rates and shares computed from a suppressed count are suppressed too (*afgeleid*); a computed
count that is small is primary, and then one of its inputs is hidden as well.

Not guaranteed: that the *interval* an attacker can derive from the published cells and the
knowledge that counts are ≥ 0 stays as wide as the threshold range; see docs/disclosure.md.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product

from .tables import SUPPRESSION_FLAGS, Cell, Flag, Line, Rules, determined, round_half_up

Key = tuple  # (indicator_id, area_id, doelgroep_id | None, period_id)

SOM = "som"
STAND = "stand"
ADDING = frozenset({SOM, STAND})
TYPE_ORDER = {"J": 0, "H": 1, "Q": 2}  # longest first
CANDIDATES_PER_DIMENSION = 3
MISSING_COST = 1e12


@dataclass(frozen=True)
class Hierarchy:
    """Who adds up to whom: regio → its gemeenten, and the periods (pk → (type, start, end))."""

    members: Mapping[int, frozenset[int]]
    periods: Mapping[int, tuple]


@dataclass(frozen=True)
class Kind:
    """What the rules need to know of an indicator: how it adds up, and whether its figures are
    counts of people (primary suppression and rounding apply) — euro's and rates are not."""

    aggregation: str
    counts: bool


@dataclass
class LinkedPattern:
    """The suppression pattern: the exact figures it was made for and the flag of each hidden
    cell. :meth:`cell` gives the publishable :class:`Cell` of any key."""

    values: dict
    flags: dict
    rules: Rules
    equations: int = 0
    repaired: int = 0  # cells the rank audit had to add (the construction found no perturbation)
    computed: set = field(default_factory=set)  # cells computed by a formula (rates, shares)

    def flag(self, key: Key) -> Flag:
        return self.flags.get(key, Flag.NONE)

    def cell(self, key: Key, value=None, *, counts: bool = True, round_to=None) -> Cell:
        """The publishable cell. ``value``: the figure the output wants to show (default the one
        the pattern was made for); a count or computed figure that differs from it is hidden,
        because the pattern only protects the figures it was made for (an entered rate or amount
        is never suppressed, so it is shown as given). Counts are rounded after suppression."""
        exact = self.values.get(key)
        if value is None:
            value = exact
        if value is None:
            return Cell(None)
        if key in self.flags:
            return Cell(None, self.flags[key])
        if not _same(value, exact) and (counts or key in self.computed):
            return Cell(None, Flag.SECONDARY)  # not the figure the pattern protects
        round_to = round_to if round_to is not None else self.rules.round_to
        if round_to and counts:
            return Cell(round_half_up(Decimal(value), round_to), Flag.ROUNDED)
        return Cell(Decimal(value))

    def count(self, flag: Flag) -> int:
        return sum(1 for f in self.flags.values() if f == flag)

    @property
    def suppressed(self) -> set:
        return {k for k, f in self.flags.items() if f in SUPPRESSION_FLAGS}

    def merge(self, other: "LinkedPattern") -> "LinkedPattern":
        return LinkedPattern(
            values={**self.values, **other.values},
            flags={**self.flags, **other.flags},
            rules=self.rules,
            equations=self.equations + other.equations,
            repaired=self.repaired + other.repaired,
            computed=self.computed | other.computed,
        )


SAME = Decimal("0.000001")  # figures are stored with six decimals; computed ones are exact


def _same(value, exact) -> bool:
    return exact is not None and abs(Decimal(value) - exact) < SAME


def _order(key) -> tuple:
    """A sort key for cells (doelgroep None, the total, first)."""
    if len(key) == 4:
        return (key[0], key[1], -1 if key[2] is None else key[2], key[3])
    return tuple(-1 if part is None else part for part in key)


# --- the equations -------------------------------------------------------------------------------


def linked_equations(values: Mapping, hierarchy: Hierarchy, kinds: Mapping[int, Kind]) -> list:
    """Every equation between the filled cells, in a fixed order. A regio's line needs every
    member, a period's line parts that cover it: with a part missing (not delivered, never
    published) the line pins nothing down. A total over doelgroepen is the sum of the doelgroepen
    it has (an entered total over fewer doelgroepen counts as a sum: the safe side)."""
    lines = []
    by_indicator = defaultdict(list)
    for key in values:
        if values[key] is not None and kinds[key[0]].aggregation in ADDING:
            by_indicator[key[0]].append(key)
    filled = {k for k, v in values.items() if v is not None}
    for indicator_id in sorted(by_indicator):
        keys = sorted(by_indicator[indicator_id], key=_order)
        lines += _doelgroep_lines(keys)
        lines += _area_lines(keys, filled, hierarchy.members)
        lines += _time_lines(keys, hierarchy.periods, kinds[indicator_id].aggregation)
    return lines


def _doelgroep_lines(keys) -> list:
    parts = defaultdict(list)
    totals = set()
    for key in keys:
        i, a, g, t = key
        if g is None:
            totals.add(key)
        else:
            parts[(i, a, None, t)].append(key)
    return [
        Line(tuple(parts[total]), total) for total in sorted(totals, key=_order) if total in parts
    ]


def _area_lines(keys, filled, members) -> list:
    lines = []
    for key in keys:
        i, a, g, t = key
        gemeenten = members.get(a)
        if not gemeenten:
            continue
        parts = tuple((i, m, g, t) for m in sorted(gemeenten))
        if all(p in filled for p in parts):  # with a member missing it says nothing exact
            lines.append(Line(parts, key))
    return lines


def _time_lines(keys, periods, aggregation) -> list:
    by_cell = defaultdict(list)
    for key in keys:
        if key[3] in periods:
            by_cell[key[:3]].append(key[3])
    lines = []
    relations = {}  # the same periods give the same relations: worked out once
    for base, present in by_cell.items():
        if len(present) < 2:
            continue
        present = tuple(sorted(present))
        if present not in relations:
            relations[present] = _period_relations(present, periods, aggregation)
        for parts, total in relations[present]:
            lines.append(Line(tuple((*base, p) for p in parts), (*base, total)))
    return lines


def _period_relations(present, periods, aggregation) -> list:
    """(parts, total) between the present periods of one cell."""
    found = []
    for period in present:
        _type, start, end = periods[period]
        inside = [
            p for p in present if p != period and start <= periods[p][1] and periods[p][2] <= end
        ]
        if not inside:
            continue
        if aggregation == STAND:
            # The last part, the longest of those ending last (H2 before Q4: H2 = Q4 itself).
            last = max(inside, key=lambda p: (periods[p][2], -TYPE_ORDER[periods[p][0]], -p))
            found.append(((last,), period))  # the engine's rule
            continue
        # Immediate parts: those not inside another present part.
        immediate = [
            p
            for p in inside
            if not any(
                q != p and periods[q][1] <= periods[p][1] and periods[p][2] <= periods[q][2]
                for q in inside
            )
        ]
        days = sum((periods[p][2] - periods[p][1]).days + 1 for p in immediate)
        if days == (end - start).days + 1:  # the parts cover the period: an exact sum
            found.append((tuple(sorted(immediate)), period))
    return found


# --- protection ----------------------------------------------------------------------------------


def protect_linked(
    values: Mapping,
    hierarchy: Hierarchy,
    kinds: Mapping[int, Kind],
    rules: Rules | None = None,
    derived: Mapping | None = None,
) -> LinkedPattern:
    """Primary, secondary and derived suppression over all cells together.

    ``values``: key → exact figure (None: empty); ``kinds``: indicator → :class:`Kind`;
    ``derived``: computed cell → the cells it is computed from. Deterministic: the same figures
    give the same pattern, whatever the order they come in.
    """
    rules = rules or Rules()
    exact = {k: Decimal(v) for k, v in values.items() if v is not None}
    lines = linked_equations(exact, hierarchy, kinds)
    solver = _Solver(exact, lines, hierarchy, rules)
    sources = {
        k: tuple(s for s in used if s in exact)
        for k, used in sorted((derived or {}).items(), key=lambda kv: _order(kv[0]))
        if k in exact
    }
    computed = set(sources)
    flags: dict = {}
    for key in sorted(exact, key=_order):
        if kinds[key[0]].counts and rules.is_small(exact[key]):
            flags[key] = Flag.PRIMARY
    todo = [k for k in sorted(flags, key=_order) if k not in computed]
    changed = True
    while changed:
        solver.cover(todo, flags)
        todo, changed = [], False
        for key, used in sources.items():
            if key in flags and flags[key] != Flag.PRIMARY:
                continue
            if any(s in flags for s in used):
                if key not in flags:
                    flags[key] = Flag.DERIVED
                    changed = True
                continue
            if key in flags:  # a small computed count: hide one of its inputs as well
                inputs = [s for s in used if s not in computed]
                if inputs:
                    chosen = min(inputs, key=lambda s: (solver.cost(s, flags), _order(s)))
                    flags[chosen] = Flag.SECONDARY
                    todo.append(chosen)
                    changed = True
    return LinkedPattern(
        values=exact,
        flags=flags,
        rules=rules,
        equations=len(lines),
        repaired=solver.repaired,
        computed=computed,
    )


class _Solver:
    """Finds perturbations; holds the index of which equation each cell is in."""

    def __init__(self, exact, lines, hierarchy, rules):
        self.exact = exact
        self.lines = lines
        zero_cost = float(rules.max_count + 1)
        self.base_cost = {k: (float(v) if v > 0 else zero_cost) for k, v in exact.items()}
        self.in_lines = defaultdict(list)
        # Per indicator, as far as equations exist: gemeente → its regio's, and the reverse.
        self.area_up: dict = defaultdict(lambda: defaultdict(set))
        self.area_down: dict = defaultdict(lambda: defaultdict(set))
        self.time_up: dict = defaultdict(lambda: defaultdict(set))  # indicator → child → parents
        self.time_down: dict = defaultdict(lambda: defaultdict(set))
        self.doelgroepen = defaultdict(set)  # indicator → its doelgroepen (None included)
        self.adding = set()
        for key in exact:
            self.doelgroepen[key[0]].add(key[2])
        for n, line in enumerate(lines):
            for key in (*line.parts, line.total):
                self.in_lines[key].append(n)
            total = line.total
            self.adding.add(total[0])
            for part in line.parts:
                if part[1] != total[1]:
                    self.area_up[total[0]][part[1]].add(total[1])
                    self.area_down[total[0]][total[1]].add(part[1])
                if part[3] != total[3]:
                    self.time_up[total[0]][part[3]].add(total[3])
                    self.time_down[total[0]][total[3]].add(part[3])
        self.covered: set = set()
        self.repaired = 0

    def cost(self, key, flags) -> float:
        if key in flags or key not in self.exact:
            return 0.0
        return self.base_cost[key]

    def cover(self, todo, flags) -> None:
        for key in todo:
            if key in self.covered:
                continue
            if key[0] not in self.adding or not self.in_lines.get(key):
                self.covered.add(key)  # in no equation: hiding it alone is enough
                continue
            found = self._perturbation(key, flags)
            if found is None:
                self._repair(key, flags)
                continue
            for cell in found:
                flags.setdefault(cell, Flag.SECONDARY)
            self.covered.update(found)

    # Candidate changes per dimension: lists of (coordinate, sign).

    def _area_options(self, key):
        i, a, _g, _t = key
        area_up, area_down = self.area_up[i], self.area_down[i]
        # A regio's cell changes through one of its gemeenten.
        leaves = sorted(area_down[a]) if area_down.get(a) else [a]
        options = []
        for leaf in leaves:
            up = {leaf} | area_up.get(leaf, set())
            options.append({x: 1 for x in up})
            siblings = set()
            for regio in area_up.get(leaf, ()):
                siblings |= area_down.get(regio, set())
            for other in sorted(siblings - {leaf}):
                other_up = {other} | area_up.get(other, set())
                if a in other_up:
                    continue
                option = {x: 1 for x in up - other_up}
                option.update({x: -1 for x in other_up - up})
                options.append(option)
        return options

    def _doelgroep_options(self, key):
        i, _a, g, _t = key
        present = self.doelgroepen[i]
        parts = sorted(d for d in present if d is not None)
        if None not in present or not parts:
            return [{g: 1}]
        if g is None:
            return [{None: 1, d: 1} for d in parts]
        options = [{g: 1, None: 1}]
        options += [{g: 1, d: -1} for d in parts if d != g]
        return options

    def _time_options(self, key):
        i, _a, _g, t = key
        up, down = self.time_up.get(i, {}), self.time_down.get(i, {})

        def ancestors(x):
            found, todo = {x}, [x]
            while todo:
                for parent in up.get(todo.pop(), ()):
                    if parent not in found:
                        found.add(parent)
                        todo.append(parent)
            return found

        def leaves_under(x):
            if not down.get(x):
                return [x]
            return sorted({leaf for child in down[x] for leaf in leaves_under(child)})

        all_leaves = sorted({p for p in up if not down.get(p)})
        options = []
        for leaf in leaves_under(t):
            mine = ancestors(leaf)
            options.append({x: 1 for x in mine})
            for other in all_leaves:
                theirs = ancestors(other)
                if other == leaf or t in theirs:
                    continue
                option = {x: 1 for x in mine - theirs}
                option.update({x: -1 for x in theirs - mine})
                options.append(option)
        return options

    def _cheapest(self, key, options, position, flags):
        def line_cost(option):
            cost = 0.0
            for coordinate in option:
                cell = list(key)
                cell[position] = coordinate
                cell = tuple(cell)
                # A change through a cell that is not there (another supplier's doelgroep) can
                # seldom balance: last.
                cost += self.cost(cell, flags) if cell in self.exact else MISSING_COST
            return cost

        # Options come in a fixed order, so their position breaks ties deterministically.
        ranked = sorted(
            range(len(options)), key=lambda n: (line_cost(options[n]), len(options[n]), n)
        )
        return [list(options[n].items()) for n in ranked[:CANDIDATES_PER_DIMENSION]]

    def _perturbation(self, key, flags):
        i = key[0]
        per_dimension = [
            self._cheapest(key, self._area_options(key), 1, flags),
            self._cheapest(key, self._doelgroep_options(key), 2, flags),
            self._cheapest(key, self._time_options(key), 3, flags),
        ]
        candidates = []
        exact, base_cost = self.exact, self.base_cost
        for n, (va, vg, vt) in enumerate(product(*per_dimension)):
            change, cost = {}, 0.0
            for (a, sa), (g, sg), (t, st) in product(va, vg, vt):
                cell = (i, a, g, t)
                if cell in exact:
                    change[cell] = sa * sg * st
                    if cell not in flags:
                        cost += base_cost[cell]
            if key in change:
                candidates.append((cost, len(change), n, change))
        candidates.sort(key=lambda c: c[:3])
        for *_rank, change in candidates:
            if self._balanced(change):
                return set(change)
        return None

    def _balanced(self, change) -> bool:
        """Every equation stays true after the change."""
        seen = set()
        for cell in change:
            for n in self.in_lines.get(cell, ()):
                if n in seen:
                    continue
                seen.add(n)
                line = self.lines[n]
                if sum(change.get(p, 0) for p in line.parts) != change.get(line.total, 0):
                    return False
        return True

    def _repair(self, key, flags) -> None:
        """The exact fallback: within the suppressed cells linked to ``key``, add the cheapest
        neighbour until no cell of that group can be computed."""
        flags.setdefault(key, Flag.SECONDARY)
        while True:
            group, lines = self._group(key, flags)
            exposed = determined(lines, group)
            if not exposed:
                self.covered |= group
                return
            target = min(exposed, key=_order)
            neighbours = {
                c
                for n in self.in_lines.get(target, ())
                for c in (*self.lines[n].parts, self.lines[n].total)
                if c not in flags
            }
            if not neighbours:  # cannot happen with "parts add up to the total" lines
                return
            for candidate in sorted(neighbours, key=lambda c: (self.cost(c, flags), _order(c))):
                if target not in determined(lines, group | {candidate}):
                    break
            flags[candidate] = Flag.SECONDARY
            self.repaired += 1

    def _group(self, key, flags):
        """The suppressed cells connected to ``key`` through equations, and those equations."""
        group, todo, numbers = {key}, [key], set()
        while todo:
            cell = todo.pop()
            for n in self.in_lines.get(cell, ()):
                if n in numbers:
                    continue
                numbers.add(n)
                line = self.lines[n]
                for other in (*line.parts, line.total):
                    if other in flags and other not in group:
                        group.add(other)
                        todo.append(other)
        return group, [self.lines[n] for n in sorted(numbers)]


@dataclass
class Statistics:
    """What a pattern costs: cells, and how many were hidden for which reason."""

    cells: int = 0
    primary: int = 0
    secondary: int = 0
    derived: int = 0
    by_indicator: dict = field(default_factory=dict)

    @classmethod
    def of(cls, pattern: LinkedPattern) -> "Statistics":
        return cls(
            cells=len(pattern.values),
            primary=pattern.count(Flag.PRIMARY),
            secondary=pattern.count(Flag.SECONDARY),
            derived=pattern.count(Flag.DERIVED),
        )

    @property
    def secondary_share(self) -> float:
        return self.secondary / self.cells if self.cells else 0.0


def published_cells(pattern: LinkedPattern, keys: Sequence | None = None) -> dict:
    """key → published value for every cell that is not suppressed (for tests and audits)."""
    keys = pattern.values if keys is None else keys
    return {k: pattern.values[k] for k in keys if k in pattern.values and k not in pattern.flags}
