"""What goes into a report: approved figures only, arranged per thema, supplier and doelgroep.

The tables hold the approved figures and what the indicator engine makes of them (totals over
doelgroepen and gemeenten, computed indicators with their formula), each with its streefwaarde and
trend (:func:`with_engine`). The PDF and the XLSX are both rendered from one
:class:`ReportContent`, so they always hold the same figures.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from budgets.services import report_costs
from indicators.engine import Catalogue, compute
from indicators.models import (
    Indicator,
    IndicatorSoort,
    Oordeel,
    Period,
    Streefwaarde,
    Thema,
    TrendOordeel,
    UitvraagRegel,
    Value,
)
from indicators.targets import TargetBook, is_met, trend_proposal
from indicators.validation import format_value
from organisations.models import Doelgroep, Organisation

from .models import Report

# Figure.total: a total over the doelgroepen, or a regio's total over its gemeenten.
TOTAL_DOELGROEPEN = "doelgroepen"
TOTAL_GEMEENTEN = "gemeenten"


@dataclass(frozen=True)
class Figure:
    """One figure as it appears in the report: approved as entered, or made by the indicator
    engine from approved figures (a total, or a computed indicator)."""

    indicator: Indicator
    uitvoerder: Organisation | None  # None: a computed maatschappelijke indicator
    doelgroep: Doelgroep | None
    area: Organisation
    period: Period
    value: Decimal
    voorlopig: bool
    toelichting: str
    # What the engine adds (see ``with_engine``).
    computed: bool = False  # a computed indicator (``formula_text`` says how)
    total: str = ""  # "" | TOTAL_DOELGROEPEN | TOTAL_GEMEENTEN: a total the engine made
    formula_text: str = ""
    streefwaarde: object = None  # indicators.models.Streefwaarde | None
    target_met: bool | None = None
    trend: str = Oordeel.GEEN  # the recorded judgement, else the engine's proposal
    trend_is_judgement: bool = False

    @property
    def series_key(self):
        return (self.indicator.pk, self.doelgroep.pk if self.doelgroep else None, self.area.pk)

    @property
    def target_text(self) -> str:
        """E.g. "minimaal 7,5 (gehaald)"; "" without a target."""
        if self.streefwaarde is None:
            return ""
        text = (
            f"{self.streefwaarde.get_comparison_display()} "
            f"{format_value(self.streefwaarde.value, self.indicator)}"
        )
        if self.target_met is None:
            return text
        return f"{text} ({_('gehaald') if self.target_met else _('niet gehaald')})"

    @property
    def trend_text(self) -> str:
        """The judgement, or the proposal marked "voorstel"; "" when the trend is not judged."""
        if self.trend_is_judgement:
            return str(Oordeel(self.trend).label)
        if self.trend == Oordeel.GEEN:
            return ""
        return _("%(oordeel)s (voorstel)") % {"oordeel": Oordeel(self.trend).label}

    @property
    def formatted(self) -> str:
        return format_value(self.value, self.indicator)

    @property
    def unit(self) -> str:
        return str(self.indicator.get_eenheid_display())

    @property
    def doelgroep_name(self) -> str:
        if self.total == TOTAL_DOELGROEPEN:
            return _("Totaal over de doelgroepen")
        return self.doelgroep.name if self.doelgroep else _("Alle doelgroepen")

    @property
    def kind_label(self) -> str:
        """How the figure came about, for the XLSX."""
        if self.computed:
            return _("berekend")
        if self.total:
            return _("totaal")
        return _("aangeleverd")


@dataclass
class Series:
    """The history of one indicator × doelgroep × area, oldest first."""

    doelgroep: Doelgroep | None
    area: Organisation
    points: list[Figure]

    @property
    def label(self) -> str:
        if self.doelgroep:
            return f"{self.doelgroep.name} – {self.area.name}"
        return self.area.name


@dataclass
class ChartData:
    indicator: Indicator
    periods: list[Period]
    series: list[Series]
    # Filled in by the renderer (reports.charts).
    image: str = ""
    alt: str = ""


@dataclass
class FigureTable:
    doelgroep: Doelgroep | None
    figures: list[Figure]
    is_total: bool = False  # the totals over the doelgroepen of a section

    @property
    def caption(self) -> str:
        if self.is_total:
            return _("Totaal over de doelgroepen")
        return self.doelgroep.name if self.doelgroep else _("Alle doelgroepen")

    @property
    def has_targets(self) -> bool:
        return any(f.streefwaarde for f in self.figures)

    @property
    def has_trends(self) -> bool:
        return any(f.trend_text for f in self.figures)

    @property
    def has_assessment(self) -> bool:
        """Whether the table needs its column "Streefwaarde en trend"."""
        return self.has_targets or self.has_trends

    @property
    def notes(self) -> list[tuple[int, Indicator, str]]:
        """Footnotes: (number, indicator, formula in words) for each computed indicator."""
        seen = {}
        for f in self.figures:
            if f.computed and f.indicator.pk not in seen:
                seen[f.indicator.pk] = (len(seen) + 1, f.indicator, f.formula_text)
        return list(seen.values())

    @property
    def rows(self) -> list[tuple[Figure, int | None]]:
        """The figures with the number of their footnote (computed indicators)."""
        numbers = {indicator.pk: n for n, indicator, _text in self.notes}
        return [(f, numbers.get(f.indicator.pk)) for f in self.figures]

    @property
    def has_toelichting(self) -> bool:
        return any(f.toelichting for f in self.figures)

    @property
    def has_voorlopig(self) -> bool:
        return any(f.voorlopig for f in self.figures)


@dataclass
class Section:
    """Deel 1 Populatie (maatschappelijke indicatoren) or Deel 2 Prestaties of one supplier."""

    title: str
    uitvoerder: Organisation | None
    tables: list[FigureTable] = field(default_factory=list)
    charts: list[ChartData] = field(default_factory=list)


@dataclass
class ThemaSection:
    number: int
    thema: Thema
    wat_zien_we: str
    sections: list[Section]

    @property
    def anchor(self) -> str:
        return f"thema-{self.thema.code}"


@dataclass
class ReportContent:
    report: Report
    generated_at: datetime
    themas: list[ThemaSection]
    indicators: list[Indicator]
    figures: list[Figure]  # the figures in the tables
    history: list[Figure]  # every figure used, tables and charts, for the XLSX
    uitvoerders: list[Organisation]
    # "Wat heeft het gekost?": budgets.services.ReportCosts (approved budget versions only).
    kosten: object = None

    @property
    def has_voorlopig(self) -> bool:
        return any(f.voorlopig for f in self.history)

    @property
    def charts(self) -> list[ChartData]:
        return [c for t in self.themas for s in t.sections for c in s.charts]


def area_ids_for(gemeente: Organisation) -> set[int]:
    """The gemeente itself and the regio's it belongs to."""
    return {gemeente.pk} | set(gemeente.groepen.regios().values_list("pk", flat=True))


