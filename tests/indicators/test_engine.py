"""The engine: approved figures in; totals, computed indicators and shares out."""

from decimal import Decimal

import pytest

from indicators.engine import Catalogue, Table, compute, compute_period, figure_table, shares
from indicators.models import Aggregatie, Eenheid, SubmissionStatus
from tests.factories import (
    DoelgroepFactory,
    GemeenteFactory,
    IndicatorFactory,
    RegioFactory,
    period,
)

from .engine_world import Cijfers, computed, count, stock


@pytest.fixture
def cijfers(db):
    return Cijfers()


def figures_for(world, identifier="2018H1"):
    return compute_period(period(identifier), [world.vlissingen])


# --- totals over doelgroepen and gemeenten -------------------------------------------------------


def test_counts_of_the_doelgroepen_add_up_to_a_total(world, cijfers):
    aantal = world.aantal_clienten
    cijfers.add(aantal, world.vlissingen, 510, doelgroep=world.werkzoekenden)
    cijfers.add(aantal, world.vlissingen, 66, doelgroep=world.wsw)
    figures = figures_for(world)
    assert figures.get(aantal.pk, world.vlissingen.pk, None) == 576
    assert (aantal.pk, world.vlissingen.pk, None) in figures.derived


def test_an_entered_total_wins_over_the_sum_of_the_doelgroepen(world, cijfers):
    aantal = world.aantal_clienten
    cijfers.add(aantal, world.vlissingen, 510, doelgroep=world.werkzoekenden)
    cijfers.add(aantal, world.vlissingen, 600)
    assert figures_for(world).get(aantal.pk, world.vlissingen.pk) == 600


def test_the_regional_total_is_the_sum_of_all_its_gemeenten(world, cijfers):
    aantal = world.aantal_clienten
    for gemeente, value in [(world.vlissingen, 10), (world.middelburg, 20), (world.veere, 5)]:
        cijfers.add(aantal, gemeente, value, doelgroep=world.wsw)
    figures = figures_for(world)
    assert figures.get(aantal.pk, world.walcheren.pk, world.wsw.pk) == 35
    assert figures.get(aantal.pk, world.walcheren.pk) == 35


def test_a_regional_total_is_not_made_when_a_gemeente_is_missing(world, cijfers):
    aantal = world.aantal_clienten
    cijfers.add(aantal, world.vlissingen, 10)
    cijfers.add(aantal, world.middelburg, 20)
    assert figures_for(world).get(aantal.pk, world.walcheren.pk) is None


def test_a_figure_reported_for_the_regio_is_fetched_for_its_gemeente(world, cijfers):
    cijfers.add(world.aantal_clienten, world.walcheren, 3220, doelgroep=world.werkzoekenden)
    figures = figures_for(world)
    assert figures.get(world.aantal_clienten.pk, world.walcheren.pk, world.werkzoekenden.pk) == 3220
    assert figures.regios_of(world.vlissingen.pk) == [world.walcheren.pk]


def test_a_figure_reported_for_the_regio_wins_over_the_sum_of_its_gemeenten(world, cijfers):
    aantal = world.aantal_clienten
    for gemeente in (world.vlissingen, world.middelburg, world.veere):
        cijfers.add(aantal, gemeente, 10)
    cijfers.add(aantal, world.walcheren, 31)
    assert figures_for(world).get(aantal.pk, world.walcheren.pk) == 31


def test_only_approved_figures_count(world, cijfers):
    cijfers.add(world.aantal_clienten, world.vlissingen, 10, status=SubmissionStatus.INGEDIEND)
    assert figures_for(world).get(world.aantal_clienten.pk, world.vlissingen.pk) is None


def test_an_indicator_that_does_not_add_up_gets_no_totals(world, cijfers):
    geen = count("tevredenheid", eenheid=Eenheid.AANTAL, aggregatie=Aggregatie.GEEN)
    cijfers.add(geen, world.vlissingen, 7, doelgroep=world.wsw)
    figures = figures_for(world)
    assert figures.get(geen.pk, world.vlissingen.pk) is None


