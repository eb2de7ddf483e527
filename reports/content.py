"""What goes into a report: approved figures only, arranged as the Walcheren monitor arranges them.

Per maatschappelijk resultaat (thema):

- *Deel 1 Populatie*: the narrative (Wat streven we na? Waarom is dit belangrijk? Wat zien we?
  Wat is de rol van de gemeente?) around the maatschappelijke indicatoren, charted over time and
  against the other gemeenten of the regio (and the regio itself, for rates);
- *Deel 2 Prestaties* per supplier: its contribution, a short description, the prestatie-indicatoren
  per doelgroep (table and charts, definitions as footnotes) and what stands out.

The tables hold the approved figures and what the indicator engine makes of them (totals over
doelgroepen and gemeenten, computed indicators with their formula), each with its streefwaarde and
trend (:func:`with_engine`). The report goes to the council and is public, so disclosure control
(:mod:`indicators.disclosure`) marks small counts, and what could reveal them, as secret
(:func:`protect_figures`); the PDF shows those as "geheim", the XLSX (internal) keeps the exact
figures. The PDF, its HTML preview and the XLSX are all rendered from one :class:`ReportContent`,
so they always hold the same figures.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from beleidskader.report import chapter as beleidskader_chapter
from budgets.services import report_costs
from indicators.disclosure import GEHEIM, SUPPRESSION_FLAGS, Flag, Rules, footnotes
from indicators.disclosure.patterns import pattern_for
from indicators.engine import Catalogue, compute
from indicators.models import (
    Eenheid,
    Indicator,
    IndicatorSoort,
    Oordeel,
    Period,
    PeriodType,
    Streefwaarde,
    Thema,
    TrendOordeel,
    UitvraagRegel,
    Value,
)
from indicators.quality.validation import format_value
from indicators.targets import TargetBook, is_met, target_text, trend_proposal
from organisations.models import Doelgroep, Organisation

from .incomplete import incomplete_totals
from .models import Report

# Figure.total: a total over the doelgroepen, or a regio's total over its gemeenten.
TOTAL_DOELGROEPEN = "doelgroepen"
TOTAL_GEMEENTEN = "gemeenten"

# Chart kinds: a line over time, or bars comparing the gemeenten at one moment.
LIJN = "lijn"
STAAF = "staaf"


def disclosure_rules() -> Rules:
    """The configured suppression rules. The council report is not rounded: it shows exact
    figures apart from the secret ones (rounding is for the open-data publication)."""
    return Rules(min_count=settings.DISCLOSURE_MIN_COUNT, max_count=settings.DISCLOSURE_MAX_COUNT)


def _with_unit(value: Decimal, indicator: Indicator) -> str:
    text = format_value(value, indicator)
    if indicator.eenheid == Eenheid.AANTAL:
        return text
    if indicator.eenheid == Eenheid.PERCENTAGE:
        return f"{text}%"
    if indicator.eenheid == Eenheid.EURO:
        return f"€ {text}"
    return f"{text} {indicator.get_eenheid_display()}"


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
    base_value: Decimal | None = None  # the figure the trend compares with
    base_period: Period | None = None
    # Another gemeente of the regio: only in the charts of Deel 1, to compare with.
    comparison: bool = False
    # Disclosure control in the PDF: an indicators.disclosure.Flag value ("" = shown as is).
    disclosure: str = ""

    @property
    def series_key(self):
        return (self.indicator.pk, self.doelgroep.pk if self.doelgroep else None, self.area.pk)

    @property
    def key(self):
        """The cell for disclosure control: indicator, area, doelgroep and period."""
        return (
            self.indicator.pk,
            self.area.pk,
            self.doelgroep.pk if self.doelgroep else None,
            self.period.pk,
        )

    @property
    def secret(self) -> bool:
        return self.disclosure in SUPPRESSION_FLAGS

    @property
    def shown(self) -> str:
        """The figure as the PDF prints it: "geheim" when disclosure control hides it."""
        return GEHEIM if self.secret else self.formatted

    @property
    def target_text(self) -> str:
        """E.g. "minimaal 7,5 (gehaald)"; "" without a target. Whether a secret figure meets its
        target is not said: that would narrow down the hidden value."""
        text = target_text(self.streefwaarde, self.indicator)
        if not text or self.target_met is None or self.secret:
            return text
        return f"{text} ({_('gehaald') if self.target_met else _('niet gehaald')})"

    @property
    def trend_text(self) -> str:
        """The judgement, or the proposal marked "voorstel"; "" when the trend is not judged (or
        the figure is secret)."""
        if self.secret:
            return ""
        if self.trend_is_judgement:
            return str(Oordeel(self.trend).label)
        if self.trend == Oordeel.GEEN:
            return ""
        return _("%(oordeel)s (voorstel)") % {"oordeel": Oordeel(self.trend).label}

    @property
    def change_text(self) -> str:
        """The change the trend is about, e.g. "gestegen van 9,8% (2017 tweede halfjaar) naar
        12,5% (2018 eerste halfjaar)"; "" without a previous figure or for a secret figure."""
        if self.secret or self.base_value is None or self.base_period is None:
            return ""
        if self.value > self.base_value:
            verb = _("gestegen")
        elif self.value < self.base_value:
            verb = _("gedaald")
        else:
            verb = _("gelijk gebleven")
        return _("%(verb)s van %(base)s (%(base_period)s) naar %(value)s (%(period)s)") % {
            "verb": verb,
            "base": _with_unit(self.base_value, self.indicator),
            "base_period": self.base_period.label,
            "value": _with_unit(self.value, self.indicator),
            "period": self.period.label,
        }

    @property
    def subject(self) -> str:
        """What the figure is about, for a sentence: indicator (doelgroep, area)."""
        details = [self.doelgroep.name] if self.doelgroep else []
        if not self.area.is_gemeente:
            details.append(self.area.name)
        name = self.indicator.name
        return f"{name} ({', '.join(details)})" if details else name

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
        if self.comparison:
            return _("vergelijking")
        if self.computed:
            return _("berekend")
        if self.total:
            return _("totaal")
        return _("aangeleverd")


