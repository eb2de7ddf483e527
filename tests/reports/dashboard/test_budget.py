"""The budget view: begroot vs realisatie per taakveld of the sociaal domein."""

from datetime import date

import pytest
from django.test import Client

from budgets.models import Soort
from budgets.taakvelden import sync_taakvelden
from organisations.models import Role
from tests.budgets.conftest import approved
from tests.factories import make_user
from tests.reports.dashboard.conftest import page, vaststellen
from tests.reports.dashboard.test_pages import text

URL = "/dashboard/GM0718/begroting/"


@pytest.fixture
def budget(dash):
    """Vlissingen 2018: begroot 6.3 € 1.000.000 and 6.4 € 400.000; realised 1.100.000 and
    300.000. Middelburg: begroot 6.3 € 500.000, realised 450.000."""
    sync_taakvelden()
    controller = make_user(Role.BELEID, dash.vlissingen, username="controller")
    approved(
        dash.vlissingen,
        2018,
        Soort.PRIMITIEF,
        controller,
        dash.beleid,
        {"6.3": (1_000_000, 0), "6.4": (400_000, 0)},
    )
    approved(
        dash.vlissingen,
        2018,
        Soort.REALISATIE,
        controller,
        dash.beleid,
        {"6.3": (1_100_000, 0), "6.4": (300_000, 0)},
        datum=date(2019, 4, 1),
    )
    other = make_user(Role.BELEID, dash.middelburg, username="controller_mb")
    reviewer = make_user(Role.BELEID, dash.middelburg, username="beleid_mb")
    approved(dash.middelburg, 2018, Soort.PRIMITIEF, other, reviewer, {"6.3": (500_000, 0)})
    approved(
        dash.middelburg,
        2018,
        Soort.REALISATIE,
        other,
        reviewer,
        {"6.3": (450_000, 0)},
        datum=date(2019, 4, 1),
    )
    return dash


def test_the_budget_shows_begroot_realisatie_afwijking_and_uitputting(budget, client_for):
    words = text(page(client_for(budget.beleid), URL))
    assert "6.3 Inkomensregelingen" in words
    # × € 1.000: begroot 1.000, realisatie 1.100, afwijking 100 (10,0%) nadelig, uitputting 110,0%
    assert "1.000 1.100 100 N 10,0% 110,0%" in words
    assert "400 300 -100 V -25,0% 75,0%" in words


def test_the_budget_has_a_chart_and_downloads(budget, client_for):
    client = client_for(budget.beleid)
    html = page(client, URL)
    assert "begroting/grafiek.svg" in html and "begroting/grafiek.png" in html
    csv = client.get(URL + "cijfers.csv?jaar=2018").content.decode("utf-8-sig")
    assert "6.3;6.3 Inkomensregelingen;1000000;1100000;100000;10,0;110,0;N" in csv
    png = client.get(URL + "grafiek.png?jaar=2018")
    assert png.content.startswith(b"\x89PNG")


def test_the_budget_compares_with_the_average_of_the_gemeenten_with_a_budget(budget, client_for):
    words = text(page(client_for(budget.beheerder), URL + "?vergelijk=gemiddelde"))
    # 6.3: (1.000 + 500) / 2 = 750 begroot, (1.100 + 450) / 2 = 775 realisatie
    assert "Begroting Gemiddelde van de gemeenten" in words
    assert "750 775" in words


def test_beleid_may_not_compare_with_a_budget_it_may_not_see(budget, client_for):
    html = page(client_for(budget.beleid), URL + "?vergelijk=walcheren")
    assert "U mag de begroting van Regio Walcheren niet inzien." in html


def test_the_public_sees_the_budget_as_known_at_the_vaststelling(budget):
    budget.vlissingen.public_dashboard = True
    budget.vlissingen.save()
    vaststellen(budget.vlissingen, "2018H1", budget.beleid)
    words = text(page(Client(), "/openbaar/GM0718/begroting/"))
    # The jaarrekening (31 December) came after the peildatum of the report: no realisatie.
    assert "1.000" in words and "1.100" not in words