def test_a_percentage_is_never_summed_even_when_configured_as_a_sum(world, cijfers):
    pct = world.uitstroom_pct  # eenheid percentage, aggregatie left at "som"
    cijfers.add(pct, world.vlissingen, "12.5", doelgroep=world.werkzoekenden)
    cijfers.add(pct, world.vlissingen, "20.0", doelgroep=world.wsw)
    assert figures_for(world).get(pct.pk, world.vlissingen.pk) is None


# --- over time --------------------------------------------------------------------------------------


def test_a_flow_over_a_year_is_the_sum_of_its_half_years(world, cijfers):
    instroom = count("instroom")
    cijfers.add(instroom, world.vlissingen, 40, "2018H1")
    cijfers.add(instroom, world.vlissingen, 60, "2018H2")
    period("2018")
    assert figures_for(world, "2018").get(instroom.pk, world.vlissingen.pk) == 100


def test_a_flow_over_a_year_needs_all_its_parts(world, cijfers):
    instroom = count("instroom")
    cijfers.add(instroom, world.vlissingen, 40, "2018Q1")
    cijfers.add(instroom, world.vlissingen, 60, "2018Q2")
    cijfers.add(instroom, world.vlissingen, 10, "2018Q3")
    period("2018")
    assert figures_for(world, "2018").get(instroom.pk, world.vlissingen.pk) is None


def test_a_stock_over_a_year_is_its_last_value(world, cijfers):
    bestand = stock("bestand")
    cijfers.add(bestand, world.vlissingen, 400, "2018Q3")
    cijfers.add(bestand, world.vlissingen, 380, "2018Q4")
    cijfers.add(bestand, world.vlissingen, 450, "2018Q1")
    period("2018")
    assert figures_for(world, "2018").get(bestand.pk, world.vlissingen.pk) == 380


def test_a_figure_entered_for_the_whole_year_wins_over_its_parts(world, cijfers):
    instroom = count("instroom")
    cijfers.add(instroom, world.vlissingen, 40, "2018H1")
    cijfers.add(instroom, world.vlissingen, 60, "2018H2")
    cijfers.add(instroom, world.vlissingen, 99, "2018")
    assert figures_for(world, "2018").get(instroom.pk, world.vlissingen.pk) == 99


# --- computed indicators -------------------------------------------------------------------------------


@pytest.fixture
def uitstroom_rate(db):
    uitstroom = count("uitstroom")
    beginstand = stock("beginstand")
    rate = computed("uitstroom_rate", "uitstroom / beginstand * 100")
    return uitstroom, beginstand, rate


def test_a_ratio_of_the_regio_is_recomputed_from_summed_parts_not_averaged(
    world, cijfers, uitstroom_rate
):
    uitstroom, beginstand, rate = uitstroom_rate
    for gemeente, out, begin in [
        (world.vlissingen, 10, 100),  # 10 %
        (world.middelburg, 90, 300),  # 30 %
        (world.veere, 0, 100),  # 0 %
    ]:
        cijfers.add(uitstroom, gemeente, out)
        cijfers.add(beginstand, gemeente, begin)
    figures = figures_for(world)
    assert figures.get(rate.pk, world.vlissingen.pk) == 10
    # (10 + 90 + 0) / (100 + 300 + 100) = 20 %; the average of the ratios would be 13.3 %.
    assert figures.get(rate.pk, world.walcheren.pk) == 20


def test_a_ratio_over_all_doelgroepen_comes_from_the_summed_parts(world, cijfers, uitstroom_rate):
    uitstroom, beginstand, rate = uitstroom_rate
    cijfers.add(uitstroom, world.vlissingen, 5, doelgroep=world.werkzoekenden)
    cijfers.add(beginstand, world.vlissingen, 10, doelgroep=world.werkzoekenden)  # 50 %
    cijfers.add(uitstroom, world.vlissingen, 1, doelgroep=world.wsw)
    cijfers.add(beginstand, world.vlissingen, 90, doelgroep=world.wsw)  # 1.1 %
    figures = figures_for(world)
    assert figures.get(rate.pk, world.vlissingen.pk, world.werkzoekenden.pk) == 50
    assert figures.get(rate.pk, world.vlissingen.pk) == 6  # 6 / 100, not (50 + 1.1) / 2


