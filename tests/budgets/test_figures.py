"""The arithmetic of versions: actuele begroting, afwijking, uitputting, totals, rounding and the
series over the 2023 split."""

from decimal import Decimal

import pytest

from budgets import figures
from budgets.figures import Eenheid, format_amount, format_pct, percentage, round_amount
from budgets.services import parse_amount
from organisations.models import Role
from tests.budgets.conftest import D, approved, day, make_version
from tests.factories import make_user


@pytest.fixture
def year_2018(world, controller):
    """Vlissingen 2018: primitief, a Voorjaarsnota (April), a Najaarsnota (November)."""
    v, beleid = world.vlissingen, world.beleid
    approved(v, 2018, "primitief", controller, beleid, {"6.3": (1000, 600), "6.71": (500, 0)})
    approved(
        v,
        2018,
        "wijziging",
        controller,
        beleid,
        {"6.3": (100, 0)},
        datum=day(2018, 4, 12),
        name="Voorjaarsnota 2018",
    )
    approved(
        v,
        2018,
        "wijziging",
        controller,
        beleid,
        {"6.71": (-50, 0)},
        datum=day(2018, 11, 8),
        name="Najaarsnota 2018",
    )
    return world


def row(overview, code):
    return next(r for r in overview.rows if r.code == code)


def test_the_actuele_begroting_is_the_primitieve_begroting_plus_approved_wijzigingen(year_2018):
    overview = figures.overview(year_2018.vlissingen, 2018)
    assert row(overview, "6.3").actueel == figures.Amounts(D(1100), D(600))
    assert row(overview, "6.71").actueel == figures.Amounts(D(450), D(0))
    assert row(overview, "6.3").wijzigingen.lasten == 100


def test_a_wijziging_decided_after_the_peildatum_does_not_count_yet(year_2018):
    overview = figures.overview(year_2018.vlissingen, 2018, peildatum=day(2018, 6, 30))
    assert row(overview, "6.3").actueel.lasten == 1100  # Voorjaarsnota in April counts
    assert row(overview, "6.71").actueel.lasten == 500  # Najaarsnota in November not yet


def test_a_wijziging_that_is_not_approved_does_not_count(year_2018, controller):
    make_version(
        year_2018.vlissingen,
        2018,
        "wijziging",
        controller,
        {"6.3": (999, 0)},
        datum=day(2018, 5, 1),
        name="1e bestuursrapportage 2018",
    )
    overview = figures.overview(year_2018.vlissingen, 2018)
    assert row(overview, "6.3").actueel.lasten == 1100


def test_afwijking_is_realisatie_minus_actuele_begroting_in_euros_and_percent(
    year_2018, controller
):
    approved(
        year_2018.vlissingen,
        2018,
        "realisatie",
        controller,
        year_2018.beleid,
        {"6.3": (1210, 570), "6.71": (405, 0)},
    )
    overview = figures.overview(year_2018.vlissingen, 2018)
    inkomen = row(overview, "6.3")
    assert inkomen.afwijking("lasten") == 110
    assert inkomen.afwijking_pct("lasten") == Decimal("10.0")  # of the actuele begroting 1100
    assert inkomen.oordeel("lasten") == "N"  # more lasten: nadelig
    assert inkomen.afwijking("baten") == -30
    assert inkomen.oordeel("baten") == "N"  # fewer baten: nadelig
    assert row(overview, "6.71").oordeel("lasten") == "V"


def test_uitputting_is_the_realisation_so_far_as_percentage_of_the_actuele_begroting(
    year_2018, controller
):
    approved(
        year_2018.vlissingen,
        2018,
        "tussentijds",
        controller,
        year_2018.beleid,
        {"6.3": (550, 300)},
        datum=day(2018, 6, 30),
    )
    overview = figures.overview(year_2018.vlissingen, 2018)
    assert row(overview, "6.3").uitputting("lasten") == Decimal("50.0")
    assert not overview.realisatie_definitief


