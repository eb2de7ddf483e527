"""The spreadsheet template of a submission: XLSX, CSV and ODS with the expected rows and the
stored figures, safe to open in a spreadsheet."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indicators.importing.tables import read_table
from indicators.submissions.services import CellInput, save_values
from tests.factories import IndicatorFactory, UitvraagRegelFactory, fill_submission

HEADER = [
    "Indicatorcode",
    "Indicator",
    "Doelgroepcode",
    "Doelgroep",
    "Gebiedscode (CBS/regio)",
    "Gebied",
    "Periode",
    "Eenheid",
    "Waarde",
    "Toelichting",
    "Status",
]
HYPERLINK = '=HYPERLINK("https://kwaadwillig.example/","Klik hier")'


def template_url(submission, fmt):
    return reverse("indicators:import_template", args=[submission.pk, fmt])


def download(client, submission, fmt):
    response = client.get(template_url(submission, fmt))
    assert response.status_code == 200
    return response


def xlsx_rows(content: bytes):
    sheet = load_workbook(io.BytesIO(content))["Cijfers"]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def store(world, indicator, doelgroep, raw, toelichting="", voorlopig=False):
    save_values(
        world.submission,
        world.leverancier,
        [CellInput(indicator.pk, doelgroep.pk, world.walcheren.pk, raw, toelichting, voorlopig)],
    )


def test_the_xlsx_template_has_a_row_per_expected_cell_with_the_stored_figures(world, client_for):
    fill_submission(world)
    store(world, world.aantal_clienten, world.wsw, "666", "Inclusief wachtlijst", True)
    response = download(client_for(world.leverancier), world.submission, "xlsx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert "attachment;" in response["Content-Disposition"]
    rows = xlsx_rows(response.content)
    assert rows[0] == HEADER
    assert rows[1:] == [
        [
            "orionis-aantal-clienten",
            "Aantal cliënten",
            "werkzoekenden",
            "Werkzoekenden",
            "walcheren",
            "Walcheren",
            "2018H1",
            "aantal, heel getal",
            510,
            None,
            "definitief",
        ],
        [
            "orionis-aantal-clienten",
            "Aantal cliënten",
            "wsw",
            "Wsw",
            "walcheren",
            "Walcheren",
            "2018H1",
            "aantal, heel getal",
            666,
            "Inclusief wachtlijst",
            "voorlopig",
        ],
        [
            "orionis-uitstroom-werk",
            "Aandeel uitstroom naar werk",
            "werkzoekenden",
            "Werkzoekenden",
            "walcheren",
            "Walcheren",
            "2018H1",
            "%, hoogstens 1 decimaal",
            12.5,
            None,
            "definitief",
        ],
    ]


def test_the_xlsx_template_writes_figures_as_numbers_with_the_indicators_decimals(
    world, client_for
):
    fill_submission(world)
    sheet = load_workbook(
        io.BytesIO(download(client_for(world.leverancier), world.submission, "xlsx").content)
    )["Cijfers"]
    assert sheet["I2"].data_type == "n"
    assert sheet["I2"].number_format == "0"
    assert sheet["I4"].data_type == "n"
    assert sheet["I4"].number_format == "0.0"


def test_empty_cells_of_the_uitvraag_are_in_the_template_without_a_figure(world, client_for):
    rows = xlsx_rows(download(client_for(world.leverancier), world.submission, "xlsx").content)
    assert len(rows) == 4
    assert [row[8] for row in rows[1:]] == [None, None, None]


def test_the_template_lists_every_area_of_the_uitvraag(world, client_for):
    world.uitvraag.areas.add(world.vlissingen)
    rows = xlsx_rows(download(client_for(world.leverancier), world.submission, "xlsx").content)
    # Gemeenten first, then regio's, for every uitvraag row.
    assert [row[4] for row in rows[1:3]] == ["GM0718", "walcheren"]
    assert len(rows) == 1 + 3 * 2


def test_the_csv_template_uses_semicolons_decimal_commas_and_a_bom(world, client_for):
    fill_submission(world)
    response = download(client_for(world.leverancier), world.submission, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ";".join(HEADER)
    assert lines[3] == (
        "orionis-uitstroom-werk;Aandeel uitstroom naar werk;werkzoekenden;Werkzoekenden;"
        "walcheren;Walcheren;2018H1;%, hoogstens 1 decimaal;12,5;;definitief"
    )


def test_the_ods_template_has_the_rows_with_figures_as_numbers(world, client_for):
    fill_submission(world)
    response = download(client_for(world.leverancier), world.submission, "ods")
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    table = read_table(response.content, "sjabloon.ods")
    assert table.header == HEADER
    assert [(row[0], row[2], row[8]) for _number, row in table.rows] == [
        ("orionis-aantal-clienten", "werkzoekenden", Decimal("510")),
        ("orionis-aantal-clienten", "wsw", Decimal("666")),
        ("orionis-uitstroom-werk", "werkzoekenden", Decimal("12.5")),
    ]
    assert b'office:value-type="float" office:value="12.5"' in ods_content(response.content)


def ods_content(content: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("content.xml")


def test_a_toelichting_that_looks_like_a_formula_is_exported_escaped_in_every_format(
    world, client_for
):
    fill_submission(world)
    store(world, world.aantal_clienten, world.wsw, "666", HYPERLINK)
    client = client_for(world.leverancier)

    xlsx = load_workbook(io.BytesIO(download(client, world.submission, "xlsx").content))
    cell = xlsx["Cijfers"]["J3"]
    assert cell.value == "'" + HYPERLINK
    assert cell.data_type == "s"

    csv_text = download(client, world.submission, "csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(csv_text), delimiter=";"))[2][9] == "'" + HYPERLINK

    ods = ods_content(download(client, world.submission, "ods").content)
    assert b"&apos;=HYPERLINK(" in ods or b"'=HYPERLINK(" in ods
    assert b">=HYPERLINK(" not in ods


@pytest.mark.parametrize("typed", ["-3", "+ 5 stuks", "@SUM(1)"])
def test_invalid_typed_text_that_looks_like_a_formula_is_escaped_too(world, client_for, typed):
    store(world, world.aantal_clienten, world.wsw, typed)
    rows = xlsx_rows(download(client_for(world.leverancier), world.submission, "xlsx").content)
    assert rows[2][8] == "'" + typed


def test_other_organisations_and_the_griffie_cannot_download_the_template(world, client_for):
    for user in (world.other_leverancier, world.porthos_leverancier, world.griffie):
        response = client_for(user).get(template_url(world.submission, "xlsx"))
        assert response.status_code == 404


def test_an_unknown_template_format_does_not_exist(world, client_for):
    response = client_for(world.leverancier).get(template_url(world.submission, "pdf"))
    assert response.status_code == 404


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "ods"])
def test_the_template_takes_the_same_number_of_queries_for_more_rows(
    world, client_for, django_assert_max_num_queries, fmt
):
    world.uitvraag.areas.add(world.middelburg, world.veere, world.vlissingen)
    for n in range(20):
        indicator = IndicatorFactory(uitvoerder=world.orionis, thema=world.aantal_clienten.thema)
        UitvraagRegelFactory(uitvraag=world.uitvraag, indicator=indicator, order=10 + n)
    fill_submission(world)
    client = client_for(world.leverancier)
    with django_assert_max_num_queries(12):
        rows = read_table(download(client, world.submission, fmt).content, f"x.{fmt}").rows
    assert len(rows) == 23 * 4


def test_computed_indicators_are_not_in_the_template(world, client_for):
    world.uitstroom_pct.formula = "[orionis-aantal-clienten] / 10"
    world.uitstroom_pct.save()
    rows = xlsx_rows(download(client_for(world.leverancier), world.submission, "xlsx").content)
    assert [row[0] for row in rows[1:]] == ["orionis-aantal-clienten"] * 2
