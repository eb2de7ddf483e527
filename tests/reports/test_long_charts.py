"""Charts over many periods stay readable: a label per year under the axis instead of 40 quarter
labels printed over each other, lines without a band of markers (a lone point between secret
figures keeps its marker), and a data table that still holds every plotted value."""

import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal

from indicators.disclosure import Flag
from indicators.models import Eenheid, Indicator, Period
from indicators.models.indicator import PeriodType
from organisations.models import Organisation, OrganisationKind
from reports import charts
from reports.content.model import ChartData, Figure, Series

SVG = "{http://www.w3.org/2000/svg}"


def quarters(count: int, first_year: int = 2015) -> list[Period]:
    return [
        Period(
            pk=i + 1,
            identifier=f"{first_year + i // 4}Q{i % 4 + 1}",
            type=PeriodType.KWARTAAL,
            year=first_year + i // 4,
            number=i % 4 + 1,
        )
        for i in range(count)
    ]


def chart(periods: list[Period], names=("Vlissingen", "Middelburg"), secret=()) -> ChartData:
    indicator = Indicator(name="Aantal cliënten", eenheid=Eenheid.AANTAL, decimals=0)
    series = []
    for s, name in enumerate(names):
        area = Organisation(name=name, kind=OrganisationKind.GEMEENTE)
        points = [
            Figure(
                indicator=indicator,
                uitvoerder=None,
                doelgroep=None,
                area=area,
                period=p,
                value=Decimal(100 * (s + 1) + i),
                voorlopig=False,
                toelichting="",
                disclosure=Flag.PRIMARY if (s, i) in secret else Flag.NONE,
            )
            for i, p in enumerate(periods)
        ]
        series.append(Series(doelgroep=None, area=area, points=points, own=s == 0))
    return ChartData(indicator=indicator, doelgroep=None, periods=periods, series=series)


def svg_tree(data: ChartData) -> ET.Element:
    return ET.fromstring(charts.render_svg(data))


def x_labels(tree: ET.Element) -> list[str]:
    axis = next(g for g in tree.iter(f"{SVG}g") if g.get("id") == "matplotlib.axis_1")
    return [t.text for t in axis.iter(f"{SVG}text") if t.text]


def markers_per_line(tree: ET.Element) -> list[int]:
    """The markers drawn on each data line (not the tick marks of the axes)."""
    axes = next(g for g in tree.iter(f"{SVG}g") if g.get("id") == "axes_1")
    lines = [g for g in axes if (g.get("id") or "").startswith("line2d")]
    return [len(list(g.iter(f"{SVG}use"))) for g in lines if g.find(f"{SVG}path") is not None]


def test_forty_quarters_have_one_label_per_year_under_the_axis():
    tree = svg_tree(chart(quarters(40)))
    assert x_labels(tree) == [str(year) for year in range(2015, 2025)]


def test_a_few_quarters_keep_a_label_each():
    tree = svg_tree(chart(quarters(6)))
    assert x_labels(tree) == [p.label for p in quarters(6)]


def test_long_lines_have_no_markers_but_short_ones_do():
    assert markers_per_line(svg_tree(chart(quarters(40)))) == [0, 0]
    assert markers_per_line(svg_tree(chart(quarters(12)))) == [12, 12]


def test_a_lone_point_between_secret_figures_keeps_its_marker():
    # Vlissingen's 11th quarter has secret neighbours: without a marker it would not show.
    tree = svg_tree(chart(quarters(40), secret={(0, 9), (0, 11)}))
    assert sorted(markers_per_line(tree)) == [0, 1]


def test_the_data_table_of_a_long_chart_holds_every_plotted_value():
    data = chart(quarters(40))
    table = data.year_table
    assert len(table.rows) == 2 * 10  # a row per area and year
    cells = {
        (row.series.label, row.year, i + 1): c
        for row in table.rows
        for i, c in enumerate(row.cells)
    }
    for series in data.series:
        for point in series.points:
            assert cells[(series.label, point.period.year, point.period.number)] == point.shown


def test_the_names_of_lines_ending_close_together_stay_a_text_line_apart():
    """Two lines near the bottom of a tall scale (the demo: 10 and 170 beside 2.500) get their
    names at the line's end without printing one over the other."""
    periods = quarters(2)
    data = chart(periods, names=("Vlissingen", "Middelburg", "Veere"))
    for series, values in zip(data.series, ((2500, 2260), (170, 176), (10, 18)), strict=True):
        series.points = [
            replace(point, value=Decimal(value))
            for point, value in zip(series.points, values, strict=True)
        ]
    tree = svg_tree(data)
    texts = {t.text: t for t in tree.iter(f"{SVG}text")}

    def y(name):  # matplotlib writes text as <text x= y= …> or with a transform
        element = texts[name]
        if element.get("y") is not None:
            return float(element.get("y"))
        transform = element.get("transform", "")
        return float(transform.split("translate(")[1].split()[1].rstrip(")"))

    # Points: a line of 7,5 pt text is ~8,7 pt high; at least one more of white between them.
    assert abs(y("Middelburg") - y("Veere")) >= 10
