"""Charts of an indicator, as SVG for the PDF and its HTML preview: a line over time, or bars that
compare the gemeenten of the regio in one period.

Deterministic: the same figures give the same bytes (:mod:`core.charts`), so a regenerated
report only differs where its figures differ, and a chart drawn before is taken from the cache by
the hash of what it is drawn from (:func:`chart_key`). A figure that disclosure control keeps
secret is not drawn (a gap in the line, no bar); the alt text and the data table beside the chart
say "geheim". Lines carry their names at their ends (direct labels, no legend to look up); the
report's own series are drawn in the theme's primary colour.
"""

import hashlib
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.layout_engine import TightLayoutEngine  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from core.charts import (  # noqa: E402
    COLOURS,
    GRID_COLOUR,
    LINESTYLES,
    MARKERS,
    NOTE_COLOUR,
    RC,
    cached_drawing,
    content_key,
    data_uri,
    dutch,
    lock,
    svg_bytes,
)
from indicators.disclosure import GEHEIM  # noqa: E402
from indicators.models import Eenheid, PeriodType  # noqa: E402
from indicators.quality.validation import format_value  # noqa: E402

from .content import STAAF, ChartData  # noqa: E402

# Values are printed beside the points while that stays readable.
MAX_LABELLED_POINTS = 8
# Up to this many periods each has its own label under the axis; beyond it the axis is marked per
# year (40 quarters' labels would print over each other).
MAX_PERIOD_TICKS = 8
# Up to this many periods each point has a marker; beyond it they would merge into a band, and the
# dashes and colours tell the lines apart (a point between two gaps keeps its marker).
MAX_MARKED_POINTS = 12
MAX_LABELLED_SERIES = 4
# Up to this many lines each carry their name; beyond it the other gemeenten are grey, unnamed
# lines behind the report's own (their names and figures are in the data table).
MAX_NAMED_SERIES = 6
OTHER_COLOUR = "#8c8c8c"
OTHER_BAR = "#9fb3c4"

# The drawing code's own version: a change to it draws every chart again.
_CODE = hashlib.sha256(
    b"".join(
        (Path(__file__).parent.parent / name).read_bytes()
        for name in ("reports/charts.py", "core/charts.py")
    )
).hexdigest()


def _point_text(point, indicator) -> str:
    if point.secret:
        return GEHEIM
    text = format_value(point.value, indicator)
    return text + (f" {_('(voorlopig)')}" if point.voorlopig else "")


def has_data(chart: ChartData) -> bool:
    """Whether the chart has anything to draw: a chart of only secret or missing figures would
    be empty axes, so a sentence stands in its place."""
    return any(
        not p.secret and p.value is not None for series in chart.series for p in series.points
    )


def no_data_text(chart: ChartData) -> str:
    points = [p for series in chart.series for p in series.points]
    if points and all(p.secret for p in points):
        return _(
            "Geen grafiek van %(name)s: alle cijfers zijn geheim (kleine aantallen); zie de tabel."
        ) % {"name": chart.title}
    return _("Geen grafiek van %(name)s: er zijn geen cijfers om te tonen.") % {"name": chart.title}


def alt_text(chart: ChartData) -> str:
    """Describe the chart in words, with every value, for screen readers and text extraction."""
    unit = chart.indicator.get_eenheid_display()
    if chart.kind == STAAF:
        values = "; ".join(
            f"{s.label}: {_point_text(s.points[0], chart.indicator)}" for s in chart.series
        )
        return _("Staafdiagram %(name)s (%(unit)s), %(period)s. %(values)s.") % {
            "name": chart.title,
            "unit": unit,
            "period": chart.periods[0].label,
            "values": values,
        }
    parts = []
    for series in chart.series:
        values = "; ".join(
            f"{p.period.label}: {_point_text(p, chart.indicator)}" for p in series.points
        )
        parts.append(f"{series.label}: {values}")
    return _("Lijndiagram %(name)s (%(unit)s). %(series)s.") % {
        "name": chart.title,
        "unit": unit,
        "series": ". ".join(parts),
    }


def _dutch_axis(ax, axis):
    getattr(ax, f"{axis}axis").set_major_formatter(FuncFormatter(lambda y, _pos: dutch(y)))


def palette(chart: ChartData) -> list[str]:
    """A colour per series: the theme's primary colour first (the gemeente itself), then the
    colours that stay apart; with many gemeenten the others are grey and unnamed."""
    primary = chart.primary or COLOURS[0]
    others = [c for c in COLOURS if c.lower() != primary.lower()]
    if len(chart.series) > MAX_NAMED_SERIES:
        return [primary if s.own or not s.area.is_gemeente else OTHER_COLOUR for s in chart.series]
    return [primary, *others][: len(chart.series)] + [
        others[i % len(others)] for i in range(max(0, len(chart.series) - len(others) - 1))
    ]


