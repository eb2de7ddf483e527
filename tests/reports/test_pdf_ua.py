"""The PDF is accessible (PDF/UA-1): tagged, in Dutch, with its title, bookmarks, headings, tables
with header cells and a text alternative for every chart. Read back with pypdf."""

import io
import zipfile
from datetime import UTC, datetime

import openpyxl
import pypdf
import pytest

from reports.content import collect
from reports.pdf import render_pdf
from reports.services import create_report
from reports.xlsx import render_xlsx
from tests.factories import period
from tests.reports.conftest import approve

WHEN = datetime(2019, 4, 10, 10, 0, tzinfo=UTC)


@pytest.fixture
def reader(report):
    return pypdf.PdfReader(io.BytesIO(render_pdf(collect(report, WHEN))))


def struct_elements(reader):
    """Every structure element of the tag tree: (tag, element)."""
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    todo, seen, found = [root], set(), []
    while todo:
        node = todo.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        kids = kids if isinstance(kids, list | pypdf.generic.ArrayObject) else [kids]
        for kid in kids:
            if not isinstance(kid, pypdf.generic.IndirectObject):
                continue
            if kid.idnum in seen:
                continue
            seen.add(kid.idnum)
            element = kid.get_object()
            if isinstance(element, dict) and "/S" in element:
                found.append((str(element["/S"]), element))
                todo.append(element)
    return found


def outline_titles(outline, depth=0):
    for item in outline:
        if isinstance(item, list):
            yield from outline_titles(item, depth + 1)
        else:
            yield depth, item.title


def test_the_pdf_is_tagged_in_dutch_and_shows_its_title(reader):
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "nl"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert reader.metadata.title == "Monitoring Sociaal Domein Vlissingen – 2018 eerste halfjaar"
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp


def test_bookmarks_follow_the_chapters_and_their_parts(reader):
    titles = list(outline_titles(reader.outline))
    assert (0, "Inleiding") in titles
    chapter = titles.index((0, "1. Iedereen doet mee"))
    assert titles[chapter + 1 : chapter + 3] == [
        (1, "Deel 1 Populatie"),
        (1, "Deel 2 Prestaties Orionis Walcheren"),
    ]
    assert (0, "Bijlage: Indicatorenoverzicht") in titles


def test_headings_tables_with_header_cells_and_figures_are_tagged(reader):
    tags = [tag for tag, _element in struct_elements(reader)]
    for tag in ["/H1", "/H2", "/H3", "/H4", "/H5", "/Table", "/TH", "/TD", "/Figure", "/Caption"]:
        assert tag in tags, f"{tag} ontbreekt in de tags"
    # A data cell knows its headers.
    cells = [element for tag, element in struct_elements(reader) if tag == "/TD"]
    assert all(element["/A"].get("/Headers") for element in cells)


def test_every_chart_has_a_text_alternative_with_its_values(reader):
    figures = [element for tag, element in struct_elements(reader) if tag == "/Figure"]
    alts = [str(element.get("/Alt", "")) for element in figures]
    assert alts and all(alts)
    # One chart per indicator, a line per doelgroep (the report profile's default).
    assert (
        "Lijndiagram Aantal cliënten (aantal). Werkzoekenden: 2017 tweede halfjaar: 480; "
        "2018 eerste halfjaar: 510. Wsw: 2017 tweede halfjaar: 701; 2018 eerste halfjaar: 666."
        in alts
    )


def test_every_chart_has_its_data_table_below_it(reader):
    text = " ".join("\n".join(p.extract_text() for p in reader.pages).split())
    assert "Gegevens bij de grafiek: Aantal cliënten (aantal)" in text
    assert (
        "Doelgroep 2017 tweede halfjaar 2018 eerste halfjaar Werkzoekenden 480 510 Wsw 701 666"
        in text
    )


def test_small_counts_are_geheim_in_the_pdf_and_exact_in_the_xlsx(world):
    approve(
        world,
        world.submission,
        {
            (world.aantal_clienten.pk, world.werkzoekenden.pk): "3",
            (world.aantal_clienten.pk, world.wsw.pk): "666",
            (world.uitstroom_pct.pk, world.werkzoekenden.pk): "12,5",
        },
    )
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    content = collect(report, WHEN)
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(content)))
    text = " ".join("\n".join(p.extract_text() for p in reader.pages).split())
    assert "geheim" in text
    assert "weergegeven als geheim" in text
    workbook = openpyxl.load_workbook(io.BytesIO(render_xlsx(content)))
    sheet = workbook["Cijfers"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    werkzoekenden = next(
        r
        for r in rows
        if r["Doelgroep"] == "Werkzoekenden" and r["Indicatorcode"] == "orionis-aantal-clienten"
    )
    assert (werkzoekenden["Waarde"], werkzoekenden["Geheim in PDF"]) == (3, "ja")
    about = {row[0]: row[1] for row in workbook["Over dit bestand"].iter_rows(values_only=True)}
    assert "exacte cijfers" in about["Gebruik"] and "Publiceer dit bestand niet" in about["Gebruik"]


def test_the_xlsx_carries_the_time_of_generation_not_of_saving(report):
    data = render_xlsx(collect(report, WHEN))
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert 'dcterms:modified xsi:type="dcterms:W3CDTF">2019-04-10T10:00:00Z<' in core
