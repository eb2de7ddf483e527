"""Issue 11: a figure's status as CBS publishes it — voorlopig, nader voorlopig, definitief —
instead of one voorlopig flag; the old flag is still accepted where it entered."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from indicators.engine import compute_period
from indicators.importing.cells import parse_voorlopig
from indicators.models import CijferStatus, Value
from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition
from tests.factories import fill_submission
from tests.indicators.grid import field, grid_post


def stored(world, indicator=None, doelgroep=None):
    return Value.objects.get(
        indicator=indicator or world.aantal_clienten,
        doelgroep=doelgroep or world.wsw,
        area=world.walcheren,
    )


def patch_values(world, *items):
    client = APIClient()
    client.force_authenticate(world.leverancier)
    return client.patch(
        f"/api/v1/aanleveringen/{world.submission.pk}/waarden/",
        {"waarden": list(items)},
        format="json",
    )


def wsw(world, **extra):
    return {
        "indicator": "orionis-aantal-clienten",
        "doelgroep": "wsw",
        "area": "walcheren",
        **extra,
    }


def test_a_figure_is_definitief_unless_told_otherwise(world):
    fill_submission(world)
    assert stored(world).status == CijferStatus.DEFINITIEF
    assert stored(world).voorlopig is False


def test_the_api_stores_a_nader_voorlopig_figure(world):
    response = patch_values(world, wsw(world, value=666, status="nader_voorlopig"))
    assert response.status_code == 200, response.json()
    assert stored(world).status == CijferStatus.NADER_VOORLOPIG
    assert stored(world).voorlopig is True  # not definitief


@pytest.mark.parametrize(("flag", "status"), [(True, "voorlopig"), (False, "definitief")])
def test_the_api_still_accepts_the_old_voorlopig_flag(world, flag, status):
    patch_values(world, wsw(world, value=666, voorlopig=flag))
    assert stored(world).status == status


def test_the_api_shows_the_status_beside_the_old_flag(world):
    patch_values(world, wsw(world, value=666, status="nader_voorlopig"))
    client = APIClient()
    client.force_authenticate(world.leverancier)
    rows = client.get(f"/api/v1/aanleveringen/{world.submission.pk}/waarden/").json()
    rows = rows.get("results", rows) if isinstance(rows, dict) else rows
    [row] = [r for r in rows if r["doelgroep"] == "wsw"]
    assert (row["status"], row["voorlopig"]) == ("nader_voorlopig", True)


def test_the_grid_offers_the_three_statuses(world, client_for):
    page = client_for(world.leverancier).get(
        reverse("indicators:submission_edit", args=[world.submission.pk])
    )
    html = page.content.decode()
    assert 'value="nader_voorlopig"' in html and "nader voorlopig" in html


def test_the_grid_stores_the_chosen_status(world, client_for):
    data = grid_post(world, "510", "666", "12,5")
    data[field(world, world.aantal_clienten, world.wsw, "status")] = "nader_voorlopig"
    client_for(world.leverancier).post(
        reverse("indicators:submission_edit", args=[world.submission.pk]), data
    )
    assert stored(world).status == CijferStatus.NADER_VOORLOPIG
    assert stored(world, doelgroep=world.werkzoekenden).status == CijferStatus.DEFINITIEF


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("ja", "voorlopig"),
        ("nee", "definitief"),
        ("", "definitief"),
        ("Voorlopig", "voorlopig"),
        ("nader voorlopig", "nader_voorlopig"),
        ("definitief", "definitief"),
    ],
)
def test_an_import_reads_a_status_or_the_old_ja_nee(text, status):
    assert parse_voorlopig(text) == status


def test_a_nader_voorlopig_figure_counts_as_not_definitief_in_the_engine(world):
    fill_submission(world)
    save_values(
        world.submission,
        world.leverancier,
        [
            CellInput(
                world.aantal_clienten.pk,
                world.wsw.pk,
                world.walcheren.pk,
                "666",
                status=CijferStatus.NADER_VOORLOPIG,
            )
        ],
    )
    transition(world.submission, "indienen", world.leverancier)
    transition(world.submission, "goedkeuren", world.beleid)
    figures = compute_period(world.submission.period, [world.vlissingen])
    assert (world.aantal_clienten.pk, world.walcheren.pk, world.wsw.pk) in figures.provisional


def test_a_more_definitive_figure_keeps_the_earlier_status_in_its_history(world, client_for):
    patch_values(world, wsw(world, value=666, status="voorlopig"))
    patch_values(world, wsw(world, value=670, status="definitief"))
    history = [h.status for h in stored(world).history.order_by("history_date", "history_id")]
    assert history == ["voorlopig", "definitief"]
    page = (
        client_for(world.leverancier)
        .get(reverse("indicators:submission_history", args=[world.submission.pk]))
        .content.decode()
    )
    assert "voorlopig" in page and "definitief" in page


def test_the_old_flag_on_a_value_maps_to_a_status():
    value = Value(voorlopig=True)
    assert value.status == CijferStatus.VOORLOPIG
    value.voorlopig = False
    assert value.status == CijferStatus.DEFINITIEF
