"""Every table as CSV and XLSX, every chart as SVG and PNG."""

import io

import pytest
from openpyxl import load_workbook

URL = "/dashboard/GM0718/"


def download(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith(content_type)
    return response


def csv_lines(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return [line.split(";") for line in text.splitlines()]


def test_the_thema_table_downloads_as_csv_for_dutch_excel(dash, client_for):
    response = download(
        client_for(dash.beleid), URL + "thema/iedereen-doet-mee/cijfers.csv", "text/csv"
    )
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="dashboard-GM0718-iedereen-doet-mee-2018H1.csv"'
    )
    rows = csv_lines(response)
    assert rows[0][:4] == ["indicatorcode", "indicator", "doelgroepcode", "doelgroep"]
    uitstroom = next(r for r in rows if r[0] == "orionis-uitstroom-werk")
    assert "12,5" in uitstroom and "2,7" in uitstroom and "procentpunt" in uitstroom


def test_the_thema_table_downloads_as_xlsx_with_numbers(dash, client_for):
    response = download(
        client_for(dash.beleid),
        URL + "thema/iedereen-doet-mee/cijfers.xlsx",
        "application/vnd.openxmlformats",
    )
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Cijfers"]
    header = [c.value for c in sheet[1]]
    waarde = header.index("waarde")
    values = [row[waarde] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert 12.5 in [float(v) for v in values if isinstance(v, int | float)]
    notes = [row[0] for row in workbook["Toelichting"].iter_rows(values_only=True)]
    assert any("Gemeente: Vlissingen (GM0718)" in (n or "") for n in notes)


def test_a_comparison_is_part_of_the_download(dash, client_for):
    response = download(
        client_for(dash.beheerder),
        URL + "thema/iedereen-doet-mee/cijfers.csv?vergelijk=GM0687",
        "text/csv",
    )
    rows = csv_lines(response)
    assert "waarde vergelijking" in rows[0]
    arbeid = next(r for r in rows if r[0] == "mi-arbeidsparticipatie")
    assert "Middelburg" in arbeid and "67,0" in arbeid


def test_text_that_looks_like_a_formula_is_neutralised(dash, client_for):
    dash.arbeidsparticipatie.name = "=SUM(A1:A9)"
    dash.arbeidsparticipatie.save()
    client = client_for(dash.beleid)
    csv = client.get(URL + "thema/iedereen-doet-mee/cijfers.csv").content.decode("utf-8-sig")
    assert ";'=SUM(A1:A9);" in csv
    book = load_workbook(
        io.BytesIO(client.get(URL + "thema/iedereen-doet-mee/cijfers.xlsx").content)
    )
    names = [row[1] for row in book["Cijfers"].iter_rows(min_row=2, values_only=True)]
    assert "'=SUM(A1:A9)" in names


def test_the_indicator_series_downloads_as_csv(dash, client_for):
    response = download(
        client_for(dash.beleid),
        URL + "indicator/orionis-uitstroom-werk/cijfers.csv?vergelijk=walcheren",
        "text/csv",
    )
    rows = csv_lines(response)
    assert rows[0] == [
        "periode",
        "peildatum",
        "eenheid",
        "Vlissingen",
        "status Vlissingen",
        "Regio Walcheren",
        "status Regio Walcheren",
    ]
    assert rows[1][:4] == ["2017H2", "2017-12-31", "%", "9,8"]


def test_the_table_per_doelgroep_downloads_separately(dash, client_for):
    response = download(
        client_for(dash.beleid),
        URL + "indicator/orionis-aantal-clienten/cijfers.csv?tabel=doelgroepen",
        "text/csv",
    )
    codes = [r[2] for r in csv_lines(response)[1:]]
    assert codes == ["werkzoekenden", "wsw", "totaal"]


def test_the_whole_dashboard_downloads_as_one_table(dash, client_for):
    rows = csv_lines(download(client_for(dash.beleid), URL + "cijfers.csv", "text/csv"))
    assert {r[0] for r in rows[1:]} == {"Iedereen doet mee"}


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [("svg", "image/svg+xml", b"<?xml"), ("png", "image/png", b"\x89PNG")],
)
def test_the_chart_downloads_as_svg_and_png(dash, client_for, fmt, content_type, magic):
    client = client_for(dash.beleid)
    url = URL + f"indicator/orionis-uitstroom-werk/grafiek.{fmt}?vergelijk=walcheren&download=1"
    response = download(client, url, content_type)
    assert response.content.startswith(magic)
    assert response["Content-Disposition"].endswith(f'.{fmt}"')


def test_an_unknown_format_does_not_exist(dash, client_for):
    client = client_for(dash.beleid)
    assert client.get(URL + "indicator/orionis-uitstroom-werk/grafiek.gif").status_code == 404
    assert client.get(URL + "thema/iedereen-doet-mee/cijfers.pdf").status_code == 404


def test_a_chart_without_figures_does_not_exist(dash, client_for):
    url = "/dashboard/GM0687/indicator/mi-problematische-schulden/grafiek.svg"
    assert client_for(dash.beheerder).get(url).status_code == 404
