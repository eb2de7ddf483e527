"""The report's PDF printed in parts and joined: a large report within one process's memory, on
every core of the worker.

WeasyPrint keeps the layout of every page until it writes the PDF (1,4 GiB for a 513-page
report). So the print source is cut where the template starts a chapter on a new page
(:data:`PART`); each part is printed on its own, in parallel processes when the report is large
(:func:`workers`), and the parts are joined with pikepdf into one tagged PDF/UA document:

- the structure trees' elements under one ``Document`` element and one ParentTree, numbered
  again (a page's content and a link's annotation find their element);
- one name tree of destinations, so a link into another part (the table of contents) lands;
- the bookmarks one after the other;
- what only the whole document knows is printed last: the table of contents with the page of
  each entry (the front part, printed again with the numbers once the other parts are known),
  and "Pagina X van Y", laid over every page from a document of page margins only (marked as an
  artifact, as WeasyPrint marks its own margins).

Only WeasyPrint and pikepdf are imported here (no Django): a part is printed in a fresh process.
"""

import io
import logging
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context

PART = "<!--msd-part-->"
PDF_VARIANT = "pdf/ua-1"
# The page numbers come from the numbers document; the front part's table of contents from
# data-page (filled in here).
PART_CSS = (
    "@page { @bottom-right { content: none; } } @page cover { @bottom-right { content: none; } }"
)
NUMBERS_CSS = (
    "@page { @top-left { content: none; } @top-right { content: none; } "
    "@bottom-left { content: none; } @bottom-center { content: none; } } "
    "@page cover { @top-left { content: none; } @top-right { content: none; } "
    "@bottom-left { content: none; } @bottom-center { content: none; } } "
    ".msd-page { break-before: page; height: 1px; }"
)
TOC = re.compile(r'(<nav class="toc".*?</nav>)', re.S)
TOC_LINK = re.compile(r'<a href="#([^"]+)"')

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@dataclass
class Printed:
    """One part as printed: its PDF, its number of pages, the page (0-based, in the part) of each
    anchor, and the anchors it only borrowed to keep its links to other parts."""

    pdf: bytes
    pages: int
    anchors: dict = field(default_factory=dict)
    borrowed: set = field(default_factory=set)


def _with_css(html: str, css: str) -> str:
    return html.replace("</head>", f"<style>{css}</style>\n</head>", 1)


def split(html: str) -> list[str]:
    """The print source as one document per part (each with the whole head)."""
    head, sep, body = html.partition("<main>")
    if not sep:
        return [html]
    body, _sep, tail = body.rpartition("</main>")
    return [f"{head}<main>{part}</main>{tail}" for part in body.split(PART) if part.strip()]


def print_part(html: str, base_url: str, created: str = "", modified: str = "") -> Printed:
    """Print one part. A link to an anchor of another part keeps its annotation (WeasyPrint would
    drop it) by borrowing the anchor on the part's first page; the join points it to the real
    one."""
    from weasyprint import HTML

    from . import pydyf_pages

    pydyf_pages.apply()
    document = HTML(string=html, base_url=base_url).render()
    anchors = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    borrowed = {
        target
        for page in document.pages
        for kind, target, _rect, _box in page.links
        if kind == "internal" and target not in anchors
    }
    if document.pages:
        for name in sorted(borrowed):
            document.pages[0].anchors[name] = (0, 0, 0, 0)
    if created:
        document.metadata.created = created
        document.metadata.modified = modified or created
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    return Printed(pdf=pdf, pages=len(document.pages), anchors=anchors, borrowed=borrowed)


def _print_body_part(html: str, base_url: str) -> Printed:
    return print_part(_with_css(html, PART_CSS), base_url)


def _front(html: str, pages: dict) -> str:
    """The front part with the page of every entry of its table of contents."""

    def number(match):
        page = pages.get(match.group(1))
        return match.group(0) + (f' data-page="{page}"' if page else "")

    toc = TOC.search(html)
    if toc is None:
        return html
    filled = TOC_LINK.sub(number, toc.group(1))
    return html[: toc.start()] + filled + html[toc.end() :]


