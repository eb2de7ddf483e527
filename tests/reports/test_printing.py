"""The PDF printed per chapter and joined (reports.printing): one document a reader cannot tell
from a PDF printed at once — every page numbered, the table of contents' links and pages right,
one tag tree whose keys find their elements — and the same bytes in parallel processes."""

import io
import os
import re
from datetime import UTC, datetime

import pypdf
import pytest
from django.conf import settings

from reports import printing
from reports.content import collect
from reports.pdf import PrintSource, Stamp, footer_text, render_source

WHEN = datetime(2019, 4, 10, 10, 0, tzinfo=UTC)


@pytest.fixture
def source(report):
    content = collect(report, WHEN)
    return PrintSource(render_source(content), "2019-04-10T12:00:00+02:00", footer_text(report))


def joined(source, processes):
    from reports.pdf import apply_stamp

    html = apply_stamp(source.html, Stamp("concept"), source.footer)
    return printing.print_pdf(
        html, source.created, None, str(settings.BASE_DIR), processes=processes
    )


def test_the_source_is_cut_at_its_chapters(source):
    parts = printing.split(source.html)
    assert len(parts) >= 3  # front, a thema, the appendix
    assert 'class="cover"' in parts[0] and 'class="toc"' in parts[0]
    assert 'id="bijlage"' in parts[-1]
    assert all(part.count("<main>") == 1 and "</html>" in part for part in parts)


def test_the_joined_pdf_is_one_numbered_document_with_working_links(source):
    reader = pypdf.PdfReader(io.BytesIO(joined(source, processes=1)))
    total = len(reader.pages)
    texts = [page.extract_text() for page in reader.pages]
    # Every page but the cover says which page it is, of the whole document.
    assert "Pagina" not in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert f"Pagina {number} van {total}" in text
    # The table of contents' links land on the page its number gives.
    dests = reader.named_destinations
    assert "bijlage" in dests and "inleiding" in dests
    toc = next(i for i, text in enumerate(texts) if text.lstrip().startswith("Inhoudsopgave"))
    links = [
        annotation.get_object()
        for annotation in reader.pages[toc].get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    targets = {str(link["/Dest"]) for link in links}
    assert {"inleiding", "bijlage"} <= targets
    entry = re.search(r"Bijlage: Indicatorenoverzicht\s*\.{3,}\s*(\d+)", texts[toc])
    assert entry and reader.get_destination_page_number(dests["bijlage"]) + 1 == int(entry[1])


def test_every_page_and_link_finds_its_elements_in_the_one_tag_tree(source):
    reader = pypdf.PdfReader(io.BytesIO(joined(source, processes=1)))
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    assert len(root["/K"]) == 1  # one Document element
    nums = root["/ParentTree"]["/Nums"]
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert keys == sorted(set(keys))
    for page in reader.pages:
        assert int(page["/StructParents"]) in keys
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if "/StructParent" in annotation:
                element = nums[keys.index(int(annotation["/StructParent"])) * 2 + 1]
                assert element.get_object()["/S"] == "/Link"


def test_parallel_processes_print_the_same_bytes(source):
    assert joined(source, processes=2) == joined(source, processes=1)


def test_a_small_report_is_printed_in_this_process(source, settings):
    settings.REPORT_PDF_PARALLEL_FROM = len(source.html) + 1
    assert printing.workers(source.html) == 1
    settings.REPORT_PDF_PARALLEL_FROM = 0
    settings.REPORT_PDF_PROCESSES = 2
    assert printing.workers(source.html) == min(2, os.cpu_count())