def approved_figures(report: Report) -> list[Figure]:
    """Every approved figure about the gemeente (or its regio's) up to the report's period."""
    values = (
        Value.objects.approved()
        .for_gemeente(report.gemeente)
        .filter(submission__period__end__lte=report.period.end)
        .select_related(
            "indicator__thema",
            "indicator__uitvoerder",
            "doelgroep",
            "area",
            "submission__period",
            "submission__uitvraag__uitvoerder",
        )
        # Later approvals win when two submissions deliver the same cell.
        .order_by("submission__reviewed_at", "submission_id", "pk")
    )
    cells: dict[tuple, Figure] = {}
    for v in values:
        figure = Figure(
            indicator=v.indicator,
            uitvoerder=v.submission.uitvraag.uitvoerder,
            doelgroep=v.doelgroep,
            area=v.area,
            period=v.submission.period,
            value=v.value,
            voorlopig=v.voorlopig,
            toelichting=v.toelichting,
        )
        cells[(*figure.series_key, figure.period.pk)] = figure
    return list(cells.values())


def _current_period(periods: set[Period], report_period: Period) -> Period:
    """The latest period; on equal ends the one of the report's own period type."""
    return max(periods, key=lambda p: (p.end, p.type == report_period.type, p.start))


def _figure_order(figure: Figure):
    d = figure.doelgroep
    return (
        figure.indicator.soort,
        figure.indicator.order,
        figure.indicator.name,
        figure.indicator.pk,
        d is not None,
        d.order if d else 0,
        d.name if d else "",
        figure.area.kind != "gemeente",
        figure.area.name,
    )