def workers(html: str) -> int:
    """How many processes print the parts: one (in this process) for a small report."""
    from django.conf import settings

    if len(html) < settings.REPORT_PDF_PARALLEL_FROM:
        return 1
    return max(1, min(settings.REPORT_PDF_PROCESSES, os.cpu_count() or 1))


def print_pdf(
    html: str, created: str, modified: str | None, base_url: str, processes: int = 1
) -> bytes:
    """The whole PDF of a print source with its stamp applied."""
    parts = split(html)
    front, body = parts[0], parts[1:]
    if processes > 1 and body:
        # Spawned, not forked: a Celery worker's child may not fork children of its own, and a
        # fresh interpreter shares no WeasyPrint or database state with this one.
        with ProcessPoolExecutor(processes, mp_context=get_context("spawn")) as pool:
            printed = list(pool.map(_print_body_part, body, [base_url] * len(body)))
    else:
        printed = [_print_body_part(part, base_url) for part in body]
    # The front part's own length decides where the others start: print it until it holds.
    front_pages, first = 0, None
    for _attempt in range(3):
        pages = _pages_of(front_pages, first, printed)
        first = print_part(
            _with_css(_front(front, pages), PART_CSS), base_url, created, modified or created
        )
        if first.pages == front_pages:
            break
        front_pages = first.pages
    total = first.pages + sum(part.pages for part in printed)
    return join([first, *printed], _numbers(front, total, base_url))


def _pages_of(front_pages: int, first: Printed | None, printed: list[Printed]) -> dict:
    """Anchor → page number (1-based) in the joined document."""
    pages = {}
    if first is not None:
        pages.update({name: page + 1 for name, page in first.anchors.items()})
    offset = front_pages
    for part in printed:
        for name, page in part.anchors.items():
            pages.setdefault(name, offset + page + 1)
        offset += part.pages
    return pages


def _numbers(front: str, pages: int, base_url: str) -> bytes:
    """A document of ``pages`` empty pages with only "Pagina X van Y" in their margins (the first
    a cover, as in the report)."""
    from weasyprint import HTML

    head = front.partition("<main>")[0]
    body = '<div class="cover"></div>' + '<div class="msd-page"></div>' * (pages - 1)
    html = _with_css(head, NUMBERS_CSS) + f"<main>{body}</main></body></html>"
    return HTML(string=html, base_url=base_url).write_pdf()