def _disclosure_notes(rules: Rules | None, figures) -> list[str]:
    if rules is None:
        return []
    return footnotes(rules, {Flag(f.disclosure) for f in figures if f.secret})


@dataclass
class Series:
    """The history of one indicator × doelgroep × area, oldest first."""

    doelgroep: Doelgroep | None
    area: Organisation
    points: list[Figure]
    own: bool = False  # the report's gemeente itself (drawn first and boldest)

    @property
    def label(self) -> str:
        return self.area.name


# A chart's data table has a column per period up to this many; beyond it a row per year.
WIDE_CHART_PERIODS = 8


@dataclass
class YearRow:
    series: "Series"
    year: int
    cells: list[str]


@dataclass
class YearTable:
    columns: list[str]
    rows: list[YearRow]
    several: bool  # more than one series: the row header names the area too


@dataclass
class ChartData:
    """A chart of one indicator (and doelgroep): a line over time, or bars comparing the areas in
    one period. The PDF prints its data table next to it."""

    indicator: Indicator
    doelgroep: Doelgroep | None
    periods: list[Period]
    series: list[Series]
    kind: str = LIJN
    notes: list[str] = field(default_factory=list)  # disclosure footnotes of its points
    # Filled in by the renderer (reports.charts).
    image: str = ""
    alt: str = ""

    @property
    def title(self) -> str:
        if self.doelgroep:
            return f"{self.indicator.name} – {self.doelgroep.name}"
        return self.indicator.name

    @property
    def caption(self) -> str:
        unit = self.indicator.get_eenheid_display()
        if self.kind == STAAF:
            return _("%(name)s (%(unit)s) in de regio, %(period)s") % {
                "name": self.title,
                "unit": unit,
                "period": self.periods[0].label,
            }
        return _("Verloop %(name)s (%(unit)s), %(first)s tot en met %(last)s") % {
            "name": self.title,
            "unit": unit,
            "first": self.periods[0].label,
            "last": self.periods[-1].label,
        }

    @property
    def rows(self) -> list[tuple[Series, list[str]]]:
        """The data table: per series the value in each period ("" where there is none)."""
        rows = []
        for series in self.series:
            by_period = {p.period.pk: p for p in series.points}
            cells = []
            for period in self.periods:
                point = by_period.get(period.pk)
                if point is None:
                    cells.append("–")
                else:
                    cells.append(
                        point.shown + ("*" if point.voorlopig and not point.secret else "")
                    )
            rows.append((series, cells))
        return rows

    @property
    def wide(self) -> bool:
        """More periods than fit side by side on a page: the data table turns a quarter."""
        return len(self.periods) > WIDE_CHART_PERIODS

    @property
    def year_table(self) -> "YearTable":
        """The data table of a wide chart: per series a row per year, a column per quarter or
        half-year (20 quarters become 5 rows of 4), one column for yearly figures. A chart has
        periods of one type (``_block_charts``)."""
        period_type = self.periods[0].type
        if period_type == PeriodType.KWARTAAL:
            columns = [_("kwartaal %(number)s") % {"number": n} for n in range(1, 5)]
        elif period_type == PeriodType.HALFJAAR:
            columns = [_("eerste halfjaar"), _("tweede halfjaar")]
        else:
            columns = [_("Waarde")]
        years = sorted({p.year for p in self.periods})
        rows = []
        for series, cells in self.rows:
            by_number = {
                (p.year, p.number): cell for p, cell in zip(self.periods, cells, strict=True)
            }
            for year in years:
                values = [by_number.get((year, n), "–") for n in range(1, len(columns) + 1)]
                rows.append(YearRow(series=series, year=year, cells=values))
        return YearTable(columns=columns, rows=rows, several=len(self.series) > 1)

    @property
    def has_voorlopig(self) -> bool:
        return any(p.voorlopig and not p.secret for s in self.series for p in s.points)


