"""Disclosure control on plain numbers: primary and secondary suppression, rounding, derived
cells and the footnotes that say which rule was applied."""

from decimal import Decimal

import pytest

from indicators.disclosure import (
    CBS_SYMBOL,
    GEHEIM,
    Flag,
    Line,
    Rules,
    determined,
    protect,
    protect_list,
    protect_table,
    round_half_up,
    suppress_derived,
    table_lines,
)

PRIMARY_NOTE = "Waarden 1 tot en met 7 zijn vanwege onthullingsrisico weergegeven als geheim."
FIVES_NOTE = "Afgerond op vijftallen, na de geheimhouding; details tellen daardoor niet altijd op tot het totaal."
SECONDARY_NOTE = (
    "Om terugrekenen te voorkomen zijn ook enkele andere cellen geheim gemaakt "
    "(secundaire geheimhouding)."
)


def flags(cells):
    return [c.flag for c in cells]


# Primary suppression ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 4, 7])
def test_counts_from_one_to_seven_are_secret(value):
    result = protect({"a": value})
    assert result["a"].value is None
    assert result["a"].flag == Flag.PRIMARY
    assert result["a"].status == GEHEIM


@pytest.mark.parametrize("value", [8, 100])
def test_counts_above_seven_are_published_exactly(value):
    result = protect({"a": value})
    assert result["a"].value == value
    assert result["a"].flag == Flag.NONE


def test_zero_is_published_by_default():
    assert protect({"a": 0})["a"].value == 0


def test_zero_is_secret_when_the_lower_bound_is_zero_as_at_cbs():
    assert protect({"a": 0}, rules=Rules(min_count=0))["a"].suppressed


def test_the_bounds_are_configurable():
    rules = Rules(min_count=1, max_count=9)
    assert protect({"a": 9}, rules=rules)["a"].suppressed
    assert not protect({"a": 10}, rules=rules)["a"].suppressed


def test_rules_come_from_the_settings(settings):
    settings.DISCLOSURE_MIN_COUNT = 0
    settings.DISCLOSURE_MAX_COUNT = 10
    settings.DISCLOSURE_ROUND_TO = 5
    rules = Rules.from_settings()
    assert (rules.min_count, rules.max_count, rules.round_to) == (0, 10, 5)
    assert Rules.from_settings(round_to=10).round_to == 10


def test_rounding_to_anything_but_five_or_ten_is_refused():
    with pytest.raises(ValueError):
        Rules(round_to=3)


def test_small_percentages_and_amounts_are_not_suppressed_for_their_own_value():
    result = protect({"aantal": 20, "pct": 3, "euro": 5}, counts={"aantal"})
    assert [result[k].value for k in ("aantal", "pct", "euro")] == [20, 3, 5]


def test_a_secret_cell_is_shown_with_the_chosen_symbol():
    cell = protect({"a": 3})["a"]
    assert cell.shown() == "geheim"
    assert cell.shown(CBS_SYMBOL) == "."


def test_an_empty_cell_stays_empty_and_unflagged():
    result = protect({"a": None, "b": 20})
    assert result["a"].value is None
    assert not result["a"].suppressed
    assert result.footnotes == []


# Rounding --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "base", "expected"),
    [
        (12, 5, 10),
        (13, 5, 15),
        (Decimal("12.5"), 5, 15),  # half up, not to even
        (Decimal("7.5"), 5, 10),
        (14, 10, 10),
        (15, 10, 20),
        (25, 10, 30),  # banker's rounding would give 20
        (0, 10, 0),
    ],
)
def test_rounding_goes_half_up_to_multiples_of_five_or_ten(value, base, expected):
    assert round_half_up(value, base) == expected


def test_rounded_counts_are_flagged_and_small_counts_stay_secret():
    result = protect({"a": 12, "b": 13, "c": 3}, rules=Rules(round_to=5))
    assert [result["a"].value, result["b"].value] == [10, 15]
    assert [result["a"].flag, result["b"].flag] == [Flag.ROUNDED, Flag.ROUNDED]
    assert result["c"].flag == Flag.PRIMARY
    assert result["a"].status == "afgerond"