def test_the_jaarrekening_replaces_the_realisation_so_far(year_2018, controller):
    v, beleid = year_2018.vlissingen, year_2018.beleid
    approved(v, 2018, "tussentijds", controller, beleid, {"6.3": (550, 0)}, datum=day(2018, 6, 30))
    approved(v, 2018, "realisatie", controller, beleid, {"6.3": (1100, 0)}, datum=day(2019, 7, 4))
    overview = figures.overview(v, 2018)
    assert row(overview, "6.3").realisatie.lasten == 1100
    assert overview.realisatie_definitief
    # In the middle of the year only the realisation up to 30 June was known.
    earlier = figures.overview(v, 2018, peildatum=day(2018, 9, 1))
    assert row(earlier, "6.3").realisatie.lasten == 550


def test_the_latest_prognose_up_to_the_peildatum_counts(year_2018, controller):
    v, beleid = year_2018.vlissingen, year_2018.beleid
    approved(v, 2018, "prognose", controller, beleid, {"6.3": (1150, 0)}, datum=day(2018, 5, 31))
    approved(v, 2018, "prognose", controller, beleid, {"6.3": (1180, 0)}, datum=day(2018, 9, 30))
    assert row(figures.overview(v, 2018), "6.3").prognose_afwijking("lasten") == 80
    assert row(figures.overview(v, 2018, day(2018, 6, 30)), "6.3").prognose.lasten == 1150


def test_without_a_budget_there_is_no_percentage_instead_of_a_division_by_zero(world, controller):
    v = world.vlissingen
    approved(v, 2018, "primitief", controller, world.beleid, {"6.3": (1000, 0)})
    approved(v, 2018, "realisatie", controller, world.beleid, {"6.3": (900, 0), "6.5": (40, 0)})
    arbeid = row(figures.overview(v, 2018), "6.5")
    assert arbeid.actueel.lasten == 0
    assert arbeid.afwijking("lasten") == 40
    assert arbeid.afwijking_pct("lasten") is None
    assert arbeid.uitputting("lasten") is None
    assert percentage(D(5), D(0)) is None and percentage(None, D(5)) is None


def test_without_any_approved_version_the_amounts_are_missing_not_zero(world):
    overview = figures.overview(world.vlissingen, 2018)
    assert overview.is_empty
    assert overview.total.actueel is None
    assert overview.missing == [world.vlissingen]


def test_totals_per_hoofdtaakveld_and_overall_add_up_the_taakvelden(world, controller):
    approved(
        world.vlissingen,
        2018,
        "primitief",
        controller,
        world.beleid,
        {"6.3": (1000, 600), "6.71": (500, 0), "0.4": (300, 10), "7.1": (200, 0)},
    )
    overview = figures.overview(world.vlissingen, 2018)
    totals = {g.hoofdtaakveld.code: g.total.actueel for g in overview.groups}
    assert totals == {
        "0": figures.Amounts(D(300), D(10)),
        "6": figures.Amounts(D(1500), D(600)),
        "7": figures.Amounts(D(200), D(0)),
    }
    assert overview.sociaal_domein.actueel.saldo == -900
    assert overview.total.actueel == figures.Amounts(D(2000), D(610))
    only_sd = figures.overview(world.vlissingen, 2018, sociaal_domein_only=True)
    assert [g.hoofdtaakveld.code for g in only_sd.groups] == ["6"]
    assert only_sd.total.actueel.lasten == 1500


def test_a_regio_adds_up_its_gemeenten_and_names_those_without_a_budget(world, controller):
    middelburg_controller = make_user(Role.BELEID, world.middelburg)
    middelburg_beleid = make_user(Role.BELEID, world.middelburg)
    approved(world.vlissingen, 2018, "primitief", controller, world.beleid, {"6.3": (1000, 0)})
    approved(
        world.middelburg,
        2018,
        "primitief",
        middelburg_controller,
        middelburg_beleid,
        {"6.3": (700, 0)},
    )
    overview = figures.overview(world.walcheren, 2018)
    assert overview.total.actueel.lasten == 1700
    assert overview.missing == [world.veere]


