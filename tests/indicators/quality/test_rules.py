"""Validatieregels, bounds and outliers: what a checker reports about a submission's figures.

The world's uitvraag asks Orionis for Aantal cliënten (werkzoekenden, wsw) and Aandeel uitstroom
naar werk (werkzoekenden), all for regio Walcheren.
"""

from decimal import Decimal

import pytest

from indicators.models import BijOntbreken, Ernst, ValidatieRegel
from indicators.quality.rules import check_submission, holds
from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition
from tests.factories import (
    IndicatorFactory,
    SubmissionFactory,
    UitvraagRegelFactory,
    fill_submission,
    period,
)


def make_rule(left, operator, right, **extra):
    extra.setdefault("code", f"regel-{ValidatieRegel.objects.count() + 1}")
    extra.setdefault("name", f"{left} {operator} {right}")
    return ValidatieRegel.objects.create(left=left, operator=operator, right=right, **extra)


def add_row(world, code, doelgroepen=(None,), **extra):
    """A new Orionis indicator in the world's uitvraag, for these doelgroepen."""
    indicator = IndicatorFactory(
        code=code, name=extra.pop("name", code.capitalize()), uitvoerder=world.orionis, **extra
    )
    for n, doelgroep in enumerate(doelgroepen):
        UitvraagRegelFactory(
            uitvraag=world.uitvraag, indicator=indicator, doelgroep=doelgroep, order=20 + n
        )
    return indicator


def enter(world, *cells, submission=None, user=None):
    """Save figures for regio Walcheren: (indicator, doelgroep, raw[, toelichting])."""
    inputs = [
        CellInput(
            indicator.pk,
            doelgroep.pk if doelgroep else None,
            world.walcheren.pk,
            raw,
            toelichting=rest[0] if rest else "",
        )
        for indicator, doelgroep, raw, *rest in cells
    ]
    return save_values(submission or world.submission, user or world.leverancier, inputs)


def findings(world, submission=None):
    return check_submission(submission or world.submission)


def messages(world, submission=None):
    return [f.message for f in findings(world, submission)]


AANTAL_WERK = "[orionis-aantal-clienten@werkzoekenden]"
AANTAL_WSW = "[orionis-aantal-clienten@wsw]"


def test_a_rule_that_holds_reports_nothing(world):
    make_rule(AANTAL_WERK, "<=", AANTAL_WSW)
    fill_submission(world)  # 510 werkzoekenden, 666 wsw
    assert findings(world) == []


def test_a_broken_rule_names_both_sides_with_their_values_in_dutch_notation(world):
    make_rule(AANTAL_WERK, "<=", AANTAL_WSW, name="Werkzoekenden niet meer dan wsw")
    fill_submission(world)
    enter(world, (world.aantal_clienten, world.werkzoekenden, "1510"))
    [finding] = findings(world)
    assert finding.message == (
        "Werkzoekenden niet meer dan wsw (Walcheren): Aantal cliënten (Werkzoekenden) (1.510) "
        "moet kleiner dan of gelijk aan Aantal cliënten (Wsw) (666) zijn."
    )
    assert finding.severity == Ernst.WAARSCHUWING
    assert finding.area == world.walcheren
    cells = {
        (world.aantal_clienten.pk, d.pk, world.walcheren.pk)
        for d in (world.werkzoekenden, world.wsw)
    }
    assert set(finding.cells) == cells


def test_the_rule_s_own_message_replaces_its_name(world):
    make_rule(AANTAL_WERK, "<", "100", message="Onwaarschijnlijk veel werkzoekenden")
    fill_submission(world)
    assert messages(world)[0].startswith("Onwaarschijnlijk veel werkzoekenden (Walcheren): ")


def test_an_unqualified_reference_is_checked_per_doelgroep(world):
    uitstroom = add_row(world, "uitstroom", [world.werkzoekenden, world.wsw], name="Uitstroom")
    make_rule("uitstroom", "<=", "[orionis-aantal-clienten]")
    fill_submission(world)
    enter(world, (uitstroom, world.werkzoekenden, "100"), (uitstroom, world.wsw, "700"))
    [finding] = findings(world)
    assert finding.doelgroep == world.wsw
    assert (
        "(Walcheren, Wsw): Uitstroom (700) moet kleiner dan of gelijk aan Aantal cliënten (666)"
        in (finding.message)
    )


