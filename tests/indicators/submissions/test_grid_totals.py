"""Totals and computed indicators in the supplier's grid and on the review page; computed
indicators are never entered."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Aggregatie, Eenheid, Submission, SubmissionStatus, Value
from indicators.quality.completeness import completeness
from indicators.submissions.grid_totals import grid_totals
from indicators.submissions.services import (
    CellInput,
    save_values,
    submission_areas,
    submission_problems,
    submission_rows,
    values_by_key,
)
from indicators.workflow import transition
from tests.factories import (
    IndicatorFactory,
    SubmissionFactory,
    UitvraagFactory,
    UitvraagRegelFactory,
    fill_submission,
    period,
)
from tests.indicators.grid import field, grid_post


def edit_url(submission):
    return reverse("indicators:submission_edit", args=[submission.pk])


def detail_url(submission):
    return reverse("indicators:submission_detail", args=[submission.pk])


def computed_rate(world, **extra):
    """Uitstroom per 100 cliënten, computed from the world's aantal cliënten."""
    uitstroom = IndicatorFactory(
        code="uitstroom",
        name="Uitstroom",
        uitvoerder=world.orionis,
        thema=world.aantal_clienten.thema,
    )
    rate = IndicatorFactory(
        code="uitstroom-per-100",
        name="Uitstroom per 100 cliënten",
        formula="[uitstroom] / [orionis-aantal-clienten] * 100",
        eenheid=Eenheid.PERCENTAGE,
        decimals=1,
        aggregatie=Aggregatie.FORMULE,
        uitvoerder=world.orionis,
        thema=world.aantal_clienten.thema,
        **extra,
    )
    return uitstroom, rate


@pytest.fixture
def gemeenten_uitvraag(world):
    """Porthos asks one count per doelgroep for the three gemeenten, and a computed rate."""
    aantal = IndicatorFactory(
        code="meldingen", name="Meldingen", uitvoerder=world.porthos, aggregatie=Aggregatie.SOM
    )
    huishoudens = IndicatorFactory(
        code="huishoudens", name="Huishoudens", uitvoerder=world.porthos, aggregatie="stand"
    )
    per_1000 = IndicatorFactory(
        code="meldingen-per-1000",
        name="Meldingen per 1.000 huishoudens",
        formula="[meldingen] * 1000 / [huishoudens]",
        eenheid=Eenheid.PER_1000,
        decimals=1,
        aggregatie=Aggregatie.FORMULE,
        uitvoerder=world.porthos,
    )
    uitvraag = UitvraagFactory(
        uitvoerder=world.porthos, areas=[world.middelburg, world.veere, world.vlissingen]
    )
    for order, indicator in enumerate([aantal, huishoudens, per_1000]):
        UitvraagRegelFactory(uitvraag=uitvraag, indicator=indicator, order=order)
    submission = SubmissionFactory(uitvraag=uitvraag, period=period("2018H1"))
    cells = []
    for gemeente, meldingen, n in [
        (world.middelburg, "30", "20000"),
        (world.veere, "10", "10000"),
        (world.vlissingen, "60", "20000"),
    ]:
        cells += [
            CellInput(aantal.pk, None, gemeente.pk, meldingen),
            CellInput(huishoudens.pk, None, gemeente.pk, n),
        ]
    save_values(submission, world.porthos_leverancier, cells)
    return submission


# --- computed indicators are never entered ---------------------------------------------------------


def test_typing_a_computed_indicator_is_kept_with_a_dutch_error(world):
    _uitstroom, rate = computed_rate(world)
    UitvraagRegelFactory(uitvraag=world.uitvraag, indicator=rate, doelgroep=None, order=9)
    result = save_values(
        world.submission, world.leverancier, [CellInput(rate.pk, None, world.walcheren.pk, "4,5")]
    )
    stored = Value.objects.get(indicator=rate)
    assert stored.raw == "4,5" and stored.value is None
    assert "wordt berekend uit andere cijfers" in stored.error
    assert (rate.pk, None, world.walcheren.pk) in result.errors


