"""Arranging the figures into blocks, tables and charts, and the standard texts of a chapter."""

import re
from collections import defaultdict

from django.utils.translation import gettext as _

from indicators.models import (
    Eenheid,
    Thema,
)
from organisations.models import Organisation

from .figures import (
    _doelgroep_order,
    _figure_order,
)
from .model import (
    LIJN,
    STAAF,
    TOTAL_DOELGROEPEN,
    Block,
    ChartData,
    Figure,
    FigureTable,
    Series,
    ThemaTexts,
    _disclosure_notes,
    share_notes,
)

# Chart choices of a report profile (reports.profile.ChartChoice).
PER_INDICATOR = "per_indicator"
PER_DOELGROEP = "per_doelgroep"

# --- arranging the figures -------------------------------------------------------------------------


def _chart(indicator, doelgroep, series_figures, bars_allowed, rules, gemeente, by_doelgroep=False):
    """A chart of the given series (dict key → list of points), or None when there is nothing to
    draw: a line over at least two periods, else (Deel 1) bars over at least two areas.
    ``by_doelgroep``: the series are the doelgroepen of one indicator, named after them."""
    own_points = [p for key, points in series_figures.items() for p in points]
    if not own_points:
        return None
    periods = sorted({p.period for p in own_points}, key=lambda p: p.start)
    several_areas = len({p.area.pk for p in own_points}) > 1
    series = [
        Series(
            doelgroep=points[0].doelgroep,
            area=points[0].area,
            points=sorted(points, key=lambda p: p.period.start),
            own=points[0].area.pk == gemeente.pk,
            name=_series_name(points[0], several_areas) if by_doelgroep else "",
        )
        for points in series_figures.values()
    ]
    # The gemeente first, then the other gemeenten, then the regio's; per area the doelgroepen.
    series.sort(
        key=lambda s: (
            not s.own,
            not s.area.is_gemeente,
            s.area.name,
            _doelgroep_order(s.doelgroep),
        )
    )
    points = [p for s in series for p in s.points]
    if len(periods) >= 2:
        kind = LIJN
    elif bars_allowed and len(series) >= 2:
        kind = STAAF
    else:
        return None
    return ChartData(
        indicator=indicator,
        doelgroep=doelgroep,
        periods=periods,
        series=series,
        kind=kind,
        notes=_disclosure_notes(rules, points),
        by_doelgroep=by_doelgroep,
    )


def _series_name(figure: Figure, with_area: bool) -> str:
    """A doelgroep's line, named after the area too when the chart has several."""
    name = figure.doelgroep.name if figure.doelgroep else _("Alle doelgroepen")
    return f"{name} ({figure.area.name})" if with_area else name


def _block_charts(block_figures, history, comparison, populatie, rules, gemeente, compare=True):
    """Per indicator of a block: its series over time (Deel 1: with the other gemeenten, unless
    the profile leaves them out)."""
    charts = []
    by_indicator: dict[int, list[Figure]] = defaultdict(list)
    for f in block_figures:
        by_indicator[f.indicator.pk].append(f)
    for figures in sorted(by_indicator.values(), key=lambda fs: _figure_order(fs[0])):
        indicator = figures[0].indicator
        doelgroep = figures[0].doelgroep
        period_type = figures[0].period.type
        keys = {f.series_key for f in figures}
        series_figures: dict[tuple, list[Figure]] = defaultdict(list)
        for f in history[indicator.pk]:
            if f.series_key in keys and f.period.type == period_type:
                series_figures[f.series_key].append(f)
        if populatie and compare:
            own_periods = {p.period.pk for points in series_figures.values() for p in points}
            others = [
                f
                for f in comparison.get(indicator.pk, [])
                if f.period.pk in own_periods
                and (f.doelgroep.pk if f.doelgroep else None)
                == (doelgroep.pk if doelgroep else None)
            ]
            if others and indicator.eenheid in (Eenheid.AANTAL, Eenheid.EURO):
                # A regio's total is no comparison for a gemeente's count: only gemeenten.
                series_figures = {k: v for k, v in series_figures.items() if v[0].area.is_gemeente}
            for f in others:
                series_figures.setdefault(f.series_key, []).append(f)
        chart = _chart(indicator, doelgroep, series_figures, populatie, rules, gemeente)
        if chart is not None:
            charts.append(chart)
    return charts


