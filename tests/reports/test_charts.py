"""Charts that tell the truth: counts from zero, a cut axis said out loud, no empty axes, data
labels clear of the markers and of each other."""

import base64
from datetime import UTC, datetime

import pytest

from reports import charts
from reports.content import collect
from reports.pdf import render_html
from reports.services import create_report
from tests.factories import SubmissionFactory, period
from tests.reports.conftest import approve

WHEN = datetime(2019, 4, 10, 10, 0, tzinfo=UTC)


def svg_of(chart) -> str:
    return base64.b64decode(chart.image.split(",", 1)[1]).decode()


def chart_of(report, indicator, doelgroep):
    return next(
        c
        for c in collect(report, WHEN).charts
        if c.indicator == indicator and c.doelgroep == doelgroep
    )


@pytest.fixture
def secret_world(world, per_doelgroep_charts):
    """Werkzoekenden: 4 and 5 clients (both secret); Wsw 701 and 666; uitstroom 9,8 and 12,5 %."""
    approve(
        world,
        SubmissionFactory(uitvraag=world.uitvraag, period=period("2017H2")),
        {
            (world.aantal_clienten.pk, world.werkzoekenden.pk): "4",
            (world.aantal_clienten.pk, world.wsw.pk): "701",
            (world.uitstroom_pct.pk, world.werkzoekenden.pk): "9,8",
        },
    )
    approve(
        world,
        world.submission,
        {
            (world.aantal_clienten.pk, world.werkzoekenden.pk): "5",
            (world.aantal_clienten.pk, world.wsw.pk): "666",
            (world.uitstroom_pct.pk, world.werkzoekenden.pk): "12,5",
        },
    )
    world.report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    return world


def test_a_chart_whose_every_figure_is_secret_is_a_sentence_not_empty_axes(secret_world):
    world = secret_world
    chart = charts.render(chart_of(world.report, world.aantal_clienten, world.werkzoekenden))
    assert chart.image == ""
    assert chart.alt == (
        "Geen grafiek van Aantal cliënten – Werkzoekenden: alle cijfers zijn geheim "
        "(kleine aantallen); zie de tabel."
    )
    html = render_html(collect(world.report, WHEN))
    assert 'class="no-chart"' in html
    assert "Geen grafiek van Aantal cliënten – Werkzoekenden" in html
    # Its data table still says what is there: "geheim".
    assert chart.rows[0][1] == ["geheim", "geheim"]


def test_a_count_starts_at_zero_and_says_nothing_about_its_axis(secret_world):
    world = secret_world
    chart = chart_of(world.report, world.aantal_clienten, world.wsw)
    svg, bottom = charts._render_svg(chart)
    assert bottom is None
    charts.render(chart)
    assert "de as begint" not in chart.alt
    assert "de as begint" not in svg.decode()


def test_a_line_chart_with_a_cut_axis_says_so_in_the_chart_and_its_alt_text(secret_world):
    world = secret_world
    chart = charts.render(chart_of(world.report, world.uitstroom_pct, world.werkzoekenden))
    _svg, bottom = charts._render_svg(chart)
    assert bottom > 0
    note = charts.cut_axis_text(bottom)
    assert note.startswith("Let op: de as begint bij ")
    assert note in svg_of(chart)
    assert chart.alt.endswith(note)


# (values at one x, other markers there) in points: labels must keep clear of both.
LABEL_CASES = [
    ([100.0], [100.0]),
    ([100.0, 99.0], [100.0, 99.0]),  # two series on top of each other
    ([100.0, 104.0, 96.0], [100.0, 104.0, 96.0]),  # three close together
    ([50.0, 60.0], [50.0, 60.0, 55.0]),  # a marker without a label in between
    ([10.0, 200.0], [10.0, 200.0]),  # far apart: both above their markers
]


@pytest.mark.parametrize(("values", "markers"), LABEL_CASES)
def test_data_labels_cover_no_marker_and_no_other_label(values, markers):
    offsets = charts.place_labels(values, markers)
    boxes = [(v + o, v + o + charts.LABEL_HEIGHT) for v, o in zip(values, offsets, strict=True)]
    for low, high in boxes:
        for marker in markers:
            assert high <= marker - charts.MARKER_RADIUS or low >= marker + charts.MARKER_RADIUS
    for i, (low, high) in enumerate(boxes):
        for other_low, other_high in boxes[i + 1 :]:
            assert high <= other_low or low >= other_high


def test_far_apart_labels_stay_right_above_their_markers():
    offsets = charts.place_labels([10.0, 200.0], [10.0, 200.0])
    assert offsets == [charts.MARKER_RADIUS + charts.LABEL_GAP] * 2


@pytest.mark.parametrize("heights", [[10.0, 11.0, 12.0], [50.0, 0.0, 49.0, 51.0], [5.0]])
def test_the_names_at_the_ends_of_lines_never_print_over_each_other(heights):
    placed = charts.spread(heights, 9.0)
    ordered = sorted(placed)
    assert all(b - a >= 9.0 - 1e-9 for a, b in zip(ordered, ordered[1:], strict=False))
    # Each name keeps the order of its line's end.
    assert sorted(range(len(heights)), key=lambda i: heights[i]) == sorted(
        range(len(placed)), key=lambda i: placed[i]
    )
