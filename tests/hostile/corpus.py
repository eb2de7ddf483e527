"""A corpus of hostile upload files: one of each kind the issue found against the running server
(a sheet declaring millions of rows, millions of blank rows, 16.384 columns, a 300 MB shared
string, ODS repeats of 10⁹, 1,5 M rows) plus zip bombs, XXE, billion laughs and disguised files.

Each :class:`Case` builds its bytes on demand (streamed into the zip, so building costs little
memory) and says which words the Dutch refusal contains. Used by ``tests/hostile/`` and by
``python manage.py benchmark_hostile_files``, which prints the CPU time and memory of each.
Run as a script to write the files to a directory: ``python -m tests.hostile.corpus /tmp/corpus``.
"""

import io
import struct
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

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
    "Voorlopig",
]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Cijfers" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    )
    + "]>"
)
XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    build: Callable[[], bytes]
    expect: str  # words of the Dutch message the upload must answer with
    description: str


def _chunks(parts: Iterator[str], size: int = 1 << 20) -> Iterator[bytes]:
    buffer, length = [], 0
    for part in parts:
        buffer.append(part)
        length += len(part)
        if length >= size:
            yield "".join(buffer).encode()
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode()


def _zip(members: dict[str, Iterator[bytes] | bytes | str], first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first), members.pop(first), zipfile.ZIP_STORED)
        for name, content in members.items():
            if isinstance(content, str | bytes):
                archive.writestr(name, content)
                continue
            with archive.open(name, "w", force_zip64=True) as stream:
                for chunk in content:
                    stream.write(chunk)
    return buffer.getvalue()


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _header_row() -> str:
    letters = "ABCDEFGHIJK"
    return (
        '<row r="1">' + "".join(_cell(f"{letters[i]}1", h) for i, h in enumerate(HEADER)) + "</row>"
    )


def xlsx(sheet: Iterator[str] | str, shared: Iterator[str] | str | None = None, prolog="") -> bytes:
    """A minimal workbook with one sheet "Cijfers" whose XML is ``sheet`` (streamed)."""
    sheet_parts = [sheet] if isinstance(sheet, str) else sheet
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": _chunks(_wrap_sheet(sheet_parts, prolog)),
    }
    if shared is not None:
        parts = [shared] if isinstance(shared, str) else shared
        members["xl/sharedStrings.xml"] = _chunks(
            _wrap(f'<?xml version="1.0"?><sst xmlns="{MAIN}">', parts, "</sst>")
        )
    return _zip(members)


def _wrap(head: str, parts, tail: str) -> Iterator[str]:
    yield head
    yield from parts
    yield tail


def _wrap_sheet(parts, prolog) -> Iterator[str]:
    yield (prolog or '<?xml version="1.0"?>') + f'<worksheet xmlns="{MAIN}">'
    yield from parts
    yield "</worksheet>"


def ods(rows: Iterator[str] | str, prolog: str = "") -> bytes:
    parts = [rows] if isinstance(rows, str) else rows
    content = _wrap(
        (prolog or '<?xml version="1.0"?>')
        + f"<office:document-content {ODS_NAMESPACES}><office:body><office:spreadsheet>"
        + '<table:table table:name="Cijfers">'
        + _ods_row(HEADER),
        parts,
        "</table:table></office:spreadsheet></office:body></office:document-content>",
    )
    return _zip({"mimetype": ODS_MIMETYPE, "content.xml": _chunks(content)}, first="mimetype")


def _ods_row(values, repeat: int = 1) -> str:
    cells = "".join(
        f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
        for v in values
    )
    attribute = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{attribute}>{cells}</table:table-row>"


DATA = ["aantal-clienten", "", "wsw", "", "walcheren", "", "2018H1", "", "12", "", "nee"]

# --- the cases ------------------------------------------------------------------------------


def declared_five_million_rows() -> bytes:
    return xlsx(
        '<dimension ref="A1:XFD5000000"/><sheetData>'
        + _header_row()
        + '<row r="5000000" spans="1:16384"><c r="XFD5000000" s="0"/></row></sheetData>'
    )


def two_million_blank_rows() -> bytes:
    rows = ('<row spans="1:11"><c s="1"/><c s="1"/></row>' * 1000 for _ in range(2000))
    return xlsx(_wrap("<sheetData>" + _header_row(), rows, "</sheetData>"))


def numbered_blank_rows() -> bytes:
    """Blank rows that compress no better than real ones: read to the end, at no cost."""
    rows = (f'<row r="{n}"><c r="A{n}" s="1"/><c r="B{n}" s="1"/></row>' for n in range(2, 400_002))
    return xlsx(_wrap("<sheetData>" + _header_row(), rows, "</sheetData>"))


def sixteen_thousand_columns() -> bytes:
    def rows():
        for n in range(2, 302):
            yield f'<row r="{n}">' + "<c><v>1</v></c>" * 16384 + "</row>"

    return xlsx(_wrap("<sheetData>" + _header_row(), rows(), "</sheetData>"))


