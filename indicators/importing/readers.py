"""Streaming readers for XLSX and ODS: the zip is checked, then its XML is read event by event.

Why our own readers on Python's expat instead of openpyxl or odfpy (or python-calamine): the
issue's files take those libraries down *inside* the library, before our code sees a row.
openpyxl loads every shared string into memory and pads the gaps a sheet declares (five million
empty rows cost 93 s); odfpy builds the whole document tree and expands
``number-rows-repeated``; calamine (Rust, fast) also materialises the declared range and gives no
hook to stop at a limit or a deadline, nor the percentage formats we need. Reading the two XML
members we need with expat keeps memory flat (no tree: rows are passed on as they end), lets every
limit of :mod:`.limits` be checked at the element where it is crossed, and refuses any DOCTYPE, so
entity expansion (billion laughs) and external entities (XXE) never happen. The two formats are
small and well specified (ECMA-376 SpreadsheetML, OpenDocument 1.2 tables); what we read of them is
the cells' values, their types and the percentage number format, nothing else.
"""

import io
import posixpath
import re
import zipfile
from decimal import Decimal, InvalidOperation
from xml.parsers import expat

from django.utils.translation import gettext as _

from .cells import FileProblem
from .limits import BoundedMember, Clock, Counter, ReadLimits, check_archive

CHUNK = 64 * 1024
PREFERRED_SHEET = "Cijfers"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
PERCENT_FORMAT_IDS = {9, 10}  # Excel's built-in 0% and 0.00%
# Element and attribute names as expat reports them ("namespace local"), built once.
MAIN_C = f"{MAIN} c"
MAIN_CELLXFS = f"{MAIN} cellXfs"
MAIN_NUMFMT = f"{MAIN} numFmt"
MAIN_RPH = f"{MAIN} rPh"
MAIN_ROW = f"{MAIN} row"
MAIN_SHEET = f"{MAIN} sheet"
MAIN_SI = f"{MAIN} si"
MAIN_T = f"{MAIN} t"
MAIN_V = f"{MAIN} v"
MAIN_XF = f"{MAIN} xf"
OFFICE_ANNOTATION = f"{OFFICE} annotation"
OFFICE_BOOLEAN_VALUE = f"{OFFICE} boolean-value"
OFFICE_VALUE = f"{OFFICE} value"
OFFICE_VALUE_TYPE = f"{OFFICE} value-type"
PKG_REL_RELATIONSHIP = f"{PKG_REL} Relationship"
REL_ID = f"{REL} id"
TABLE_COVERED_TABLE_CELL = f"{TABLE} covered-table-cell"
TABLE_NAME = f"{TABLE} name"
TABLE_NUMBER_COLUMNS_REPEATED = f"{TABLE} number-columns-repeated"
TABLE_NUMBER_ROWS_REPEATED = f"{TABLE} number-rows-repeated"
TABLE_TABLE = f"{TABLE} table"
TABLE_TABLE_CELL = f"{TABLE} table-cell"
TABLE_TABLE_ROW = f"{TABLE} table-row"
TEXT_C = f"{TEXT} c"
TEXT_LINE_BREAK = f"{TEXT} line-break"
TEXT_P = f"{TEXT} p"
TEXT_S = f"{TEXT} s"
TEXT_TAB = f"{TEXT} tab"


def _refuse_dtd(*_args):
    raise FileProblem(
        _(
            "Het bestand bevat een DOCTYPE-declaratie; die komt in een rekenblad niet voor en "
            "wordt uit veiligheid geweigerd. Sla het bestand opnieuw op met Excel of LibreOffice."
        )
    )


class Events:
    """A namespace-aware expat parser that refuses DTDs and entities, fed from a stream."""

    def __init__(self, start, end, text=None):
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.ordered_attributes = False
        parser.StartDoctypeDeclHandler = _refuse_dtd
        parser.EntityDeclHandler = _refuse_dtd
        parser.ExternalEntityRefHandler = _refuse_dtd
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        self.parser = parser

    def feed(self, stream, clock: Clock, pending: list | None = None):
        """Parse ``stream`` chunk by chunk; yields what the handlers left in ``pending``."""
        try:
            while chunk := stream.read(CHUNK):
                self.parser.Parse(chunk, False)
                clock.check()
                if pending:
                    yield from pending
                    pending.clear()
            self.parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise FileProblem(
                _("Het bestand bevat onleesbare XML (%(error)s). Is het beschadigd?")
                % {"error": expat.ErrorString(exc.code)}
            ) from exc
        if pending:
            yield from pending
            pending.clear()


