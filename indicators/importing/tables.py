"""Reading a spreadsheet (XLSX, ODS) or CSV file into a header and numbered rows of cells.

Cells keep their type where the format has one (numbers stay numbers, so ``12.5`` from Excel is
read as the figure 12,5 whatever the locale); CSV cells are text and go through the same
``parse_value`` as the web form. Row numbers are those a spreadsheet shows (header = row 1).

Every read stays within :class:`~.limits.ReadLimits` (rows, columns, cells, unpacked size,
string length, time); XLSX and ODS are streamed by :mod:`.readers`. The format is taken from the
content, not the name: a zip named ``.csv`` or a text file named ``.xlsx`` gets a message.
"""

import codecs
import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .cells import FileProblem
from .limits import Clock, Counter, ReadLimits, check_upload_size
from .readers import ODS_MIMETYPE, PREFERRED_SHEET, read_ods_tables, read_xlsx_rows

FORMATS = ("xlsx", "csv", "ods")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and other old Office files
DELIMITERS = (";", ",", "\t")


@dataclass
class Table:
    format: str
    header: list
    rows: list[tuple[int, list]]  # (row number as the spreadsheet shows it, cells)


def detect_format(data: bytes, filename: str = "") -> str:
    """The format the content has; the name only breaks the tie between XLSX and ODS."""
    name = filename.lower()
    if data.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise FileProblem(
            _("Het oude Excel-formaat (.xls) wordt niet ondersteund: sla het bestand op als .xlsx.")
        )
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        if name.endswith((".csv", ".txt")):
            raise FileProblem(
                _(
                    "Het bestand heet .csv maar is een Excel- of OpenDocument-bestand. Geef het "
                    "de juiste extensie (.xlsx of .ods) of sla het op als CSV."
                )
            )
        return "ods" if ODS_MIMETYPE in data[:200] else "xlsx"
    if name.endswith((".xlsx", ".xlsm", ".ods")):
        raise FileProblem(
            _(
                "Het bestand heet %(extension)s maar is geen rekenblad. Sla het opnieuw op als "
                "Excel (.xlsx), OpenDocument (.ods) of CSV."
            )
            % {"extension": name.rsplit(".", 1)[-1]}
        )
    return "csv"


def read_table(data: bytes, filename: str = "", limits: ReadLimits | None = None) -> Table:
    limits = limits or ReadLimits.from_settings()
    check_upload_size(len(data), limits)
    file_format = detect_format(data, filename)
    clock, counter = Clock(limits.seconds), Counter(limits)
    try:
        if file_format == "xlsx":
            table = _finish("xlsx", read_xlsx_rows(data, limits, clock, counter))
        elif file_format == "ods":
            tables = read_ods_tables(data, limits, clock, counter)
            if not tables:
                raise FileProblem(_("Het bestand is leeg."))
            rows = next((t for name, t in tables if name == PREFERRED_SHEET), tables[0][1])
            table = _finish("ods", rows)
        else:
            table = read_csv(data, limits, clock, counter)
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
        cells = list(cells)
        while cells and _blank(cells[-1]):
            cells.pop()
        if not cells:
            continue
        if header is None:
            header = cells
            continue
        rows.append((number, cells))
    return Table(format=file_format, header=header or [], rows=rows)


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def decode_text(data: bytes) -> str:
    """UTF-8 with or without BOM, UTF-16 (with BOM, or without: then every other byte is NUL),
    and Windows-1252 as Excel on Windows saves CSV (latin-1 for its five unused bytes)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        sample = data[:4096]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if len(sample) >= 4 and odd > len(sample) // 4 and even == 0:
            encoding = "utf-16-le"
        elif len(sample) >= 4 and even > len(sample) // 4 and odd == 0:
            encoding = "utf-16-be"
        else:
            encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding.startswith("utf-16"):
            raise FileProblem(_unreadable_text()) from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    if "\x00" in text:
        raise FileProblem(_unreadable_text())
    return text


def _unreadable_text() -> str:
    return _(
        "Het bestand is geen leesbare tekst (CSV). Sla het op als 'CSV (gescheiden door "
        "lijstscheidingsteken)' in UTF-8, of als Excel (.xlsx)."
    )


def sniff_delimiter(text: str) -> str:
    """``;`` (Dutch Excel), ``,`` or tab: whichever the header line has most of."""
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    if not counts[best]:
        raise FileProblem(
            _(
                "De kopregel van het CSV-bestand bevat geen scheidingsteken. Gebruik ';' of ',' "
                "tussen de kolommen, zoals in het sjabloon."
            )
        )
    return best


def read_csv(data: bytes, limits: ReadLimits, clock: Clock, counter: Counter) -> Table:
    text = decode_text(data)
    if not text.strip():
        return Table(format="csv", header=[], rows=[])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))

    def rows():
        try:
            for number, row in enumerate(reader, start=1):
                clock.tick()
                filled = [i for i, cell in enumerate(row) if cell.strip()]
                if not filled:
                    continue
                counter.check_column(filled[-1])
                for i in filled:
                    counter.check_length(len(row[i]))
                counter.add_rows()
                counter.add_cells(len(filled))
                yield number, row
        except csv.Error as exc:
            # The csv module's own limit on a field (128 KiB) or an unclosed quote.
            raise FileProblem(
                _(
                    "Het CSV-bestand kan niet worden gelezen: een veld is te lang of een "
                    "aanhalingsteken wordt niet gesloten. Gebruik het sjabloon."
                )
            ) from exc

    return _finish("csv", rows())