def huge_shared_string() -> bytes:
    def strings():
        yield "<si><t>"
        for _ in range(300):
            yield "A" * (1 << 20)
        yield "</t></si>"

    sheet = (
        "<sheetData>" + _header_row() + '<row r="2"><c r="J2" t="s"><v>0</v></c></row></sheetData>'
    )
    return xlsx(sheet, shared=strings())


def long_string_under_the_archive_limits() -> bytes:
    text = "x" * 1_000_000
    sheet = "<sheetData>" + _header_row() + f'<row r="2">{_cell("J2", text)}</row></sheetData>'
    return xlsx(sheet)


def ods_rows_repeated_a_billion_times() -> bytes:
    return ods(_ods_row(DATA, repeat=1_000_000_000))


def ods_columns_repeated_a_billion_times() -> bytes:
    return ods(
        '<table:table-row><table:table-cell office:value-type="float" office:value="1" '
        'table:number-columns-repeated="1000000000"/></table:table-row>'
    )


def ods_one_and_a_half_million_rows() -> bytes:
    block = (
        '<table:table-row><table:table-cell office:value-type="float" office:value="12"/>'
        "</table:table-row>"
    ) * 1000
    return ods(block for _ in range(1500))


def zip_bomb() -> bytes:
    zeros = (b"\0" * (1 << 20) for _ in range(256))
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
            "xl/worksheets/sheet1.xml": zeros,
        }
    )


def zip_bomb_that_lies_about_its_size() -> bytes:
    """The member declares 1 KB but inflates to 20 MB: held to what it declares."""
    body = "<sheetData>" + _header_row() + "</sheetData>" + " " * (20 << 20)
    data = bytearray(xlsx(body))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    small = struct.pack("<I", 1024)
    # local header: uncompressed size at +22; central directory entry: at +24
    data[info.header_offset + 22 : info.header_offset + 26] = small
    central = bytes(data).rfind(b"PK\x01\x02", 0)
    while central != -1:
        name_length = struct.unpack("<H", data[central + 28 : central + 30])[0]
        if data[central + 46 : central + 46 + name_length] == info.filename.encode():
            data[central + 24 : central + 28] = small
            break
        central = bytes(data).rfind(b"PK\x01\x02", 0, central)
    return bytes(data)


def many_members() -> bytes:
    members = {f"xl/media/image{i}.png": b"" for i in range(5000)}
    return _zip({"[Content_Types].xml": CONTENT_TYPES, **members})


def billion_laughs_xlsx() -> bytes:
    sheet = "<sheetData>" + _header_row() + f'<row r="2">{_cell("J2", "&lol9;")}</row></sheetData>'
    return xlsx(sheet, prolog=BILLION_LAUGHS)


def billion_laughs_ods() -> bytes:
    return ods(_ods_row([*DATA[:9], "&lol9;", "nee"]), prolog=BILLION_LAUGHS)


def xxe_xlsx() -> bytes:
    sheet = "<sheetData>" + _header_row() + f'<row r="2">{_cell("J2", "&xxe;")}</row></sheetData>'
    return xlsx(sheet, prolog=XXE)


def xxe_ods() -> bytes:
    return ods(_ods_row([*DATA[:9], "&xxe;", "nee"]), prolog=XXE)


def png_named_xlsx() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def xlsx_named_csv() -> bytes:
    return xlsx("<sheetData>" + _header_row() + "</sheetData>")


def zip_without_workbook() -> bytes:
    return _zip({"readme.txt": "geen werkmap"})


def old_xls() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512


def binary_named_csv() -> bytes:
    return bytes(range(256)) * 64


def csv_without_delimiter() -> bytes:
    return b"Indicatorcode Gebied Waarde\naantal-clienten walcheren 12\n"


def csv_huge_field() -> bytes:
    return (
        'Indicatorcode;Gebiedscode;Waarde;Toelichting\naantal-clienten;walcheren;12;"'
        + "x" * 3_000_000
        + '"\n'
    ).encode()


def csv_many_columns() -> bytes:
    return ("Indicatorcode;Gebiedscode;Waarde\n" + "1;" * 1_000_000 + "\n").encode()


def csv_many_rows() -> bytes:
    return (
        "Indicatorcode;Gebiedscode;Waarde\n" + "aantal-clienten;walcheren;12\n" * 300_000
    ).encode()


def too_big() -> bytes:
    return b"a;b\n" * (3 << 20)