def test_division_by_zero_gives_no_value(world, cijfers, uitstroom_rate):
    uitstroom, beginstand, rate = uitstroom_rate
    cijfers.add(uitstroom, world.vlissingen, 5)
    cijfers.add(beginstand, world.vlissingen, 0)
    assert figures_for(world).get(rate.pk, world.vlissingen.pk) is None


def test_computed_indicators_are_evaluated_in_dependency_order(world, cijfers):
    kosten = count("kosten", eenheid=Eenheid.EURO)
    klanten = count("klanten")
    # Created before the indicator it depends on, so creation order is not dependency order.
    per_klant_x2 = computed("dubbel", "kosten_per_klant * 2", eenheid=Eenheid.EURO)
    per_klant = computed("kosten_per_klant", "kosten / klanten", eenheid=Eenheid.EURO)
    cijfers.add(kosten, world.vlissingen, 1000)
    cijfers.add(klanten, world.vlissingen, 8)
    figures = figures_for(world)
    assert figures.get(per_klant.pk, world.vlissingen.pk) == 125
    assert figures.get(per_klant_x2.pk, world.vlissingen.pk) == 250


def test_a_stored_figure_for_a_computed_indicator_is_ignored(world, cijfers, uitstroom_rate):
    uitstroom, beginstand, rate = uitstroom_rate
    cijfers.add(uitstroom, world.vlissingen, 5)
    cijfers.add(beginstand, world.vlissingen, 50)
    cijfers.add(rate, world.vlissingen, 99)
    assert figures_for(world).get(rate.pk, world.vlissingen.pk) == 10


def test_a_population_figure_serves_every_doelgroep_in_a_rate_per_1000(world, cijfers):
    aantal = world.aantal_clienten
    inwoners = stock("inwoners", name="Inwoners")
    per_1000 = computed("per_1000", "[orionis-aantal-clienten] * 1000 / inwoners")
    cijfers.add(inwoners, world.vlissingen, 44000)
    cijfers.add(aantal, world.vlissingen, 440, doelgroep=world.werkzoekenden)
    cijfers.add(aantal, world.vlissingen, 88, doelgroep=world.wsw)
    figures = figures_for(world)
    assert figures.get(per_1000.pk, world.vlissingen.pk, world.werkzoekenden.pk) == 10
    assert figures.get(per_1000.pk, world.vlissingen.pk, world.wsw.pk) == 2
    assert figures.get(per_1000.pk, world.vlissingen.pk) == 12


def test_a_rate_for_a_regio_uses_the_summed_population_of_its_gemeenten(world, cijfers):
    inwoners = stock("inwoners", name="Inwoners")
    per_1000 = computed("per_1000", "[orionis-aantal-clienten] * 1000 / inwoners")
    for gemeente, n in [(world.vlissingen, 44000), (world.middelburg, 48000), (world.veere, 8000)]:
        cijfers.add(inwoners, gemeente, n)
    cijfers.add(world.aantal_clienten, world.walcheren, 500)
    figures = figures_for(world)
    assert figures.get(per_1000.pk, world.walcheren.pk) == 5
    assert figures.get(per_1000.pk, world.vlissingen.pk) is None


def test_a_doelgroep_named_in_the_formula_gives_a_figure_for_the_total_only(world, cijfers):
    aandeel = computed(
        "aandeel_wsw", "[orionis-aantal-clienten@wsw] / [orionis-aantal-clienten] * 100"
    )
    cijfers.add(world.aantal_clienten, world.vlissingen, 30, doelgroep=world.wsw)
    cijfers.add(world.aantal_clienten, world.vlissingen, 90, doelgroep=world.werkzoekenden)
    figures = figures_for(world)
    assert figures.get(aandeel.pk, world.vlissingen.pk) == 25
    assert figures.get(aandeel.pk, world.vlissingen.pk, world.wsw.pk) is None


