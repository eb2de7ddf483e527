"""A report looks back REPORT_HISTORY_YEARS calendar years (own year included), as the paper
monitor does; long series get their chart's data table turned (a row per period)."""

import pytest
from django.utils import timezone

from reports.content import WIDE_CHART_PERIODS, collect
from reports.pdf import render_html
from reports.services import create_report
from reports.snapshot import changes_since_snapshot
from tests.factories import SubmissionFactory, period
from tests.reports.conftest import approve

# These tests follow one doelgroep's series (a chart per indicator and doelgroep).
pytestmark = pytest.mark.usefixtures("per_doelgroep_charts")


def deliver(world, identifier, werkzoekenden):
    submission = SubmissionFactory(uitvraag=world.uitvraag, period=period(identifier))
    approve(
        world,
        submission,
        {
            (world.aantal_clienten.pk, world.werkzoekenden.pk): werkzoekenden,
            (world.aantal_clienten.pk, world.wsw.pk): "700",
            (world.uitstroom_pct.pk, world.werkzoekenden.pk): "10,0",
        },
    )


def werkzoekenden_chart(content, world):
    return next(
        c
        for c in content.charts
        if c.indicator == world.aantal_clienten and c.doelgroep == world.werkzoekenden
    )


def test_figures_older_than_the_history_window_stay_out_of_the_report(approved_world, settings):
    world = approved_world
    settings.REPORT_HISTORY_YEARS = 5
    deliver(world, "2013H2", "399")  # before 1 January 2014: outside 2014–2018
    deliver(world, "2014H1", "420")
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    assert str(report.history_start) == "2014-01-01"

    content = collect(report, timezone.now())
    shown = {f.period.identifier for f in content.history}
    assert "2014H1" in shown and "2013H2" not in shown
    chart = werkzoekenden_chart(content, world)
    assert [p.identifier for p in chart.periods] == ["2014H1", "2017H2", "2018H1"]

    settings.REPORT_HISTORY_YEARS = 6
    content = collect(report, timezone.now())
    assert "2013H2" in {f.period.identifier for f in content.history}


def test_a_correction_outside_the_window_is_no_correction_of_the_report(
    approved_world, generated_report, settings
):
    world = approved_world
    deliver(world, "2012H1", "300")  # approved after generation, but years before the window
    assert not changes_since_snapshot(generated_report)


def test_a_long_series_has_a_row_per_year_in_its_data_table(approved_world):
    world = approved_world
    halves = [f"{year}H{half}" for year in (2014, 2015, 2016, 2017) for half in (1, 2)]
    for number, identifier in enumerate(halves[:-1]):  # 2017H2 is in the approved world
        deliver(world, identifier, str(400 + number))
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    content = collect(report, timezone.now())
    chart = werkzoekenden_chart(content, world)
    assert len(chart.periods) == 9 > WIDE_CHART_PERIODS
    assert chart.wide
    table = chart.year_table
    assert table.columns == ["eerste halfjaar", "tweede halfjaar"]
    assert [(row.year, row.cells) for row in table.rows] == [
        (2014, ["400", "401"]),
        (2015, ["402", "403"]),
        (2016, ["404", "405"]),
        (2017, ["406", "480"]),
        (2018, ["510", "–"]),
    ]
    html = " ".join(render_html(content).split())
    assert '<th scope="row">2014</th><td class="num">400</td><td class="num">401</td>' in html


def test_a_short_series_keeps_a_column_per_period(approved_world):
    world = approved_world
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    chart = werkzoekenden_chart(collect(report, timezone.now()), world)
    assert not chart.wide
    assert [cells for _series, cells in chart.rows] == [["480", "510"]]
