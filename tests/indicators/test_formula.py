"""The formula language: parsing, evaluating, describing, and validation when an indicator is saved."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indicators import formula
from indicators.engine import compile_formula, validate_formula
from tests.factories import DoelgroepFactory, IndicatorFactory


def value_of(text, **values):
    return formula.evaluate(formula.parse(text), {k: Decimal(str(v)) for k, v in values.items()})


def test_multiplication_binds_more_strongly_than_addition():
    assert value_of("2 + 3 * 4") == 14


def test_brackets_change_the_order():
    assert value_of("(2 + 3) * 4") == 20


def test_subtraction_and_division_are_left_associative():
    assert value_of("10 - 4 - 3") == 3
    assert value_of("100 / 10 / 2") == 5


def test_unary_minus_applies_to_the_next_factor():
    assert value_of("-2 * 3") == -6
    assert value_of("4 - -2") == 6
    assert value_of("-(2 + 3)") == -5


def test_the_rate_of_the_monitor_uses_the_average_of_begin_and_end():
    text = "uitstroom_werk / ((beginstand + eindstand) / 2) * 100"
    assert value_of(text, uitstroom_werk=50, beginstand=400, eindstand=600) == 10


def test_codes_with_hyphens_are_written_in_brackets():
    assert value_of(
        "[aantal-clienten] * 1000 / inwoners", **{"aantal-clienten": 5, "inwoners": 2000}
    ) == Decimal("2.5")


def test_division_by_zero_gives_no_value_instead_of_an_error():
    assert value_of("a / (b - b)", a=1, b=3) is None


def test_a_missing_input_gives_no_value():
    assert formula.evaluate(formula.parse("a + b"), {"a": Decimal(1)}) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "De formule is leeg."),
        ("a +", "De formule houdt onverwacht op."),
        ("(a + b", "Haakje ')' ontbreekt"),
        ("a + b)", "Onverwacht ')'"),
        ("a $ b", "Onverwacht teken '$'"),
        ("a b", "Onverwacht 'b'"),
    ],
)
def test_syntax_errors_are_explained_in_dutch(text, message):
    with pytest.raises(formula.FormulaError, match=re.escape(message)):
        formula.parse(text)


def test_the_formula_reads_as_dutch_words():
    node = formula.parse("uitstroom / (beginstand + instroom) * 100")
    words = formula.describe(
        node, {"uitstroom": "uitstroom", "beginstand": "beginstand", "instroom": "instroom"}
    )
    assert words == "uitstroom gedeeld door (beginstand plus instroom) maal 100"


# --- validation when saved ---------------------------------------------------------------------


@pytest.fixture
def parts(db):
    return {
        "uitstroom": IndicatorFactory(code="uitstroom"),
        "beginstand": IndicatorFactory(code="beginstand"),
    }


def test_a_formula_over_existing_indicators_is_accepted(parts):
    indicator = IndicatorFactory.build(code="rate", formula="uitstroom / beginstand * 100")
    indicator.full_clean(exclude=["thema"])


def test_an_unknown_code_is_refused_with_its_name(parts):
    indicator = IndicatorFactory.build(code="rate", formula="uitstroom / eindstand")
    with pytest.raises(ValidationError) as error:
        validate_formula(indicator)
    assert error.value.message_dict["formula"] == ["Onbekende indicator in de formule: eindstand."]


def test_a_formula_may_not_refer_to_its_own_indicator(parts):
    indicator = IndicatorFactory.build(code="rate", formula="rate + uitstroom")
    with pytest.raises(ValidationError, match="naar de indicator zelf"):
        validate_formula(indicator)


def test_a_cycle_through_other_computed_indicators_is_refused_and_shown(parts):
    IndicatorFactory(code="a", formula="b + uitstroom")
    b = IndicatorFactory(code="b", formula="uitstroom")
    b.formula = "a * 2"
    with pytest.raises(ValidationError) as error:
        validate_formula(b)
    assert error.value.message_dict["formula"] == [
        "De formule maakt een kringverwijzing: b → a → b."
    ]


def test_a_syntax_error_is_reported_on_the_formula_field(parts):
    indicator = IndicatorFactory.build(code="rate", formula="uitstroom / (beginstand")
    with pytest.raises(ValidationError) as error:
        indicator.full_clean(exclude=["thema"])
    assert "Haakje ')' ontbreekt" in error.value.message_dict["formula"][0]


def test_an_unknown_doelgroep_in_a_qualified_reference_is_refused(parts):
    DoelgroepFactory(code="wsw")
    ok = IndicatorFactory.build(code="share", formula="[uitstroom@wsw] / uitstroom")
    validate_formula(ok)
    wrong = IndicatorFactory.build(code="share", formula="[uitstroom@beschut] / uitstroom")
    with pytest.raises(ValidationError, match="Onbekende doelgroep in de formule: beschut"):
        validate_formula(wrong)


def test_a_formula_without_any_indicator_is_refused(parts):
    with pytest.raises(ValidationError, match="minstens één andere indicator"):
        validate_formula(IndicatorFactory.build(code="rate", formula="100 / 4"))


def test_an_entered_indicator_needs_no_formula_validation(parts):
    assert validate_formula(IndicatorFactory.build(code="entered", formula="  ")) is None


@pytest.mark.parametrize(
    "text",
    ["a / ((b + c) / 2) * 100", "-a - -b * (c - 1)", "a * 1000 / b", "(a + b + c) / 3 - 0.5"],
)
def test_the_engines_compiled_formula_computes_exactly_like_evaluate(text):
    node = formula.parse(text)
    values = {"a": Decimal("12.5"), "b": Decimal("7"), "c": Decimal("3")}
    assert compile_formula(node)(values) == formula.evaluate(node, values)