def test_an_empty_computed_row_does_not_stand_in_the_way_of_submitting(world):
    _uitstroom, rate = computed_rate(world)
    UitvraagRegelFactory(uitvraag=world.uitvraag, indicator=rate, doelgroep=None, order=9)
    fill_submission(world)
    assert submission_problems(world.submission) == []
    submission = transition(world.submission, "indienen", world.leverancier)
    assert submission.status == SubmissionStatus.INGEDIEND


def test_a_computed_row_is_not_counted_as_missing_in_the_completeness(world):
    _uitstroom, rate = computed_rate(world)
    UitvraagRegelFactory(uitvraag=world.uitvraag, indicator=rate, doelgroep=None, order=9)
    fill_submission(world)
    (row,) = completeness(Submission.objects.filter(pk=world.submission.pk))
    assert (row.expected, row.filled) == (3, 3)


def test_the_grid_shows_a_computed_row_read_only_with_its_value(world, client_for):
    uitstroom, rate = computed_rate(world)
    UitvraagRegelFactory(uitvraag=world.uitvraag, indicator=uitstroom, doelgroep=None, order=8)
    UitvraagRegelFactory(uitvraag=world.uitvraag, indicator=rate, doelgroep=None, order=9)
    UitvraagRegelFactory(
        uitvraag=world.uitvraag,
        indicator=world.aantal_clienten,
        doelgroep=None,
        order=7,
    )
    save_values(
        world.submission,
        world.leverancier,
        [
            CellInput(world.aantal_clienten.pk, None, world.walcheren.pk, "1.200"),
            CellInput(uitstroom.pk, None, world.walcheren.pk, "54"),
        ],
    )
    page = client_for(world.leverancier).get(edit_url(world.submission)).content.decode()
    assert f'name="{field(world, rate, None)}"' not in page
    assert "Berekend: uitstroom gedeeld door aantal cliënten maal 100" in page
    assert "4,5" in page


# --- totals ------------------------------------------------------------------------------------------


def test_the_grid_shows_the_total_over_the_doelgroepen_read_only(world, client_for):
    fill_submission(world)
    page = client_for(world.leverancier).get(edit_url(world.submission)).content.decode()
    assert "Aantal cliënten (totaal)" in page
    assert "Som van de doelgroepen." in page
    assert "1.176" in page  # 510 + 666
    assert "Aandeel uitstroom naar werk (totaal)" not in page  # one doelgroep: nothing to add


def test_a_total_stays_empty_while_a_doelgroep_is_missing(world, client_for):
    client = client_for(world.leverancier)
    client.post(edit_url(world.submission), grid_post(world, "510", "", "12,5"))
    totals = grid_totals(
        world.submission.period,
        submission_rows(world.submission),
        submission_areas(world.submission),
        values_by_key(world.submission),
    )
    (total_row,) = totals.after[1]
    assert total_row.cells[0].value is None
    page = client.get(edit_url(world.submission)).content.decode()
    assert "nog geen waarde" in page


def test_the_total_column_adds_up_the_gemeenten_and_recomputes_ratios(world, gemeenten_uitvraag):
    submission = gemeenten_uitvraag
    totals = grid_totals(
        submission.period,
        submission_rows(submission),
        submission_areas(submission),
        values_by_key(submission),
    )
    assert totals.total_column
    by_code = {
        regel.indicator.code: totals.column[(regel.indicator_id, None)]
        for regel in submission_rows(submission)
    }
    assert by_code["meldingen"].value == 100
    assert by_code["huishoudens"].value == 50000
    # 100 * 1000 / 50000 = 2,0 — not the average of 1,5, 1,0 and 3,0 (1,83).
    assert by_code["meldingen-per-1000"].value == 2
    computed = totals.computed_cells[
        (by_code["meldingen-per-1000"].indicator.pk, None, world.vlissingen.pk)
    ]
    assert computed.value == 3


