"""Random linked hierarchies for the property tests of :mod:`indicators.disclosure.linked`, and an
independent checker: it writes down every equation that holds between the generated cells (from
how they were generated, not from the module) and solves them with exact fractions."""

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from indicators.disclosure.linked import Hierarchy, Kind

# Periods of one year: pk → (type, start, end).
YEAR, H1, H2, Q1, Q2, Q3, Q4 = 100, 101, 102, 111, 112, 113, 114
PERIODS = {
    YEAR: ("J", date(2018, 1, 1), date(2018, 12, 31)),
    H1: ("H", date(2018, 1, 1), date(2018, 6, 30)),
    H2: ("H", date(2018, 7, 1), date(2018, 12, 31)),
    Q1: ("Q", date(2018, 1, 1), date(2018, 3, 31)),
    Q2: ("Q", date(2018, 4, 1), date(2018, 6, 30)),
    Q3: ("Q", date(2018, 7, 1), date(2018, 9, 30)),
    Q4: ("Q", date(2018, 10, 1), date(2018, 12, 31)),
}
HALVES = {H1: (Q1, Q2), H2: (Q3, Q4)}


@dataclass
class World:
    values: dict
    hierarchy: Hierarchy
    kinds: dict
    relations: list  # (parts, total): every equation that holds, as the checker sees it


def small_or_large(rng, p_small=0.3):
    draw = rng.random()
    if draw < 0.08:
        return 0
    if draw < 0.08 + p_small:
        return rng.randint(1, 7)
    return rng.randint(8, 60)


def random_world(rng: random.Random, n_indicators=None) -> World:
    n_regios = rng.randint(1, 3)
    gemeenten = list(range(1, rng.randint(3, 9) + 1))
    members = {}
    for r in range(n_regios):
        chosen = rng.sample(gemeenten, rng.randint(2, len(gemeenten)))
        members[1000 + r] = frozenset(chosen)
    doelgroepen = list(range(50, 50 + rng.choice([0, 2, 3])))
    values, relations, kinds = {}, [], {}
    for indicator in range(1, (n_indicators or rng.randint(1, 3)) + 1):
        aggregation = rng.choice(["som", "som", "stand"])
        kinds[indicator] = Kind(aggregation=aggregation, counts=True)
        quarterly = rng.random() < 0.6
        leaves_t = [Q1, Q2, Q3, Q4] if quarterly else [H1, H2]
        if rng.random() < 0.2:
            leaves_t = leaves_t[: len(leaves_t) // 2]  # the second half-year not there yet
        # Leaf cells: gemeente × doelgroep × leaf period; a few are missing.
        leaf = {}
        for g in gemeenten:
            for dg in doelgroepen or [None]:
                for t in leaves_t:
                    if rng.random() < 0.05:
                        continue
                    leaf[(indicator, g, dg, t)] = small_or_large(rng)
        values.update(leaf)
        _roll_up(values, relations, indicator, gemeenten, members, doelgroepen, aggregation)
    hierarchy = Hierarchy(members=members, periods=PERIODS)
    return World(
        values={k: Decimal(v) for k, v in values.items()},
        hierarchy=hierarchy,
        kinds=kinds,
        relations=relations,
    )


def _sum_if_all(values, keys):
    if all(k in values for k in keys):
        return sum(values[k] for k in keys)
    return None


def _roll_up(values, relations, i, gemeenten, members, doelgroepen, aggregation):
    """Totals as the engine makes them (only when every part is there), and their equations."""
    # Time, per gemeente and doelgroep.
    for g in gemeenten:
        for dg in doelgroepen or [None]:
            _time(values, relations, i, g, dg, aggregation)
    # Doelgroepen → total, per gemeente and period.
    areas = list(gemeenten)
    if doelgroepen:
        for g in gemeenten:
            for t in PERIODS:
                parts = [(i, g, dg, t) for dg in doelgroepen]
                total = _sum_if_all(values, parts)
                if total is not None:
                    values[(i, g, None, t)] = total
                    relations.append((parts, (i, g, None, t)))
    # Regio's, per doelgroep (and the total) and period.
    for regio, gemeenten_of in members.items():
        areas.append(regio)
        for dg in [*doelgroepen, None] if doelgroepen else [None]:
            for t in PERIODS:
                parts = [(i, g, dg, t) for g in sorted(gemeenten_of)]
                total = _sum_if_all(values, parts)
                if total is not None:
                    values[(i, regio, dg, t)] = total
                    relations.append((parts, (i, regio, dg, t)))
    # The regio's own doelgroep equations hold too (they follow from the others, and are true).
    if doelgroepen:
        for regio in members:
            for t in PERIODS:
                parts = [(i, regio, dg, t) for dg in doelgroepen]
                if all(p in values for p in parts) and (i, regio, None, t) in values:
                    relations.append((parts, (i, regio, None, t)))


def _time(values, relations, i, g, dg, aggregation):
    def key(t):
        return (i, g, dg, t)

    if aggregation == "stand":
        for half, (_qa, qb) in HALVES.items():
            if key(qb) in values:
                values[key(half)] = values[key(qb)]
                relations.append(([key(qb)], key(half)))
        if key(H2) in values:
            values[key(YEAR)] = values[key(H2)]
            relations.append(([key(H2)], key(YEAR)))
        return
    for half, quarters in HALVES.items():
        total = _sum_if_all(values, [key(q) for q in quarters])
        if total is not None:
            values[key(half)] = total
            relations.append(([key(q) for q in quarters], key(half)))
    total = _sum_if_all(values, [key(H1), key(H2)])
    if total is not None:
        values[key(YEAR)] = total
        relations.append(([key(H1), key(H2)], key(YEAR)))


def derivable(relations, secret) -> set:
    """The secret cells that follow from the relations and every published cell: reduced row
    echelon form over the secret cells (exact fractions); a cell is derivable when its pivot row
    holds no other secret cell."""
    columns = sorted(secret, key=lambda k: tuple(-1 if x is None else x for x in k))
    index = {k: n for n, k in enumerate(columns)}
    rows = []
    for parts, total in relations:
        row = {}
        for p in parts:
            if p in index:
                row[index[p]] = row.get(index[p], 0) + 1
        if total in index:
            row[index[total]] = row.get(index[total], 0) - 1
        row = {c: Fraction(v) for c, v in row.items() if v}
        if row:
            rows.append(row)
    pivots = {}
    for row in rows:
        for column, pivot_row in pivots.items():
            if column in row:
                factor = row[column]
                for c, v in pivot_row.items():
                    row[c] = row.get(c, 0) - factor * v
                row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        column = min(row)
        lead = row[column]
        row = {c: v / lead for c, v in row.items()}
        for other_column, other in pivots.items():
            if column in other:
                factor = other[column]
                for c, v in row.items():
                    other[c] = other.get(c, 0) - factor * v
                pivots[other_column] = {c: v for c, v in other.items() if v}
        pivots[column] = row
    return {columns[c] for c, row in pivots.items() if len(row) == 1}
