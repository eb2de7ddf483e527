"""Charts of an indicator, as SVG for the PDF and its HTML preview: a line over time, or bars that
compare the gemeenten of the regio in one period.

Deterministic: the same figures give the same bytes (fixed hash salt, no date in the metadata,
text as text in a fixed font), so a regenerated report only differs where its figures differ.
A figure that disclosure control keeps secret is not drawn (a gap in the line, no bar); the alt
text and the data table beside the chart say "geheim".
"""

import base64
import io
import threading

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.layout_engine import TightLayoutEngine  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from indicators.disclosure import GEHEIM  # noqa: E402
from indicators.models import Eenheid  # noqa: E402
from indicators.quality.validation import format_value  # noqa: E402

from .content import STAAF, ChartData  # noqa: E402

# Distinguishable in greyscale and for colour-blind readers; markers and dashes add a second cue.
COLOURS = ["#1b4f72", "#b3003c", "#1e6b34", "#8a4b00", "#5b2c6f", "#4a4a4a"]
MARKERS = ["o", "s", "^", "D", "v", "P"]
LINESTYLES = ["-", "--", "-.", ":", "-", "--"]

# Values are printed beside the points while that stays readable.
MAX_LABELLED_POINTS = 8
MAX_LABELLED_SERIES = 4
DUTCH_SEPARATORS = str.maketrans(",.", ".,")

RC = {
    "svg.hashsalt": "monitor-sociaal-domein",
    # Text stays text (WeasyPrint sets it in the same font): smaller files, faster PDFs.
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}

# pyplot keeps global state; charts are drawn one at a time even with a threaded worker.
_lock = threading.Lock()


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
    getattr(ax, f"{axis}axis").set_major_formatter(FuncFormatter(lambda y, _pos: _dutch(y)))


def _draw_lines(ax, chart: ChartData) -> float | None:
    """Draw the lines; return where the value axis starts when it is cut (None: at zero)."""
    labels = [p.label for p in chart.periods]
    position = {p.pk: i for i, p in enumerate(chart.periods)}
    label_points = len(chart.periods) <= MAX_LABELLED_POINTS
    # Beside other gemeenten only the gemeente's own values are printed: more would overlap.
    compared = len(chart.series) > 2 and any(s.own for s in chart.series)
    markers: dict[int, list[float]] = {}  # x → the values drawn there
    to_label = []  # (x, value, text, colour)
    for i, series in enumerate(chart.series):
        xs = [position[p.period.pk] for p in series.points]
        # A secret figure is a gap in the line.
        ys = [float("nan") if p.secret else float(p.value) for p in series.points]
        colour = COLOURS[i % len(COLOURS)]
        ax.plot(
            xs,
            ys,
            label=series.label,
            color=colour,
            marker=MARKERS[i % len(MARKERS)],
            linestyle=LINESTYLES[i % len(LINESTYLES)],
            linewidth=2.4 if series.own else 1.4,
        )
        labelled = label_points and (
            series.own if compared else len(chart.series) <= MAX_LABELLED_SERIES
        )
        for x, point in zip(xs, series.points, strict=True):
            if point.secret:
                continue
            markers.setdefault(x, []).append(float(point.value))
            if labelled:
                text = format_value(point.value, chart.indicator) + ("*" if point.voorlopig else "")
                to_label.append((x, float(point.value), text, colour))
    ax.margins(x=0.08, y=0.15)
    ax.set_xticks(range(len(labels)), labels)
    if len(labels) > 4:
        ax.tick_params(axis="x", labelsize=7.5)
    ax.set_ylabel(str(chart.indicator.get_eenheid_display()))
    _dutch_axis(ax, "y")
    # Amounts start at zero; a percentage or rate is scaled to its values, so a trend shows (and
    # the chart says that its axis is cut).
    if chart.indicator.eenheid in (Eenheid.AANTAL, Eenheid.EURO) and all(
        p.value >= 0 for s in chart.series for p in s.points
    ):
        ax.set_ylim(bottom=0)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    _annotate(ax, markers, to_label)
    bottom = axis_start(ax)
    if bottom is not None:
        _mark_cut_axis(ax, bottom)
    return bottom


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
    kwargs = {"transform": ax.transAxes, "color": "#4a4a4a", "clip_on": False, "linewidth": 1}
    for dy in (0.015, 0.045):
        ax.plot([-0.015, 0.015], [dy - 0.012, dy + 0.012], **kwargs)
    ax.text(
        0.0,
        1.03,
        cut_axis_text(bottom),
        transform=ax.transAxes,
        fontsize=7,
        style="italic",
        color="#4a4a4a",
        ha="left",
        va="bottom",
    )


def cut_axis_text(bottom: float) -> str:
    return _("Let op: de as begint bij %(value)s, niet bij 0.") % {"value": _dutch(bottom)}


def _dutch(value: float) -> str:
    return f"{value:,.10g}".translate(DUTCH_SEPARATORS)


def _draw_bars(ax, chart: ChartData):
    names = [s.label for s in chart.series]
    values = [0.0 if s.points[0].secret else float(s.points[0].value) for s in chart.series]
    colours = [COLOURS[0] if s.own else "#7f9db5" for s in chart.series]
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
        )
    ax.set_yticks(positions, names)
    ax.set_xlabel(str(chart.indicator.get_eenheid_display()))
    _dutch_axis(ax, "x")
    ax.margins(x=0.15)
    # A bar's length is its value: the axis always starts at zero.
    left, right = ax.get_xlim()
    ax.set_xlim(min(left, 0), max(right, 0))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)


def render_svg(chart: ChartData) -> bytes:
    return _render_svg(chart)[0]


def _render_svg(chart: ChartData) -> tuple[bytes, float | None]:
    """The SVG, and where the value axis starts when it is cut."""
    bottom = None
    with _lock, plt.rc_context(RC):
        height = 2.8 if chart.kind != STAAF else 0.6 + 0.35 * len(chart.series)
        fig, ax = plt.subplots(figsize=(6.4, height))
        try:
            if chart.kind == STAAF:
                _draw_bars(ax, chart)
            else:
                bottom = _draw_lines(ax, chart)
            # Applied once, not set as the figure's layout engine: savefig would draw it twice.
            TightLayoutEngine().execute(fig)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        finally:
            plt.close(fig)
    return buffer.getvalue(), bottom


def render(chart: ChartData) -> ChartData:
    """Fill in the chart's image (a data: URI) and its alt text; without anything to draw, no
    image and the sentence that says why (the template prints it instead of the chart)."""
    if not has_data(chart):
        chart.image = ""
        chart.alt = no_data_text(chart)
        return chart
    svg, bottom = _render_svg(chart)
    chart.image = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    chart.alt = alt_text(chart) + (f" {cut_axis_text(bottom)}" if bottom is not None else "")
    return chart