@dataclass
class FigureTable:
    doelgroep: Doelgroep | None
    figures: list[Figure]
    is_total: bool = False  # the totals over the doelgroepen of a section
    disclosure_notes: list[str] = field(default_factory=list)

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
        """Footnotes (number, indicator, text): each indicator's definition and, for a computed
        indicator, its formula in words."""
        seen = {}
        for f in self.figures:
            if f.indicator.pk in seen:
                continue
            parts = []
            definition = f.indicator.definition.strip()
            if definition:
                parts.append(f"{f.indicator.name}: {definition}")
            if f.computed:
                parts.append(
                    _("%(name)s is berekend: %(formula)s.")
                    % {"name": f.indicator.name, "formula": f.formula_text}
                )
            if parts:
                seen[f.indicator.pk] = (len(seen) + 1, f.indicator, " ".join(parts))
        return list(seen.values())

    @property
    def rows(self) -> list[tuple[Figure, int | None]]:
        """The figures with the number of their footnote."""
        numbers = {indicator.pk: n for n, indicator, _text in self.notes}
        return [(f, numbers.get(f.indicator.pk)) for f in self.figures]

    @property
    def has_toelichting(self) -> bool:
        return any(f.toelichting for f in self.figures)

    @property
    def has_voorlopig(self) -> bool:
        return any(f.voorlopig for f in self.figures)

    @property
    def sources(self) -> list[str]:
        """Where the figures come from: each indicator's source, else its supplier."""
        found = []
        for f in self.figures:
            source = f.indicator.source or (f.uitvoerder.name if f.uitvoerder else "")
            if f.computed:
                source = _("berekend uit goedgekeurde cijfers")
            if source and source not in found:
                found.append(source)
        return found

    @property
    def peildata(self) -> list:
        return sorted({f.period.peildatum for f in self.figures})


@dataclass
class Block:
    """The figures of one doelgroep within a section: a table and the charts beside it."""

    doelgroep: Doelgroep | None
    table: FigureTable | None
    charts: list[ChartData] = field(default_factory=list)
    is_total: bool = False

    @property
    def title(self) -> str:
        if self.is_total:
            return _("Totaal over de doelgroepen")
        if self.doelgroep:
            return _("Doelgroep %(name)s") % {"name": self.doelgroep.name}
        return _("Alle doelgroepen")