def join(parts: list[Printed], numbers: bytes) -> bytes:
    """One tagged PDF of the parts, the front part's catalog (language, title, metadata) kept."""
    import pikepdf
    from pikepdf import Array, Dictionary

    base = pikepdf.open(io.BytesIO(parts[0].pdf))
    tree = base.Root.StructTreeRoot
    document = _document_element(base)
    page_elements, annotations, dests = [], [], {}
    sources = [base]

    def take(pdf, start: int, copy, borrowed: set) -> None:
        """The part's elements per page and per annotation, and its destinations."""
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        keyed = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for number in range(len(pdf.pages)):
            page_elements.append(copy(keyed[number]) if number in keyed else Array())
        for page in base.pages[start:]:
            for annotation in page.obj.get("/Annots", Array()):
                key = annotation.get("/StructParent")
                if key is not None and int(key) in keyed:
                    annotations.append((annotation, copy(keyed[int(key)])))
        names = pdf.Root.get("/Names", Dictionary()).get("/Dests", Dictionary()).get("/Names")
        for i in range(0, len(names or ()), 2):
            name = str(names[i])
            if name not in borrowed:
                dests.setdefault(name, copy(names[i + 1]))

    take(base, 0, _same, parts[0].borrowed)
    for part in parts[1:]:
        pdf = pikepdf.open(io.BytesIO(part.pdf))
        sources.append(pdf)
        start = len(base.pages)
        base.pages.extend(pdf.pages)
        kids = _document_element(pdf).K
        for kid in kids:
            del kid.P  # not to copy the part's own tree along
        copy = _copier(base)
        take(pdf, start, copy, part.borrowed)
        for kid in copy(kids):
            kid.P = document
            document.K.append(kid)
        _append_outlines(base, pdf)
    # One ParentTree: pages first, then the annotations.
    nums = Array()
    for number, (page, elements) in enumerate(zip(base.pages, page_elements, strict=True)):
        page.obj.StructParents = number
        nums.extend([number, elements])
    for key, (annotation, element) in enumerate(annotations, start=len(page_elements)):
        annotation.StructParent = key
        nums.extend([key, element])
    tree.ParentTree = base.make_indirect(Dictionary(Nums=nums))
    tree.ParentTreeNextKey = len(page_elements) + len(annotations)
    if dests:
        pairs = Array()
        for name in sorted(dests, key=lambda n: n.encode()):
            pairs.extend([pikepdf.String(name), dests[name]])
        if "/Names" not in base.Root:
            base.Root.Names = Dictionary()
        base.Root.Names.Dests = base.make_indirect(Dictionary(Names=pairs))
    _overlay_numbers(base, numbers)
    out = io.BytesIO()
    base.save(
        out,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    for pdf in sources:
        pdf.close()
    return out.getvalue()


def _same(obj):
    return obj


def _copier(base):
    """Copy an object of another PDF into ``base``: indirect objects by reference (each once),
    direct arrays item by item (pikepdf copies only indirect objects)."""
    from pikepdf import Array, Object

    def copy(obj):
        if not isinstance(obj, Object):
            return obj
        if obj.is_indirect:
            return base.copy_foreign(obj)
        if isinstance(obj, Array):
            return Array([copy(item) for item in obj])
        return obj

    return copy


def _document_element(pdf):
    from pikepdf import Array

    kids = pdf.Root.StructTreeRoot.K
    return kids[0] if isinstance(kids, Array) else kids


def _append_outlines(base, pdf) -> None:
    """The part's bookmarks after those of the parts before it."""
    from pikepdf import Dictionary, Name

    if "/Outlines" not in pdf.Root or "/First" not in pdf.Root.Outlines:
        return
    outlines = base.copy_foreign(pdf.Root.Outlines)
    if "/Outlines" not in base.Root or "/First" not in base.Root.Outlines:
        base.Root.Outlines = base.make_indirect(
            Dictionary(Type=Name.Outlines, First=outlines.First, Last=outlines.Last, Count=0)
        )
    else:
        last = base.Root.Outlines.Last
        last.Next = outlines.First
        outlines.First.Prev = last
        base.Root.Outlines.Last = outlines.Last
    item = outlines.First
    while True:
        item.Parent = base.Root.Outlines
        if "/Next" not in item:
            break
        item = item.Next
    base.Root.Outlines.Count = int(base.Root.Outlines.get("/Count", 0)) + int(
        outlines.get("/Count", 0)
    )


def _overlay_numbers(base, numbers: bytes) -> None:
    """Lay "Pagina X van Y" over every page, as an artifact (not part of the structure)."""
    import pikepdf
    from pikepdf import Name

    with pikepdf.open(io.BytesIO(numbers)) as source:
        for number, (page, margins) in enumerate(zip(base.pages, source.pages, strict=True)):
            form = base.copy_foreign(margins.as_form_xobject())
            # A name per page (WeasyPrint's pages share one resource dictionary), not random.
            name = page.add_resource(form, Name.XObject, name=Name(f"/MsdPagina{number + 1}"))
            page.contents_add(
                pikepdf.Stream(base, b"/Artifact BMC q " + bytes(name) + b" Do Q EMC"),
                prepend=False,
            )