def test_amounts_are_rounded_half_up_to_euros_or_thousands():
    assert round_amount(D("0.50")) == 1
    assert round_amount(D("-0.50")) == -1
    assert round_amount(D("1499.99"), Eenheid.DUIZEND) == 1
    assert round_amount(D("1500.00"), Eenheid.DUIZEND) == 2
    assert format_amount(D("1234567.89")) == "1.234.568"
    assert format_amount(D("1234567.89"), Eenheid.DUIZEND) == "1.235"
    assert format_amount(D("-0.40")) == "0"  # never "-0"
    assert format_pct(percentage(D(1), D(3))) == "33,3%"
    assert percentage(D("1"), D("8")) == D("12.5")
    assert percentage(D("1"), D("16")) == D("6.3")  # 6,25 → 6,3


def test_totals_are_computed_from_unrounded_amounts(world, controller):
    """Three taakvelden of € 400 each are 0 × € 1.000 each, but together 1 × € 1.000."""
    approved(
        world.vlissingen,
        2018,
        "primitief",
        controller,
        world.beleid,
        {"6.1": (400, 0), "6.3": (400, 0), "6.5": (400, 0)},
    )
    overview = figures.overview(world.vlissingen, 2018)
    shown = [format_amount(r.actueel.lasten, Eenheid.DUIZEND) for r in overview.rows]
    assert shown == ["0", "0", "0"]
    assert format_amount(overview.sociaal_domein.actueel.lasten, Eenheid.DUIZEND) == "1"


def test_a_series_adds_the_2023_split_up_under_the_old_taakveld(world, controller):
    v, beleid = world.vlissingen, world.beleid
    approved(v, 2022, "primitief", controller, beleid, {"6.71": (100, 0), "6.72": (200, 0)})
    approved(
        v,
        2023,
        "primitief",
        controller,
        beleid,
        {"6.71a": (40, 0), "6.71b": (70, 0), "6.73a": (150, 0), "6.74c": (80, 0)},
    )
    series = figures.series(v, [2022, 2023])
    rows = {r.code: r for g in series.groups for r in g.rows}
    assert set(rows) == {"6.71", "6.72"}
    assert rows["6.71"].per_year[2022].actueel.lasten == 100
    assert rows["6.71"].per_year[2023].actueel.lasten == 110
    assert rows["6.72"].per_year[2023].actueel.lasten == 230
    assert "6.71a" in rows["6.71"].note
    assert series.sociaal_domein.per_year[2023].actueel.lasten == 340
    # The year itself shows the new codes.
    assert [r.code for r in figures.overview(v, 2023).rows] == ["6.71a", "6.71b", "6.73a", "6.74c"]


def test_a_series_shows_at_least_five_years_side_by_side(world, controller):
    for year in range(2018, 2023):
        approved(
            world.vlissingen, year, "primitief", controller, world.beleid, {"6.3": (1000 + year, 0)}
        )
    series = figures.series(world.vlissingen, list(range(2018, 2023)))
    assert series.years == [2018, 2019, 2020, 2021, 2022]
    assert [series.sociaal_domein.per_year[y].actueel.lasten for y in series.years] == [
        3018,
        3019,
        3020,
        3021,
        3022,
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234.567,89", D("1234567.89")),
        ("1234567.89", D("1234567.89")),
        ("-250.000", D("-250000")),
        ("€ 6.100.000", D("6100000")),
        (6100000, D("6100000")),
        (0.1 + 0.2, D("0.30")),
        ("", None),
    ],
)
def test_amounts_are_typed_like_figures_in_dutch_notation(raw, expected):
    assert parse_amount(raw) == (expected, "")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("12,345", "twee decimalen"),
        ("veel", "geen bedrag"),
        ("1e20", "te groot"),
        ("1e300", "te groot"),
        ("NaN", "geen bedrag"),
    ],
)
def test_an_impossible_amount_gets_a_dutch_message(raw, message):
    amount, error = parse_amount(raw)
    assert amount is None
    assert message in error
