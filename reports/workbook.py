"""A workbook for the report's XLSX whose rows are written as SpreadsheetML directly.

openpyxl makes the frame: the package's parts, the styles, each sheet's column widths, frozen
header, filter and the document's properties; it saves its sheets without rows. The rows (one
million cells for a gemeente on the national data set) are then streamed into those sheets here,
as the same XML openpyxl writes for them: the report's XLSX in 3 s instead of 20–30 s through
openpyxl's cell objects and its pure-Python XML writer, and without holding a sheet's XML in
memory (docs/reports.md, "Speed"). Excel shows the same workbook; openpyxl reads it as before
(the adoption adds its rows that way).

Values as openpyxl takes them: text (inline, never a formula: see :func:`safe`; at most 32.767
characters, without the control characters a sheet cannot hold), numbers (int, float, Decimal),
booleans, dates and None.
"""

import io
import math
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADER = "header"  # bold white on dark blue, wrapped: a sheet's first row
WRAP = "wrap"  # wrapped at the top, for long text
DATE = "yyyy-mm-dd"  # openpyxl's format for a date without one of its own
MAX_TEXT = 32767
ILLEGAL_RE = re.compile(r"[\000-\010\013\014\016-\037]")
DIMENSION_RE = re.compile(rb'<dimension ref="[^"]*" />')
SHEET_DATA_RE = re.compile(rb"<sheetData />|<sheetData>.*?</sheetData>", re.DOTALL)
MODIFIED_RE = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def safe(value):
    """Neutralise formula injection: text starting with = + - @ is stored with a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass(frozen=True, slots=True)
class Formatted:
    """A number or date with a number format of its own, e.g. the indicator's decimals."""

    value: object
    number_format: str


@dataclass
class Rows:
    """One sheet's cells: ``styles[i]`` is the style of column i's data cells (None: none)."""

    header: list
    header_style: int
    rows: list
    styles: list
    notes: list  # after one empty row, unstyled

    @property
    def columns(self) -> int:
        return max([len(self.header), *(len(row) for row in self.rows), *(1 for _ in self.notes)])

    @property
    def last_row(self) -> int:
        return 1 + len(self.rows) + (1 + len(self.notes) if self.notes else 0)

    def lines(self):
        """(row number, values, column styles) of every written row."""
        yield 1, self.header, [self.header_style] * len(self.header)
        for number, row in enumerate(self.rows, start=2):
            yield number, row, self.styles
        for number, note in enumerate(self.notes, start=len(self.rows) + 3):
            yield number, note, ()


