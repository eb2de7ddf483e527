"""Line charts of an indicator over time, as SVG for the PDF.

Deterministic: the same figures give the same bytes (fixed hash salt, no date in the metadata,
matplotlib's bundled font), so a regenerated report only differs where its figures differ.
"""

import base64
import io
import threading

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from indicators.validation import format_value  # noqa: E402

from .content import ChartData  # noqa: E402

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
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}

# pyplot keeps global state; charts are drawn one at a time even with a threaded worker.
_lock = threading.Lock()


def alt_text(chart: ChartData) -> str:
    """Describe the chart in words, with every value, for screen readers and text extraction."""
    unit = chart.indicator.get_eenheid_display()
    parts = []
    for series in chart.series:
        values = "; ".join(
            f"{p.period.label}: {format_value(p.value, chart.indicator)}"
            + (f" {_('(voorlopig)')}" if p.voorlopig else "")
            for p in series.points
        )
        parts.append(f"{series.label}: {values}")
    return _("Lijndiagram %(name)s (%(unit)s). %(series)s.") % {
        "name": chart.indicator.name,
        "unit": unit,
        "series": ". ".join(parts),
    }


def render_svg(chart: ChartData) -> bytes:
    labels = [p.label for p in chart.periods]
    position = {p.pk: i for i, p in enumerate(chart.periods)}
    with _lock, plt.rc_context(RC):
        fig, ax = plt.subplots(figsize=(6.4, 2.8))
        try:
            for i, series in enumerate(chart.series):
                xs = [position[p.period.pk] for p in series.points]
                ys = [float(p.value) for p in series.points]
                ax.plot(
                    xs,
                    ys,
                    label=series.label,
                    color=COLOURS[i % len(COLOURS)],
                    marker=MARKERS[i % len(MARKERS)],
                    linestyle=LINESTYLES[i % len(LINESTYLES)],
                    linewidth=1.8,
                )
                if len(xs) <= MAX_LABELLED_POINTS and len(chart.series) <= MAX_LABELLED_SERIES:
                    for x, point in zip(xs, series.points, strict=True):
                        ax.annotate(
                            format_value(point.value, chart.indicator)
                            + ("*" if point.voorlopig else ""),
                            (x, float(point.value)),
                            textcoords="offset points",
                            xytext=(0, 6),
                            ha="center",
                            fontsize=7.5,
                            color=COLOURS[i % len(COLOURS)],
                        )
            ax.margins(x=0.08, y=0.15)
            ax.set_xticks(range(len(labels)), labels)
            ax.set_ylabel(str(chart.indicator.get_eenheid_display()))
            ax.yaxis.set_major_formatter(
                FuncFormatter(lambda y, _pos: f"{y:,.10g}".translate(DUTCH_SEPARATORS))
            )
            if all(p.value >= 0 for s in chart.series for p in s.points):
                ax.set_ylim(bottom=0)
            ax.grid(axis="y", color="#dddddd", linewidth=0.6)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
            fig.tight_layout()
            buffer = io.BytesIO()
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        finally:
            plt.close(fig)
    return buffer.getvalue()


def render(chart: ChartData) -> ChartData:
    """Fill in the chart's image (a data: URI) and its alt text."""
    svg = render_svg(chart)
    chart.image = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    chart.alt = alt_text(chart)
    return chart
