"""The report's XLSX as a spreadsheet shows it: each sheet with a frozen, styled header row, a
filter, its column widths and number formats, notes under the rows; the document's properties.
The rows are written by reports.workbook, the frame by openpyxl; read back with openpyxl."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest

from reports.content import collect
from reports.workbook import Book, Formatted
from reports.xlsx import render_xlsx

WHEN = datetime(2019, 4, 10, 10, 0, tzinfo=UTC)


def read(book: Book):
    return openpyxl.load_workbook(io.BytesIO(book.save((2019, 4, 10, 12, 0, 0), "")))


@pytest.fixture
def cijfers(report):
    data = render_xlsx(collect(report, WHEN))
    return openpyxl.load_workbook(io.BytesIO(data))


def test_the_figures_sheet_has_a_frozen_styled_header_a_filter_and_its_column_widths(cijfers):
    sheet = cijfers["Cijfers"]
    assert sheet.freeze_panes == "A2"
    header = sheet["A1"]
    assert header.value == "Gemeente"
    assert header.font.b and header.fill.fgColor.rgb == "001B4F72"
    assert header.alignment.wrap_text
    assert sheet.auto_filter.ref == f"A1:T{sheet.max_row}"
    assert sheet.max_row > 1 and sheet.dimensions == f"A1:T{sheet.max_row}"
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJ"]
    assert widths == [14, 26, 24, 26, 36, 20, 16, 10, 12, 14]


def test_a_figure_is_a_number_in_its_indicators_decimals_beside_a_date(cijfers):
    sheet = cijfers["Cijfers"]
    rows = {(row[3].value, row[5].value, row[7].value): row for row in sheet.iter_rows(min_row=2)}
    aantal = rows[("orionis-aantal-clienten", "Wsw", "2018H1")]
    assert (aantal[9].value, aantal[9].number_format) == (666, "#,##0")
    assert aantal[8].value == datetime(2018, 6, 30) and aantal[8].number_format == "DD-MM-YYYY"
    uitstroom = rows[("orionis-uitstroom-werk", "Werkzoekenden", "2018H1")]
    assert (uitstroom[9].value, uitstroom[9].number_format) == (12.5, "#,##0.0")


def test_the_about_sheet_wraps_its_text_and_has_no_filter(cijfers):
    sheet = cijfers["Over dit bestand"]
    assert sheet.auto_filter.ref is None
    assert sheet["A2"].value == "Titel" and sheet["B2"].alignment.wrap_text
    assert not sheet["A2"].alignment.wrap_text
    assert cijfers.properties.creator == "Monitor Sociaal Domein"
    assert cijfers.properties.created == datetime(2019, 4, 10, 10, 0)


def test_columns_have_their_number_formats_and_notes_follow_after_an_empty_row():
    book = Book()
    book.sheet(
        "Bedragen",
        ["Code", "Bedrag", "Uitputting %"],
        [["6.1", Decimal("1234.5"), 97.25], ["6.2", None, None]],
        [10, 16, 16],
        formats=[None, "#,##0.00", "0.0"],
        notes=["Bedragen in euro's."],
    )
    sheet = read(book)["Bedragen"]
    assert [c.number_format for c in sheet[2]] == ["General", "#,##0.00", "0.0"]
    assert [c.value for c in sheet[2]] == ["6.1", 1234.5, 97.25]
    assert sheet["B3"].number_format == "#,##0.00" and sheet["B3"].value is None
    assert [c.value for c in sheet[4]] == [None, None, None]
    assert sheet["A5"].value == "Bedragen in euro's." and sheet["A5"].number_format == "General"
    assert sheet.auto_filter.ref == "A1:C3"


def test_values_keep_their_kind_and_text_is_never_a_formula():
    book = Book()
    book.sheet(
        "Waarden",
        ["Waarde"],
        [
            ['=HYPERLINK("http://evil.example")'],
            ["#N/A"],
            [" ingesprongen"],
            ["a & b < c"],
            ["bel\x07letje"],
            [True],
            [7],
            [Formatted(date(2024, 12, 31), "DD-MM-YYYY")],
            [date(2024, 6, 30)],
            ["x" * 40_000],
        ],
        [20],
    )
    sheet = read(book)["Waarden"]
    values = [c.value for (c,) in sheet.iter_rows(min_row=2)]
    assert values[:8] == [
        '\'=HYPERLINK("http://evil.example")',
        "#N/A",
        " ingesprongen",
        "a & b < c",
        "belletje",  # a control character a sheet cannot hold is left out
        True,
        7,
        datetime(2024, 12, 31),
    ]
    assert all(c.data_type != "f" for (c,) in sheet.iter_rows())
    assert sheet["A2"].data_type == "s" and sheet["A3"].data_type == "s"
    assert sheet["A10"].value == datetime(2024, 6, 30) and sheet["A10"].is_date
    assert len(sheet["A11"].value) == 32_767


def test_the_same_rows_give_the_same_bytes():
    def make():
        book = Book()
        book.sheet("Blad", ["A"], [[1], ["twee"]], [10])
        return book.save((2019, 4, 10, 12, 0, 0), "2019-04-10T10:00:00Z")

    assert make() == make()