class Book:
    def __init__(self):
        self.workbook = Workbook()
        self.sheets: dict = {}  # worksheet → Rows
        self._styles: dict = {}

    def style(self, key: str) -> int:
        """The cell style (its index in the stylesheet) for HEADER, WRAP or a number format."""
        if key not in self._styles:
            cell = Cell(self.workbook.active)  # never placed on a sheet: it only adds the style
            if key == HEADER:
                cell.font = Font(bold=True, color="FFFFFF")
                cell.fill = PatternFill("solid", fgColor="1B4F72")
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            elif key == WRAP:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.number_format = key
            self._styles[key] = cell.style_id
        return self._styles[key]

    def sheet(self, title, headers, rows, widths, formats=(), notes=(), wrap=(), filter=True):
        """A sheet with a frozen header row and a filter over it. ``formats``: a number format
        per column (None: none); ``wrap``: the columns wrapped at the top; ``notes``: lines under
        the rows. A :class:`Formatted` value has a format of its own."""
        ws = self.workbook.active if not self.sheets else self.workbook.create_sheet()
        ws.title = title
        header = self.style(HEADER)
        columns = max([len(headers), *(len(row) for row in rows)])
        formats = [*formats, *[None] * (columns - len(formats))]
        self._register(rows, formats)
        styles = [None] * columns
        if rows:  # (styles in the order openpyxl met them, so the stylesheet stays the same)
            for i, number_format in enumerate(formats):
                if number_format:
                    styles[i] = self.style(number_format)
            for i in wrap:
                styles[i] = self.style(WRAP)
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        if filter:
            ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{len(rows) + 1}"
        self.sheets[ws] = Rows(headers, header, rows, styles, [[note] for note in notes])
        return ws

    def _register(self, rows, formats):
        """The styles of values with a format of their own, and of dates without one."""
        for row in rows:
            for i, value in enumerate(row):
                if type(value) is Formatted:
                    self.style(value.number_format)
                elif isinstance(value, date) and not formats[i]:
                    self.style(DATE)

    def save(self, date_time, modified: str) -> bytes:
        """The package with its rows; every part stamped ``date_time`` and the document's
        "modified" property ``modified`` (openpyxl writes the time of saving), so equal content
        gives equal bytes."""
        frame = io.BytesIO()
        self.workbook.save(frame)
        source = zipfile.ZipFile(frame)
        sheets = {ws.path.lstrip("/"): rows for ws, rows in self.sheets.items()}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                member = zipfile.ZipInfo(info.filename, date_time=date_time)
                member.compress_type = zipfile.ZIP_DEFLATED
                member.external_attr = info.external_attr
                payload = source.read(info.filename)
                if info.filename == "docProps/core.xml":
                    payload = MODIFIED_RE.sub(
                        lambda m: m.group(1) + modified.encode() + m.group(2), payload
                    )
                if info.filename in sheets:
                    with target.open(member, "w") as stream:
                        self._write_sheet(stream, payload, sheets[info.filename])
                else:
                    target.writestr(member, payload)
        return out.getvalue()

    def _write_sheet(self, stream, frame: bytes, rows: Rows):
        """openpyxl's sheet without rows, with the rows and their extent."""
        data = SHEET_DATA_RE.search(frame)
        head, tail = frame[: data.start()], frame[data.end() :]
        letters = [get_column_letter(i) for i in range(1, rows.columns + 1)]
        extent = f'<dimension ref="A1:{letters[-1]}{rows.last_row}" />'.encode()
        stream.write(DIMENSION_RE.sub(extent, head, count=1) + b"<sheetData>")
        chunk = []
        for number, values, styles in rows.lines():
            chunk.append(_row_xml(number, values, styles, letters, self._styles))
            if len(chunk) == 1000:
                stream.write("".join(chunk).encode())
                chunk = []
        stream.write("".join(chunk).encode() + b"</sheetData>" + tail)


def _row_xml(number, row, styles, letters, named) -> str:
    n = str(number)
    cells = [f'<row r="{n}">']
    add = cells.append
    for i, value in enumerate(row):
        style = styles[i] if i < len(styles) else None
        if type(value) is Formatted:
            style = named[value.number_format]
            value = value.value
        ref = letters[i] + n
        kind = type(value)
        if kind is str or (kind is not bool and isinstance(value, str)):
            s = "" if style is None else f' s="{style}"'
            if not value:
                add(f'<c r="{ref}"{s} t="inlineStr" />')
                continue
            add(f'<c r="{ref}"{s} t="inlineStr"><is>{_text(value)}</is></c>')
        elif value is None:
            if style is not None:
                add(f'<c r="{ref}" s="{style}" t="n" />')
        elif kind is bool:
            s = "" if style is None else f' s="{style}"'
            add(f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>')
        elif kind in (int, float, Decimal) or isinstance(value, int | float | Decimal):
            s = "" if style is None else f' s="{style}"'
            add(f'<c r="{ref}"{s} t="n"><v>{_number(value)}</v></c>')
        elif isinstance(value, date | datetime):
            s = f' s="{named[DATE] if style is None else style}"'
            add(f'<c r="{ref}"{s} t="n"><v>{_number(to_excel(value))}</v></c>')
        else:
            raise TypeError(f"Cannot write {value!r} to a sheet")
    add("</row>")
    return "".join(cells)


def _text(value: str) -> str:
    """Text that a spreadsheet would run as a formula is neutralised (:func:`safe`)."""
    if value.startswith(FORMULA_PREFIXES):
        value = "'" + value
    value = value[:MAX_TEXT]
    if ILLEGAL_RE.search(value):
        value = ILLEGAL_RE.sub("", value)
    stripped = value.strip()
    if stripped and stripped != value:
        return f'<t xml:space="preserve">{escape(value)}</t>'
    return f"<t>{escape(value)}</t>"


def _number(value) -> str:
    """As openpyxl writes it: 16 significant digits (what Excel keeps); nothing for NaN."""
    number = float(value)
    return format(number, ".16g") if math.isfinite(number) else ""