def test_a_computed_indicator_without_totals_is_only_computed_from_entered_figures(world, cijfers):
    uitstroom, beginstand = count("uitstroom"), stock("beginstand")
    rate = computed("rate", "uitstroom / beginstand * 100", aggregatie=Aggregatie.GEEN)
    cijfers.add(uitstroom, world.vlissingen, 5, doelgroep=world.wsw)
    cijfers.add(beginstand, world.vlissingen, 50, doelgroep=world.wsw)
    figures = figures_for(world)
    assert figures.get(rate.pk, world.vlissingen.pk, world.wsw.pk) == 10
    assert figures.get(rate.pk, world.vlissingen.pk) is None


def test_a_figure_computed_from_a_provisional_figure_is_provisional(world, cijfers, uitstroom_rate):
    uitstroom, beginstand, rate = uitstroom_rate
    cijfers.add(uitstroom, world.vlissingen, 5, voorlopig=True)
    cijfers.add(beginstand, world.vlissingen, 50)
    figures = figures_for(world)
    assert (rate.pk, world.vlissingen.pk, None) in figures.provisional


def test_a_broken_formula_is_skipped_without_stopping_the_others(world, cijfers, uitstroom_rate):
    uitstroom, beginstand, rate = uitstroom_rate
    # Saved around validation (e.g. imported): the engine must not crash on it.
    IndicatorFactory(code="kring_a", formula="kring_b + uitstroom")
    IndicatorFactory(code="kring_b", formula="kring_a")
    IndicatorFactory(code="kapot", formula="uitstroom / (")
    cijfers.add(uitstroom, world.vlissingen, 5)
    cijfers.add(beginstand, world.vlissingen, 50)
    catalogue = Catalogue.load()
    assert len(catalogue.broken) == 3
    assert (
        compute_period(period("2018H1"), [world.vlissingen], catalogue).get(
            rate.pk, world.vlissingen.pk
        )
        == 10
    )


def test_a_computed_figure_over_a_year_uses_the_inputs_summed_over_the_year(world, cijfers):
    uitstroom, instroom = count("uitstroom"), count("instroom")
    ratio = computed("ratio", "uitstroom / instroom * 100")
    for identifier, out, into in [("2018H1", 10, 100), ("2018H2", 30, 100)]:
        cijfers.add(uitstroom, world.vlissingen, out, identifier)
        cijfers.add(instroom, world.vlissingen, into, identifier)
    period("2018")
    assert figures_for(world, "2018").get(ratio.pk, world.vlissingen.pk) == 20


# --- shares of a total ---------------------------------------------------------------------------------


def test_each_cell_as_a_share_of_its_column_with_the_regional_total():
    table = Table(
        rows=["loopbaan", "traject", "arbeid"],
        columns=["Middelburg", "Veere", "Vlissingen"],
        cells=[
            [Decimal(10), Decimal(1), Decimal(30)],
            [Decimal(30), Decimal(1), Decimal(30)],
            [Decimal(60), Decimal(2), Decimal(40)],
        ],
        row_totals=[Decimal(41), Decimal(61), Decimal(102)],
        column_totals=[None, None, None],
    )
    result = shares(table)
    assert [row[0] for row in result.cells] == [10, 30, 60]
    assert [row[1] for row in result.cells] == [25, 25, 50]
    assert result.column_totals == [100, 100, 100]
    assert [round(v, 1) for v in result.row_totals] == [Decimal("20.1"), Decimal("29.9"), 50]
    assert result.total == 100


def test_shares_along_a_row_use_the_row_total():
    table = Table(
        rows=["instroom"],
        columns=["a", "b"],
        cells=[[Decimal(1), Decimal(3)]],
        row_totals=[None],
        column_totals=[None, None],
    )
    assert shares(table, axis="row").cells == [[25, 75]]


def test_a_share_of_a_zero_or_incomplete_total_is_left_empty():
    table = Table(
        rows=["x", "y"],
        columns=["a", "b"],
        cells=[[Decimal(0), None], [Decimal(0), Decimal(2)]],
        row_totals=[None, None],
        column_totals=[None, None],
    )
    result = shares(table)
    assert result.cells == [[None, None], [None, None]]


