"""Linked tables protected as one system: over random hierarchies (several regio's, gemeenten in
two regio's, doelgroepen, quarters and half-years, som and stand) no suppressed cell can be
computed from everything published, checked with exact linear algebra by an independent checker
(:mod:`tests.indicators.linked_world`)."""

import random
from datetime import date
from decimal import Decimal

import pytest

from indicators.disclosure import Flag, Rules
from indicators.disclosure.linked import Hierarchy, Kind, protect_linked
from tests.indicators.linked_world import H1, PERIODS, Q1, Q2, derivable, random_world

SEED = 20181231
N_WORLDS = 120


def worlds(n=N_WORLDS, seed=SEED, **kwargs):
    rng = random.Random(seed)
    return [random_world(rng, **kwargs) for _ in range(n)]


@pytest.mark.parametrize("min_count", [1, 0])
def test_no_suppressed_cell_of_a_random_hierarchy_follows_from_everything_published(min_count):
    rules = Rules(min_count=min_count, max_count=7)
    for n, world in enumerate(worlds(seed=SEED + min_count)):
        pattern = protect_linked(world.values, world.hierarchy, world.kinds, rules)
        assert derivable(world.relations, pattern.suppressed) == set(), n


def test_random_hierarchies_include_gemeenten_in_two_regios_and_stocks():
    """The property above is only worth something if the worlds have what makes it hard."""
    found = worlds()
    assert any(
        len(set.union(*map(set, w.hierarchy.members.values())))
        < sum(len(m) for m in w.hierarchy.members.values())
        for w in found
    )
    assert any(k.aggregation == "stand" for w in found for k in w.kinds.values())
    assert sum(len(w.relations) for w in found) > 10_000


def test_every_small_count_is_suppressed_and_every_other_published_figure_is_exact():
    for world in worlds(n=40):
        pattern = protect_linked(world.values, world.hierarchy, world.kinds)
        for key, value in world.values.items():
            cell = pattern.cell(key)
            if 1 <= value <= 7:
                assert cell.flag == Flag.PRIMARY, key
            elif not cell.suppressed:
                assert cell.value == value, key


def test_the_pattern_does_not_depend_on_the_order_the_figures_come_in():
    for world in worlds(n=20):
        forward = protect_linked(world.values, world.hierarchy, world.kinds)
        shuffled = list(world.values.items())
        random.Random(1).shuffle(shuffled)
        backward = protect_linked(dict(shuffled), world.hierarchy, world.kinds)
        assert forward.flags == backward.flags


# The shape of the issue -------------------------------------------------------------------------

REGIO = 900
GEMEENTEN = [1, 2, 3, 4, 5, 6]
HALF = {H1: PERIODS[H1]}


def regio_world(values_per_indicator):
    """A regio of six gemeenten with its total, for several indicators of one half-year."""
    values, relations = {}, []
    for indicator, figures in values_per_indicator.items():
        parts = []
        for gemeente, value in zip(GEMEENTEN, figures, strict=True):
            values[(indicator, gemeente, None, H1)] = Decimal(value)
            parts.append((indicator, gemeente, None, H1))
        values[(indicator, REGIO, None, H1)] = Decimal(sum(figures))
        relations.append((parts, (indicator, REGIO, None, H1)))
    hierarchy = Hierarchy(members={REGIO: frozenset(GEMEENTEN)}, periods=HALF)
    kinds = {i: Kind("som", counts=True) for i in values_per_indicator}
    return values, relations, hierarchy, kinds


def test_a_gemeentes_2_is_not_the_regio_total_minus_the_five_others():
    values, relations, hierarchy, kinds = regio_world(
        {1: [2, 40, 55, 61, 80, 120], 2: [30, 41, 12, 90, 18, 25], 3: [9, 9, 9, 9, 9, 9]}
    )
    pattern = protect_linked(values, hierarchy, kinds)
    assert pattern.flag((1, 1, None, H1)) == Flag.PRIMARY
    assert pattern.flag((1, 2, None, H1)) == Flag.SECONDARY  # the cheapest neighbour, 40
    assert pattern.cell((1, REGIO, None, H1)).value == 358  # the regio total stays published
    assert derivable(relations, pattern.suppressed) == set()
    # The other indicators have nothing to hide.
    assert not any(key[0] in (2, 3) for key in pattern.suppressed)


