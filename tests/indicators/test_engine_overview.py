"""The overview of one gemeente: rows per thema → indicator → doelgroep with totals and trends."""

import pytest
from django.core.exceptions import PermissionDenied

from indicators.engine import gemeenten_visible_to, overview
from indicators.models import Oordeel, Streefwaarde
from indicators.overview.judgement import record_judgement
from tests.factories import GemeenteFactory, IndicatorFactory, ThemaFactory, period

from .engine_world import build_monitor, computed


@pytest.fixture
def monitor(world):
    return build_monitor(world)


def rows_of(result, indicator):
    return [
        row
        for thema in result.themas
        for block in thema.indicators
        if block.indicator == indicator
        for row in block.rows
    ]


def test_the_overview_is_grouped_by_thema_in_their_order(world, monitor):
    result = overview(world.vlissingen, period("2018H1"))
    assert [t.thema.name for t in result.themas] == ["Bevolking", "Iedereen doet mee"]


def test_each_doelgroep_has_a_row_and_the_total_comes_last(world, monitor):
    rows = rows_of(overview(world.vlissingen, period("2018H1")), world.aantal_clienten)
    assert [(r.label, r.value) for r in rows] == [
        ("Werkzoekenden", 510),
        ("Wsw", 666),
        ("Totaal", 1176),
    ]
    assert rows[-1].is_total and rows[-1].derived


def test_a_figure_of_the_regio_is_shown_for_the_gemeente_and_marked_as_such(world, monitor):
    row = rows_of(overview(world.vlissingen, period("2018H1")), world.aantal_clienten)[0]
    assert row.area == world.walcheren and row.from_regio
    assert row.regio_values == [510]


def test_the_regional_total_column_sums_the_gemeenten(world, monitor):
    (row,) = rows_of(overview(world.vlissingen, period("2018H1")), monitor["inwoners"])
    assert (row.value, row.regio_values, row.from_regio) == (44000, [114000], False)


def test_a_computed_indicator_shows_its_formula_in_words(world, monitor):
    result = overview(world.vlissingen, period("2018H1"))
    block = next(
        b for t in result.themas for b in t.indicators if b.indicator == monitor["per_1000"]
    )
    assert block.formula_text == "aantal cliënten maal 1000 gedeeld door inwoners"
    total = block.rows[-1]
    assert total.text == "10,3"  # 1176 × 1000 / 114000, for Walcheren as a whole


def test_the_target_of_the_regio_is_shown_and_judged_as_met(world, monitor):
    (row,) = rows_of(overview(world.vlissingen, period("2018H1")), world.uitstroom_pct)
    assert row.target_text == "minimaal 12,0"
    assert row.target_met is True


def test_the_trend_is_proposed_against_the_previous_period(world, monitor):
    result = overview(world.vlissingen, period("2018H1"))
    assert result.base_period == period("2017H2")
    (row,) = rows_of(result, world.uitstroom_pct)
    assert (row.base_value, row.change_text, row.proposal) == (10, "+25,0 %", Oordeel.POSITIEF)


def test_a_recorded_judgement_appears_beside_the_proposal(world, monitor):
    record_judgement(
        world.beleid,
        indicator=world.uitstroom_pct,
        gemeente=world.vlissingen,
        period=period("2018H1"),
        doelgroep=world.werkzoekenden,
        judgement=Oordeel.GELIJK,
        reason="Kleine aantallen.",
    )
    (row,) = rows_of(overview(world.vlissingen, period("2018H1")), world.uitstroom_pct)
    assert row.proposal == Oordeel.POSITIEF
    assert row.judgement.judgement == Oordeel.GELIJK


def test_a_supplier_sees_only_its_own_indicators(world, monitor):
    result = overview(world.vlissingen, period("2018H1"), user=world.porthos_leverancier)
    assert result.themas == []
    result = overview(world.vlissingen, period("2018H1"), user=world.leverancier)
    shown = {b.indicator for t in result.themas for b in t.indicators}
    assert shown == {world.aantal_clienten, world.uitstroom_pct, monitor["per_1000"]}


def test_beleid_of_another_gemeente_may_not_see_the_overview(world, monitor):
    with pytest.raises(PermissionDenied):
        overview(world.vlissingen, period("2018H1"), user=world.beleid_veere)


def test_who_sees_which_gemeenten(world):
    assert list(gemeenten_visible_to(world.beleid)) == [world.vlissingen]
    assert set(gemeenten_visible_to(world.leverancier)) == {
        world.middelburg,
        world.veere,
        world.vlissingen,
    }
    assert set(gemeenten_visible_to(world.beheerder)) >= {world.vlissingen, world.other_gemeente}
    assert not gemeenten_visible_to(world.griffie).exists()


def test_only_beleid_of_the_gemeente_may_judge(world, monitor):
    assert overview(world.vlissingen, period("2018H1"), user=world.beleid).can_judge
    assert not overview(world.vlissingen, period("2018H1"), user=world.leverancier).can_judge


def add_indicators(world, cijfers, n):
    for i in range(n):
        indicator = IndicatorFactory(thema=ThemaFactory(), uitvoerder=world.orionis)
        for identifier in ("2017H2", "2018H1"):
            cijfers.add(indicator, world.vlissingen, i, identifier, doelgroep=world.wsw)
        Streefwaarde.objects.create(
            indicator=indicator, scope=world.vlissingen, year_from=2018, value=1
        )
        computed(f"per-1000-{i}", f"[{indicator.code}] * 1000 / inwoners", thema=indicator.thema)


@pytest.mark.parametrize("extra", [1, 25])
def test_the_overview_needs_the_same_queries_however_many_indicators(
    world, monitor, extra, django_assert_max_num_queries
):
    add_indicators(world, monitor["cijfers"], extra)
    for _n in range(extra):
        gemeente = GemeenteFactory()
        world.walcheren.gemeenten.add(gemeente)
    # + expected cells, missing names; the regio sums and the rows of members that differ
    with django_assert_max_num_queries(18):
        result = overview(world.vlissingen, period("2018H1"), user=world.beleid)
    assert len(result.rows) > extra


def test_a_single_doelgroep_gets_no_total_row_that_would_only_repeat_it(world, monitor):
    rows = rows_of(overview(world.vlissingen, period("2018H1")), world.uitstroom_pct)
    assert [r.label for r in rows] == ["Werkzoekenden"]


def test_a_row_without_a_figure_cannot_be_judged(world, monitor):
    monitor["cijfers"].add(world.uitstroom_pct, world.walcheren, 9, "2017H2", doelgroep=world.wsw)
    rows = rows_of(overview(world.vlissingen, period("2018H1")), world.uitstroom_pct)
    wsw = next(r for r in rows if r.doelgroep == world.wsw)
    assert wsw.value is None and not wsw.is_judgeable