def parse_member(archive, name, limits, clock, start, end=None, text=None) -> None:
    stream = BoundedMember(archive, name, limits)
    try:
        for _ignored in Events(start, end or (lambda name: None), text).feed(stream, clock):
            pass
    finally:
        stream.close()


def open_archive(data: bytes, limits: ReadLimits) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))  # a broken zip: read_table says "beschadigd"
    check_archive(archive, limits)
    return archive


def _integer(text, default: int, limit: int) -> int:
    """A count attribute (row number, repeat); anything but a plain number is a broken file."""
    if text is None or text == "":
        return default
    if not text.isdigit() or len(text) > 12:
        raise FileProblem(
            _("Het bestand bevat een ongeldig getal in zijn opmaak (%(text)s).")
            % {"text": text[:20]}
        )
    return min(int(text), limit)


# --- XLSX -------------------------------------------------------------------------------------


def _relationships(archive, path, limits, clock) -> dict[str, tuple[str, str]]:
    """Id → (type, target path within the zip) of a ``.rels`` member."""
    folder = posixpath.dirname(posixpath.dirname(path))
    found: dict[str, tuple[str, str]] = {}

    def start(name, attrs):
        if name == PKG_REL_RELATIONSHIP and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            target = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), target)

    if path in archive.NameToInfo:
        parse_member(archive, path, limits, clock, start)
    return found


def _workbook_parts(archive, limits, clock):
    """(sheet member, shared strings member or None, styles member or None)."""
    workbook = next(
        (
            t
            for kind, t in _relationships(archive, "_rels/.rels", limits, clock).values()
            if kind.endswith("/officeDocument")
        ),
        "xl/workbook.xml",
    )
    if workbook not in archive.NameToInfo:
        raise FileProblem(_("Het bestand is geen Excel-werkmap (.xlsx)."))
    rels_path = posixpath.join(
        posixpath.dirname(workbook), "_rels", posixpath.basename(workbook) + ".rels"
    )
    rels = _relationships(archive, rels_path, limits, clock)
    sheets: list[tuple[str, str]] = []

    def start(name, attrs):
        if name == MAIN_SHEET:
            sheets.append((attrs.get("name", ""), attrs.get(REL_ID, "")))

    parse_member(archive, workbook, limits, clock, start)
    if not sheets:
        raise FileProblem(_("Het bestand is leeg."))
    name, rel_id = next((s for s in sheets if s[0] == PREFERRED_SHEET), sheets[0])
    sheet = rels.get(rel_id, ("", ""))[1]
    if sheet not in archive.NameToInfo:
        raise FileProblem(_("Het bestand is geen Excel-werkmap (.xlsx)."))
    by_type = {kind.rsplit("/", 1)[-1]: target for kind, target in rels.values()}
    shared = by_type.get("sharedStrings")
    styles = by_type.get("styles")
    return (
        sheet,
        shared if shared in archive.NameToInfo else None,
        styles if styles in archive.NameToInfo else None,
    )


def _percent_styles(archive, path, limits, clock) -> set[int]:
    """Indexes of the cell formats that show a number as a percentage."""
    if path is None:
        return set()
    custom: dict[int, str] = {}
    formats: list[int] = []
    inside = {"cellXfs": False}

    def start(name, attrs):
        if name == MAIN_NUMFMT:
            custom[_integer(attrs.get("numFmtId"), 0, 10**6)] = attrs.get("formatCode", "")
        elif name == MAIN_CELLXFS:
            inside["cellXfs"] = True
        elif name == MAIN_XF and inside["cellXfs"]:
            formats.append(_integer(attrs.get("numFmtId"), 0, 10**6))

    def end(name):
        if name == MAIN_CELLXFS:
            inside["cellXfs"] = False

    parse_member(archive, path, limits, clock, start, end)
    return {
        index
        for index, format_id in enumerate(formats)
        if format_id in PERCENT_FORMAT_IDS or "%" in custom.get(format_id, "")
    }


def _shared_strings(archive, path, limits, counter, clock) -> list[str]:
    strings: list[str] = []
    if path is None:
        return strings
    state = {"si": None, "t": False, "phonetic": 0, "length": 0}

    def start(name, attrs):
        if name == MAIN_SI:
            state["si"], state["length"] = [], 0
        elif name == MAIN_RPH:
            state["phonetic"] += 1
        elif name == MAIN_T and state["si"] is not None and not state["phonetic"]:
            state["t"] = True

    def end(name):
        if name == MAIN_T:
            state["t"] = False
        elif name == MAIN_RPH:
            state["phonetic"] -= 1
        elif name == MAIN_SI:
            strings.append("".join(state["si"]))
            state["si"] = None
            if len(strings) > limits.cells:
                counter.add_cells(len(strings))

    def text(data):
        if state["t"]:
            state["length"] += len(data)
            if state["length"] > limits.string_length:
                counter.check_length(state["length"])
            state["si"].append(data)

    parse_member(archive, path, limits, clock, start, end, text)
    return strings