def test_suppression_is_decided_on_exact_values_before_rounding():
    # 8 rounds to 10 but is published; 7 would round to 5 but is secret.
    result = protect({"a": 8, "b": 7}, rules=Rules(round_to=5))
    assert result["a"].value == 10
    assert result["b"].suppressed


def test_totals_are_rounded_on_their_own_so_details_need_not_add_up():
    result = protect_table([[12, 13]], rules=Rules(round_to=10))
    assert [c.value for c in result.body[0]] == [10, 10]
    assert result.row_totals[0].value == 30  # 25 rounded, not 10 + 10
    assert result.footnotes == [
        "Afgerond op tientallen, na de geheimhouding; details tellen daardoor niet altijd op tot het totaal."
    ]


def test_only_counts_are_rounded():
    result = protect(
        {"aantal": 12, "pct": Decimal("12.3")}, counts={"aantal"}, rules=Rules(round_to=5)
    )
    assert result["aantal"].value == 10
    assert result["pct"].value == Decimal("12.3")
    assert result["pct"].flag == Flag.NONE


# Secondary suppression -------------------------------------------------------------------------


def test_a_list_with_one_secret_part_gets_a_second_secret_cell():
    result = protect_list([3, 10, 20])
    assert flags(result.parts) == [Flag.PRIMARY, Flag.SECONDARY, Flag.NONE]
    assert result.total.value == 33


def test_the_second_secret_cell_is_the_smallest_non_zero_one():
    result = protect_list([3, 0, 25, 9])
    assert flags(result.parts) == [Flag.PRIMARY, Flag.NONE, Flag.NONE, Flag.SECONDARY]


def test_a_zero_is_not_chosen_as_the_second_secret_cell():
    result = protect_list([3, 0, 25])
    assert flags(result.parts) == [Flag.PRIMARY, Flag.NONE, Flag.SECONDARY]
    assert result.total.value == 28


def test_a_row_with_one_secret_cell_gets_a_second():
    result = protect_table([[3, 10, 20], [30, 40, 50], [60, 70, 80]])
    hidden_in_row = [c.suppressed for c in result.body[0]] + [result.row_totals[0].suppressed]
    assert sum(hidden_in_row) >= 2
    assert result.body[0][1].flag == Flag.SECONDARY


def test_a_column_with_one_secret_cell_gets_a_second():
    result = protect_table([[3, 10, 20], [30, 40, 50], [60, 70, 80]])
    hidden_in_column = [row[0].suppressed for row in result.body] + [
        result.col_totals[0].suppressed
    ]
    assert sum(hidden_in_column) >= 2
    assert result.body[1][0].flag == Flag.SECONDARY


def test_secondary_suppression_iterates_until_the_pattern_is_stable():
    # 3 hides 10 in its row; 3 and 10 each need a partner in their columns (15 and 12), which
    # then share a row: four cells in a rectangle.
    result = protect_table([[3, 10, 20], [15, 12, 30]])
    assert flags(result.body[0]) == [Flag.PRIMARY, Flag.SECONDARY, Flag.NONE]
    assert flags(result.body[1]) == [Flag.SECONDARY, Flag.SECONDARY, Flag.NONE]
    assert not any(c.suppressed for c in result.row_totals + result.col_totals)


# Two blocks of four secret cells joined by one secret cell (1, 2): every row and column has two
# or more secret cells, yet rows 0-1 minus columns 0-1 give the joining cell exactly.
BRIDGE = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)}


def test_two_per_line_is_not_enough_for_a_cell_joining_two_secret_blocks():
    hidden = {("cel", i, j) for i, j in BRIDGE}
    assert ("cel", 1, 2) in determined(table_lines(4, 4), hidden)