def named(chart: ChartData, index: int) -> bool:
    """Whether a line carries its name at its end."""
    if len(chart.series) <= MAX_NAMED_SERIES:
        return len(chart.series) > 1
    series = chart.series[index]
    return series.own or not series.area.is_gemeente


def _draw_lines(ax, chart: ChartData) -> float | None:
    """Draw the lines; return where the value axis starts when it is cut (None: at zero)."""
    labels = [p.label for p in chart.periods]
    position = {p.pk: i for i, p in enumerate(chart.periods)}
    label_points = len(chart.periods) <= MAX_LABELLED_POINTS
    colours = palette(chart)
    # Beside other gemeenten only the gemeente's own values are printed: more would overlap.
    compared = (
        len(chart.series) > 2
        and any(s.own for s in chart.series)
        and any(not s.own for s in chart.series)
    )
    markers: dict[int, list[float]] = {}  # x → the values drawn there
    to_label = []  # (x, value, text, colour)
    ends = []  # (x, value, name, colour) of each named line's last drawn point
    for i, series in enumerate(chart.series):
        xs = [position[p.period.pk] for p in series.points]
        # A secret figure is a gap in the line.
        ys = [float("nan") if p.secret else float(p.value) for p in series.points]
        colour = colours[i]
        ax.plot(
            xs,
            ys,
            color=colour,
            marker=MARKERS[i % len(MARKERS)],
            markevery=None if len(chart.periods) <= MAX_MARKED_POINTS else alone(xs, ys) or [],
            linestyle=LINESTYLES[i % len(LINESTYLES)],
            linewidth=2.4 if series.own else 1.4,
            zorder=3 if series.own else 2,
        )
        labelled = label_points and (
            series.own if compared else len(chart.series) <= MAX_LABELLED_SERIES
        )
        drawn = [(x, p) for x, p in zip(xs, series.points, strict=True) if not p.secret]
        for x, point in drawn:
            markers.setdefault(x, []).append(float(point.value))
            if labelled:
                text = format_value(point.value, chart.indicator) + ("*" if point.voorlopig else "")
                to_label.append((x, float(point.value), text, colour))
        if drawn and named(chart, i):
            ends.append((drawn[-1][0], float(drawn[-1][1].value), series.label, colour))
    ax.margins(x=0.08, y=0.15)
    _period_axis(ax, chart)
    ax.set_ylabel(str(chart.indicator.get_eenheid_display()))
    _dutch_axis(ax, "y")
    # Amounts start at zero; a percentage or rate is scaled to its values, so a trend shows (and
    # the chart says that its axis is cut).
    if chart.indicator.eenheid in (Eenheid.AANTAL, Eenheid.EURO) and all(
        p.value >= 0 for s in chart.series for p in s.points
    ):
        ax.set_ylim(bottom=0)
    ax.grid(axis="y", color=GRID_COLOUR, linewidth=0.6)
    _annotate(ax, markers, to_label)
    _name_lines(ax, ends, len(labels))
    bottom = axis_start(ax)
    if bottom is not None:
        _mark_cut_axis(ax, bottom)
    return bottom


def alone(xs: list[int], ys: list[float]) -> list[int]:
    """The indexes of the points without a drawn neighbour (secret or missing on both sides): a
    line without markers would not show them at all."""
    drawn = {x for x, y in zip(xs, ys, strict=True) if y == y}
    return [
        i
        for i, (x, y) in enumerate(zip(xs, ys, strict=True))
        if y == y and x - 1 not in drawn and x + 1 not in drawn
    ]


def year_ticks(chart: ChartData) -> list[tuple[float, str]]:
    """Where the labels under a long time axis go: each year's label in the middle of its periods
    (every other year when there are very many)."""
    positions: dict[int, list[int]] = {}
    for i, period in enumerate(chart.periods):
        positions.setdefault(period.year, []).append(i)
    step = 1 + (len(positions) - 1) // 12
    return [
        (sum(xs) / len(xs), str(year))
        for n, (year, xs) in enumerate(sorted(positions.items()))
        if n % step == 0
    ]