def _tables(figures: list[Figure]) -> list[FigureTable]:
    by_doelgroep: dict[int | None, list[Figure]] = defaultdict(list)
    totals: list[Figure] = []
    for f in figures:
        if f.total == TOTAL_DOELGROEPEN:
            totals.append(f)
        else:
            by_doelgroep[f.doelgroep.pk if f.doelgroep else None].append(f)
    tables = [
        FigureTable(doelgroep=fs[0].doelgroep, figures=sorted(fs, key=_figure_order))
        for fs in by_doelgroep.values()
    ]
    # Figures without doelgroep first, then doelgroepen in their own order.
    tables.sort(
        key=lambda t: (t.doelgroep is not None, t.doelgroep.order if t.doelgroep else 0, t.caption),
    )
    if totals:  # the engine's totals over the doelgroepen close the section
        tables.append(
            FigureTable(doelgroep=None, figures=sorted(totals, key=_figure_order), is_total=True)
        )
    return tables


def _charts(current: list[Figure], history: dict[int, list[Figure]]) -> list[ChartData]:
    """A chart per indicator with more than one period of the same type as its current figures."""
    charts = []
    by_indicator: dict[int, list[Figure]] = defaultdict(list)
    for f in current:
        by_indicator[f.indicator.pk].append(f)
    for figures in sorted(by_indicator.values(), key=lambda fs: _figure_order(fs[0])):
        period_type = figures[0].period.type
        keys = {f.series_key for f in figures}
        points = [
            f
            for f in history[figures[0].indicator.pk]
            if f.series_key in keys and f.period.type == period_type
        ]
        periods = sorted({f.period for f in points}, key=lambda p: p.start)
        if len(periods) < 2:
            continue
        series_points: dict[tuple, list[Figure]] = defaultdict(list)
        for f in sorted(points, key=lambda f: f.period.start):
            series_points[f.series_key].append(f)
        series = [
            Series(doelgroep=fs[0].doelgroep, area=fs[0].area, points=fs)
            for fs in sorted(series_points.values(), key=lambda fs: _figure_order(fs[0]))
        ]
        charts.append(ChartData(indicator=figures[0].indicator, periods=periods, series=series))
    return charts


def report_indicators(report: Report, figures: list[Figure]) -> list[Indicator]:
    """The indicators of this gemeente's monitor: asked from its suppliers, or with figures."""
    asked = UitvraagRegel.objects.filter(uitvraag__areas__in=area_ids_for(report.gemeente))
    return list(
        Indicator.objects.filter(
            Q(pk__in={f.indicator.pk for f in figures}) | Q(pk__in=asked.values("indicator_id"))
        )
        .select_related("thema", "uitvoerder")
        .order_by("thema__order", "thema__name", "soort", "order", "name")
    )


# --- the indicator engine: totals, computed indicators, targets and trends -------------------------


def with_engine(report: Report, entered: list[Figure]) -> list[Figure]:
    """The approved figures plus what the indicator engine makes of them, each with its target,
    whether it is met and its trend; see :func:`engine_figures` and :func:`assess`."""
    catalogue = Catalogue.load()
    # A computed indicator is never entered: a figure stored for it is not used (as in the engine).
    entered = [f for f in entered if f.indicator.pk not in catalogue.computed]
    periods = {f.period.pk: f.period for f in entered}
    bases = {pk: period.previous() for pk, period in periods.items()}
    computed = compute([*periods.values(), *bases.values()], [report.gemeente], catalogue)
    figures = entered + engine_figures(report, entered, periods, computed, catalogue)
    return assess(report, figures, bases, computed, catalogue)