def test_the_sum_over_the_doelgroepen_must_equal_the_total(world):
    totaal = add_row(world, "totaal", name="Totaal aantal cliënten")
    make_rule("[orionis-aantal-clienten@*]", "=", "totaal", ernst=Ernst.FOUT)
    fill_submission(world)  # 510 + 666 = 1176
    enter(world, (totaal, None, "1176"))
    assert findings(world) == []

    enter(world, (totaal, None, "1175"))
    [finding] = findings(world)
    assert finding.is_error
    assert (
        "Aantal cliënten (alle doelgroepen samen) (1.176) moet gelijk aan "
        "Totaal aantal cliënten (1.175) zijn." in finding.message
    )
    assert len(finding.cells) == 3


def test_a_constant_side_is_shown_once(world):
    make_rule(AANTAL_WERK, "<", "100", name="Weinig werkzoekenden")
    fill_submission(world)
    assert messages(world) == [
        "Weinig werkzoekenden (Walcheren): Aantal cliënten (Werkzoekenden) (510) moet kleiner "
        "dan 100 zijn."
    ]


def test_a_formula_on_one_side_is_evaluated_before_comparing(world):
    make_rule(f"{AANTAL_WERK} / {AANTAL_WSW} * 100", "<=", "50")
    fill_submission(world)  # 510 / 666 = 76,58 %
    [message] = messages(world)
    assert (
        "Aantal cliënten (Werkzoekenden) gedeeld door Aantal cliënten (Wsw) maal 100 (76,58)"
        in (message)
    )


def test_a_division_by_zero_gives_no_finding_instead_of_a_crash(world):
    make_rule(f"{AANTAL_WERK} / {AANTAL_WSW}", "<=", "1")
    fill_submission(world)
    enter(world, (world.aantal_clienten, world.wsw, "0"))
    assert findings(world) == []


def test_equality_allows_for_rounding_but_not_for_real_differences():
    assert holds(Decimal("100.005"), "=", Decimal("100"))
    assert not holds(Decimal("100.5"), "=", Decimal("100"))
    assert holds(Decimal("0.00005"), "=", Decimal("0"))
    assert holds(Decimal("100.005"), "<=", Decimal("100"))
    assert not holds(Decimal("100.005"), "<", Decimal("100"))
    assert holds(Decimal("99"), "!=", Decimal("100"))


@pytest.fixture
def sum_rule(world):
    totaal = add_row(world, "totaal", name="Totaal aantal cliënten")

    def make(bij_ontbreken):
        make_rule("[orionis-aantal-clienten@*]", "=", "totaal", bij_ontbreken=bij_ontbreken)
        enter(world, (world.aantal_clienten, world.werkzoekenden, "510"), (totaal, None, "1176"))

    return make


def test_a_missing_figure_skips_the_rule_when_it_says_overslaan(world, sum_rule):
    sum_rule(BijOntbreken.OVERSLAAN)
    assert findings(world) == []


def test_a_missing_figure_counts_as_zero_when_the_rule_says_nul(world, sum_rule):
    sum_rule(BijOntbreken.NUL)
    [message] = messages(world)
    assert "(510) moet gelijk aan Totaal aantal cliënten (1.176) zijn." in message


def test_a_missing_figure_is_reported_when_the_rule_says_melden(world, sum_rule):
    sum_rule(BijOntbreken.MELDEN)
    [finding] = findings(world)
    assert finding.kind == "ontbreekt"
    assert "kan niet worden uitgevoerd" in finding.message
    assert finding.message == (
        "[orionis-aantal-clienten@*] = totaal (Walcheren): deze controle kan niet worden "
        "uitgevoerd, want er is geen (juiste) waarde voor Aantal cliënten (Wsw)."
    )