def test_a_table_of_figures_takes_its_totals_from_the_engine(world, cijfers):
    loopbaan = DoelgroepFactory(uitvoerder=world.orionis, code="loopbaan", name="Loopbaan")
    aantal = world.aantal_clienten
    values = {world.vlissingen: (30, 70), world.middelburg: (10, 10), world.veere: (5, 15)}
    for gemeente, (a, b) in values.items():
        cijfers.add(aantal, gemeente, a, doelgroep=loopbaan)
        cijfers.add(aantal, gemeente, b, doelgroep=world.wsw)
    figures = figures_for(world)
    gemeenten = [world.middelburg, world.veere, world.vlissingen]
    table = figure_table(figures, aantal, [loopbaan, world.wsw], gemeenten, world.walcheren)
    assert table.column_totals == [20, 20, 100]
    assert table.row_totals == [45, 95]
    assert table.total == 140
    result = shares(table)
    assert [row[2] for row in result.cells] == [30, 70]
    assert result.row_totals[0] == Decimal(45) / 140 * 100


def test_a_table_can_use_one_doelgroep_as_the_total_of_the_others(world, cijfers):
    loopbaan = DoelgroepFactory(uitvoerder=world.orionis, code="loopbaan", name="Loopbaan")
    aantal = world.aantal_clienten
    cijfers.add(aantal, world.vlissingen, 25, doelgroep=loopbaan)
    cijfers.add(aantal, world.vlissingen, 100, doelgroep=world.werkzoekenden)
    figures = figures_for(world)
    table = figure_table(
        figures, aantal, [loopbaan], [world.vlissingen], total_doelgroep=world.werkzoekenden
    )
    assert shares(table).cells == [[25]]


# --- many gemeenten at once, and the number of queries ---------------------------------------------------


def test_all_gemeenten_of_a_period_are_computed_at_once(world, cijfers, uitstroom_rate):
    uitstroom, beginstand, rate = uitstroom_rate
    for gemeente, out in [(world.vlissingen, 1), (world.middelburg, 2), (world.veere, 3)]:
        cijfers.add(uitstroom, gemeente, out)
        cijfers.add(beginstand, gemeente, 10)
    figures = compute_period(period("2018H1"))
    assert figures.get(rate.pk, world.middelburg.pk) == 20
    assert figures.get(rate.pk, world.walcheren.pk) == 20


def test_computing_two_periods_at_once_keeps_them_apart(world, cijfers):
    aantal = world.aantal_clienten
    cijfers.add(aantal, world.vlissingen, 1, "2017H2")
    cijfers.add(aantal, world.vlissingen, 2, "2018H1")
    result = compute([period("2017H2"), period("2018H1")], [world.vlissingen])
    assert result[period("2017H2").pk].get(aantal.pk, world.vlissingen.pk) == 1
    assert result[period("2018H1").pk].get(aantal.pk, world.vlissingen.pk) == 2


def build_region(cijfers, n_gemeenten, n_indicators):
    regio = RegioFactory()
    gemeenten = [GemeenteFactory() for _n in range(n_gemeenten)]
    regio.gemeenten.set(gemeenten)
    doelgroepen = [DoelgroepFactory(), DoelgroepFactory()]
    for n in range(n_indicators):
        indicator = count(f"teller-{n}")
        noemer = stock(f"noemer-{n}")
        computed(f"ratio-{n}", f"[teller-{n}] / [noemer-{n}] * 100")
        for gemeente in gemeenten:
            for doelgroep in doelgroepen:
                cijfers.add(indicator, gemeente, 3, doelgroep=doelgroep)
                cijfers.add(noemer, gemeente, 30, doelgroep=doelgroep)
    return gemeenten


@pytest.mark.parametrize(("n_gemeenten", "n_indicators"), [(2, 2), (8, 10)])
def test_the_number_of_queries_does_not_grow_with_gemeenten_or_indicators(
    db, cijfers, n_gemeenten, n_indicators, django_assert_max_num_queries
):
    gemeenten = build_region(cijfers, n_gemeenten, n_indicators)
    with django_assert_max_num_queries(6):  # + the expected cells
        figures = compute_period(period("2018H1"), gemeenten)
    assert len(figures.values) == n_indicators * 3 * (n_gemeenten + 1) * 3