@dataclass
class Section:
    """Deel 1 Populatie (maatschappelijke indicatoren) or Deel 2 Prestaties of one supplier."""

    title: str
    uitvoerder: Organisation | None
    blocks: list[Block] = field(default_factory=list)
    anchor: str = ""
    # Indicators of this part without approved figures in the report.
    without_figures: list[Indicator] = field(default_factory=list)
    ontwikkel: list[Indicator] = field(default_factory=list)  # ontwikkelindicatoren among them
    incomplete: list[str] = field(default_factory=list)  # totals not shown: parts missing
    # Deel 2: the supplier's texts and description.
    bijdrage: str = ""
    wat_valt_op: str = ""
    beschrijving: str = ""
    described_in: int | None = None  # the chapter that already describes the supplier
    doelgroepen: list[Doelgroep] = field(default_factory=list)

    @property
    def is_populatie(self) -> bool:
        return self.uitvoerder is None

    @property
    def tables(self) -> list[FigureTable]:
        return [b.table for b in self.blocks if b.table]

    @property
    def charts(self) -> list[ChartData]:
        return [c for b in self.blocks for c in b.charts]

    @property
    def has_figures(self) -> bool:
        return bool(self.blocks)


@dataclass
class ThemaTexts:
    """The narrative of Deel 1 (see :mod:`reports.texts`)."""

    wat_streven_we_na: str = ""
    waarom_belangrijk: str = ""
    wat_zien_we: str = ""  # what is neither positive nor negative
    wat_zien_we_positief: str = ""
    wat_zien_we_negatief: str = ""
    rol_gemeente: str = ""


@dataclass
class ThemaSection:
    number: int
    thema: Thema
    texts: ThemaTexts
    populatie: Section
    prestaties: list[Section]
    # "Wat zien we?": the gemeente's maatschappelijke indicatoren with a positive or negative trend.
    positief: list[Figure] = field(default_factory=list)
    negatief: list[Figure] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"thema-{self.thema.code}"

    @property
    def sections(self) -> list[Section]:
        return [self.populatie, *self.prestaties]

    @property
    def wat_zien_we(self) -> str:
        return self.texts.wat_zien_we

    @property
    def has_figures(self) -> bool:
        return any(s.has_figures for s in self.sections)


@dataclass
class BijlageRow:
    """A line of the appendix "Indicatorenoverzicht"."""

    indicator: Indicator
    doelgroep: Doelgroep | None
    uitvoerder: Organisation | None


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
    # "Beleid en voortgang": beleidskader.report.chapter (adopted kaders of the gemeente).
    beleid: object = None
    introduction: str = ""
    bijlage: list[BijlageRow] = field(default_factory=list)
    rules: Rules | None = None
    disclosure_notes: list[str] = field(default_factory=list)  # the rules applied anywhere

    @property
    def has_voorlopig(self) -> bool:
        return any(f.voorlopig for f in self.history)

    @property
    def has_secret(self) -> bool:
        return bool(self.disclosure_notes)

    @property
    def charts(self) -> list[ChartData]:
        return [c for t in self.themas for s in t.sections for c in s.charts]

    @property
    def prestatie_uitvoerders(self) -> list[Organisation]:
        """The suppliers with a Deel 2 in the report: they wrote part of it."""
        found = {s.uitvoerder.pk: s.uitvoerder for t in self.themas for s in t.prestaties}
        return sorted(found.values(), key=lambda o: o.name)


def area_ids_for(gemeente: Organisation) -> set[int]:
    """The gemeente itself and the regio's it belongs to."""
    return {gemeente.pk} | set(gemeente.groepen.regios().values_list("pk", flat=True))


