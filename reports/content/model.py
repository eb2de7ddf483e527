"""The pieces a report is made of: a figure as the report shows it, series and charts, tables,
blocks, sections, the thema chapters and the whole :class:`ReportContent` (see :mod:`reports.content`)."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from budgets.charts import series_chart
from indicators.disclosure import GEHEIM, SUPPRESSION_FLAGS, Flag, Rules, footnotes
from indicators.models import (
    Eenheid,
    Indicator,
    Oordeel,
    Period,
    PeriodType,
    Thema,
)
from indicators.quality.validation import format_value
from indicators.targets import target_text
from organisations.models import Doelgroep, Organisation

from ..models import Report

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
    name: str = ""  # what the series is called when not after its area (a doelgroep)

    @property
    def label(self) -> str:
        return self.name or self.area.name


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
    primary: str = ""  # the theme's colour for the gemeente's own series ("" = the default)
    by_doelgroep: bool = False  # a line per doelgroep of the indicator (not per area)
    # Filled in by the renderer (reports.charts).
    image: str = ""
    alt: str = ""

    @property
    def title(self) -> str:
        if self.doelgroep:
            return f"{self.indicator.name} – {self.doelgroep.name}"
        return self.indicator.name

    @property
    def series_heading(self) -> str:
        """The data table's first column: what a row is."""
        return _("Doelgroep") if self.by_doelgroep else _("Gebied")

    @property
    def caption(self) -> str:
        unit = self.indicator.get_eenheid_display()
        if self.kind == STAAF and self.by_doelgroep:
            return _("%(name)s (%(unit)s) per doelgroep, %(period)s") % {
                "name": self.title,
                "unit": unit,
                "period": self.periods[0].label,
            }
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
    # Footnotes are numbered per section (:func:`share_notes`): an indicator's note is printed
    # under the first table of the section that shows it; later tables refer to its number.
    earlier: dict = field(default_factory=dict)  # indicator pk → (number, caption of that table)
    first_number: int = 1

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
            if f.indicator.pk in seen or f.indicator.pk in self.earlier:
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
                number = self.first_number + len(seen)
                seen[f.indicator.pk] = (number, f.indicator, " ".join(parts))
        return list(seen.values())

    @property
    def rows(self) -> list[tuple[Figure, int | None]]:
        """The figures with the number of their footnote (here or under an earlier table)."""
        numbers = {pk: n for pk, (n, _caption) in self.earlier.items()}
        numbers.update({indicator.pk: n for n, indicator, _text in self.notes})
        return [(f, numbers.get(f.indicator.pk)) for f in self.figures]

    @property
    def earlier_notes(self) -> list[str]:
        """Where the footnotes of this table that are printed under an earlier one stand: "3, 5 en
        8 staan bij de tabel Werkzoekenden"."""
        shown = {f.indicator.pk for f in self.figures}
        by_caption: dict[str, list[int]] = {}
        for pk, (number, caption) in self.earlier.items():
            if pk in shown:
                by_caption.setdefault(caption, []).append(number)
        texts = []
        for caption, numbers in by_caption.items():
            numbers = [str(n) for n in sorted(numbers)]
            listed = (
                numbers[0]
                if len(numbers) == 1
                else _("%(first)s en %(last)s")
                % {"first": ", ".join(numbers[:-1]), "last": numbers[-1]}
            )
            texts.append(
                ngettext(
                    "Voetnoot %(numbers)s staat bij de tabel %(caption)s.",
                    "Voetnoten %(numbers)s staan bij de tabel %(caption)s.",
                    len(numbers),
                )
                % {"numbers": listed, "caption": caption}
            )
        return texts

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

    @property
    def has_peildatum_column(self) -> bool:
        """A column of dates only where they differ: one date is said under the table."""
        return len(self.peildata) > 1


def share_notes(tables: list["FigureTable"]) -> None:
    """Number the footnotes of a section's tables once: an indicator shown in several tables
    (one per doelgroep) gets its definition and formula under the first, not under each."""
    given: dict[int, tuple[int, str]] = {}
    number = 1
    for table in tables:
        table.earlier = dict(given)
        table.first_number = number
        for n, indicator, _text in table.notes:
            given[indicator.pk] = (n, table.caption)
            number = n + 1


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
    # The profile's default: one chart per indicator of the part, after its tables.
    indicator_charts: list[ChartData] = field(default_factory=list)

    @property
    def is_populatie(self) -> bool:
        return self.uitvoerder is None

    @property
    def tables(self) -> list[FigureTable]:
        return [b.table for b in self.blocks if b.table]

    @property
    def charts(self) -> list[ChartData]:
        return [c for b in self.blocks for c in b.charts] + self.indicator_charts

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
class ReportTheme:
    """The gemeente's huisstijl as the report prints it (``organisations.theme``): the name on
    the cover, the primary colour of headings and charts, and the logo, embedded as a data: URI
    so the print source holds it (the snapshot keeps its SHA-256, not the image)."""

    name: str
    primary: str
    logo: str = ""  # data: URI, "" without a logo
    logo_sha256: str = ""


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
    profile: dict = field(default_factory=dict)  # what the report profile chose (ids)
    huisstijl: ReportTheme | None = None

    @property
    def has_voorlopig(self) -> bool:
        return any(f.voorlopig for f in self.history)

    @property
    def has_secret(self) -> bool:
        return bool(self.disclosure_notes)

    @property
    def charts(self) -> list[ChartData]:
        return [c for t in self.themas for s in t.sections for c in s.charts]

    @cached_property
    def kosten_chart(self):
        """ "Wat heeft het gekost?" as a bar chart, drawn when the PDF asks for it (the budget
        screens' chart of :mod:`budgets.charts`)."""
        if self.kosten is None:
            return None
        return series_chart(self.kosten.series, self.kosten.eenheid)

    @property
    def prestatie_uitvoerders(self) -> list[Organisation]:
        """The suppliers with a Deel 2 in the report: they wrote part of it."""
        found = {s.uitvoerder.pk: s.uitvoerder for t in self.themas for s in t.prestaties}
        return sorted(found.values(), key=lambda o: o.name)
