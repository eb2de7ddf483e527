"""Streefwaarden, trend proposals and the beleidsmedewerker's judgement."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from indicators.models import Oordeel, Richting, Streefwaarde, TrendOordeel, Vergelijking
from indicators.overview.judgement import JudgementError, record_judgement
from indicators.targets import TargetBook, is_met, target_for, trend_proposal
from tests.factories import IndicatorFactory, period

from .engine_world import Cijfers


@pytest.fixture
def cijfers(db):
    return Cijfers()


def target(indicator, scope, value, year_from=2017, year_to=None, **extra):
    return Streefwaarde.objects.create(
        indicator=indicator,
        scope=scope,
        value=Decimal(str(value)),
        year_from=year_from,
        year_to=year_to,
        **extra,
    )


# --- looking up targets ---------------------------------------------------------------------------


def test_a_gemeente_target_wins_over_the_regio_and_the_supplier(world):
    indicator = world.uitstroom_pct
    target(indicator, world.orionis, 10)
    target(indicator, world.walcheren, 12)
    own = target(indicator, world.vlissingen, 15)
    assert target_for(indicator, world.vlissingen, 2018) == own


def test_the_regio_target_applies_to_its_gemeenten(world):
    indicator = world.uitstroom_pct
    target(indicator, world.orionis, 10)
    regional = target(indicator, world.walcheren, 12)
    assert target_for(indicator, world.veere, 2018) == regional


def test_the_supplier_target_applies_when_nothing_more_specific_exists(world):
    supplier = target(world.uitstroom_pct, world.orionis, 10)
    assert target_for(world.uitstroom_pct, world.middelburg, 2018) == supplier


def test_another_gemeentes_target_does_not_apply(world):
    target(world.uitstroom_pct, world.middelburg, 10)
    assert target_for(world.uitstroom_pct, world.vlissingen, 2018) is None


def test_a_target_applies_only_within_its_years(world):
    target(world.uitstroom_pct, world.vlissingen, 10, year_from=2017, year_to=2017)
    later = target(world.uitstroom_pct, world.vlissingen, 20, year_from=2019)
    assert target_for(world.uitstroom_pct, world.vlissingen, 2018) is None
    assert target_for(world.uitstroom_pct, world.vlissingen, 2025) == later


def test_the_most_recent_target_of_the_same_scope_wins(world):
    target(world.uitstroom_pct, world.vlissingen, 10, year_from=2015)
    newer = target(world.uitstroom_pct, world.vlissingen, 12, year_from=2018)
    assert target_for(world.uitstroom_pct, world.vlissingen, 2019) == newer


def test_a_doelgroep_target_is_for_that_doelgroep_only(world):
    wsw = target(world.aantal_clienten, world.vlissingen, 600, doelgroep=world.wsw)
    assert target_for(world.aantal_clienten, world.vlissingen, 2018, world.wsw) == wsw
    assert target_for(world.aantal_clienten, world.vlissingen, 2018) is None


def test_a_book_of_targets_is_loaded_in_one_query(world, django_assert_num_queries):
    target(world.uitstroom_pct, world.walcheren, 12)
    with django_assert_num_queries(1):
        book = TargetBook.load(2018, regios_of={world.vlissingen.pk: [world.walcheren.pk]})
        assert book.lookup(world.uitstroom_pct, world.vlissingen.pk).value == 12


@pytest.mark.parametrize(
    ("comparison", "value", "met"),
    [
        (Vergelijking.MINIMAAL, "7.0", True),
        (Vergelijking.MINIMAAL, "6.94", False),
        (Vergelijking.MINIMAAL, "6.96", True),  # shown as 7,0
        (Vergelijking.MAXIMAAL, "20", True),
        (Vergelijking.MAXIMAAL, "20.1", False),
        (Vergelijking.GELIJK, "7.04", True),
    ],
)
def test_a_value_meets_its_target_as_it_is_shown(comparison, value, met):
    streefwaarde = Streefwaarde(
        comparison=comparison,
        value=Decimal("7") if comparison != Vergelijking.MAXIMAAL else Decimal("20"),
    )
    assert is_met(Decimal(value), streefwaarde, decimals=1) is met


def test_without_a_value_or_target_nothing_is_met_or_missed():
    assert is_met(None, Streefwaarde(value=1)) is None
    assert is_met(Decimal(1), None) is None


# --- trend proposals ------------------------------------------------------------------------------


def indicator_that(richting=Richting.HOGER, threshold=5, **extra):
    return IndicatorFactory.build(
        richting=richting, trend_threshold_pct=Decimal(threshold), **extra
    )


@pytest.mark.parametrize(
    ("richting", "current", "base", "proposal"),
    [
        (Richting.HOGER, 110, 100, Oordeel.POSITIEF),
        (Richting.HOGER, 90, 100, Oordeel.NEGATIEF),
        (Richting.LAGER, 90, 100, Oordeel.POSITIEF),
        (Richting.LAGER, 110, 100, Oordeel.NEGATIEF),
        (Richting.HOGER, 104, 100, Oordeel.GELIJK),
        (Richting.HOGER, 105, 100, Oordeel.POSITIEF),
        (Richting.LAGER, 96, 100, Oordeel.GELIJK),
    ],
)
def test_the_proposal_follows_the_desired_direction_and_the_threshold(
    richting, current, base, proposal
):
    indicator = indicator_that(richting)
    assert trend_proposal(indicator, Decimal(current), Decimal(base)) == proposal


def test_the_threshold_is_set_per_indicator():
    assert trend_proposal(indicator_that(threshold=20), Decimal(110), Decimal(100)) == "gelijk"
    assert trend_proposal(indicator_that(threshold=1), Decimal(102), Decimal(100)) == "positief"


def test_an_ontwikkelindicator_is_never_judged():
    indicator = indicator_that(is_ontwikkelindicator=True)
    assert trend_proposal(indicator, Decimal(200), Decimal(100)) == Oordeel.GEEN


def test_an_indicator_without_desired_direction_is_never_judged():
    assert trend_proposal(indicator_that(Richting.GEEN), Decimal(200), Decimal(100)) == "geen"


def test_without_a_base_figure_there_is_no_proposal():
    assert trend_proposal(indicator_that(), Decimal(200), None) == Oordeel.GEEN


def test_growth_from_zero_counts_as_a_change():
    assert trend_proposal(indicator_that(), Decimal(3), Decimal(0)) == Oordeel.POSITIEF
    assert trend_proposal(indicator_that(), Decimal(0), Decimal(0)) == Oordeel.GELIJK


# --- recording the judgement ---------------------------------------------------------------------


@pytest.fixture
def rising(world, cijfers):
    """Vlissingen's uitstroom naar werk went from 10 % to 12 % (richting: hoger is beter)."""
    cijfers.add(world.uitstroom_pct, world.vlissingen, 10, "2017H2")
    cijfers.add(world.uitstroom_pct, world.vlissingen, 12, "2018H1")
    return world.uitstroom_pct


