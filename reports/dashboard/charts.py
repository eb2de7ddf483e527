"""The dashboard's charts as SVG or PNG (matplotlib), with a text alternative.

Same style as the report (:mod:`core.charts`: colours that stay apart in greyscale and for
colour-blind readers, a marker and a dash pattern per line as a second cue, deterministic SVG).
The page shows the SVG as an image with a short alt text; the full text alternative is the table
beside it and the description under it (:func:`indicator_description`).
"""

import base64
import io

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from budgets.figures import dutch_number, round_amount  # noqa: E402
from core.charts import COLOURS, DUTCH_SEPARATORS, LINESTYLES, MARKERS, RC  # noqa: E402
from core.charts import lock as _lock  # noqa: E402
from indicators.models import PeriodType  # noqa: E402
from indicators.quality.validation import format_value  # noqa: E402

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
PNG_DPI = 150
HATCHES = ["", "//"]


def _save(fig: Figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "svg":
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    else:
        fig.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return buffer.getvalue()


def indicator_chart(page, fmt: str = "svg") -> bytes:
    """The indicator over time: one line for the gemeente, one for the comparison. A secret or
    missing figure is a gap in the line."""
    indicator = page.indicator
    labels = [short_label(p) for p in page.periods]
    with _lock, matplotlib.rc_context(RC):
        fig = Figure(figsize=(7.2, 3.2))
        ax = fig.subplots()
        values_all = []
        for i, line in enumerate(page.lines):
            ys = [float(p.value) if p.value is not None else float("nan") for p in line.points]
            values_all += [p.value for p in line.points if p.value is not None]
            ax.plot(
                range(len(ys)),
                ys,
                label=line.label,
                color=COLOURS[i % len(COLOURS)],
                marker=MARKERS[i % len(MARKERS)],
                linestyle=LINESTYLES[i % len(LINESTYLES)],
                linewidth=1.8,
            )
        ax.margins(x=0.08, y=0.15)
        ax.set_xticks(
            range(len(labels)),
            labels,
            rotation=30 if len(labels) > 6 else 0,
            ha="right" if len(labels) > 6 else "center",
        )
        ax.set_ylabel(str(indicator.get_eenheid_display()))
        ax.yaxis.set_major_formatter(
            FuncFormatter(lambda y, _pos: f"{y:,.10g}".translate(DUTCH_SEPARATORS))
        )
        if values_all and all(v >= 0 for v in values_all):
            ax.set_ylim(bottom=0)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_title(indicator.name, fontsize=10, loc="left")
        if page.lines:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
        fig.tight_layout()
        return _save(fig, fmt)


def short_label(period) -> str:
    """An axis label: 2018, 2018 H1, 2018 K2."""
    if period.type == PeriodType.JAAR:
        return str(period.year)
    letter = "H" if period.type == PeriodType.HALFJAAR else _("K")
    return f"{period.year} {letter}{period.number}"


def indicator_alt(page) -> str:
    """A short alt text for the image; the values are in the table and the description."""
    names = " " + _("en") + " "
    return _(
        "Lijndiagram van %(indicator)s (%(doelgroep)s) voor %(lines)s, %(first)s tot en met %(last)s."
    ) % {
        "indicator": page.indicator.name,
        "doelgroep": page.doelgroep_label,
        "lines": names.join(line.label for line in page.lines),
        "first": page.periods[0].label if page.periods else "",
        "last": page.periods[-1].label if page.periods else "",
    }


def indicator_description(page) -> str:
    """Every value of the chart in words, for screen readers."""
    parts = []
    for line in page.lines:
        values = "; ".join(
            f"{period.label}: {_point_text(point)}"
            for period, point in zip(page.periods, line.points, strict=True)
        )
        parts.append(f"{line.label}: {values}")
    return ". ".join(parts) + "."


def _point_text(point) -> str:
    if point.secret:
        return _("geheim")
    if point.value is None:
        return _("geen cijfer")
    text = format_value(point.value, point.indicator)
    if point.voorlopig:
        text += " " + _("(voorlopig)")
    if point.pending:
        text += " " + _("(nog niet goedgekeurd)")
    return text


def budget_chart(page, fmt: str = "svg") -> bytes:
    """Actuele begroting beside realisatie per taakveld (horizontal bars, × € 1.000)."""
    rows = [r for r in page.rows if r.kind == "taakveld"]
    categories = [r.code for r in rows]
    series = [
        (_("Actuele begroting"), [round_amount(r.actueel, page.eenheid) for r in rows]),
        (_("Realisatie"), [round_amount(r.realisatie, page.eenheid) for r in rows]),
    ]
    width = 0.8 / len(series)
    height = max(2.8, 0.42 * len(categories) + 1.2)
    with _lock, matplotlib.rc_context(RC):
        fig = Figure(figsize=(7.2, height))
        ax = fig.subplots()
        positions = range(len(categories))
        for i, (label, values) in enumerate(series):
            offsets = [p - 0.4 + width * (i + 0.5) for p in positions]
            ax.barh(
                offsets,
                [float(v) if v is not None else 0.0 for v in values],
                height=width,
                label=label,
                color=COLOURS[i % len(COLOURS)],
                hatch=HATCHES[i % len(HATCHES)],
                edgecolor="white",
            )
        ax.set_yticks(list(positions), categories)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda v, _pos: f"{v:,.0f}".translate(DUTCH_SEPARATORS))
        )
        ax.set_xlabel(_("× € 1.000"))
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_title(budget_title(page), fontsize=10, loc="left")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
        fig.tight_layout()
        return _save(fig, fmt)


def budget_title(page) -> str:
    return _("%(bedrag)s per taakveld, %(gemeente)s %(year)s") % {
        "bedrag": page.bedrag_label,
        "gemeente": page.ctx.gemeente.name,
        "year": page.year,
    }


def budget_alt(page) -> str:
    return _("Staafdiagram: %(title)s, actuele begroting en realisatie (× € 1.000).") % {
        "title": budget_title(page)
    }


def budget_description(page) -> str:
    parts = []
    for row in page.rows:
        if row.kind != "taakveld":
            continue
        actueel = round_amount(row.actueel, page.eenheid)
        realisatie = round_amount(row.realisatie, page.eenheid)
        parts.append(
            _("%(taakveld)s: begroot %(begroot)s, realisatie %(realisatie)s")
            % {
                "taakveld": row.label,
                "begroot": dutch_number(actueel) if actueel is not None else _("geen"),
                "realisatie": dutch_number(realisatie) if realisatie is not None else _("geen"),
            }
        )
    return "; ".join(parts) + "." if parts else ""


def sparkline_svg(values: list) -> str:
    """A sparkline of a tile: the figures of the last periods as a small line without axes, the
    latest point marked; a missing or secret figure is a gap. A ``data:`` URI, so the page
    needs no request per tile and the SVGs' ids cannot clash; the tile's text and data table
    are its text alternative. Deterministic like every chart (:data:`reports.charts.RC`)."""
    ys = [float(v) if v is not None else float("nan") for v in values]
    with _lock, matplotlib.rc_context(RC):
        fig = Figure(figsize=(1.8, 0.5))
        ax = fig.add_axes((0.03, 0.1, 0.94, 0.8))
        ax.plot(range(len(ys)), ys, color=COLOURS[0], linewidth=1.6)
        last = max((i for i, v in enumerate(values) if v is not None), default=None)
        if last is not None:
            ax.plot([last], [ys[last]], color=COLOURS[0], marker=MARKERS[0], markersize=4)
        ax.set_axis_off()
        ax.margins(x=0.06, y=0.2)
        data = _save(fig, "svg")
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")