def report_values(report: Report):
    """The approved values the report is about: the gemeente and its regio's, in the years it
    covers (from ``report.history_start`` up to the end of its period). The areas are looked up
    first: a plain ``IN`` is far quicker on a large value table than the join to the regio's."""
    return Value.objects.approved().filter(
        area_id__in=sorted(area_ids_for(report.gemeente)),
        submission__period__end__lte=report.period.end,
        submission__period__start__gte=report.history_start,
    )


def approved_figures(report: Report) -> list[Figure]:
    """Every approved figure of :func:`report_values`, later approvals winning."""
    values = (
        report_values(report)
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


def _doelgroep_order(doelgroep: Doelgroep | None):
    return (doelgroep is not None, doelgroep.order if doelgroep else 0, str(doelgroep or ""))


def report_indicators(report: Report, figures: list[Figure]) -> list[Indicator]:
    """The indicators of this gemeente's monitor: asked from its suppliers, with figures, and the
    maatschappelijke indicatoren (they are about every gemeente)."""
    asked = UitvraagRegel.objects.filter(uitvraag__areas__in=area_ids_for(report.gemeente))
    return list(
        Indicator.objects.filter(
            Q(pk__in={f.indicator.pk for f in figures})
            | Q(pk__in=asked.values("indicator_id"))
            | Q(soort=IndicatorSoort.MAATSCHAPPELIJK)
        )
        .select_related("thema", "uitvoerder")
        .order_by("thema__order", "thema__name", "soort", "order", "name")
    )


def asked_rows(report: Report) -> list[tuple[int, int | None, int]]:
    """(indicator, doelgroep, supplier) of every uitvraag row about the gemeente or its regio's."""
    return list(
        UitvraagRegel.objects.filter(uitvraag__areas__in=area_ids_for(report.gemeente))
        .values_list("indicator_id", "doelgroep_id", "uitvraag__uitvoerder_id")
        .distinct()
        .order_by("indicator_id", "uitvraag__uitvoerder_id", "doelgroep_id")
    )


# --- the indicator engine: totals, computed indicators, targets and trends -------------------------


def with_engine(report: Report, entered: list[Figure], catalogue=None) -> list[Figure]:
    """The approved figures plus what the indicator engine makes of them, each with its target,
    whether it is met and its trend; see :func:`engine_figures` and :func:`assess`. The other
    gemeenten' maatschappelijke indicatoren come along as comparison figures."""
    catalogue = catalogue or Catalogue.load()
    # A computed indicator is never entered: a figure stored for it is not used (as in the engine).
    entered = [f for f in entered if f.indicator.pk not in catalogue.computed]
    periods = {f.period.pk: f.period for f in entered}
    bases = {pk: period.previous() for pk, period in periods.items()}
    computed = compute([*periods.values(), *bases.values()], [report.gemeente], catalogue)
    figures = entered + engine_figures(report, entered, periods, computed, catalogue)
    return assess(report, figures, bases, computed, catalogue) + comparison_figures(
        report, periods, computed, catalogue
    )


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


def comparison_figures(report, periods, computed, catalogue) -> list[Figure]:
    """The other gemeenten of the gemeente's regio's, for the maatschappelijke indicatoren: their
    figures as entered, in the periods of the report's own figures. Only the charts of Deel 1 use
    them; a prestatie-indicator of another gemeente never appears."""
    gemeente = report.gemeente
    others = set()
    for figures in computed.values():
        for regio in figures.regios_of(gemeente.pk):
            others |= figures.members[regio]
    others.discard(gemeente.pk)
    if not others:
        return []
    wanted = {
        (key, period_pk)
        for period_pk in periods
        for key in computed[period_pk].values
        if key[1] in others
        and key not in computed[period_pk].derived
        and key[0] in catalogue.indicators
        and key[0] not in catalogue.computed
        and catalogue.indicators[key[0]].soort == IndicatorSoort.MAATSCHAPPELIJK
    }
    if not wanted:
        return []
    areas = Organisation.objects.in_bulk(sorted({key[1] for key, _p in wanted}))
    doelgroepen = Doelgroep.objects.in_bulk(sorted({key[2] for key, _p in wanted if key[2]}))
    result = []
    for (indicator_id, area_id, doelgroep_id), period_pk in sorted(
        wanted, key=lambda item: (item[0][0], item[0][1], item[0][2] or 0, item[1])
    ):
        figures = computed[period_pk]
        result.append(
            Figure(
                indicator=catalogue.indicators[indicator_id],
                uitvoerder=None,
                doelgroep=doelgroepen.get(doelgroep_id),
                area=areas[area_id],
                period=periods[period_pk],
                value=figures.values[(indicator_id, area_id, doelgroep_id)],
                voorlopig=(indicator_id, area_id, doelgroep_id) in figures.provisional,
                toelichting="",
                comparison=True,
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
                base_value=base_value,
                base_period=base if base_value is not None else None,
            )
        )
    return assessed


# --- disclosure control ----------------------------------------------------------------------------


def protect_figures(figures: list[Figure], catalogue, rules: Rules, members=None) -> list[Figure]:
    """The figures with their disclosure flag, from the one pattern per indicator × jaar that
    every public output reads (:mod:`indicators.disclosure.patterns`): small counts are secret,
    so is whatever would let them be worked out across the linked tables (gemeenten and regio's,
    doelgroepen and their total, the year and its parts), and rates computed from a secret count.
    A figure other than the approved one the pattern was made for is secret as well.
    ``members`` is no longer used: the pattern knows the hierarchy."""
    if not figures:
        return figures
    areas, years = {f.area.pk for f in figures}, {f.period.year for f in figures}
    pattern = pattern_for(areas, years, rules, catalogue)
    result = []
    for f in figures:
        cell = pattern.cell(f.key, f.value, round_to=0)
        result.append(replace(f, disclosure=str(cell.flag)) if cell.flag != Flag.NONE else f)
    return result


# --- arranging the figures -------------------------------------------------------------------------


def _chart(indicator, doelgroep, series_figures, bars_allowed, rules, gemeente):
    """A chart of the given series (dict key → list of points), or None when there is nothing to
    draw: a line over at least two periods, else (Deel 1) bars over at least two areas."""
    own_points = [p for key, points in series_figures.items() for p in points]
    if not own_points:
        return None
    periods = sorted({p.period for p in own_points}, key=lambda p: p.start)
    series = [
        Series(
            doelgroep=points[0].doelgroep,
            area=points[0].area,
            points=sorted(points, key=lambda p: p.period.start),
            own=points[0].area.pk == gemeente.pk,
        )
        for points in series_figures.values()
    ]
    # The gemeente first, then the other gemeenten, then the regio's.
    series.sort(key=lambda s: (not s.own, not s.area.is_gemeente, s.area.name))
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
    )


