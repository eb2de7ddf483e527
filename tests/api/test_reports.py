"""Reports through the API: visibility as in the web UI, with absolute download links."""

import pytest
from django.core.files.base import ContentFile

from reports.api.serializers import download_path
from reports.models import Report, ReportStatus
from tests.factories import period


def report(gemeente, status, title="Monitor Sociaal Domein", with_pdf=False, version=1):
    created = Report.objects.create(
        gemeente=gemeente, period=period("2018H1"), status=status, title=title, version=version
    )
    if with_pdf:
        created.pdf.save("monitor.pdf", ContentFile(b"%PDF-1.7"))
    return created


def titles(client):
    response = client.get("/api/v1/rapportages/")
    assert response.status_code == 200
    return [r["title"] for r in response.json()["results"]]


def test_griffie_sees_only_vastgestelde_reports_of_its_own_gemeente(world, api_client):
    report(world.vlissingen, ReportStatus.VASTGESTELD, "Vlissingen vastgesteld")
    concept = report(world.vlissingen, ReportStatus.CONCEPT, "Vlissingen concept", version=2)
    report(world.middelburg, ReportStatus.VASTGESTELD, "Middelburg vastgesteld")

    assert titles(api_client(world.griffie)) == ["Vlissingen vastgesteld"]
    assert titles(api_client(world.griffie_middelburg)) == ["Middelburg vastgesteld"]
    assert titles(api_client(world.beleid)) == ["Vlissingen concept", "Vlissingen vastgesteld"]
    assert titles(api_client(world.leverancier)) == []
    assert api_client(world.griffie).get(f"/api/v1/rapportages/{concept.pk}/").status_code == 404


def test_a_report_links_to_its_download_as_an_absolute_url(world, api_client):
    with_file = report(world.vlissingen, ReportStatus.VASTGESTELD, with_pdf=True)
    body = api_client(world.griffie).get(f"/api/v1/rapportages/{with_file.pk}/").json()
    assert body["pdf_url"] == "http://testserver" + download_path(with_file, "pdf")
    assert body["xlsx_url"] is None
    assert (body["gemeente"], body["period"], body["status"]) == ("GM0718", "2018H1", "vastgesteld")


def test_reports_are_filtered_by_gemeente_and_status(world, api_client):
    report(world.vlissingen, ReportStatus.VASTGESTELD, "Vlissingen")
    report(world.veere, ReportStatus.CONCEPT, "Veere")
    client = api_client(world.beheerder)
    assert [
        r["title"] for r in client.get("/api/v1/rapportages/?gemeente=GM0717").json()["results"]
    ] == ["Veere"]
    assert [
        r["title"]
        for r in client.get("/api/v1/rapportages/?status=vastgesteld&period=2018S1").json()[
            "results"
        ]
    ] == ["Vlissingen"]


def test_the_api_offers_the_excel_file_to_beleid_but_not_to_the_griffie(world, api_client):
    with_files = report(world.vlissingen, ReportStatus.VASTGESTELD, with_pdf=True)
    with_files.xlsx.save("monitor.xlsx", ContentFile(b"PK"))
    with_files.csv.save("monitor.csv", ContentFile(b"a;b"))
    Report.objects.filter(pk=with_files.pk).update(xlsx_sha256="a" * 64, csv_sha256="c" * 64)
    url = f"/api/v1/rapportages/{with_files.pk}/"
    griffie = api_client(world.griffie).get(url).json()
    assert griffie["xlsx_url"] is None and griffie["xlsx_sha256"] == ""
    assert griffie["csv_url"] == "http://testserver" + download_path(with_files, "csv")
    assert griffie["csv_sha256"] == "c" * 64
    beleid = api_client(world.beleid).get(url).json()
    assert beleid["xlsx_url"] == "http://testserver" + download_path(with_files, "xlsx")
    assert beleid["xlsx_sha256"] == "a" * 64


def vastgesteld_with_files(world):
    report = Report.objects.create(
        gemeente=world.vlissingen,
        period=period("2018H1"),
        status=ReportStatus.VASTGESTELD,
        title="Vlissingen vastgesteld",
    )
    report.pdf.save("monitor.pdf", ContentFile(b"%PDF-1.7 raad"))
    report.xlsx.save("monitor.xlsx", ContentFile(b"PK exact"))
    report.csv.save("monitor.csv", ContentFile(b"indicator;waarde"))
    return report


def test_the_griffie_downloads_the_pdf_with_its_token(world, api_client):
    report = vastgesteld_with_files(world)
    client = api_client(world.griffie)
    url = client.get(f"/api/v1/rapportages/{report.pk}/").json()["pdf_url"]
    assert url == f"http://testserver/api/v1/rapportages/{report.pk}/download/pdf/"
    response = client.get(url, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 raad"
    assert response["Content-Disposition"].endswith('-v1.pdf"')


@pytest.mark.parametrize(
    "who, kind, expected",
    [
        ("griffie", "csv", 200),
        ("griffie", "xlsx", 404),  # the exact figures are internal
        ("griffie_middelburg", "pdf", 404),
        ("leverancier", "pdf", 404),
        ("beleid", "xlsx", 200),
        (None, "pdf", 401),
    ],
)
def test_who_downloads_which_file_through_the_api(world, api_client, who, kind, expected):
    report = vastgesteld_with_files(world)
    client = api_client(getattr(world, who) if who else None)
    assert client.get(f"/api/v1/rapportages/{report.pk}/download/{kind}/").status_code == expected