def _period_axis(ax, chart: ChartData) -> None:
    """A label per period; beyond :data:`MAX_PERIOD_TICKS` a label per year, between marks where
    the years change."""
    labels = [p.label for p in chart.periods]
    if len(labels) <= MAX_PERIOD_TICKS:
        ax.set_xticks(range(len(labels)), labels)
        if len(labels) > 4:
            ax.tick_params(axis="x", labelsize=7.5)
        return
    ticks = year_ticks(chart)
    ax.set_xticks([x for x, _l in ticks], [label for _x, label in ticks])
    ax.tick_params(axis="x", labelsize=7.5)
    if chart.periods[0].type == PeriodType.JAAR:
        return
    # The labels sit between the years' marks (no tick of their own); the marks are one line, not a
    # tick each (matplotlib's ticks are costly to make and to draw).
    ax.tick_params(axis="x", length=0)
    marks_x, marks_y = [], []
    for i in range(1, len(labels)):
        if chart.periods[i].year != chart.periods[i - 1].year:
            marks_x += [i - 0.5, i - 0.5, float("nan")]
            marks_y += [0, -0.03, float("nan")]
    ax.plot(
        marks_x,
        marks_y,
        transform=ax.get_xaxis_transform(),
        color="black",
        linewidth=0.8,
        clip_on=False,
        scalex=False,
        scaley=False,
        gid="jaargrenzen",
    )


def spread(heights: list[float], gap: float) -> list[float]:
    """Heights moved apart (the fewest points) so that each is at least ``gap`` from the next:
    the names at the lines' ends never print over each other."""
    order = sorted(range(len(heights)), key=lambda i: heights[i])
    placed = {}
    previous = None
    for i in order:
        y = heights[i] if previous is None else max(heights[i], previous + gap)
        placed[i] = previous = y
    # Centre the moved block on the values again, so the names stay beside their lines.
    shift = (sum(heights) - sum(placed.values())) / len(heights) if heights else 0
    return [placed[i] + shift for i in range(len(heights))]


def _name_lines(ax, ends: list, n_periods: int) -> None:
    """Each named line's name right of the last period, at the height of its last point (spread
    apart where lines end close together), in the line's colour."""
    if not ends:
        return
    to_points = 72 / ax.figure.dpi
    heights = [ax.transData.transform((0, value))[1] * to_points for _x, value, _n, _c in ends]
    # A line of 7,5 pt text is ~9 pt high, and the tight layout after this may shrink the axes a
    # little: keep 2 pt more than the text between two names.
    targets = spread(heights, LABEL_HEIGHT + 2)
    for (_x, value, name, colour), height, target in zip(ends, heights, targets, strict=True):
        ax.annotate(
            name,
            (n_periods - 1, value),
            xycoords="data",
            textcoords="offset points",
            xytext=(10, target - height),
            ha="left",
            va="center",
            fontsize=7.5,
            color=colour,
            annotation_clip=False,
        )


# Data labels: text height and the room kept around markers and between labels, in points.
LABEL_HEIGHT = 8.0
LABEL_GAP = 3.5
MARKER_RADIUS = 3.5


def place_labels(values: list[float], markers: list[float]) -> list[float]:
    """Vertical offsets (points, from each value) for the labels of ``values`` at one x, so that
    no label covers a marker (at ``markers``, in points like ``values``) or another label.

    Highest value first: its label goes above its marker; each next one above its own marker if
    there is room, else below it, else further down until it is free."""
    occupied = [(m - MARKER_RADIUS, m + MARKER_RADIUS) for m in markers]
    offsets = {}
    for index in sorted(range(len(values)), key=lambda i: -values[i]):
        y = values[index]
        candidates = [MARKER_RADIUS + LABEL_GAP, -(MARKER_RADIUS + LABEL_GAP + LABEL_HEIGHT)]
        step = -(MARKER_RADIUS + LABEL_GAP + LABEL_HEIGHT)
        while True:
            chosen = next(
                (
                    offset
                    for offset in candidates
                    if not any(
                        lo - 1 < y + offset + LABEL_HEIGHT and y + offset < hi + 1
                        for lo, hi in occupied
                    )
                ),
                None,
            )
            if chosen is not None:
                break
            step -= LABEL_HEIGHT / 2
            candidates = [step]
        offsets[index] = chosen
        occupied.append((y + chosen, y + chosen + LABEL_HEIGHT))
    return [offsets[i] for i in range(len(values))]


def _annotate(ax, markers: dict[int, list[float]], to_label: list) -> None:
    """Print the labels at the offsets :func:`place_labels` finds, from the axes' current scale."""
    to_points = 72 / ax.figure.dpi

    def height(value: float) -> float:
        return ax.transData.transform((0, value))[1] * to_points

    by_x: dict[int, list] = {}
    for item in to_label:
        by_x.setdefault(item[0], []).append(item)
    for x, items in sorted(by_x.items()):
        offsets = place_labels(
            [height(value) for _x, value, _t, _c in items], [height(m) for m in markers[x]]
        )
        for (_x, value, text, colour), offset in zip(items, offsets, strict=True):
            ax.annotate(
                text,
                (x, value),
                textcoords="offset points",
                xytext=(0, offset),
                ha="center",
                va="bottom",
                fontsize=7.5,
                color=colour,
            )