_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]*)")


def _column_index(ref: str | None, default: int) -> int:
    if not ref:
        return default
    match = _CELL_REF.match(ref)
    if not match:
        return default
    index = 0
    for letter in match.group(1):
        index = index * 26 + ord(letter) - 64
    return index - 1


def _xlsx_number(text: str, percent: bool):
    """As a spreadsheet shows it: an int when whole, else a float read with 15 digits; a number
    a float cannot hold (``1e-400`` would become 0) stays an exact Decimal, to be refused."""
    text = text.strip()
    try:
        exact = Decimal(text)
    except InvalidOperation:
        return text
    if not exact.is_finite():
        return text
    if percent:
        return Decimal(format(float(exact), ".15g")) * 100 if abs(exact.adjusted()) < 300 else exact
    if exact == exact.to_integral_value() and abs(exact.adjusted()) < 15:
        return int(exact)
    number = float(exact)
    if number == 0 or abs(exact.adjusted()) >= 300:
        return exact
    return number


def read_xlsx_rows(data: bytes, limits: ReadLimits, clock: Clock, counter: Counter):
    """Yields (row number, cells) for the non-empty rows of the template's sheet."""
    archive = open_archive(data, limits)
    if "[Content_Types].xml" not in archive.NameToInfo:
        raise FileProblem(_("Het bestand is geen Excel-werkmap (.xlsx)."))
    sheet, shared_path, styles_path = _workbook_parts(archive, limits, clock)
    percent_styles = _percent_styles(archive, styles_path, limits, clock)
    shared = _shared_strings(archive, shared_path, limits, counter, clock)
    pending: list = []
    state = {
        "row": 0,
        "cells": {},
        "col": -1,
        "text": None,
        "capture": False,
    }

    def start(name, attrs):
        if name == MAIN_C:
            # Most cells of a hostile sheet are empty: look at the attributes only for a value.
            state["attrs"] = attrs
            state["col"] += 1  # the position when the cell has no reference
            state["text"], state["length"] = [], 0
        elif name in (MAIN_V, MAIN_T) and state["text"] is not None:
            state["capture"] = True
        elif name == MAIN_ROW:
            state["row"] = _integer(attrs.get("r"), state["row"] + 1, 10**7)
            state["cells"], state["col"] = {}, -1

    def end(name):
        if name in (MAIN_V, MAIN_T):
            state["capture"] = False
        elif name == MAIN_C:
            value = _xlsx_value(state, shared, percent_styles)
            state["text"] = None
            if value is None or (isinstance(value, str) and not value.strip()):
                return
            state["col"] = _column_index(state["attrs"].get("r"), state["col"])
            counter.check_column(state["col"])
            state["cells"][state["col"]] = value
        elif name == MAIN_ROW and state["cells"]:
            cells = state["cells"]
            counter.add_rows()
            counter.add_cells(len(cells))
            row = [None] * (max(cells) + 1)
            for index, value in cells.items():
                row[index] = value
            pending.append((state["row"], row))
            state["cells"] = {}

    def text(data):
        if state["capture"]:
            state["text"].append(data)
            state["length"] = state.get("length", 0) + len(data)
            counter.check_length(state["length"])

    stream = BoundedMember(archive, sheet, limits)
    try:
        yield from Events(start, end, text).feed(stream, clock, pending)
    finally:
        stream.close()


def _xlsx_value(state, shared, percent_styles):
    text = "".join(state["text"] or ())
    kind = state["attrs"].get("t", "n")
    if text == "":
        return None
    if kind == "s":
        index = _integer(text.strip(), 0, 10**9)
        if index >= len(shared):
            raise FileProblem(
                _("Het bestand verwijst naar tekst die er niet in staat. Is het beschadigd?")
            )
        return shared[index]
    if kind in ("str", "inlineStr", "e"):
        return text
    if kind == "b":
        return text.strip() == "1"
    style = state["attrs"].get("s")
    style = _integer(style, 0, 10**6) if style else 0
    return _xlsx_number(text, style in percent_styles)


# --- ODS --------------------------------------------------------------------------------------