def test_the_grid_has_a_total_column_when_the_uitvraag_has_several_gemeenten(
    world, gemeenten_uitvraag, client_for
):
    page = client_for(world.porthos_leverancier).get(edit_url(gemeenten_uitvraag)).content
    page = page.decode()
    assert '<th scope="col">Totaal gemeenten</th>' in page
    assert "50.000" in page and "2,0" in page


def test_the_review_page_shows_totals_beside_the_previous_period(world, client_for):
    earlier = SubmissionFactory(uitvraag=world.uitvraag, period=period("2017H2"))
    fill_submission(
        world,
        submission=earlier,
        values={
            (world.aantal_clienten.pk, world.werkzoekenden.pk): "500",
            (world.aantal_clienten.pk, world.wsw.pk): "700",
            (world.uitstroom_pct.pk, world.werkzoekenden.pk): "10",
        },
    )
    transition(earlier, "indienen", world.leverancier)
    transition(earlier, "goedkeuren", world.beleid)
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    page = client_for(world.beleid).get(detail_url(world.submission)).content.decode()
    assert "Aantal cliënten (totaal)" in page
    assert "1.176" in page and "1.200" in page
    assert "-2,0 %" in page  # 1.176 against 1.200


def test_computed_indicators_that_follow_from_the_figures_are_shown(world, client_for):
    uitstroom, _rate = computed_rate(world, period_type="H")
    UitvraagRegelFactory(
        uitvraag=world.uitvraag, indicator=uitstroom, doelgroep=world.werkzoekenden, order=8
    )
    UitvraagRegelFactory(uitvraag=world.uitvraag, indicator=uitstroom, doelgroep=world.wsw, order=9)
    fill_submission(
        world,
        values={
            (world.aantal_clienten.pk, world.werkzoekenden.pk): "500",
            (world.aantal_clienten.pk, world.wsw.pk): "700",
            (world.uitstroom_pct.pk, world.werkzoekenden.pk): "10",
            (uitstroom.pk, world.werkzoekenden.pk): "50",
            (uitstroom.pk, world.wsw.pk): "10",
        },
    )
    page = client_for(world.leverancier).get(edit_url(world.submission)).content.decode()
    assert "Berekend uit deze cijfers" in page
    assert "Uitstroom per 100 cliënten (Werkzoekenden)" in page
    assert "10,0" in page  # 50 / 500
    assert "Uitstroom per 100 cliënten (totaal)" in page
    assert "5,0" in page  # (50 + 10) / (500 + 700): recomputed, not averaged


def test_a_computed_indicator_of_another_period_type_is_not_shown(world, client_for):
    uitstroom, _rate = computed_rate(world, period_type="J")
    UitvraagRegelFactory(uitvraag=world.uitvraag, indicator=uitstroom, order=8)
    page = client_for(world.leverancier).get(edit_url(world.submission)).content.decode()
    assert "Uitstroom per 100 cliënten" not in page


def test_totals_use_the_figures_as_stored_not_what_failed_to_parse(world):
    save_values(
        world.submission,
        world.leverancier,
        [
            CellInput(world.aantal_clienten.pk, world.werkzoekenden.pk, world.walcheren.pk, "510"),
            CellInput(world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk, "zeshonderd"),
        ],
    )
    totals = grid_totals(
        world.submission.period,
        submission_rows(world.submission),
        submission_areas(world.submission),
        values_by_key(world.submission),
    )
    assert totals.after[1][0].cells[0].value is None
    assert Decimal(510) == Value.objects.get(doelgroep=world.werkzoekenden).value


def test_the_bulk_import_refuses_a_computed_indicator_the_same_way(world):
    from indicators.importing.valueset import import_value_set

    _uitstroom, rate = computed_rate(world)
    UitvraagRegelFactory(uitvraag=world.uitvraag, indicator=rate, doelgroep=None, order=9)
    summary = import_value_set(
        world.leverancier,
        [{"indicator": rate.code, "gebied": "walcheren", "periode": "2018H1", "waarde": "4,5"}],
        dry_run=True,
    )
    (error,) = summary.errors
    assert "wordt berekend uit andere cijfers" in error["reason"]
