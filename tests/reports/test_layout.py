"""Tables never run past the page margin, also with a column for each of eight periods."""

from datetime import UTC, datetime

from django.conf import settings

from reports.content import collect
from reports.pdf import render_html
from reports.services import create_report
from tests.factories import SubmissionFactory, period
from tests.reports.conftest import approve

WHEN = datetime(2019, 4, 10, 10, 0, tzinfo=UTC)
HALF_YEARS = ["2014H2", "2015H1", "2015H2", "2016H1", "2016H2", "2017H1", "2017H2"]


def past_the_margin(html: str) -> list[str]:
    """Every table, cell and image whose right edge lies beyond the page's content area."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    found = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width
        for box in page_box.descendants():
            if not isinstance(box, boxes.TableBox | boxes.TableCellBox | boxes.ReplacedBox):
                continue
            overflow = box.position_x + box.margin_width() - right
            if overflow > 0.5:
                found.append(f"page {number}: {box.element_tag} {overflow:.1f}pt too wide")
    return found


def test_no_table_runs_past_the_page_margin_with_eight_periods_side_by_side(world):
    for number, identifier in enumerate(HALF_YEARS):
        approve(
            world,
            SubmissionFactory(uitvraag=world.uitvraag, period=period(identifier)),
            {
                (world.aantal_clienten.pk, world.werkzoekenden.pk): str(48_000 + number),
                (world.aantal_clienten.pk, world.wsw.pk): str(70_100 + number),
                (world.uitstroom_pct.pk, world.werkzoekenden.pk): "9,8",
            },
        )
    approve(world, world.submission)
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    content = collect(report, WHEN)
    assert max(len(chart.periods) for chart in content.charts) == 8
    assert not any(chart.wide for chart in content.charts)  # a column per period
    assert past_the_margin(render_html(content)) == []


def test_a_figure_table_prints_its_peildatum_column_only_when_the_dates_differ():
    from datetime import date
    from types import SimpleNamespace

    from reports.content.model import FigureTable

    def figure(day):
        return SimpleNamespace(period=SimpleNamespace(peildatum=day))

    one = FigureTable(doelgroep=None, figures=[figure(date(2024, 12, 31))] * 3)
    two = FigureTable(
        doelgroep=None, figures=[figure(date(2024, 12, 31)), figure(date(2024, 6, 30))]
    )
    assert not one.has_peildatum_column  # the one date stands under the table
    assert two.has_peildatum_column