def read_ods_tables(data: bytes, limits: ReadLimits, clock: Clock, counter: Counter):
    """(table name, [(row number, cells)]) for each table of the spreadsheet, in order."""
    archive = open_archive(data, limits)
    if "mimetype" not in archive.NameToInfo or "content.xml" not in archive.NameToInfo:
        raise FileProblem(_("Dit is geen ODS-rekenblad (OpenDocument)."))
    if archive.read("mimetype").strip() != ODS_MIMETYPE:
        raise FileProblem(_("Dit is geen ODS-rekenblad (OpenDocument)."))
    tables: list[tuple[str, list]] = []
    state = {
        "depth": 0,  # tables inside a cell (rare) are ignored
        "number": 0,
        "row_repeat": 1,
        "cells": {},
        "col": 0,
        "cell": None,
        "paragraphs": None,
        "annotation": 0,
    }

    def start(name, attrs):
        if name == TABLE_TABLE:
            state["depth"] += 1
            if state["depth"] == 1:
                tables.append((attrs.get(TABLE_NAME, ""), []))
                state["number"] = 0
        elif state["depth"] != 1:
            return
        elif name == TABLE_TABLE_ROW:
            state["row_repeat"] = _integer(attrs.get(TABLE_NUMBER_ROWS_REPEATED), 1, 10**9)
            state["cells"], state["col"] = {}, 0
        elif name in (TABLE_TABLE_CELL, TABLE_COVERED_TABLE_CELL):
            state["cell"] = {
                "repeat": _integer(attrs.get(TABLE_NUMBER_COLUMNS_REPEATED), 1, 10**9),
                "type": attrs.get(OFFICE_VALUE_TYPE, ""),
                "value": attrs.get(OFFICE_VALUE),
                "boolean": attrs.get(OFFICE_BOOLEAN_VALUE),
            }
            state["paragraphs"], state["length"] = [], 0
        elif name == OFFICE_ANNOTATION:
            state["annotation"] += 1
        elif state["paragraphs"] is not None and not state["annotation"]:
            if name == TEXT_P:
                state["paragraphs"].append([])
            elif name == TEXT_S and state["paragraphs"]:
                count = _integer(attrs.get(TEXT_C), 1, limits.string_length + 1)
                _add_text(state, " " * count)
            elif name == TEXT_TAB and state["paragraphs"]:
                _add_text(state, "\t")
            elif name == TEXT_LINE_BREAK and state["paragraphs"]:
                _add_text(state, "\n")

    def _add_text(state, data):
        paragraph = state["paragraphs"][-1]
        paragraph.append(data)
        state["length"] = state.get("length", 0) + len(data)
        counter.check_length(state["length"])

    def end(name):
        if name == TABLE_TABLE:
            state["depth"] -= 1
        elif state["depth"] != 1:
            return
        elif name == OFFICE_ANNOTATION:
            state["annotation"] -= 1
        elif name in (TABLE_TABLE_CELL, TABLE_COVERED_TABLE_CELL):
            cell, state["cell"] = state["cell"], None
            value = _ods_value(cell, state["paragraphs"])
            state["paragraphs"] = None
            repeat = cell["repeat"]
            if value is not None and not (isinstance(value, str) and not value.strip()):
                counter.check_column(state["col"] + repeat - 1)
                for offset in range(repeat):
                    state["cells"][state["col"] + offset] = value
            state["col"] += repeat  # repeated empty cells cost nothing
        elif name == TABLE_TABLE_ROW:
            repeat, cells = state["row_repeat"], state["cells"]
            if cells:
                # A filled row repeated n times is n rows: counted before it is expanded.
                counter.add_rows(repeat)
                counter.add_cells(len(cells) * repeat)
                row = [None] * (max(cells) + 1)
                for index, value in cells.items():
                    row[index] = value
                rows = tables[-1][1]
                rows.extend((state["number"] + offset + 1, list(row)) for offset in range(repeat))
            state["number"] += repeat  # trailing empty rows are often repeated a million times
            state["cells"] = {}

    def text(data):
        if state["paragraphs"] and not state["annotation"]:
            _add_text(state, data)

    parse_member(archive, "content.xml", limits, clock, start, end, text)
    return tables


def _ods_value(cell, paragraphs):
    value_type = cell["type"]
    try:
        if value_type in ("float", "currency"):
            return Decimal(cell["value"])
        if value_type == "percentage":
            return Decimal(cell["value"]) * 100
    except (InvalidOperation, TypeError):
        pass
    if value_type == "boolean":
        return (cell["boolean"] or "").lower() == "true"
    if not paragraphs:
        return None
    return "\n".join("".join(paragraph) for paragraph in paragraphs)
