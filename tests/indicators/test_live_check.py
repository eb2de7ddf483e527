"""The entry grid: the previous period's approved figure beside each cell, and the live check
(the same validation saving uses, through a small endpoint; the page works without it)."""

from django.urls import reverse

from indicators.models import Ernst, Value
from indicators.workflow import transition
from tests.factories import SubmissionFactory, fill_submission, period

from .grid import field, grid_post
from .test_rules import AANTAL_WERK, AANTAL_WSW, make_rule


def check(client, world, **cells):
    return client.post(
        reverse("indicators:submission_check", args=[world.submission.pk]),
        grid_post(world, **cells),
    )


def test_each_cell_shows_the_previous_periods_approved_figure(world, client_for):
    previous = SubmissionFactory(uitvraag=world.uitvraag, period=period("2017H2"))
    fill_submission(world, previous)
    transition(previous, "indienen", world.leverancier)
    transition(previous, "goedkeuren", world.beleid)
    page = (
        client_for(world.leverancier)
        .get(reverse("indicators:submission_edit", args=[world.submission.pk]))
        .content.decode()
    )
    wsw = field(world, world.aantal_clienten, world.wsw, "vorige")
    assert f'id="{wsw}">{previous.period.label}: 666</p>' in page
    # The input names it for a screen reader.
    grid_input = page.split(f'name="{field(world, world.aantal_clienten, world.wsw)}"')[1]
    assert wsw in grid_input.split(">")[0]


def test_the_check_says_what_saving_would_say_and_stores_nothing(world, client_for):
    response = check(
        client_for(world.leverancier), world, aantal_werkzoekenden="5x", uitstroom="120"
    )
    cells = response.json()["cells"]
    prefix = field(world, world.aantal_clienten, world.werkzoekenden).removesuffix("-waarde")
    assert cells[prefix]["error"] == "'5x' is geen getal."
    uitstroom = field(world, world.uitstroom_pct, world.werkzoekenden).removesuffix("-waarde")
    assert cells[uitstroom]["error"] == "Een percentage ligt tussen 0 en 100."
    assert not Value.objects.exists()


def test_the_check_runs_the_validatieregels_on_what_is_typed(world, client_for):
    make_rule(AANTAL_WERK, "<=", AANTAL_WSW, name="Werkzoekenden ≤ wsw", ernst=Ernst.FOUT)
    response = check(
        client_for(world.leverancier), world, aantal_werkzoekenden="1510", aantal_wsw="666"
    )
    cells = response.json()["cells"]
    wsw = field(world, world.aantal_clienten, world.wsw).removesuffix("-waarde")
    assert any(f["error"] and "Fout:" in f["message"] for f in cells[wsw]["findings"]), cells
    assert not Value.objects.exists()


def test_only_the_suppliers_staff_check_an_editable_submission(world, client_for):
    assert check(client_for(world.beleid), world, aantal_wsw="1").status_code == 403
    assert check(client_for(world.porthos_leverancier), world, aantal_wsw="1").status_code == 404
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    assert check(client_for(world.leverancier), world, aantal_wsw="1").status_code == 403


def test_the_grid_loads_the_check_as_a_static_script(world, client_for):
    page = (
        client_for(world.leverancier)
        .get(reverse("indicators:submission_edit", args=[world.submission.pk]))
        .content.decode()
    )
    assert '<script src="/static/js/live-check.js" defer></script>' in page
    assert (
        f'data-check-url="{reverse("indicators:submission_check", args=[world.submission.pk])}"'
        in page
    )
