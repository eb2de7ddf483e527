"""The report's open data: a CSV with disclosure control, stored with its checksum beside the PDF
and the XLSX, and downloadable as they are."""

import csv
import hashlib
import io

import pytest
from django.urls import reverse

from reports.opendata import render_csv
from reports.services import create_report
from tests.factories import period
from tests.reports.conftest import approve, vastgesteld


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    """What the PDF looks like does not matter here (test_generation reads real ones): a small
    stand-in without charts keeps these tests fast."""
    from reports import charts, tasks

    monkeypatch.setattr(charts, "render", lambda chart: chart)
    monkeypatch.setattr(
        tasks, "render_pdf", lambda content: b"%PDF-1.7 " + content.report.title.encode()
    )


def rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def read(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


@pytest.fixture
def small_counts(world, generate):
    """Only 5 werkzoekenden: too few to publish."""
    approve(
        world,
        world.submission,
        {
            (world.aantal_clienten.pk, world.werkzoekenden.pk): "5",
            (world.aantal_clienten.pk, world.wsw.pk): "666",
            (world.uitstroom_pct.pk, world.werkzoekenden.pk): "12,5",
        },
    )
    return generate(create_report(world.vlissingen, period("2018H1"), world.beleid), world.beleid)


def cell(table, code, doelgroep):
    return next(r for r in table if r["indicatorcode"] == code and r["doelgroepcode"] == doelgroep)


def test_small_counts_are_geheim_in_the_csv(small_counts):
    table = rows(read(small_counts.csv))
    werkzoekenden = cell(table, "orionis-aantal-clienten", "werkzoekenden")
    assert (werkzoekenden["waarde"], werkzoekenden["status"]) == ("", "geheim")
    # The total over the doelgroepen would give the 5 back: one more cell is hidden with it.
    hidden = [r for r in table if r["indicatorcode"] == "orionis-aantal-clienten"]
    assert sum(r["status"] == "geheim" for r in hidden) == 2
    assert "5" not in {r["waarde"] for r in hidden}


def test_figures_that_may_be_published_are_in_the_csv_as_in_the_report(approved_world, generate):

    world = approved_world
    report = generate(create_report(world.vlissingen, period("2018H1"), world.beleid), world.beleid)
    table = rows(read(report.csv))
    assert cell(table, "orionis-aantal-clienten", "wsw")["waarde"] == "666"
    assert cell(table, "orionis-aantal-clienten", "werkzoekenden")["waarde"] == "510"
    assert cell(table, "orionis-uitstroom-werk", "werkzoekenden")["waarde"] == "12,5"
    assert {r["gebied"] for r in table} == {"Walcheren"}
    assert {r["periode"] for r in table} == {"2018H1"}


def test_the_csv_holds_the_current_figures_of_the_report_not_its_history(approved_world, generate):
    """2017H2 is approved too (for the charts); the open data holds the report's own period."""
    world = approved_world
    report = generate(create_report(world.vlissingen, period("2018H1"), world.beleid), world.beleid)
    assert "2017H2" not in {r["periode"] for r in rows(read(report.csv))}


def test_the_csv_is_stored_with_its_checksum(small_counts):
    assert small_counts.csv.name.endswith(".csv")
    assert small_counts.csv_sha256 == hashlib.sha256(read(small_counts.csv)).hexdigest()


def test_the_same_figures_give_the_same_csv(small_counts):
    assert render_csv(small_counts) == render_csv(small_counts)


def test_the_csv_opens_in_dutch_excel(small_counts):
    data = read(small_counts.csv)
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines()[0].startswith("indicatorcode;indicator;")


def test_beleid_downloads_the_csv(client, small_counts, world):
    client.force_login(world.beleid)
    response = client.get(reverse("reports:download", args=[small_counts.pk, "csv"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="monitoring-sociaal-domein-vlissingen-2018h1-v1.csv"'
        in (response["Content-Disposition"])
    )
    assert b"".join(response.streaming_content) == read(small_counts.csv)


def test_the_griffie_downloads_the_csv_only_once_vastgesteld(client, small_counts, world):
    url = reverse("reports:download", args=[small_counts.pk, "csv"])
    client.force_login(world.griffie)
    assert client.get(url).status_code == 404
    vastgesteld(small_counts, world.beleid)
    assert client.get(url).status_code == 200
    page = client.get(reverse("reports:griffie")).text
    assert url in page


def test_the_detail_page_offers_the_csv_with_its_checksum(client, small_counts, world):
    client.force_login(world.beleid)
    page = client.get(reverse("reports:detail", args=[small_counts.pk])).text
    assert reverse("reports:download", args=[small_counts.pk, "csv"]) in page
    assert small_counts.csv_sha256 in page