def test_an_invalid_figure_counts_as_missing(world, sum_rule):
    sum_rule(BijOntbreken.MELDEN)
    enter(world, (world.aantal_clienten, world.wsw, "veel"))
    assert findings(world)[0].kind == "ontbreekt"


def test_a_rule_of_another_uitvoerder_does_not_apply(world):
    make_rule(AANTAL_WERK, ">", AANTAL_WSW, uitvoerder=world.porthos)
    fill_submission(world)
    assert findings(world) == []


def test_a_rule_of_the_own_uitvoerder_applies(world):
    make_rule(AANTAL_WERK, ">", AANTAL_WSW, uitvoerder=world.orionis)
    fill_submission(world)
    assert len(findings(world)) == 1


def test_a_rule_about_an_indicator_outside_the_uitvraag_does_not_apply(world):
    IndicatorFactory(code="elders")
    make_rule("elders", ">", AANTAL_WSW)
    make_rule("[orionis-uitstroom-werk@wsw]", ">", "100")  # not asked for wsw
    fill_submission(world)
    assert findings(world) == []


def test_an_inactive_rule_does_not_apply(world):
    make_rule(AANTAL_WERK, ">", AANTAL_WSW, active=False)
    fill_submission(world)
    assert findings(world) == []


def test_a_figure_below_the_minimum_is_an_error(world):
    world.aantal_clienten.min_value = 600
    world.aantal_clienten.save()
    fill_submission(world)
    [finding] = findings(world)
    assert finding.is_error
    assert finding.message == (
        "Aantal cliënten (Werkzoekenden), Walcheren: 510 is lager dan de minimumwaarde 600."
    )


def test_a_figure_above_the_maximum_is_an_error(world):
    world.uitstroom_pct.max_value = Decimal("10")
    world.uitstroom_pct.save()
    fill_submission(world)
    assert messages(world) == [
        "Aandeel uitstroom naar werk (Werkzoekenden), Walcheren: 12,5 is hoger dan de "
        "maximumwaarde 10,0."
    ]


@pytest.fixture
def previous_period(world):
    """2017H2 approved with 500 werkzoekenden and 600 wsw."""
    previous = SubmissionFactory(uitvraag=world.uitvraag, period=period("2017H2"))
    fill_submission(
        world,
        submission=previous,
        values={
            (world.aantal_clienten.pk, world.werkzoekenden.pk): "500",
            (world.aantal_clienten.pk, world.wsw.pk): "600",
            (world.uitstroom_pct.pk, world.werkzoekenden.pk): "10",
        },
    )
    transition(previous, "indienen", world.leverancier)
    transition(previous, "goedkeuren", world.beleid)
    world.aantal_clienten.outlier_pct = 20
    world.aantal_clienten.save()
    return previous


def test_a_large_change_from_the_previous_period_is_a_warning(world, previous_period):
    fill_submission(world)
    enter(world, (world.aantal_clienten, world.wsw, "900"))
    [finding] = findings(world)
    assert not finding.is_error
    assert finding.kind == "uitschieter"
    assert finding.message == (
        "Aantal cliënten (Wsw), Walcheren: 900 is 50,0 % hoger dan in 2017 tweede halfjaar (600); "
        "dat is meer dan 20 % verschil."
    )
    assert finding.blocks_submit


def test_a_change_within_the_outlier_percentage_is_fine(world, previous_period):
    fill_submission(world)  # 510 vs 500 and 666 vs 600: +2 % and +11 %
    assert findings(world) == []


def test_a_toelichting_on_the_cell_explains_an_outlier(world, previous_period):
    fill_submission(world)
    enter(world, (world.aantal_clienten, world.wsw, "300", "Herindeling van de Wsw-registratie"))
    [finding] = findings(world)
    assert "50,0 % lager" in finding.message
    assert finding.explained
    assert not finding.blocks_submit


def test_errors_come_before_warnings(world, previous_period):
    world.uitstroom_pct.max_value = 10
    world.uitstroom_pct.save()
    fill_submission(world)
    enter(world, (world.aantal_clienten, world.wsw, "900"))
    assert [f.is_error for f in findings(world)] == [True, False]
