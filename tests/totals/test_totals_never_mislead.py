"""Issue 11: a total over doelgroepen or gemeenten is only shown when every expected part is
there; otherwise it is "onvolledig", says what is missing, and no change is computed from it."""

from django.contrib.auth import get_user_model
from django.test import Client

from indicators.engine import compute_period, overview
from indicators.models import Indicator, Period
from organisations.models import Doelgroep, Organisation


def _client(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_the_total_of_aantal_clienten_is_not_made_while_three_doelgroepen_are_missing(
    vlissingen_2018h2,
):
    aantal = Indicator.objects.get(code="orionis-aantal-clienten")
    walcheren = Organisation.objects.get(code="walcheren")
    figures = compute_period(Period.objects.get(identifier="2018H2"), [walcheren])
    assert figures.get(aantal.pk, walcheren.pk) is None
    missing = {
        Doelgroep.objects.get(pk=dg).code
        for _i, _a, dg in figures.incomplete[(aantal.pk, walcheren.pk, None)]
    }
    assert missing == {"overige-uitkeringen", "wsw", "nieuw-beschut-werk"}


def test_the_total_of_the_half_year_before_is_still_complete(vlissingen_2018h2):
    aantal = Indicator.objects.get(code="orionis-aantal-clienten")
    walcheren = Organisation.objects.get(code="walcheren")
    figures = compute_period(Period.objects.get(identifier="2018H1"), [walcheren])
    assert figures.get(aantal.pk, walcheren.pk) == 4080


def test_the_overview_gives_no_total_and_no_change_for_an_incomplete_total(vlissingen_2018h2):
    result = overview(
        Organisation.objects.get(code="GM0718"), Period.objects.get(identifier="2018H2")
    )
    total = next(
        r for r in result.rows if r.indicator.code == "orionis-aantal-clienten" and r.is_total
    )
    assert total.value is None
    assert total.change is None
    assert total.incomplete
    assert "Wsw" in total.missing_text


def test_the_dashboard_shows_the_total_as_onvolledig_with_what_is_missing(vlissingen_2018h2):
    thema = Indicator.objects.get(code="orionis-aantal-clienten").thema
    page = (
        _client("beleid")
        .get(f"/dashboard/GM0718/thema/{thema.code}/", {"periode": "2018H2"})
        .content.decode()
    )
    assert "3.215" in page  # the uitkeringsbestand, not a total
    assert "onvolledig" in page
    assert "Wsw" in page
    assert "21,2" not in page


def test_the_api_overview_says_the_total_is_onvolledig(vlissingen_2018h2):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(get_user_model().objects.get(username="beleid"))
    data = client.get("/api/v1/overzicht/", {"gemeente": "GM0718", "periode": "2018H2"}).json()
    rows = [
        row
        for thema in data["themas"]
        for block in thema["indicatoren"]
        if block["code"] == "orionis-aantal-clienten"
        for row in block["rijen"]
        if row["totaal"]
    ]
    assert rows and rows[0]["onvolledig"] is True
    assert rows[0]["waarde"] is None and rows[0]["verandering_pct"] is None
    assert "Wsw" in rows[0]["ontbreekt"]


def test_the_report_says_which_totals_are_onvolledig_instead_of_showing_them(vlissingen_2018h2):
    from django.utils import timezone

    from reports.content import collect
    from reports.services import create_report

    beleid = get_user_model().objects.get(username="beleid")
    report = create_report(
        Organisation.objects.get(code="GM0718"), Period.objects.get(identifier="2018H2"), beleid
    )
    content = collect(report, timezone.now())
    aantal = Indicator.objects.get(code="orionis-aantal-clienten")
    totals = [
        f
        for f in content.figures
        if f.indicator == aantal and f.doelgroep is None and f.period.identifier == "2018H2"
    ]
    assert totals == []  # no partial total in the tables, the CSV or the XLSX
    notes = [note for t in content.themas for s in t.sections for note in s.incomplete]
    assert any(
        note.startswith("Aantal cliënten (2018 tweede halfjaar): onvolledig") for note in notes
    )
    preview = _client("beleid").get(f"/rapportages/{report.pk}/voorbeeld/").content.decode()
    assert "onvolledig, ontbreekt: Wsw" in preview


def test_the_publication_shows_the_total_as_onvolledig_and_says_so_in_its_csv(vlissingen_2018h2):
    client = _client("beleid")
    query = {"gemeente": "GM0718", "periode": "2018H2"}
    page = client.get("/publicatie/", query).content.decode()
    assert "onvolledig, ontbreekt:" in page
    assert "Wsw" in page[page.index("onvolledig, ontbreekt:") :][:200]
    csv_text = client.get("/publicatie/cijfers.csv", query).content.decode("utf-8-sig")
    assert any(
        line.startswith("orionis-aantal-clienten;")
        and ";walcheren;" in line
        and line.split(";")[7:9] == ["", "onvolledig"]
        for line in csv_text.splitlines()
    ), csv_text[:2000]
