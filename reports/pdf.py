"""The report as PDF/UA: an HTML template rendered by WeasyPrint.

The PDF is tagged and PDF/UA-1 (document language nl, title shown as the window title, bookmarks
from the headings, tables with header cells, every chart an image with its alt text and its data
table beside it), and deterministic: its dates come from the report's generation time, never from
the clock at rendering. The HTML preview in the browser is the same template with ``preview`` on.

The template leaves slots for the **status stamp** (``<!--msd-stamp:…-->``): the cover's status
lines and a marking on every page (CONCEPT, TER VASTSTELLING, or in the footer by whom and when it
was vastgesteld). The HTML with empty slots is the *print source*: stored with the files, it lets
:mod:`reports.adoption` print the offered and the final PDF from exactly the figures and texts of
the generation, with only the stamp changed.
"""

import gzip
import json
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import charts, printing, pydyf_pages, summary
from .besluit import Besluit, Bestuursorgaan
from .content import ReportContent
from .models import ReportStatus

TEMPLATE = "reports/pdf/report.html"
STAMP_TEMPLATE = "reports/pdf/_stamp_cover.html"
SLOTS = ("cover", "note", "page")

# PDF/UA tagging looks up a page per tagged element; pydyf rebuilt the page list each time.
pydyf_pages.apply()


def slot(name: str) -> str:
    return f"<!--msd-stamp:{name}-->"


@dataclass(frozen=True)
class Stamp:
    """What the PDF says about its own status."""

    status: str
    orgaan: str = ""
    datum: date | None = None
    kenmerk: str = ""
    # (label, text) of the vaststelling on the cover: collegebesluit, raadsbesluit, who registered
    # each (reports.adoption.Adoption.rows).
    facts: tuple = ()

    @classmethod
    def of(cls, report) -> "Stamp":
        return cls(
            status=report.status,
            orgaan=report.besluit_orgaan,
            datum=report.besluit_datum,
            kenmerk=report.besluit_kenmerk,
        )

    @property
    def is_vastgesteld(self) -> bool:
        return self.status == ReportStatus.VASTGESTELD

    @property
    def status_label(self) -> str:
        return str(ReportStatus(self.status).label)

    @property
    def orgaan_label(self) -> str:
        return str(Bestuursorgaan(self.orgaan).label) if self.orgaan else ""

    @property
    def marking(self) -> str:
        """The word on every page of a report that is not (yet) vastgesteld."""
        return "" if self.is_vastgesteld else self.status_label.upper()

    def adoption_line(self) -> str:
        return Besluit(self.orgaan, self.datum, self.kenmerk).describe()


def _css_string(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    )
    return f'"{escaped}"'


def _page_css(stamp: Stamp, base_footer: str) -> str:
    """The marking on every page (the cover included): a header word, or the adoption footer."""
    if stamp.is_vastgesteld:
        footer = _css_string(f"{base_footer} · {stamp.adoption_line()}")
        return "@page { @bottom-left { content: " + footer + "; font-size: 8pt; color: #4a4a4a; } }"
    # In the footer's middle: the running title and chapter above keep their room.
    box = (
        "{ content: " + _css_string(stamp.marking) + "; font-size: 10pt; font-weight: bold; "
        "letter-spacing: .15em; color: #b3003c; }"
    )
    return f"@page {{ @bottom-center {box} }} @page cover {{ @bottom-center {box} }}"


def apply_stamp(source: str, stamp: Stamp, base_footer: str = "") -> str:
    """The print source with its slots filled for ``stamp``."""
    with translation.override(settings.LANGUAGE_CODE):
        cover = render_to_string(STAMP_TEMPLATE, {"stamp": stamp, "part": "cover"})
        note = render_to_string(STAMP_TEMPLATE, {"stamp": stamp, "part": "note"})
        page = _page_css(stamp, base_footer)
    return (
        source.replace(slot("cover"), cover.strip())
        .replace(slot("note"), note.strip())
        .replace(slot("page"), page)
    )


def _stamp(content: ReportContent) -> str:
    return timezone.localtime(content.generated_at).replace(microsecond=0).isoformat()


def footer_text(report) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Versie %(version)s") % {"version": report.version} + (
            f" · {report.period.identifier}"
        )


def render_source(content: ReportContent, preview: bool = False, csp_nonce: str = "") -> str:
    """The report's HTML with the stamp slots left empty; ``csp_nonce`` lets the browser
    preview's own stylesheet pass the Content-Security-Policy (WeasyPrint needs it inline)."""
    for chart in content.charts:
        if not chart.image:
            charts.render(chart)
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            TEMPLATE,
            {
                "content": content,
                "report": content.report,
                "gemeente": content.report.gemeente,
                "period": content.report.period,
                "timestamp": _stamp(content),
                "doctitle": _css_string(content.report.title),
                "preview": preview,
                "slots": {name: slot(name) for name in SLOTS},
                "csp_nonce": csp_nonce,
                "kernboodschappen": summary.kernboodschappen(content),
                "huisstijl": content.huisstijl,
                "primary": content.huisstijl.primary if content.huisstijl else charts.COLOURS[0],
            },
        )


def render_html(content: ReportContent, preview: bool = False, csp_nonce: str = "") -> str:
    return apply_stamp(
        render_source(content, preview, csp_nonce),
        Stamp.of(content.report),
        footer_text(content.report),
    )


@dataclass(frozen=True)
class PrintSource:
    """The stored print source: the HTML with empty stamp slots and the time it was made."""

    html: str
    created: str
    footer: str

    def pack(self) -> bytes:
        data = json.dumps(
            {"html": self.html, "created": self.created, "footer": self.footer},
            ensure_ascii=False,
            sort_keys=True,
        )
        return gzip.compress(data.encode(), mtime=0)

    @classmethod
    def unpack(cls, data: bytes) -> "PrintSource":
        loaded = json.loads(gzip.decompress(data))
        return cls(html=loaded["html"], created=loaded["created"], footer=loaded["footer"])

    def print(self, stamp: Stamp, modified: str | None = None) -> bytes:
        return print_pdf(apply_stamp(self.html, stamp, self.footer), self.created, modified)


def print_pdf(html: str, created: str, modified: str | None = None) -> bytes:
    """Printed in parts (:mod:`reports.printing`): within a worker's memory, on all its cores."""
    return printing.print_pdf(
        html, created, modified, str(settings.BASE_DIR), processes=printing.workers(html)
    )


def render_pdf(content: ReportContent) -> bytes:
    """The PDF stamped with the report's status. The print source it was made from is kept on
    ``content.print_source`` (a :class:`PrintSource`), for the generation task to store."""
    source = PrintSource(
        html=render_source(content), created=_stamp(content), footer=footer_text(content.report)
    )
    content.print_source = source
    return source.print(Stamp.of(content.report))