def judge(world, user, judgement, reason="", indicator=None, **extra):
    return record_judgement(
        user,
        indicator=indicator or world.uitstroom_pct,
        gemeente=world.vlissingen,
        period=period("2018H1"),
        judgement=judgement,
        reason=reason,
        **extra,
    )


def test_confirming_the_proposal_needs_no_reason(world, rising):
    oordeel = judge(world, world.beleid, Oordeel.POSITIEF)
    assert (oordeel.proposal, oordeel.judgement, oordeel.reason) == ("positief", "positief", "")
    assert oordeel.base_period == period("2017H2")
    assert oordeel.decided_by == world.beleid


def test_overruling_the_proposal_needs_a_reason(world, rising):
    with pytest.raises(JudgementError, match="Geef een motivering") as error:
        judge(world, world.beleid, Oordeel.GELIJK)
    assert error.value.field == "motivering"
    assert not TrendOordeel.objects.exists()


def test_an_overruled_judgement_is_stored_beside_the_proposal(world, rising):
    judge(world, world.beleid, Oordeel.GELIJK, reason="Eenmalig effect van een project.")
    oordeel = TrendOordeel.objects.get()
    assert oordeel.proposal == Oordeel.POSITIEF
    assert oordeel.judgement == Oordeel.GELIJK
    assert oordeel.reason == "Eenmalig effect van een project."


def test_every_change_of_a_judgement_is_in_its_history(world, rising):
    judge(world, world.beleid, Oordeel.POSITIEF)
    judge(world, world.beleid, Oordeel.NEGATIEF, reason="Na overleg met Orionis.")
    history = list(TrendOordeel.history.order_by("history_date"))
    assert [h.judgement for h in history] == ["positief", "negatief"]
    assert history[-1].history_user == world.beleid
    assert history[-1].history_change_reason == "Na overleg met Orionis."
    assert TrendOordeel.objects.count() == 1


def test_the_proposal_is_computed_by_the_system_not_taken_from_the_request(world, cijfers):
    cijfers.add(world.uitstroom_pct, world.vlissingen, 12, "2017H2")
    cijfers.add(world.uitstroom_pct, world.vlissingen, 10, "2018H1")
    oordeel = judge(world, world.beleid, Oordeel.POSITIEF, reason="Wij zien het anders.")
    assert oordeel.proposal == Oordeel.NEGATIEF


def test_a_chosen_base_period_is_used_for_the_proposal(world, cijfers, rising):
    cijfers.add(world.uitstroom_pct, world.vlissingen, 20, "2017H1")
    oordeel = judge(world, world.beleid, Oordeel.NEGATIEF, base_period=period("2017H1"))
    assert oordeel.proposal == Oordeel.NEGATIEF
    assert oordeel.base_period == period("2017H1")


def test_only_beleid_of_that_gemeente_or_a_beheerder_may_judge(world, rising):
    for outsider in (world.beleid_veere, world.leverancier, world.griffie, world.other_beleid):
        with pytest.raises(PermissionDenied):
            judge(world, outsider, Oordeel.POSITIEF)
    assert judge(world, world.beheerder, Oordeel.POSITIEF).decided_by == world.beheerder


def test_an_ontwikkelindicator_cannot_be_judged(world, rising):
    rising.is_ontwikkelindicator = True
    rising.save()
    with pytest.raises(JudgementError, match="ontwikkelindicator"):
        judge(world, world.beleid, Oordeel.GEEN)


def test_a_judgement_is_kept_per_doelgroep(world, cijfers):
    aantal = world.aantal_clienten
    aantal.richting = Richting.LAGER
    aantal.save()
    cijfers.add(aantal, world.vlissingen, 100, "2017H2", doelgroep=world.wsw)
    cijfers.add(aantal, world.vlissingen, 80, "2018H1", doelgroep=world.wsw)
    oordeel = judge(world, world.beleid, Oordeel.POSITIEF, indicator=aantal, doelgroep=world.wsw)
    assert oordeel.doelgroep == world.wsw and oordeel.proposal == Oordeel.POSITIEF