def test_a_gemeentes_2_in_a_table_per_doelgroep_and_per_quarter_stays_hidden():
    members = {REGIO: frozenset(GEMEENTEN)}
    periods = {k: PERIODS[k] for k in (H1, Q1, Q2)}
    values = {}
    rng = random.Random(3)
    for g in GEMEENTEN:
        for dg in (10, 11):
            for q in (Q1, Q2):
                values[(1, g, dg, q)] = Decimal(
                    2 if (g, dg, q) == (1, 10, Q1) else rng.randint(20, 90)
                )
    world = _rolled_up(values, members, periods)
    pattern = protect_linked(world[0], Hierarchy(members, periods), {1: Kind("som", True)})
    assert pattern.flag((1, 1, 10, Q1)) == Flag.PRIMARY
    assert derivable(world[1], pattern.suppressed) == set()
    assert len(pattern.suppressed) <= 8  # a 2 × 2 × 2 block at most


def _rolled_up(values, members, periods):
    """Totals over doelgroepen, gemeenten and the half-year, with their relations."""
    values, relations = dict(values), []

    def add(parts, total):
        values[total] = sum(values[p] for p in parts)
        relations.append((parts, total))

    quarters = [p for p in periods if periods[p][0] == "Q"]
    halves = [p for p in periods if periods[p][0] == "H"]
    leaves = sorted({k[:3] for k in values})
    for i, g, dg in leaves:
        for h in halves:
            add([(i, g, dg, q) for q in quarters], (i, g, dg, h))
    for i, g in sorted({k[:2] for k in leaves}):
        for t in periods:
            add([(i, g, dg, t) for dg in sorted({k[2] for k in leaves})], (i, g, None, t))
    for regio, gemeenten in members.items():
        for dg in [*sorted({k[2] for k in leaves}), None]:
            for t in periods:
                add([(1, g, dg, t) for g in sorted(gemeenten)], (1, regio, dg, t))
    return values, relations


# Units, derived figures, rounding -------------------------------------------------------------


def test_euros_and_rates_are_never_suppressed_for_their_own_value():
    hierarchy = Hierarchy(members={}, periods=HALF)
    values = {(1, 1, None, H1): Decimal(3), (2, 1, None, H1): Decimal("2.5")}
    kinds = {1: Kind("som", counts=False), 2: Kind("geen", counts=False)}
    pattern = protect_linked(values, hierarchy, kinds)
    assert pattern.flags == {}


def test_a_rate_computed_from_a_suppressed_count_is_suppressed():
    hierarchy = Hierarchy(members={}, periods=HALF)
    count, rate = (1, 1, None, H1), (2, 1, None, H1)
    values = {count: Decimal(4), rate: Decimal("0.4")}
    kinds = {1: Kind("som", True), 2: Kind("formule", False)}
    pattern = protect_linked(values, hierarchy, kinds, derived={rate: [count]})
    assert pattern.flag(rate) == Flag.DERIVED


def test_a_small_computed_count_hides_one_of_its_inputs_as_well():
    hierarchy = Hierarchy(members={}, periods=HALF)
    a, b, total = (1, 1, None, H1), (2, 1, None, H1), (3, 1, None, H1)
    values = {a: Decimal(10), b: Decimal(-6), total: Decimal(4)}
    kinds = {1: Kind("som", True), 2: Kind("som", True), 3: Kind("formule", True)}
    pattern = protect_linked(values, hierarchy, kinds, derived={total: [a, b]})
    assert pattern.flag(total) == Flag.PRIMARY
    assert pattern.flag(b) == Flag.SECONDARY or pattern.flag(a) == Flag.SECONDARY


def test_rounding_comes_after_suppression_and_leaves_the_pattern_alone():
    values, _relations, hierarchy, kinds = regio_world({1: [2, 40, 55, 61, 80, 123]})
    pattern = protect_linked(values, hierarchy, kinds)
    assert pattern.cell((1, 3, None, H1), round_to=5).value == 55
    assert pattern.cell((1, 6, None, H1), round_to=5).value == 125
    assert pattern.cell((1, 6, None, H1), round_to=5).flag == Flag.ROUNDED
    assert pattern.cell((1, 1, None, H1), round_to=5).suppressed


def test_a_figure_other_than_the_one_the_pattern_protects_is_hidden():
    values, _relations, hierarchy, kinds = regio_world({1: [2, 40, 55, 61, 80, 123]})
    pattern = protect_linked(values, hierarchy, kinds)
    assert pattern.cell((1, 3, None, H1), Decimal(56)).suppressed
    assert pattern.cell((1, 3, None, H1), Decimal(55)).value == 55


def test_a_stock_over_the_year_is_its_last_quarter_so_both_are_hidden():
    periods = {
        100: ("J", date(2018, 1, 1), date(2018, 12, 31)),
        114: ("Q", date(2018, 10, 1), date(2018, 12, 31)),
    }
    values = {(1, 1, None, 114): Decimal(3), (1, 1, None, 100): Decimal(3)}
    pattern = protect_linked(values, Hierarchy({}, periods), {1: Kind("stand", True)})
    assert pattern.suppressed == set(values)
