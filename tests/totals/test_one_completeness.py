"""Issue 11: one definition of which figures are expected, filled, submitted and approved serves
/kwaliteit/, the report's "Wat ontbreekt nog?" and the API."""

from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient

from indicators.models import Period
from indicators.quality.completeness import expectations, period_completeness, totals
from organisations.models import Organisation
from reports.readiness import readiness
from reports.services import create_report

from .conftest import deliver_klanten_2018h2


def _user(username):
    return get_user_model().objects.get(username=username)


def test_kwaliteit_and_the_report_count_the_same_figures_for_vlissingen_2018h2(demo):
    deliver_klanten_2018h2(approve=False)
    beleid = _user("beleid")
    h2 = Period.objects.get(identifier="2018H2")
    report = create_report(Organisation.objects.get(code="GM0718"), h2, beleid)
    panel = readiness(report, beleid)
    kwaliteit = totals(period_completeness(beleid, h2))
    assert (kwaliteit.expected, kwaliteit.approved) == (panel.expected, panel.approved)
    assert kwaliteit.expected == 45  # the uitvragen without a submission count too
    klanten = next(
        r for r in period_completeness(beleid, h2) if r.uitvraag.name == "Halfjaarcijfers klanten"
    )
    assert (klanten.expected, klanten.filled, klanten.submitted, klanten.approved) == (5, 5, 5, 0)
    assert kwaliteit.without_submission == sum(1 for r in panel.rows if r.submission is None)


def test_the_kwaliteit_page_lists_the_uitvragen_without_a_submission(demo):
    client = Client()
    client.force_login(_user("beleid"))
    page = client.get("/kwaliteit/", {"periode": "2018H2"}).content.decode()
    assert "Halfjaarcijfers werkleerbedrijf" in page
    assert "Nog geen aanlevering" in page
    assert "5 van de 5 cijfers ingevuld" not in page


def test_the_api_gives_the_same_rows_with_and_without_a_submission(demo):
    deliver_klanten_2018h2()
    client = APIClient()
    client.force_authenticate(_user("beleid"))
    rows = client.get("/api/v1/volledigheid/", {"periode": "2018H2"}).json()
    h2 = Period.objects.get(identifier="2018H2")
    found = expectations(h2, _user("beleid"))
    assert len(rows) == len(found)
    by_name = {r["uitvraag_name"]: r for r in rows}
    assert by_name["Halfjaarcijfers klanten"]["approved"] == 5
    assert by_name["Halfjaarcijfers werkleerbedrijf"]["aanlevering"] is None