CASES = [
    Case(
        "xlsx-5-miljoen-lege-regels",
        "cijfers.xlsx",
        declared_five_million_rows,
        "geen regels",
        "45 KB-achtig: dimension A1:XFD5000000, één lege cel op regel 5.000.000",
    ),
    Case(
        "xlsx-2-miljoen-blanco-regels",
        "cijfers.xlsx",
        two_million_blank_rows,
        "uitgepakt groter",
        "2 miljoen regels met alleen opgemaakte lege cellen",
    ),
    Case(
        "xlsx-400000-blanco-regels",
        "cijfers.xlsx",
        numbered_blank_rows,
        "geen regels",
        "400.000 genummerde regels met lege cellen",
    ),
    Case(
        "xlsx-16384-kolommen",
        "cijfers.xlsx",
        sixteen_thousand_columns,
        "uitgepakt groter",
        "300 regels van 16.384 gevulde kolommen",
    ),
    Case(
        "xlsx-gedeelde-tekst-300-mb",
        "cijfers.xlsx",
        huge_shared_string,
        "uitgepakt groter",
        "één gedeelde tekst van 300 MB",
    ),
    Case(
        "xlsx-cel-1-miljoen-tekens",
        "cijfers.xlsx",
        long_string_under_the_archive_limits,
        "tekens",
        "een cel van 1.000.000 tekens",
    ),
    Case(
        "ods-regel-10-9-keer-herhaald",
        "cijfers.ods",
        ods_rows_repeated_a_billion_times,
        "gevulde regels",
        "number-rows-repeated=10⁹ op een gevulde regel",
    ),
    Case(
        "ods-cel-10-9-keer-herhaald",
        "cijfers.ods",
        ods_columns_repeated_a_billion_times,
        "voorbij kolom",
        "number-columns-repeated=10⁹ op een gevulde cel",
    ),
    Case(
        "ods-1-5-miljoen-regels",
        "cijfers.ods",
        ods_one_and_a_half_million_rows,
        "uitgepakt groter",
        "1,5 miljoen gevulde regels",
    ),
    Case("zip-bom", "cijfers.xlsx", zip_bomb, "uitgepakt groter", "256 MB nullen in 250 KB"),
    Case(
        "zip-bom-liegt-over-grootte",
        "cijfers.xlsx",
        zip_bomb_that_lies_about_its_size,
        "beschadigd",
        "lid zegt 1 KB, pakt uit tot 20 MB",
    ),
    Case(
        "zip-5000-onderdelen", "cijfers.xlsx", many_members, "onderdelen", "5.000 lege onderdelen"
    ),
    Case(
        "xlsx-billion-laughs",
        "cijfers.xlsx",
        billion_laughs_xlsx,
        "DOCTYPE",
        "entiteiten die 10⁹ keer 'lol' worden",
    ),
    Case("ods-billion-laughs", "cijfers.ods", billion_laughs_ods, "DOCTYPE", "idem in content.xml"),
    Case("xlsx-xxe", "cijfers.xlsx", xxe_xlsx, "DOCTYPE", "externe entiteit file:///etc/passwd"),
    Case("ods-xxe", "cijfers.ods", xxe_ods, "DOCTYPE", "idem in content.xml"),
    Case(
        "png-als-xlsx",
        "cijfers.xlsx",
        png_named_xlsx,
        "geen rekenblad",
        "een PNG met de naam .xlsx",
    ),
    Case(
        "xlsx-als-csv", "cijfers.csv", xlsx_named_csv, "heet .csv", "een werkmap met de naam .csv"
    ),
    Case(
        "zip-zonder-werkmap",
        "cijfers.xlsx",
        zip_without_workbook,
        "geen Excel-werkmap",
        "een zip met alleen een tekstbestand",
    ),
    Case(
        "oud-xls", "cijfers.xlsx", old_xls, ".xls", "een oud Excel-bestand (OLE) met de naam .xlsx"
    ),
    Case(
        "binair-als-csv",
        "cijfers.csv",
        binary_named_csv,
        "geen leesbare tekst",
        "willekeurige bytes met NUL",
    ),
    Case(
        "csv-zonder-scheidingsteken",
        "cijfers.csv",
        csv_without_delimiter,
        "scheidingsteken",
        "kolommen gescheiden door spaties",
    ),
    Case(
        "csv-veld-3-mb",
        "cijfers.csv",
        csv_huge_field,
        "te lang",
        "een toelichting van 3 miljoen tekens",
    ),
    Case(
        "csv-1-miljoen-kolommen",
        "cijfers.csv",
        csv_many_columns,
        "voorbij kolom",
        "een regel van 1 miljoen gevulde kolommen",
    ),
    Case(
        "csv-300000-regels", "cijfers.csv", csv_many_rows, "gevulde regels", "300.000 regels (8 MB)"
    ),
    Case("te-groot", "cijfers.csv", too_big, "groter dan", "12 MB"),
]


def write_corpus(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in CASES:
        path = directory / f"{case.name}{Path(case.filename).suffix}"
        path.write_bytes(case.build())
        paths.append(path)
    return paths


if __name__ == "__main__":
    for path in write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")):
        print(f"{path.stat().st_size:>12,d}  {path}")
