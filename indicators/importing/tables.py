"""Reading a spreadsheet (XLSX, ODS) or CSV file into a header and numbered rows of cells.

Cells keep their type where the format has one (numbers stay numbers, so ``12.5`` from Excel is
read as the figure 12,5 whatever the locale); CSV cells are text and go through the same
``parse_value`` as the web form. Row numbers are those a spreadsheet shows (header = row 1).
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .cells import FileProblem

MAX_ROWS = 200_000
MAX_COLUMNS = 60  # a template has 11; more is a different file
FORMATS = ("xlsx", "csv", "ods")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
PREFERRED_SHEET = "Cijfers"


@dataclass
class Table:
    format: str
    header: list
    rows: list[tuple[int, list]]  # (row number as the spreadsheet shows it, cells)


def detect_format(data: bytes, filename: str = "") -> str:
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if name.endswith(".ods"):
        return "ods"
    if name.endswith((".csv", ".txt")):
        return "csv"
    if data[:2] == b"PK":
        return "ods" if ODS_MIMETYPE in data[:200] else "xlsx"
    if name.endswith(".xls"):
        raise FileProblem(
            _("Het oude Excel-formaat (.xls) wordt niet ondersteund: sla het bestand op als .xlsx.")
        )
    return "csv"


def read_table(data: bytes, filename: str = "") -> Table:
    file_format = detect_format(data, filename)
    reader = {"xlsx": read_xlsx, "csv": read_csv, "ods": read_ods}[file_format]
    try:
        table = reader(data)
    except FileProblem:
        raise
    except Exception as exc:  # a broken or disguised file: say so instead of crashing
        raise FileProblem(
            _("Het bestand kan niet worden gelezen als %(format)s. Is het beschadigd?")
            % {"format": file_format.upper()}
        ) from exc
    if not table.header:
        raise FileProblem(_("Het bestand is leeg."))
    return table


def _finish(file_format: str, numbered_rows) -> Table:
    """The first non-empty row is the header; later empty rows are skipped."""
    header, rows = None, []
    for number, cells in numbered_rows:
        cells = list(cells[:MAX_COLUMNS])
        while cells and _blank(cells[-1]):
            cells.pop()
        if not cells:
            continue
        if header is None:
            header = cells
            continue
        rows.append((number, cells))
        if len(rows) > MAX_ROWS:
            raise FileProblem(
                _("Het bestand heeft meer dan %(max)d regels; splits het op.") % {"max": MAX_ROWS}
            )
    return Table(format=file_format, header=header or [], rows=rows)


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def decode_text(data: bytes) -> str:
    """UTF-8 with or without BOM; Excel on Windows saves CSV as Windows-1252, so accept that too."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """``;`` (Dutch Excel), ``,`` or tab: whichever the header line has most of."""
    first_line = text.split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def read_csv(data: bytes) -> Table:
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    return _finish("csv", ((number, row) for number, row in enumerate(reader, start=1)))


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = (
            workbook[PREFERRED_SHEET]
            if PREFERRED_SHEET in workbook.sheetnames
            else workbook.worksheets[0]
        )
        sheet.reset_dimensions()  # some tools write a wrong <dimension>: read what is there

        def rows():
            for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
                yield number, [_xlsx_value(cell) for cell in row]

        return _finish("xlsx", rows())
    finally:
        workbook.close()


def _xlsx_value(cell):
    value = getattr(cell, "value", None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        number_format = getattr(cell, "number_format", "") or ""
        if "%" in number_format:
            # A cell shown as 12,5% holds 0.125: the figure the supplier sees is 12,5.
            return Decimal(format(value, ".15g")) * 100
    return value


def read_ods(data: bytes) -> Table:
    from odf.namespaces import TABLENS
    from odf.opendocument import load
    from odf.table import Table as OdfTable

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if archive.read("mimetype").strip() != ODS_MIMETYPE:
            raise FileProblem(_("Dit is geen ODS-rekenblad (OpenDocument)."))
    document = load(io.BytesIO(data))
    tables = document.spreadsheet.getElementsByType(OdfTable)
    if not tables:
        raise FileProblem(_("Het bestand is leeg."))
    sheet = next((t for t in tables if t.getAttribute("name") == PREFERRED_SHEET), tables[0])

    def rows():
        number = 0
        for row in _children(sheet, TABLENS, {"table-row"}, {"table-header-rows", "table-rows"}):
            repeat = int(row.getAttribute("numberrowsrepeated") or 1)
            cells = _ods_cells(row, TABLENS)
            if all(_blank(cell) for cell in cells):
                number += repeat  # trailing empty rows are often "repeated" a million times
                continue
            for _i in range(min(repeat, MAX_ROWS)):
                number += 1
                yield number, list(cells)

    return _finish("ods", rows())


def _children(element, namespace, wanted: set[str], groups: set[str]):
    """Direct child elements named ``wanted``, looking inside grouping elements."""
    for child in element.childNodes:
        if getattr(child, "qname", None) is None or child.qname[0] != namespace:
            continue
        if child.qname[1] in wanted:
            yield child
        elif child.qname[1] in groups:
            yield from _children(child, namespace, wanted, groups)


def _ods_cells(row, namespace) -> list:
    cells = []
    for cell in _children(row, namespace, {"table-cell", "covered-table-cell"}, set()):
        repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
        value = _ods_value(cell)
        if _blank(value):
            cells.extend([None] * min(repeat, MAX_COLUMNS))
        else:
            cells.extend([value] * min(repeat, MAX_COLUMNS))
        if len(cells) >= MAX_COLUMNS:
            break
    return cells[:MAX_COLUMNS]


def _ods_value(cell):
    from odf import teletype
    from odf.text import P

    value_type = cell.getAttribute("valuetype")
    try:
        if value_type in ("float", "currency"):
            return Decimal(cell.getAttribute("value"))
        if value_type == "percentage":
            return Decimal(cell.getAttribute("value")) * 100
    except (InvalidOperation, TypeError):
        pass
    if value_type == "boolean":
        return (cell.getAttribute("booleanvalue") or "").lower() == "true"
    paragraphs = cell.getElementsByType(P)
    if not paragraphs:
        return None
    return "\n".join(teletype.extractText(p) for p in paragraphs)