def _block_charts(block_figures, history, comparison, populatie, rules, gemeente):
    """Per indicator of a block: its series over time (Deel 1: with the other gemeenten)."""
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
        if populatie:
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


def _blocks(figures, history, comparison, populatie, rules, gemeente) -> list[Block]:
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
                    [f for f in fs if not f.total], history, comparison, populatie, rules, gemeente
                ),
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


def collect(report: Report, generated_at: datetime) -> ReportContent:
    """Arrange the approved figures for ``report`` into themas, sections, tables and charts."""
    report = (
        Report.objects.select_related("gemeente", "period", "replaces", "created_by")
        .prefetch_related("texts", "supplier_texts")
        .get(pk=report.pk)
    )
    gemeente = report.gemeente
    catalogue = Catalogue.load()
    rules = disclosure_rules()
    everything = protect_figures(
        with_engine(report, approved_figures(report), catalogue), catalogue, rules
    )
    all_figures = [f for f in everything if not f.comparison]
    comparison: dict[int, list[Figure]] = defaultdict(list)
    for f in everything:
        if f.comparison:
            comparison[f.indicator.pk].append(f)

    history: dict[int, list[Figure]] = defaultdict(list)
    periods_per_indicator: dict[int, set[Period]] = defaultdict(set)
    for f in all_figures:
        history[f.indicator.pk].append(f)
        periods_per_indicator[f.indicator.pk].add(f.period)
    current_period = {
        pk: _current_period(periods, report.period) for pk, periods in periods_per_indicator.items()
    }
    current = [f for f in all_figures if f.period == current_period[f.indicator.pk]]

    indicators = report_indicators(report, all_figures)
    asked = asked_rows(report)
    texts = {t.thema_id: t for t in report.texts.all()}
    supplier_texts = {(t.thema_id, t.uitvoerder_id): t for t in report.supplier_texts.all()}
    uitvoerders_by_pk = Organisation.objects.uitvoerders().in_bulk()
    doelgroepen_by_pk = Doelgroep.objects.in_bulk()
    with_figures = {f.indicator.pk for f in all_figures}
    incomplete = incomplete_totals(report, catalogue)
    asked_by: dict[int, int] = {}  # indicator → the supplier asked for it first
    for indicator_id, _doelgroep_id, uitvoerder_id in asked:
        asked_by.setdefault(indicator_id, uitvoerder_id)

    themas = []
    described: dict[int, int] = {}  # supplier → the chapter describing it
    for number, thema in enumerate(Thema.objects.order_by("order", "name"), start=1):
        in_thema = [f for f in current if f.indicator.thema_id == thema.pk]
        thema_indicators = [i for i in indicators if i.thema_id == thema.pk]
        populatie_figures = [
            f for f in in_thema if f.indicator.soort == IndicatorSoort.MAATSCHAPPELIJK
        ]
        populatie = Section(
            title=_("Deel 1 Populatie"),
            uitvoerder=None,
            blocks=_blocks(populatie_figures, history, comparison, True, rules, gemeente),
            anchor=f"thema-{thema.code}-populatie",
        )
        _missing(
            populatie,
            [i for i in thema_indicators if i.soort == IndicatorSoort.MAATSCHAPPELIJK],
            with_figures,
            incomplete,
        )

        # Deel 2: every supplier with figures, rows asked or texts in this thema.
        by_supplier: dict[int, list[Figure]] = defaultdict(list)
        for f in in_thema:
            if f.indicator.soort != IndicatorSoort.MAATSCHAPPELIJK and f.uitvoerder:
                by_supplier[f.uitvoerder.pk].append(f)
        thema_indicator_ids = {i.pk for i in thema_indicators}
        supplier_ids = set(by_supplier)
        asked_doelgroepen: dict[int, set[int]] = defaultdict(set)
        for indicator_id, doelgroep_id, uitvoerder_id in asked:
            indicator = catalogue.indicators.get(indicator_id)
            if indicator_id in thema_indicator_ids and indicator.soort != (
                IndicatorSoort.MAATSCHAPPELIJK
            ):
                supplier_ids.add(uitvoerder_id)
                if doelgroep_id:
                    asked_doelgroepen[uitvoerder_id].add(doelgroep_id)
        supplier_ids |= {u for (t, u) in supplier_texts if t == thema.pk}
        prestaties = []
        for uitvoerder in sorted(
            (uitvoerders_by_pk[pk] for pk in supplier_ids if pk in uitvoerders_by_pk),
            key=lambda o: o.name,
        ):
            saved = supplier_texts.get((thema.pk, uitvoerder.pk))
            figures = by_supplier.get(uitvoerder.pk, [])
            doelgroep_ids = asked_doelgroepen[uitvoerder.pk] | {
                f.doelgroep.pk for f in figures if f.doelgroep
            }
            section = Section(
                title=_("Deel 2 Prestaties %(uitvoerder)s") % {"uitvoerder": uitvoerder.name},
                uitvoerder=uitvoerder,
                blocks=_blocks(figures, history, comparison, False, rules, gemeente),
                anchor=f"thema-{thema.code}-{uitvoerder.code}",
                bijdrage=(saved.bijdrage if saved else "").strip(),
                wat_valt_op=(saved.wat_valt_op if saved else "").strip(),
                beschrijving=uitvoerder.description.strip(),
                described_in=described.get(uitvoerder.pk),
                doelgroepen=sorted(
                    (doelgroepen_by_pk[pk] for pk in doelgroep_ids if pk in doelgroepen_by_pk),
                    key=lambda d: (d.order, d.name),
                ),
            )
            described.setdefault(uitvoerder.pk, number)
            _missing(
                section,
                [
                    i
                    for i in thema_indicators
                    if i.soort != IndicatorSoort.MAATSCHAPPELIJK
                    and (i.uitvoerder_id or asked_by.get(i.pk)) == uitvoerder.pk
                ],
                with_figures,
                incomplete,
            )
            prestaties.append(section)

        themas.append(
            ThemaSection(
                number=number,
                thema=thema,
                texts=thema_texts(thema, texts.get(thema.pk)),
                populatie=populatie,
                prestaties=prestaties,
                positief=_trend_figures(populatie_figures, gemeente, Oordeel.POSITIEF),
                negatief=_trend_figures(populatie_figures, gemeente, Oordeel.NEGATIEF),
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
        indicators=indicators,
        figures=sorted(current, key=lambda f: (f.indicator.thema.order, *_figure_order(f))),
        history=sorted(
            used,
            key=lambda f: (
                f.indicator.thema.order,
                *_figure_order(f),
                f.comparison,
                f.period.start,
                f.period.end,
            ),
        ),
        uitvoerders=uitvoerders,
        kosten=report_costs(gemeente, report.period),
        beleid=beleidskader_chapter(gemeente, report.period.year),
        introduction=report.introduction.strip()
        or default_introduction(gemeente, [u.name for u in uitvoerders]),
        bijlage=_bijlage(indicators, asked, doelgroepen_by_pk, uitvoerders_by_pk),
        rules=rules,
        disclosure_notes=_disclosure_notes(rules, everything),
    )


def _missing(
    section: Section, indicators: list[Indicator], with_figures: set[int], incomplete=None
) -> None:
    """Note the section's indicators without approved figures (ontwikkelindicatoren apart) and
    its totals that are incomplete (see :mod:`reports.incomplete`)."""
    for indicator in indicators:
        if incomplete and indicator.pk in incomplete:
            section.incomplete.append(incomplete[indicator.pk])
        if indicator.pk in with_figures:
            continue
        if indicator.is_ontwikkelindicator:
            section.ontwikkel.append(indicator)
        else:
            section.without_figures.append(indicator)


def _bijlage(indicators, asked, doelgroepen, uitvoerders) -> list[BijlageRow]:
    """Every indicator once per doelgroep it is asked for (once without doelgroep otherwise),
    per thema: maatschappelijke indicatoren first, then per supplier and doelgroep."""
    asked_for: dict[int, list[tuple[int | None, int]]] = defaultdict(list)
    for indicator_id, doelgroep_id, uitvoerder_id in asked:
        asked_for[indicator_id].append((doelgroep_id, uitvoerder_id))
    rows = []
    for indicator in indicators:
        options = asked_for.get(indicator.pk) or [(None, indicator.uitvoerder_id)]
        seen = set()
        for doelgroep_id, uitvoerder_id in options:
            doelgroep = doelgroepen.get(doelgroep_id)
            uitvoerder = (
                None
                if indicator.soort == IndicatorSoort.MAATSCHAPPELIJK
                else uitvoerders.get(indicator.uitvoerder_id or uitvoerder_id)
            )
            key = (doelgroep_id, uitvoerder.pk if uitvoerder else None)
            if key in seen:
                continue
            seen.add(key)
            rows.append(BijlageRow(indicator=indicator, doelgroep=doelgroep, uitvoerder=uitvoerder))
    aspect_order = {"ontwikkeling": 0, "inzet": 1, "effect": 2}
    rows.sort(
        key=lambda r: (
            r.indicator.thema.order,
            r.indicator.thema.name,
            r.indicator.soort != IndicatorSoort.MAATSCHAPPELIJK,
            r.uitvoerder.name if r.uitvoerder else "",
            _doelgroep_order(r.doelgroep),
            aspect_order.get(r.indicator.aspect, 3),
            r.indicator.order,
            r.indicator.name,
        )
    )
    return rows