def indicator_charts(figures, history, comparison, populatie, rules, gemeente, compare=True):
    """The monitor's own structure: one chart per indicator of a part. An indicator with several
    doelgroepen gets one chart with a line per doelgroep (the gemeente's own, else its regio's);
    one without doelgroepen is charted as before (Deel 1: beside the other gemeenten)."""
    by_indicator: dict[int, list[Figure]] = defaultdict(list)
    for f in figures:
        if not f.total:
            by_indicator[f.indicator.pk].append(f)
    charts = []
    for fs in sorted(by_indicator.values(), key=lambda fs: _figure_order(fs[0])):
        if len({f.doelgroep.pk if f.doelgroep else None for f in fs}) < 2:
            charts += _block_charts(fs, history, comparison, populatie, rules, gemeente, compare)
            continue
        indicator = fs[0].indicator
        own = [f for f in fs if f.area.pk == gemeente.pk] or fs
        keys = {f.series_key for f in own}
        period_type = own[0].period.type
        series_figures: dict[tuple, list[Figure]] = defaultdict(list)
        for f in history[indicator.pk]:
            if f.series_key in keys and f.period.type == period_type:
                series_figures[f.series_key].append(f)
        chart = _chart(indicator, None, series_figures, populatie, rules, gemeente, True)
        if chart is not None:
            charts.append(chart)
    return charts


def _blocks(
    figures, history, comparison, populatie, rules, gemeente, charts=PER_DOELGROEP, compare=True
) -> list[Block]:
    """A block per doelgroep (a table, and with ``charts`` per doelgroep its charts), the totals
    over the doelgroepen last."""
    by_doelgroep: dict[int | None, list[Figure]] = defaultdict(list)
    totals: list[Figure] = []
    for f in figures:
        if f.total == TOTAL_DOELGROEPEN:
            totals.append(f)
        else:
            by_doelgroep[f.doelgroep.pk if f.doelgroep else None].append(f)
    blocks = []
    for fs in sorted(by_doelgroep.values(), key=lambda fs: _doelgroep_order(fs[0].doelgroep)):
        fs = sorted(fs, key=_figure_order)
        blocks.append(
            Block(
                doelgroep=fs[0].doelgroep,
                table=FigureTable(
                    doelgroep=fs[0].doelgroep,
                    figures=fs,
                    disclosure_notes=_disclosure_notes(rules, fs),
                ),
                # Charts follow the series as delivered and computed, not the totals.
                charts=_block_charts(
                    [f for f in fs if not f.total],
                    history,
                    comparison,
                    populatie,
                    rules,
                    gemeente,
                    compare,
                )
                if charts == PER_DOELGROEP
                else [],
            )
        )
    if totals:  # the engine's totals over the doelgroepen close the section
        totals = sorted(totals, key=_figure_order)
        blocks.append(
            Block(
                doelgroep=None,
                table=FigureTable(
                    doelgroep=None,
                    figures=totals,
                    is_total=True,
                    disclosure_notes=_disclosure_notes(rules, totals),
                ),
                is_total=True,
            )
        )
    share_notes([b.table for b in blocks if b.table])
    return blocks


HEADING_RE = r"^\s*(%s)\s*:?\s*$"


def split_sections(text: str, headings: list[str]) -> tuple[str, dict[str, str]]:
    """Split a text with headings on lines of their own ("Voorzichtig positief", …) into the text
    before the first heading and the text under each heading."""
    pattern = re.compile(
        HEADING_RE % "|".join(re.escape(h) for h in headings), re.IGNORECASE | re.MULTILINE
    )
    matches = list(pattern.finditer(text or ""))
    if not matches:
        return (text or "").strip(), {}
    found = {}
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        heading = next(h for h in headings if h.lower() == match.group(1).lower())
        found[heading] = text[match.end() : end].strip()
    return text[: matches[0].start()].strip(), found