def test_a_cell_joining_two_secret_blocks_is_protected_by_one_more_suppression():
    rows = [[3 if (i, j) in BRIDGE else 50 for j in range(4)] for i in range(4)]
    result = protect_table(rows)
    assert result.protection.count(Flag.PRIMARY) == len(BRIDGE)
    assert result.protection.count(Flag.SECONDARY) >= 1
    assert determined(table_lines(4, 4), result.protection.suppressed) == set()


def test_determined_finds_a_cell_that_follows_from_two_equations():
    lines = [Line(("a", "b"), "t"), Line(("b", "c"), "u")]
    # With c known, b follows from the second line and then a from the first.
    assert determined(lines, {"a", "b"}) == {"a", "b"}
    assert determined(lines, {"a", "b", "c"}) == set()


# Derived cells ----------------------------------------------------------------------------------


def test_a_rate_built_on_a_secret_count_is_secret():
    values = {"uitstroom": 3, "clienten": 40, "pct": Decimal("7.5"), "totaal": 43}
    result = protect(
        values,
        counts={"uitstroom", "clienten", "totaal"},
        lines=[Line(("uitstroom", "clienten"), "totaal")],
        derived={"pct": ["uitstroom", "clienten"]},
    )
    assert result["pct"].flag == Flag.DERIVED
    assert result["pct"].value is None
    assert "Percentages en andere verhoudingscijfers" in result.footnotes[-1]


def test_a_rate_built_on_a_secondarily_suppressed_count_is_secret_too():
    values = {"a": 3, "b": 20, "t": 23, "pct_b": Decimal("87")}
    result = protect(
        values, counts={"a", "b", "t"}, lines=[Line(("a", "b"), "t")], derived={"pct_b": ["b"]}
    )
    assert result["b"].flag == Flag.SECONDARY
    assert result["pct_b"].flag == Flag.DERIVED


def test_a_rate_on_published_counts_is_published():
    result = protect({"a": 30, "pct": 50}, counts={"a"}, derived={"pct": ["a"]})
    assert result["pct"].value == 50


def test_a_small_computed_count_gets_one_of_its_inputs_hidden():
    # netto = instroom - uitstroom: publishing both inputs would give the secret 5 back.
    values = {"instroom": 40, "uitstroom": 35, "netto": 5}
    result = protect(values, derived={"netto": ["instroom", "uitstroom"]})
    assert result["netto"].flag == Flag.PRIMARY
    assert result["uitstroom"].flag == Flag.SECONDARY


def test_suppress_derived_accepts_a_mask():
    sources = {"pct1": ["a", "b"], "pct2": ["c"]}
    assert suppress_derived({"a": True, "b": False, "c": False}, sources) == {"pct1"}
    assert suppress_derived({"c"}, sources) == {"pct2"}


# Footnotes --------------------------------------------------------------------------------------


def test_no_footnotes_when_no_rule_applied():
    assert protect_table([[10, 20], [30, 40]]).footnotes == []


def test_the_primary_footnote_appears_when_a_small_count_is_hidden():
    result = protect({"a": 3})
    assert result.footnotes == [PRIMARY_NOTE]


def test_the_secondary_footnote_appears_only_with_secondary_suppression():
    assert protect_list([3, 10, 20]).footnotes == [PRIMARY_NOTE, SECONDARY_NOTE]


def test_the_rounding_footnote_appears_when_counts_are_rounded():
    result = protect_list([3, 10, 20], rules=Rules(round_to=5))
    assert result.footnotes == [PRIMARY_NOTE, FIVES_NOTE, SECONDARY_NOTE]


def test_the_footnote_follows_the_configured_bounds_and_symbol():
    result = protect({"a": 0}, rules=Rules(min_count=0, max_count=7, symbol=CBS_SYMBOL))
    assert result.footnotes == [
        "Waarden 0 tot en met 7 zijn vanwege onthullingsrisico weergegeven als “.”."
    ]
