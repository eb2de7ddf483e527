"""The dashboard's pages of figures: the gemeente's start page (tiles per thema), a thema and one
indicator with its series, each built from a :class:`~.services.Context`."""

from dataclasses import dataclass, field

from indicators.models import Indicator, Oordeel, Period, Thema

from .services import Context, Row, Section, Shown, compare_periods, indicator_blocks, sections


@dataclass
class Tile:
    thema: Thema
    indicators: int = 0
    positief: int = 0
    negatief: int = 0
    gelijk: int = 0
    targets: int = 0
    targets_met: int = 0
    pending: int = 0
    latest: Period | None = None

    @property
    def has_figures(self) -> bool:
        return self.indicators > 0


@dataclass
class Home:
    ctx: Context
    tiles: list[Tile]
    footnotes: list[str] = field(default_factory=list)


def themas() -> list[Thema]:
    return list(Thema.objects.order_by("order", "name"))


def home(ctx: Context, blocks=None) -> Home:
    """A tile per maatschappelijk resultaat: how many indicators have figures, how their trends
    go and how many streefwaarden are met (on each indicator's headline row). ``blocks``: the
    rows when the caller has them already (the landing page)."""
    tiles = {t.pk: Tile(t) for t in themas()}
    for block in blocks if blocks is not None else indicator_blocks(ctx, ctx.indicators):
        tile = tiles.get(block.indicator.thema_id)
        if tile is None:
            continue
        tile.indicators += 1
        tile.pending += sum(1 for row in block.rows if row.current.pending)
        period = block.rows[0].period
        if period is not None and (tile.latest is None or period.end > tile.latest.end):
            tile.latest = period
        headline = block.headline
        if headline is None:
            continue
        if headline.trend == Oordeel.POSITIEF:
            tile.positief += 1
        elif headline.trend == Oordeel.NEGATIEF:
            tile.negatief += 1
        elif headline.trend == Oordeel.GELIJK:
            tile.gelijk += 1
        if headline.target_met is not None:
            tile.targets += 1
            tile.targets_met += int(headline.target_met)
    return Home(ctx, list(tiles.values()), footnotes=list(ctx.points.footnotes))


@dataclass
class ThemaPage:
    ctx: Context
    thema: Thema
    sections: list[Section]
    footnotes: list[str]

    @property
    def rows(self) -> list[Row]:
        return [row for section in self.sections for row in section.rows]

    @property
    def has_pending(self) -> bool:
        return any(row.current.pending for row in self.rows)

    @property
    def has_voorlopig(self) -> bool:
        return any(row.current.voorlopig for row in self.rows)


def thema_page(ctx: Context, thema: Thema) -> ThemaPage:
    indicators = [i for i in ctx.indicators if i.thema_id == thema.pk]
    compare = None
    if ctx.compare is not None:
        compare = ctx.compare_points([i.pk for i in indicators], compare_periods(ctx, indicators))
    blocks = indicator_blocks(ctx, indicators, compare)
    notes = list(ctx.points.footnotes)
    if compare is not None:
        notes += [n for n in compare.footnotes if n not in notes]
    return ThemaPage(ctx, thema, sections(blocks), notes)


@dataclass
class SeriesLine:
    """One line of the chart: a subject's figures over the periods."""

    label: str
    points: list[Shown]


@dataclass
class DoelgroepChoice:
    code: str
    label: str


@dataclass
class IndicatorPage:
    ctx: Context
    indicator: Indicator
    formula_text: str
    period: Period | None  # the current period (its peildatum is shown)
    choices: list[DoelgroepChoice]
    doelgroep_code: str  # the row the chart follows
    doelgroep_label: str
    periods: list[Period]
    lines: list[SeriesLine]
    rows: list[Row]  # the current period per doelgroep
    footnotes: list[str]

    @property
    def source(self) -> str:
        if self.indicator.source:
            return self.indicator.source
        return self.indicator.uitvoerder.name if self.indicator.uitvoerder else ""

    @property
    def has_figures(self) -> bool:
        return any(not p.missing for line in self.lines for p in line.points)

    @property
    def table(self) -> list[tuple[Period, list[Shown]]]:
        """The chart as a table: per period the figure of each line."""
        return [(p, [line.points[i] for line in self.lines]) for i, p in enumerate(self.periods)]


def indicator_page(
    ctx: Context, indicator: Indicator, doelgroep: str | None = None
) -> IndicatorPage:
    """One indicator over time (the chart and its table) and per doelgroep in its current
    period, with the comparison beside it."""
    compare = ctx.compare_points([indicator.pk]) if ctx.compare is not None else None
    blocks = indicator_blocks(ctx, [indicator], compare)
    rows = blocks[0].rows if blocks else []
    choices = [DoelgroepChoice(row.doelgroep_code, row.label) for row in rows]
    chosen = next((row for row in rows if row.doelgroep_code == doelgroep), None)
    if chosen is None and rows:
        chosen = blocks[0].headline or rows[0]
    dg = chosen.doelgroep.pk if chosen is not None and chosen.doelgroep else None
    periods = ctx.periods_by_type.get(indicator.period_type, [])
    subjects = [(ctx.gemeente.name, ctx.points)]
    if compare is not None:
        subjects.append((ctx.compare.label, compare))
    lines = [
        SeriesLine(label, [Shown(indicator, points.get(indicator.pk, dg, p.pk)) for p in periods])
        for label, points in subjects
    ]
    # Leave out the periods before the first figure and after the last one.
    filled = [i for i in range(len(periods)) if any(not line.points[i].missing for line in lines)]
    first, last = (filled[0], filled[-1] + 1) if filled else (0, 0)
    periods = periods[first:last]
    for line in lines:
        line.points = line.points[first:last]
    notes = list(ctx.points.footnotes)
    if compare is not None:
        notes += [n for n in compare.footnotes if n not in notes]
    return IndicatorPage(
        ctx=ctx,
        indicator=indicator,
        formula_text=ctx.catalogue.describe(indicator) if indicator.is_computed else "",
        period=chosen.period if chosen else None,
        choices=choices,
        doelgroep_code=chosen.doelgroep_code if chosen else "",
        doelgroep_label=chosen.label if chosen else "",
        periods=periods,
        lines=lines,
        rows=rows,
        footnotes=notes,
    )