STREVEN = "Wat streven we na?"
WAAROM = "Waarom is dit belangrijk?"
POSITIEF = "Voorzichtig positief"
NEGATIEF = "Voorzichtig negatief"


def thema_defaults(thema: Thema) -> dict[str, str]:
    """What the thema's own description says under "Wat streven we na?" and "Waarom is dit
    belangrijk?" (without those headings, the whole description is what we strive for)."""
    before, parts = split_sections(thema.description, [STREVEN, WAAROM])
    return {
        "wat_streven_we_na": parts.get(STREVEN, before if not parts else ""),
        "waarom_belangrijk": parts.get(WAAROM, ""),
    }


def thema_texts(thema: Thema, saved) -> ThemaTexts:
    """The saved texts; "Wat streven we na?" and "Waarom is dit belangrijk?" fall back to the
    thema's description, and a "Wat zien we?" written with the headings "Voorzichtig positief" and
    "Voorzichtig negatief" in it is split under those headings."""
    texts = ThemaTexts(
        **{
            name: (getattr(saved, name, "") or "").strip()
            for name in ThemaTexts.__dataclass_fields__
        }
    )
    defaults = thema_defaults(thema)
    texts.wat_streven_we_na = texts.wat_streven_we_na or defaults["wat_streven_we_na"]
    texts.waarom_belangrijk = texts.waarom_belangrijk or defaults["waarom_belangrijk"]
    if not (texts.wat_zien_we_positief or texts.wat_zien_we_negatief):
        before, parts = split_sections(texts.wat_zien_we, [POSITIEF, NEGATIEF])
        if parts:
            texts.wat_zien_we = before
            texts.wat_zien_we_positief = parts.get(POSITIEF, "")
            texts.wat_zien_we_negatief = parts.get(NEGATIEF, "")
    return texts


def default_introduction(gemeente: Organisation, uitvoerders: list[str]) -> str:
    """The standard "Inleiding" (proces and methode) for a gemeente without one of its own."""
    if len(uitvoerders) > 1:
        names = _("%(first)s en %(last)s") % {
            "first": ", ".join(uitvoerders[:-1]),
            "last": uitvoerders[-1],
        }
    else:
        names = uitvoerders[0] if uitvoerders else _("de uitvoeringsorganisaties")
    return _(
        "Dit rapport geeft de gemeenteraad van %(gemeente)s inzicht in de maatschappelijke "
        "resultaten in het sociaal domein. Het rapport verschijnt twee keer per jaar.\n\n"
        "# Methode\n"
        "Centraal staan maatschappelijke resultaten enerzijds en de bijdragen die "
        "uitvoeringsorganisaties leveren aan het maatschappelijk resultaat anderzijds. De "
        "ontwikkelingen in de samenleving worden in beeld gebracht met maatschappelijke "
        "indicatoren (Deel 1 Populatie), de bijdragen van %(names)s met prestatie-indicatoren "
        "(Deel 2 Prestaties).\n\n"
        "De ontwikkelingen in de samenleving zijn onderhevig aan heel veel factoren en veel "
        "partijen leveren een bijdrage aan het resultaat, niet in de laatste plaats de inwoners "
        "zelf. Op de resultaten van de uitvoeringsorganisaties is beter te sturen. Belangrijk is "
        "om de ontwikkeling in de tijd te bekijken: gaat het steeds beter of steeds slechter, en "
        "wat kunnen we doen om betere resultaten te krijgen? Niet alle maatschappelijke "
        "indicatoren worden elk jaar gemeten."
    ) % {"gemeente": gemeente.name, "names": names}


def _trend_figures(figures: list[Figure], gemeente, oordeel) -> list[Figure]:
    """The gemeente's figures (or the regio's where the gemeente has none) with this trend."""
    own = {
        (f.indicator.pk, f.doelgroep.pk if f.doelgroep else None)
        for f in figures
        if f.area.pk == gemeente.pk
    }
    return [
        f
        for f in figures
        if f.trend == oordeel
        and not f.secret
        and (
            f.area.pk == gemeente.pk
            or (f.indicator.pk, f.doelgroep.pk if f.doelgroep else None) not in own
        )
    ]