def engine_figures(report, entered, periods, computed, catalogue) -> list[Figure]:
    """The engine's figures for the gemeente and its regio's that were not entered as such:

    - computed indicators, in the periods of their own period type;
    - totals over doelgroepen (only of two or more: a total of one would only repeat it), and a
      regio's totals over its gemeenten — in periods in which the indicator has entered figures,
      so a half-year's stock is not repeated as the year's.
    """
    gemeente = report.gemeente
    entered_keys = {(*f.series_key, f.period.pk) for f in entered}
    entered_periods = defaultdict(set)
    uitvoerder_of = {}
    for f in entered:
        entered_periods[f.indicator.pk].add(f.period.pk)
        uitvoerder_of.setdefault(f.indicator.pk, f.uitvoerder)
    regio_ids = set()
    for figures in computed.values():
        regio_ids |= set(figures.regios_of(gemeente.pk))
    areas = {gemeente.pk: gemeente, **Organisation.objects.in_bulk(sorted(regio_ids))}
    doelgroep_ids = {
        key[2] for pk in periods for key in computed[pk].values if key[2] and key[1] in areas
    }
    doelgroepen = Doelgroep.objects.in_bulk(sorted(doelgroep_ids))
    result = []
    for period_pk, period in periods.items():
        figures = computed[period_pk]
        for (indicator_id, area_id, doelgroep_id), value in figures.values.items():
            if area_id not in areas or (indicator_id, doelgroep_id, area_id, period_pk) in (
                entered_keys
            ):
                continue
            indicator = catalogue.indicators[indicator_id]
            is_computed = indicator_id in catalogue.computed
            if is_computed and period.type != indicator.period_type:
                continue
            if not is_computed and period_pk not in entered_periods[indicator_id]:
                continue
            split = figures.doelgroepen.get((indicator_id, area_id), set()) - {None}
            total = ""
            if doelgroep_id is None and split:
                if len(split) < 2:
                    continue
                total = TOTAL_DOELGROEPEN
            elif not is_computed:
                total = TOTAL_GEMEENTEN
            uitvoerder = _uitvoerder_of(indicator, uitvoerder_of, catalogue)
            if uitvoerder is None and indicator.soort != IndicatorSoort.MAATSCHAPPELIJK:
                continue  # nowhere to show it: a prestatie-indicator belongs to a supplier
            key = (indicator_id, area_id, doelgroep_id)
            result.append(
                Figure(
                    indicator=indicator,
                    uitvoerder=uitvoerder,
                    doelgroep=doelgroepen.get(doelgroep_id),
                    area=areas[area_id],
                    period=period,
                    value=value.quantize(Decimal("0.000001")),
                    voorlopig=key in figures.provisional,
                    toelichting="",
                    computed=is_computed,
                    total=total,
                    formula_text=catalogue.describe(indicator) if is_computed else "",
                )
            )
    return result


def _uitvoerder_of(indicator, uitvoerder_of, catalogue):
    """Who delivered an indicator's figures: for a computed one, its own supplier or that of its
    first input."""
    if indicator.pk in uitvoerder_of:
        return uitvoerder_of[indicator.pk]
    if indicator.uitvoerder_id:
        return indicator.uitvoerder
    for item in catalogue.inputs.get(indicator.pk, ()):
        if item.indicator_id in uitvoerder_of:
            return uitvoerder_of[item.indicator_id]
    return None


