"""The report as PDF/UA: an HTML template rendered by WeasyPrint.

The PDF is tagged and PDF/UA-1 (document language nl, title shown as the window title, bookmarks
from the headings, tables with header cells, every chart an image with its alt text and its data
table beside it), and deterministic: its dates come from the report's generation time, never from
the clock at rendering. The HTML preview in the browser is the same template with ``preview`` on.
"""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import charts
from .content import ReportContent

TEMPLATE = "reports/pdf/report.html"
PDF_VARIANT = "pdf/ua-1"

# WeasyPrint logs every layout step at INFO; a worker's log needs only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _stamp(content: ReportContent) -> str:
    return timezone.localtime(content.generated_at).replace(microsecond=0).isoformat()


def render_html(content: ReportContent, preview: bool = False, csp_nonce: str = "") -> str:
    """The report as HTML; ``csp_nonce`` lets the browser preview's own stylesheet pass the
    Content-Security-Policy (WeasyPrint needs it inline)."""
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
                "preview": preview,
                "csp_nonce": csp_nonce,
            },
        )


def render_pdf(content: ReportContent) -> bytes:
    # Imported here: WeasyPrint loads pango at import, which web requests never need.
    from weasyprint import HTML

    html = render_html(content)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    stamp = _stamp(content)
    document.metadata.created = stamp
    document.metadata.modified = stamp
    return document.write_pdf(pdf_variant=PDF_VARIANT)
