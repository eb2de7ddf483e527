"""The report's figures as open data: a CSV with disclosure control applied.

A vastgestelde report is a public council document, so its open-data file follows the rules of
the publication pages (:mod:`indicators.disclosure.publication`, :mod:`indicators.disclosure`): small counts
are "geheim", and so are the cells (and rates) they could be worked out from. The file holds the
figures of the report's tables — per indicator its current period — for the gemeente and the
regio's it belongs to, in the same columns and notation as the publication downloads. It is a plain
table without footnotes; the rules applied are described in ``docs/reports.md``.
"""

import csv
import io
from collections import defaultdict

from indicators.disclosure import Rules
from indicators.disclosure.publication import build_publication, record_headers, record_values

from . import beleid_export
from .models import Report


def report_periods(report: Report, content=None) -> dict:
    """Period → the indicator pks whose figures of that period are in the report's tables.

    Without ``content`` (or when it has no figures): every indicator of the report's own period.
    """
    periods: dict = defaultdict(set)
    for figure in getattr(content, "figures", None) or []:
        periods[figure.period].add(figure.indicator.pk)
    if not periods:
        periods[report.period] = None  # None: all indicators
    return dict(sorted(periods.items(), key=lambda item: (item[0].start, item[0].end)))


def render_csv(report: Report, content=None, rules: Rules | None = None) -> bytes:
    """The CSV: one row per published cell; semicolons and a BOM, for Dutch Excel."""
    rules = rules or Rules.from_settings()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(record_headers())
    for period, indicator_ids in report_periods(report, content).items():
        publication = build_publication(report.gemeente, period, rules)
        for row, cell in publication.records():
            if indicator_ids is None or row.indicator.pk in indicator_ids:
                writer.writerow(record_values(publication, row, cell))
    # The chapter Beleid en voortgang, as records in the same columns (reports.beleid_export).
    writer.writerows(beleid_export.csv_records(content))
    return out.getvalue().encode("utf-8-sig")