def assess(report, figures, bases, computed, catalogue) -> list[Figure]:
    """Each figure with its streefwaarde (and whether it is met) and its trend against the
    previous period: the beleidsmedewerker's judgement when recorded (for the gemeente's own row,
    or the regio's when the gemeente has none), else the engine's proposal."""
    gemeente = report.gemeente
    regio_ids = {f.area.pk for f in figures if f.area.pk != gemeente.pk}
    streefwaarden = list(
        Streefwaarde.objects.filter(indicator_id__in={f.indicator.pk for f in figures})
    )
    books = {}
    judgements = {
        (j.indicator_id, j.doelgroep_id, j.period_id): j.judgement
        for j in TrendOordeel.objects.filter(area=gemeente, period_id__in=list(bases))
    }
    # (indicator, doelgroep, period) with a figure of the gemeente itself.
    own = {
        (f.indicator.pk, f.doelgroep.pk if f.doelgroep else None, f.period.pk)
        for f in figures
        if f.area.pk == gemeente.pk
    }
    assessed = []
    for f in figures:
        year = f.period.year
        if year not in books:
            books[year] = TargetBook(streefwaarden, year, {gemeente.pk: regio_ids})
        dg = f.doelgroep.pk if f.doelgroep else None
        streefwaarde = books[year].lookup(f.indicator, f.area.pk, dg)
        base = bases.get(f.period.pk)
        base_value = computed[base.pk].get(f.indicator.pk, f.area.pk, dg) if base else None
        trend, is_judgement = trend_proposal(f.indicator, f.value, base_value), False
        judged = (f.indicator.pk, dg, f.period.pk)
        if judged in judgements and (f.area.pk == gemeente.pk or judged not in own):
            trend, is_judgement = judgements[judged], True
        assessed.append(
            replace(
                f,
                streefwaarde=streefwaarde,
                target_met=is_met(f.value, streefwaarde, f.indicator.decimals),
                trend=trend,
                trend_is_judgement=is_judgement,
            )
        )
    return assessed


def collect(report: Report, generated_at: datetime) -> ReportContent:
    """Arrange the approved figures for ``report`` into themas, sections, tables and charts."""
    report = (
        Report.objects.select_related("gemeente", "period", "replaces")
        .prefetch_related("texts")
        .get(pk=report.pk)
    )
    all_figures = with_engine(report, approved_figures(report))
    history: dict[int, list[Figure]] = defaultdict(list)
    periods_per_indicator: dict[int, set[Period]] = defaultdict(set)
    for f in all_figures:
        history[f.indicator.pk].append(f)
        periods_per_indicator[f.indicator.pk].add(f.period)
    current_period = {
        pk: _current_period(periods, report.period) for pk, periods in periods_per_indicator.items()
    }
    current = [f for f in all_figures if f.period == current_period[f.indicator.pk]]

    texts = {t.thema_id: t.wat_zien_we for t in report.texts.all()}
    themas = []
    for number, thema in enumerate(Thema.objects.order_by("order", "name"), start=1):
        in_thema = [f for f in current if f.indicator.thema_id == thema.pk]
        groups: dict[tuple, list[Figure]] = defaultdict(list)
        for f in in_thema:
            if f.indicator.soort == IndicatorSoort.MAATSCHAPPELIJK:
                groups[(0, "", 0)].append(f)
            else:
                groups[(1, f.uitvoerder.name, f.uitvoerder.pk)].append(f)
        sections = []
        for key in sorted(groups):
            figures = groups[key]
            uitvoerder = None if key[0] == 0 else figures[0].uitvoerder
            title = (
                _("Deel 1 Populatie")
                if uitvoerder is None
                else _("Deel 2 Prestaties %(uitvoerder)s") % {"uitvoerder": uitvoerder.name}
            )
            sections.append(
                Section(
                    title=title,
                    uitvoerder=uitvoerder,
                    tables=_tables(figures),
                    # Charts follow the series as delivered and computed, not the totals.
                    charts=_charts([f for f in figures if not f.total], history),
                )
            )
        themas.append(
            ThemaSection(
                number=number,
                thema=thema,
                wat_zien_we=texts.get(thema.pk, "").strip(),
                sections=sections,
            )
        )

    # The XLSX holds what the PDF shows: the table figures and the points of every chart.
    chart_points = [
        point
        for t in themas
        for s in t.sections
        for c in s.charts
        for series in c.series
        for point in series.points
    ]
    used = list({id(f): f for f in [*current, *chart_points]}.values())
    uitvoerders = sorted({f.uitvoerder for f in current if f.uitvoerder}, key=lambda o: o.name)
    return ReportContent(
        report=report,
        generated_at=generated_at,
        themas=themas,
        indicators=report_indicators(report, all_figures),
        figures=sorted(current, key=lambda f: (f.indicator.thema.order, *_figure_order(f))),
        history=sorted(
            used,
            key=lambda f: (
                f.indicator.thema.order,
                *_figure_order(f),
                f.period.start,
                f.period.end,
            ),
        ),
        uitvoerders=uitvoerders,
        kosten=report_costs(report.gemeente, report.period),
    )
