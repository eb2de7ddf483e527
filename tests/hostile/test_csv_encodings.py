"""CSV files as spreadsheets and editors save them: UTF-8 with or without BOM, UTF-16 (Excel's
"Unicode-tekst"), Windows-1252, with ';' or ','."""

import pytest

from indicators.importing.cells import FileProblem
from indicators.importing.tables import read_table

TEXT = "Indicatorcode;Gebiedscode;Waarde;Toelichting\naantal-clienten;walcheren;12;cliënten € 5\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        "\ufeff".encode() + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
        TEXT.replace(";", ",").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1252", "comma"],
)
def test_a_csv_is_read_whatever_its_encoding_and_delimiter(encoded):
    table = read_table(encoded, "cijfers.csv")
    assert table.header == ["Indicatorcode", "Gebiedscode", "Waarde", "Toelichting"]
    assert table.rows == [(2, ["aantal-clienten", "walcheren", "12", "cliënten € 5"])]


def test_a_utf16_file_that_is_cut_in_half_gets_a_message():
    with pytest.raises(FileProblem, match="geen leesbare tekst"):
        read_table(TEXT.encode("utf-16")[:-1] + b"\x00\xd8", "cijfers.csv")


def test_trailing_empty_rows_and_columns_cost_nothing_and_do_not_count():
    text = TEXT + (";;;;;;;;\n" * 100_000)
    assert len(read_table(text.encode(), "cijfers.csv").rows) == 1