def axis_start(ax) -> float | None:
    """Where a cut value axis starts (None when it shows zero)."""
    bottom, top = ax.get_ylim()
    return bottom if bottom > 0 or top < 0 else None


def _mark_cut_axis(ax, bottom: float) -> None:
    """A break mark on the value axis and a note in words: the line does not start at zero."""
    kwargs = {"transform": ax.transAxes, "color": NOTE_COLOUR, "clip_on": False, "linewidth": 1}
    for dy in (0.015, 0.045):
        ax.plot([-0.015, 0.015], [dy - 0.012, dy + 0.012], **kwargs)
    ax.text(
        0.0,
        1.03,
        cut_axis_text(bottom),
        transform=ax.transAxes,
        fontsize=7,
        style="italic",
        color=NOTE_COLOUR,
        ha="left",
        va="bottom",
    )


def cut_axis_text(bottom: float) -> str:
    return _("Let op: de as begint bij %(value)s, niet bij 0.") % {"value": dutch(bottom)}


def _draw_bars(ax, chart: ChartData):
    names = [s.label for s in chart.series]
    values = [0.0 if s.points[0].secret else float(s.points[0].value) for s in chart.series]
    primary = chart.primary or COLOURS[0]
    colours = [primary if s.own or chart.by_doelgroep else OTHER_BAR for s in chart.series]
    positions = list(range(len(names)))[::-1]  # the gemeente itself on top
    ax.barh(positions, values, color=colours, height=0.6)
    for y, series, value in zip(positions, chart.series, values, strict=True):
        point = series.points[0]
        text = GEHEIM if point.secret else format_value(point.value, chart.indicator)
        ax.annotate(
            text + ("*" if point.voorlopig and not point.secret else ""),
            (value, y),
            textcoords="offset points",
            xytext=(4, 0),
            va="center",
            fontsize=7.5,
            fontweight="bold" if series.own else "normal",
        )
    ax.set_yticks(positions, names)
    ax.set_xlabel(str(chart.indicator.get_eenheid_display()))
    _dutch_axis(ax, "x")
    ax.margins(x=0.15)
    # A bar's length is its value: the axis always starts at zero.
    left, right = ax.get_xlim()
    ax.set_xlim(min(left, 0), max(right, 0))
    ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.6)


def chart_key(chart: ChartData) -> str:
    """Everything the drawing depends on: the points, names, units, colours and the code."""
    indicator = chart.indicator
    return content_key(
        _CODE,
        chart.kind,
        chart.primary,
        [str(indicator.eenheid), str(indicator.get_eenheid_display()), indicator.decimals],
        [p.label for p in chart.periods],
        [
            [
                s.label,
                s.own,
                s.area.is_gemeente,
                [
                    [p.period.pk, None if p.secret else str(p.value), p.secret, p.voorlopig]
                    for p in s.points
                ],
            ]
            for s in chart.series
        ],
    )


def render_svg(chart: ChartData) -> bytes:
    return _render_svg(chart)[0]


def _draw(chart: ChartData) -> tuple[bytes, float | None]:
    """The SVG, and where the value axis starts when it is cut."""
    bottom = None
    with lock, matplotlib.rc_context(RC):
        height = 2.8 if chart.kind != STAAF else 0.6 + 0.35 * len(chart.series)
        # A plain Figure, not pyplot's: no global list of open figures to keep or to close.
        fig = Figure(figsize=(6.4, height))
        ax = fig.subplots()
        if chart.kind == STAAF:
            _draw_bars(ax, chart)
        else:
            bottom = _draw_lines(ax, chart)
        # Applied once, not set as the figure's layout engine: savefig would draw it twice.
        TightLayoutEngine().execute(fig)
        return svg_bytes(fig), bottom


def _render_svg(chart: ChartData) -> tuple[bytes, float | None]:
    return cached_drawing(chart_key(chart), lambda: _draw(chart))


def render(chart: ChartData) -> ChartData:
    """Fill in the chart's image (a data: URI) and its alt text; without anything to draw, no
    image and the sentence that says why (the template prints it instead of the chart)."""
    if not has_data(chart):
        chart.image = ""
        chart.alt = no_data_text(chart)
        return chart
    svg, bottom = _render_svg(chart)
    chart.image = data_uri(svg)
    chart.alt = alt_text(chart) + (f" {cut_axis_text(bottom)}" if bottom is not None else "")
    return chart
