"""The report as PDF: an HTML template rendered by WeasyPrint.

The PDF is tagged (headings, tables, alt texts survive for screen readers) and deterministic: its
dates come from the report's generation time, never from the clock at rendering.
"""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import charts
from .content import ReportContent

TEMPLATE = "reports/pdf/report.html"

# WeasyPrint logs every layout step at INFO; a worker's log needs only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_html(content: ReportContent) -> str:
    for chart in content.charts:
        if not chart.image:
            charts.render(chart)
    stamp = timezone.localtime(content.generated_at).replace(microsecond=0).isoformat()
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            TEMPLATE,
            {
                "content": content,
                "report": content.report,
                "gemeente": content.report.gemeente,
                "period": content.report.period,
                "timestamp": stamp,
            },
        )


def render_pdf(content: ReportContent) -> bytes:
    # Imported here: WeasyPrint loads pango at import, which web requests never need.
    from weasyprint import HTML

    html = render_html(content)
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    stamp = timezone.localtime(content.generated_at).replace(microsecond=0).isoformat()
    document.metadata.created = stamp
    document.metadata.modified = stamp
    return document.write_pdf(pdf_tags=True)
