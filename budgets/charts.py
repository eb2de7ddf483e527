"""Bar charts of budgets as SVG (matplotlib), for the screens and the report.

Deterministic like every chart (style settings and lock from :mod:`core.charts`): the same
amounts give the same bytes. The budget screens draw them; the report draws its own costs chart
with :func:`series_chart` (an output importing budgets, never the other way round). Every chart comes with an alt text that gives the amounts
in words; the table beside it is the full accessible alternative.
"""

from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from core.charts import COLOURS, GRID_COLOUR, RC, data_uri, dutch_whole, lock, svg_bytes  # noqa: E402

from .figures import Eenheid, Overview, Series, dutch_number, round_amount  # noqa: E402

HATCHES = ["", "//"]


@dataclass
class Chart:
    image: str  # data: URI of the SVG
    alt: str
    caption: str


@dataclass
class BarData:
    """Categories (taakvelden or years) with two bars each: actuele begroting and realisatie."""

    categories: list[str]
    series: list[tuple[str, list]]  # (label, [Decimal | None per category])
    unit: str
    horizontal: bool = False


def unit_label(eenheid: str) -> str:
    return _("× € 1.000") if eenheid == Eenheid.DUIZEND else _("€")


def render_svg(data: BarData) -> bytes:
    n_series = len(data.series)
    width = 0.8 / max(n_series, 1)
    height = max(2.8, 0.42 * len(data.categories) + 1.0) if data.horizontal else 3.0
    with lock, matplotlib.rc_context(RC):
        fig = Figure(figsize=(6.6, height))
        ax = fig.subplots()
        positions = range(len(data.categories))
        for i, (label, values) in enumerate(data.series):
            offsets = [p - 0.4 + width * (i + 0.5) for p in positions]
            numbers = [float(v) if v is not None else 0.0 for v in values]
            style = {
                "label": label,
                "color": COLOURS[i % len(COLOURS)],
                "hatch": HATCHES[i % len(HATCHES)],
                "edgecolor": "white",
            }
            if data.horizontal:
                ax.barh(offsets, numbers, height=width, **style)
            else:
                ax.bar(offsets, numbers, width=width, **style)
        formatter = FuncFormatter(lambda v, _pos: dutch_whole(v))
        if data.horizontal:
            ax.set_yticks(list(positions), data.categories)
            ax.invert_yaxis()
            ax.xaxis.set_major_formatter(formatter)
            ax.set_xlabel(data.unit)
            ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.6)
        else:
            ax.set_xticks(list(positions), data.categories)
            ax.yaxis.set_major_formatter(formatter)
            ax.set_ylabel(data.unit)
            ax.grid(axis="y", color=GRID_COLOUR, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
        fig.tight_layout()
        return svg_bytes(fig)


def _alt(kind: str, title: str, data: BarData) -> str:
    """Every (rounded) amount in words, in the unit of the chart."""
    parts = []
    for category_index, category in enumerate(data.categories):
        values = ", ".join(
            f"{label} "
            + (
                dutch_number(values[category_index])
                if values[category_index] is not None
                else _("geen")
            )
            for label, values in data.series
        )
        parts.append(f"{category}: {values}")
    return _("%(kind)s %(title)s (%(unit)s). %(values)s.") % {
        "kind": kind,
        "title": title,
        "unit": data.unit,
        "values": "; ".join(parts),
    }


def overview_chart(overview: Overview, eenheid: str, measure: str = "lasten") -> Chart | None:
    """Actuele begroting beside realisatie per taakveld (lasten)."""
    rows = [r for r in overview.rows if r.actueel is not None or r.realisatie is not None]
    if not rows:
        return None
    data = BarData(
        categories=[r.code for r in rows],
        series=[
            (
                _("Actuele begroting"),
                [round_amount(r.value("actueel", measure), eenheid) for r in rows],
            ),
            (
                _("Realisatie"),
                [round_amount(r.value("realisatie", measure), eenheid) for r in rows],
            ),
        ],
        unit=unit_label(eenheid),
        horizontal=True,
    )
    title = _("%(measure)s per taakveld, %(area)s %(year)d") % {
        "measure": _("Lasten") if measure == "lasten" else measure,
        "area": overview.area.name,
        "year": overview.year,
    }
    return Chart(
        image=data_uri(render_svg(data)),
        alt=_alt(_("Staafdiagram"), title, data),
        caption=title,
    )


def series_chart(series: Series, eenheid: str, measure: str = "lasten", row=None) -> Chart | None:
    """Actuele begroting and realisatie per year for one row (default: the sociaal domein)."""
    row = row or series.sociaal_domein or series.total
    years = [] if series.is_empty else series.years_with_data(row, measure)
    if not years:
        return None
    data = BarData(
        categories=[str(y) for y in years],
        series=[
            (
                _("Actuele begroting"),
                [round_amount(row.per_year[y].value("actueel", measure), eenheid) for y in years],
            ),
            (
                _("Realisatie"),
                [
                    round_amount(row.per_year[y].value("realisatie", measure), eenheid)
                    for y in years
                ],
            ),
        ],
        unit=unit_label(eenheid),
    )
    title = _("%(row)s, %(area)s %(first)d-%(last)d (%(measure)s)") % {
        "row": row.label,
        "area": series.area.name,
        "first": years[0],
        "last": years[-1],
        "measure": dict(lasten=_("lasten"), baten=_("baten"), saldo=_("saldo"))[measure],
    }
    return Chart(
        image=data_uri(render_svg(data)),
        alt=_alt(_("Staafdiagram"), title, data),
        caption=title,
    )
