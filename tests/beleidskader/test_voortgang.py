"""The voortgang of a beleidskader: targets met / not met / not yet measurable from approved
figures and streefwaarden, and the budget of prestaties against their budget lines."""

from decimal import Decimal

import pytest

from beleidskader import lines, voortgang
from beleidskader.models import DoelIndicator, Niveau, PrestatieBudget
from beleidskader.voortgang import GEHAALD, NIET_GEHAALD, NIET_MEETBAAR
from indicators.models import Streefwaarde
from indicators.workflow import transition as submission_transition
from tests.factories import fill_submission

from .conftest import make_kader, node

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def regio_kader(world):
    """A kader of the regio Walcheren, whose uitstroom naar werk Orionis delivers (12,5 %)."""
    kader = make_kader(world.walcheren, name="Regionale agenda", year_from=2018)
    doelstelling = node(kader, Niveau.DOELSTELLING, "1", "Iedereen doet mee")
    target = node(kader, Niveau.TARGET, "1.1", "Meer uitstroom naar werk", parent=doelstelling)
    DoelIndicator.objects.create(
        doel=target, indicator=world.uitstroom_pct, doelgroep=world.werkzoekenden
    )
    node(kader, Niveau.TARGET, "1.2", "Zonder indicator", parent=doelstelling)
    fill_submission(world)
    submission_transition(world.submission, "indienen", world.leverancier)
    submission_transition(world.submission, "goedkeuren", world.beleid)
    return kader


def streefwaarde(world, value, comparison=">="):
    Streefwaarde.objects.create(
        indicator=world.uitstroom_pct,
        scope=world.walcheren,
        doelgroep=world.werkzoekenden,
        year_from=2018,
        comparison=comparison,
        value=D(value),
    )


def target(result, nummer):
    return next(t for t in result.targets if t.doel.nummer == nummer)


def test_a_target_whose_figure_meets_its_streefwaarde_is_met(world, regio_kader):
    streefwaarde(world, "7.5")
    result = voortgang.compute(regio_kader, 2018)
    stand = target(result, "1.1")
    assert stand.status == GEHAALD
    assert stand.indicators[0].value_text == "12,5"
    assert stand.indicators[0].target_text == "minimaal 7,5"
    assert result.doelstellingen[0].status == GEHAALD


def test_a_target_whose_figure_falls_short_is_not_met(world, regio_kader):
    streefwaarde(world, "15")
    result = voortgang.compute(regio_kader, 2018)
    assert target(result, "1.1").status == NIET_GEHAALD
    assert result.doelstellingen[0].status == NIET_GEHAALD
    assert result.count(NIET_GEHAALD) == 1


def test_a_target_without_streefwaarde_or_indicator_is_not_yet_measurable(world, regio_kader):
    result = voortgang.compute(regio_kader, 2018)
    assert target(result, "1.1").status == NIET_MEETBAAR
    assert target(result, "1.2").status == NIET_MEETBAAR
    assert result.doelstellingen[0].status == NIET_MEETBAAR


def test_a_year_without_figures_is_not_yet_measurable(world, regio_kader):
    streefwaarde(world, "7.5")
    assert target(voortgang.compute(regio_kader, 2019), "1.1").status == NIET_MEETBAAR


def test_the_voortgang_takes_a_fixed_number_of_queries(
    world, regio_kader, django_assert_max_num_queries
):
    streefwaarde(world, "7.5")
    doelstelling = regio_kader.doelen.get(nummer="1")
    for n in range(3, 8):
        extra = node(regio_kader, Niveau.TARGET, f"1.{n}", "Extra", parent=doelstelling)
        DoelIndicator.objects.create(
            doel=extra, indicator=world.uitstroom_pct, doelgroep=world.werkzoekenden
        )
    with django_assert_max_num_queries(20):
        voortgang.compute(regio_kader, 2018)


# ── budgets per line ─────────────────────────────────────────────────────────────────────────
def test_a_bestuursrapportage_shows_the_expected_afwijking_of_each_product_line_and_their_total(
    world, bestuursrapportage
):
    view = lines.overview(world.vlissingen, 2024)
    ((programma_row, rows),) = view.programmas
    expected = [row.prognose_afwijking("lasten") for row in rows]
    assert expected == [D("-200000"), D("0"), D("-50000"), D("-1250000")]
    assert programma_row.prognose_afwijking("lasten") == D("-1500000")
    assert view.total.prognose_afwijking("lasten") == D("-1500000")
    assert [row.label for row in rows][0] == "Huishoudelijke hulp"


def test_the_afwijking_and_uitputting_per_line_come_from_the_realisatie(world, bestuursrapportage):
    view = lines.overview(world.vlissingen, 2024)
    ((_programma_row, rows),) = view.programmas
    assert rows[0].afwijking("lasten") == D("-600000")
    assert rows[0].uitputting("lasten") == D("40")


def test_a_prestatie_linked_to_a_product_line_shows_its_budget_against_the_realisatie(
    world, bestuursrapportage
):
    programma, products = bestuursrapportage
    kader = make_kader(world.vlissingen, year_from=2024)
    doelstelling = node(kader, Niveau.DOELSTELLING, "2", "Passende ondersteuning")
    doel = node(kader, Niveau.TARGET, "2.1", "Meer algemene voorzieningen", parent=doelstelling)
    prestatie = node(kader, Niveau.PRESTATIE, "", "Huishoudelijke hulp", parent=doel)
    PrestatieBudget.objects.create(
        doel=prestatie, year=2024, amount=D("950000"), product=products[0]
    )

    result = voortgang.compute(kader, 2024)
    stand = target(result, "2.1")
    assert stand.budget.begroot == D("950000")
    assert stand.budget.actueel == D("1000000")
    assert stand.budget.realisatie == D("400000")
    assert result.doelstellingen[0].budget.afwijking == D("-600000")


def test_a_small_count_is_geheim_and_not_judged_in_the_public_report(world):
    from beleidskader import report

    kader = make_kader(world.walcheren, name="Regionale agenda", year_from=2018)
    doelstelling = node(kader, Niveau.DOELSTELLING, "1", "Iedereen werkt")
    goal = node(kader, Niveau.TARGET, "1.1", "Wsw-plaatsen houden", parent=doelstelling)
    DoelIndicator.objects.create(doel=goal, indicator=world.aantal_clienten, doelgroep=world.wsw)
    values = {
        (world.aantal_clienten.pk, world.werkzoekenden.pk): "510",
        (world.aantal_clienten.pk, world.wsw.pk): "3",
        (world.uitstroom_pct.pk, world.werkzoekenden.pk): "12,5",
    }
    fill_submission(world, values=values)
    submission_transition(world.submission, "indienen", world.leverancier)
    submission_transition(world.submission, "goedkeuren", world.beleid)
    Streefwaarde.objects.create(
        indicator=world.aantal_clienten,
        scope=world.walcheren,
        doelgroep=world.wsw,
        year_from=2018,
        value=D(1),
    )
    result = voortgang.compute(kader, 2018)
    assert target(result, "1.1").status == GEHAALD  # inside: the exact figure
    is_secret = report.secret_check(world.walcheren, 2018)
    voortgang.protect(
        result,
        lambda s: is_secret(s.link.indicator_id, s.link.doelgroep_id, result.period, s.value),
    )
    stand = target(result, "1.1")
    assert stand.indicators[0].value_text == "geheim"
    assert stand.status == NIET_MEETBAAR and result.doelstellingen[0].status == NIET_MEETBAAR
