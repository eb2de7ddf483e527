"""Who sees what: the public (only figures of vastgestelde reports, with disclosure control, only
when the gemeente switched its public dashboard on), the griffie, suppliers and beleid."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from indicators.models import SubmissionStatus, Value
from organisations.middleware import PUBLIC_URL_NAMES
from reports.dashboard.urls import PUBLIC_NAMES
from tests.permissions import Request, matrix, run
from tests.reports.dashboard.conftest import deliver, page, vaststellen

PUBLIC = "/openbaar/GM0718/"
THEMA = "thema/iedereen-doet-mee/"


@pytest.fixture
def public(dash):
    """Vlissingen publishes its dashboard; its report over 2018H1 is vastgesteld."""
    dash.vlissingen.public_dashboard = True
    dash.vlissingen.save()
    vaststellen(dash.vlissingen, "2018H1", dash.beleid)
    return dash


# --- the public dashboard ----------------------------------------------------------------------


def test_every_public_page_is_reachable_without_logging_in():
    assert PUBLIC_NAMES <= PUBLIC_URL_NAMES


@pytest.mark.parametrize(
    "path",
    ["", THEMA, "indicator/orionis-uitstroom-werk/", "begroting/", "cijfers.csv"],
)
def test_without_a_public_dashboard_the_public_pages_do_not_exist(dash, path):
    vaststellen(dash.vlissingen, "2018H1", dash.beleid)
    assert Client().get(PUBLIC + path).status_code == 404


def test_the_public_dashboard_needs_no_login(public):
    html = page(Client(), PUBLIC)
    assert "Deze cijfers komen uit de laatste vastgestelde rapportage" in html


def test_the_public_list_shows_only_gemeenten_with_a_public_dashboard(public):
    html = page(Client(), "/openbaar/")
    assert 'href="/openbaar/GM0718/"' in html
    assert "GM0687" not in html


def test_the_logged_in_dashboard_still_needs_a_login(dash):
    response = Client().get("/dashboard/GM0718/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_public_dashboard_without_a_vastgesteld_report_has_no_figures(dash):
    dash.vlissingen.public_dashboard = True
    dash.vlissingen.save()
    html = page(Client(), PUBLIC + THEMA)
    assert "nog geen rapportage vastgesteld" in html
    assert "12,5" not in html


def test_the_public_sees_the_figures_of_the_vastgesteld_report(public):
    html = page(Client(), PUBLIC + THEMA)
    assert "12,5" in html and "63,5" in html


def test_figures_approved_after_the_vaststelling_are_not_public(public, client_for):
    deliver(
        public.uitvraag,
        "2018H2",
        {(public.uitstroom_pct, public.werkzoekenden, public.walcheren): "14,2"},
        reviewed_at=timezone.now() + timedelta(minutes=5),
    )
    assert "14,2" not in page(Client(), PUBLIC + THEMA + "?periode=2018H1")
    assert "14,2" in page(client_for(public.beleid), "/dashboard/GM0718/" + THEMA)


def test_a_figure_corrected_after_the_vaststelling_stays_as_vastgesteld(public):
    """The snapshot of the report holds the figure the raad adopted."""
    Value.objects.filter(indicator=public.uitstroom_pct, submission=public.submission).update(
        value=Decimal("13.1"), raw="13,1"
    )
    html = page(Client(), PUBLIC + "indicator/orionis-uitstroom-werk/")
    assert "12,5" in html and "13,1" not in html


def test_without_a_snapshot_the_figures_approved_before_the_vaststelling_count(dash):
    dash.vlissingen.public_dashboard = True
    dash.vlissingen.save()
    vaststellen(
        dash.vlissingen,
        "2018H1",
        dash.beleid,
        snapshot=False,
        at=timezone.now() - timedelta(days=120),
    )
    html = page(Client(), PUBLIC + THEMA)
    assert "9,8" in html  # approved 200 days ago
    assert "12,5" not in html  # approved 100 days ago, after the vaststelling


def test_small_counts_are_secret_on_the_public_dashboard(dash):
    Value.objects.filter(
        submission=dash.submission, indicator=dash.aantal_clienten, doelgroep=dash.wsw
    ).update(value=Decimal(5), raw="5")
    dash.vlissingen.public_dashboard = True
    dash.vlissingen.save()
    vaststellen(dash.vlissingen, "2018H1", dash.beleid)
    html = page(Client(), PUBLIC + THEMA)
    assert '<span class="geheim">geheim</span>' in html
    assert "Waarden 1 tot en met 7 zijn vanwege onthullingsrisico weergegeven als geheim." in html
    # With the total (515) published, 510 would give the secret figure away: it is secret too.
    assert html.count('<span class="geheim">geheim</span>') == 2
    assert ">515 " in html and "510" not in html


def test_the_public_export_never_holds_a_secret_value(dash):
    Value.objects.filter(
        submission=dash.submission, indicator=dash.aantal_clienten, doelgroep=dash.wsw
    ).update(value=Decimal(5), raw="5")
    dash.vlissingen.public_dashboard = True
    dash.vlissingen.save()
    vaststellen(dash.vlissingen, "2018H1", dash.beleid)
    csv = Client().get(PUBLIC + THEMA + "cijfers.csv").content.decode("utf-8-sig")
    wsw = next(line for line in csv.splitlines() if ";wsw;" in line and ";2018H1;" in line)
    assert ";geheim;" in wsw and ";5;" not in wsw


def test_the_public_can_compare_only_with_other_public_dashboards(public):
    html = page(Client(), PUBLIC)
    assert 'value="GM0687"' not in html
    assert 'value="walcheren"' in html and 'value="gemiddelde"' in html


def test_the_public_regio_total_leaves_out_nothing_secret(public):
    """Middelburg and Veere have no public dashboard: no regional total of their figures."""
    html = page(Client(), PUBLIC + "indicator/mi-arbeidsparticipatie/?vergelijk=walcheren")
    assert "63,5" in html
    assert "195,5" not in html  # 63,5 + 67,0 + 65,0 would be a sum of non-public figures


# --- logged in ---------------------------------------------------------------------------------


def test_the_griffie_sees_its_own_gemeente_as_the_public_would(dash, client_for):
    vaststellen(dash.vlissingen, "2018H1", dash.beleid)
    html = page(client_for(dash.griffie), "/dashboard/GM0718/" + THEMA)
    assert "U ziet het dashboard zoals het publiek het ziet." in html
    assert "Het openbare dashboard staat voor deze gemeente (nog) uit." in html
    assert "12,5" in html


def test_the_griffie_does_not_see_figures_that_are_not_vastgesteld(dash, client_for):
    html = page(client_for(dash.griffie), "/dashboard/GM0718/" + THEMA)
    assert "12,5" not in html


def test_a_supplier_sees_only_its_own_indicators(dash, client_for):
    html = page(client_for(dash.leverancier), "/dashboard/GM0718/" + THEMA)
    assert "Uitstroom naar werk" in html or "Aandeel uitstroom naar werk" in html
    assert "Netto arbeidsparticipatie" not in html


@pytest.fixture
def submitted_later(dash):
    """Orionis submitted its 2018H2 figures; nobody approved them yet."""
    return deliver(
        dash.uitvraag,
        "2018H2",
        {(dash.uitstroom_pct, dash.werkzoekenden, dash.walcheren): "15,5"},
        status=SubmissionStatus.INGEDIEND,
    )


def test_beleid_sees_submitted_figures_as_nog_niet_goedgekeurd(dash, submitted_later, client_for):
    html = page(client_for(dash.beleid), "/dashboard/GM0718/" + THEMA + "?periode=2018H2")
    assert "15,5" in html
    assert '<span class="badge badge-pending">nog niet goedgekeurd</span>' in html


def test_a_supplier_does_not_see_submitted_figures_on_the_dashboard(
    dash, submitted_later, client_for
):
    html = page(client_for(dash.leverancier), "/dashboard/GM0718/" + THEMA)
    assert "15,5" not in html


def test_the_public_never_sees_submitted_figures(public, submitted_later):
    assert "15,5" not in page(Client(), PUBLIC + THEMA)


# --- logged in: who opens which page, as one table (tests/permissions.py) ----------------------

PEOPLE = {
    "beleid": "beleidsmedewerker, eigen gemeente (Vlissingen)",
    "beleid_veere": "beleidsmedewerker, andere gemeente in de regio (Veere)",
    "other_beleid": "beleidsmedewerker, andere gemeente (Dordrecht)",
    "griffie": "griffie, eigen gemeente (Vlissingen)",
    "leverancier": "leverancier van de regio (Orionis)",
    "other_leverancier": "leverancier van een andere regio (Drechtsteden)",
}
PAGES = {
    "dashboard": Request("get", lambda dash: "/dashboard/GM0718/"),
    "dashboard_middelburg": Request("get", lambda dash: "/dashboard/GM0687/"),
    "thema": Request("get", lambda dash: "/dashboard/GM0718/" + THEMA),
    # a maatschappelijke indicator: not a supplier's own
    "indicator": Request("get", lambda dash: "/dashboard/GM0718/indicator/mi-arbeidsparticipatie/"),
    "begroting": Request("get", lambda dash: "/dashboard/GM0718/begroting/"),
}
# fmt: off
TABLE = {
    #                       beleid veere o.bel grif  lev  o.lev
    "dashboard":            (200,  404,  None, None, None, 404),
    "dashboard_middelburg": {"griffie": 404},
    "thema":                (200,  None, 404,  200,  200,  None),
    "indicator":            (200,  None, None, None, 404,  None),
    "begroting":            (200,  None, None, None, 404,  None),
}
# fmt: on


@pytest.mark.parametrize(("page_name", "person", "expected"), matrix(PEOPLE, TABLE))
def test_permission_matrix(page_name, person, expected, dash, client_for):
    response = run(client_for(getattr(dash, person)), PAGES[page_name], dash)
    assert response.status_code == expected, PEOPLE[person]
