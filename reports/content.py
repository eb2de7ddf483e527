"""What goes into a report: approved figures only, arranged per thema, supplier and doelgroep.

The PDF and the XLSX are both rendered from one :class:`ReportContent`, so they always hold the
same figures.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from budgets.services import report_costs
from indicators.models import Indicator, IndicatorSoort, Period, Thema, UitvraagRegel, Value
from indicators.validation import format_value
from organisations.models import Doelgroep, Organisation

from .models import Report


@dataclass(frozen=True)
class Figure:
    """One approved figure as it appears in the report."""

    indicator: Indicator
    uitvoerder: Organisation
    doelgroep: Doelgroep | None
    area: Organisation
    period: Period
    value: Decimal
    voorlopig: bool
    toelichting: str

    @property
    def series_key(self):
        return (self.indicator.pk, self.doelgroep.pk if self.doelgroep else None, self.area.pk)

    @property
    def formatted(self) -> str:
        return format_value(self.value, self.indicator)

    @property
    def unit(self) -> str:
        return str(self.indicator.get_eenheid_display())

    @property
    def doelgroep_name(self) -> str:
        return self.doelgroep.name if self.doelgroep else _("Alle doelgroepen")


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

    @property
    def caption(self) -> str:
        return self.doelgroep.name if self.doelgroep else _("Alle doelgroepen")

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
    for f in figures:
        by_doelgroep[f.doelgroep.pk if f.doelgroep else None].append(f)
    tables = [
        FigureTable(doelgroep=fs[0].doelgroep, figures=sorted(fs, key=_figure_order))
        for fs in by_doelgroep.values()
    ]
    # Figures without doelgroep first, then doelgroepen in their own order.
    return sorted(
        tables,
        key=lambda t: (t.doelgroep is not None, t.doelgroep.order if t.doelgroep else 0, t.caption),
    )


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


def collect(report: Report, generated_at: datetime) -> ReportContent:
    """Arrange the approved figures for ``report`` into themas, sections, tables and charts."""
    report = (
        Report.objects.select_related("gemeente", "period", "replaces")
        .prefetch_related("texts")
        .get(pk=report.pk)
    )
    all_figures = approved_figures(report)
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
                    charts=_charts(figures, history),
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
    uitvoerders = sorted({f.uitvoerder for f in current}, key=lambda o: o.name)
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
