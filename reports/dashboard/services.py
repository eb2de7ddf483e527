"""The selection of a dashboard page and the figures it shows (rows, blocks, sections), built from
:mod:`.figures`.

A page looks at a gemeente "per" a selected period: every indicator shows its latest figure in a
period of its own type (quarter, half-year, year) that ends no later than the selected period —
as the report does, so yearly population figures sit beside half-yearly supplier figures — with
the period before it for the change and the trend, its streefwaarde, and, when a comparison is
chosen, the same figure of a second gemeente, the regio or the average of the gemeenten.

Views call :func:`build_context` once (the selection, checked against what the viewer may see) and
then one of :func:`.pages.home`, :func:`.pages.thema_page`, :func:`.pages.indicator_page` or
:func:`.budget.budget_page`.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.utils.html import escape, format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from indicators import engine
from indicators.models import (
    Eenheid,
    Indicator,
    IndicatorSoort,
    Oordeel,
    Period,
    PeriodType,
    Richting,
    Streefwaarde,
    SubmissionStatus,
    TrendOordeel,
)
from indicators.quality.validation import format_value
from indicators.targets import TargetBook, is_met, target_text, trend_proposal
from organisations.models import Doelgroep, Organisation

from . import figures, sources
from .figures import GEMIDDELDE, GEMIDDELDE_SUBJECT, Audience, Point, Subject

TOTAAL = "totaal"  # the doelgroep code of a total row in URLs and exports


# --- the selection ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CompareOption:
    code: str
    label: str
    group: str  # "gemeente" | "regio" | GEMIDDELDE
    subject: Subject


def period_choices(audience: Audience, gemeente: Organisation) -> list[Period]:
    """Periods a viewer can look "per": those with figures for them, latest first (a year
    before the half-year and the quarter that end on the same day)."""
    if audience.public:
        from reports.models import ReportStatus

        periods = Period.objects.filter(
            reports__gemeente=gemeente, reports__status=ReportStatus.VASTGESTELD
        ).distinct()
    else:
        statuses = [SubmissionStatus.GOEDGEKEURD]
        if audience.shows_pending:
            statuses.append(SubmissionStatus.INGEDIEND)
        periods = Period.objects.filter(submissions__status__in=statuses).distinct()
    order = {PeriodType.JAAR: 0, PeriodType.HALFJAAR: 1, PeriodType.KWARTAAL: 2}
    return sorted(periods, key=lambda p: (-p.end.toordinal(), order[p.type]))


def compare_options(user, audience: Audience, gemeente: Organisation) -> list[CompareOption]:
    """What a gemeente can be compared with: other gemeenten the viewer may see (on the public
    dashboard: other public dashboards), the regio's it belongs to, and the average."""
    if audience.public:
        with_report = sources.latest_reports(
            sources.public_gemeenten().values_list("pk", flat=True)
        )
        others = Organisation.objects.filter(pk__in=list(with_report)).order_by("name")
    else:
        others = engine.gemeenten_visible_to(user).order_by("name")
    options = [
        CompareOption(g.code, g.name, "gemeente", Subject("gemeente", g))
        for g in others
        if g.pk != gemeente.pk
    ]
    regios = Organisation.objects.regios().filter(gemeenten=gemeente).order_by("name")
    options += [
        CompareOption(r.code, _("Regio %(name)s") % {"name": r.name}, "regio", Subject("regio", r))
        for r in regios
    ]
    options.append(
        CompareOption(GEMIDDELDE, str(GEMIDDELDE_SUBJECT.label), GEMIDDELDE, GEMIDDELDE_SUBJECT)
    )
    return options


@dataclass
class Context:
    """One request's selection: whose dashboard, for whom, per which period, compared with what."""

    gemeente: Organisation
    audience: Audience
    period: Period | None
    periods: list[Period]
    compare: CompareOption | None
    compare_options: list[CompareOption]
    catalogue: engine.Catalogue
    public: bool = False  # the /openbaar/ pages

    @cached_property
    def report(self):
        """The latest vastgestelde report whose figures the public dashboard shows."""
        if not self.audience.public:
            return None
        return sources.latest_reports([self.gemeente.pk]).get(self.gemeente.pk)

    @property
    def preview(self) -> bool:
        """The griffie: the public figures, logged in (also when the public dashboard is off)."""
        return self.audience.public and not self.public

    @cached_property
    def version(self) -> str:
        return figures.data_version(self.catalogue)

    def cache_key(self, *extra) -> str:
        """For the rendered tables (template fragment cache): everything they depend on."""
        parts = [
            self.version,
            figures.assessment_version(),
            self.audience.key,
            self.gemeente.pk,
            self.period.pk if self.period else "",
            self.compare.code if self.compare else "",
            self.public,
            get_language(),
            *extra,
        ]
        return figures.digest("|".join(map(str, parts)))

    @cached_property
    def indicators(self) -> list[Indicator]:
        """Every indicator the viewer may see, in the catalogue's order (thema, soort, order)."""
        return [i for i in self.catalogue.indicators.values() if self.audience.shows(i)]

    @cached_property
    def window(self) -> list[Period]:
        if self.period is None:
            return []
        return figures.window(self.period, {i.period_type for i in self.indicators})

    @cached_property
    def subject(self) -> Subject:
        return Subject("gemeente", self.gemeente)

    @cached_property
    def points(self) -> figures.Points:
        return figures.subject_points(
            self.audience, self.subject, self.window, self.catalogue, version=self.version
        )

    def compare_points(self, indicator_ids, periods=None) -> figures.Points | None:
        if self.compare is None:
            return None
        return figures.subject_points(
            self.audience,
            self.compare.subject,
            periods if periods is not None else self.window,
            self.catalogue,
            indicator_ids,
            version=self.version,
        )

    @cached_property
    def periods_by_type(self) -> dict[str, list[Period]]:
        result = defaultdict(list)
        for period in self.window:
            result[period.type].append(period)
        return result

    def current_period(self, indicator) -> Period | None:
        """The latest period of the indicator's type with a figure (secret figures count)."""
        for period in reversed(self.periods_by_type.get(indicator.period_type, [])):
            if self.points.has(indicator.pk, period.pk):
                return period
        return None

    def base_period(self, period: Period | None) -> Period | None:
        if period is None:
            return None
        same = self.periods_by_type.get(period.type, [])
        index = same.index(period)
        return same[index - 1] if index > 0 else None

    @property
    def query(self) -> dict:
        """The selection as query parameters, to carry along in links."""
        query = {}
        if self.period is not None:
            query["periode"] = self.period.identifier
        if self.compare is not None:
            query["vergelijk"] = self.compare.code
        return query


def build_context(
    gemeente, audience, *, periode=None, vergelijk=None, user=None, public=False
) -> Context:
    """The selection from the query string; an unknown period or comparison falls back to the
    default (the latest period, no comparison) — the form says what was wrong."""
    periods = period_choices(audience, gemeente)
    period = next((p for p in periods if p.identifier == periode), None)
    if period is None and periods:
        period = periods[0]
    options = compare_options(user, audience, gemeente)
    compare = next((o for o in options if o.code == vergelijk), None)
    return Context(
        gemeente=gemeente,
        audience=audience,
        period=period,
        periods=periods,
        compare=compare,
        compare_options=options,
        catalogue=engine.Catalogue.load(),
        public=public,
    )


# --- shown figures ---------------------------------------------------------------------------


def change(indicator, current: Decimal | None, base: Decimal | None) -> tuple[Decimal, str] | None:
    """The change against the previous period, rounded to one decimal, with its unit: in
    procentpunten for a percentage, else relative (%). None when it cannot be computed."""
    if current is None or base is None:
        return None
    if indicator.eenheid == Eenheid.PERCENTAGE:
        difference = current - base
        unit = _("procentpunt")
    else:
        difference = engine.change_percentage(current, base)
        unit = "%"
        if difference is None:
            return None
    return difference.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), unit


def format_change(indicator, current: Decimal | None, base: Decimal | None) -> str:
    found = change(indicator, current, base)
    if found is None:
        return ""
    difference, unit = found
    sign = "+" if difference > 0 else ""
    return f"{sign}{difference}".replace(".", ",") + f" {unit}"


@dataclass(frozen=True)
class Shown:
    """A figure with what a reader must know about it (secret, voorlopig, not yet approved)."""

    indicator: Indicator
    point: Point | None

    @property
    def value(self) -> Decimal | None:
        return self.point.value if self.point is not None else None

    @property
    def secret(self) -> bool:
        return self.point is not None and self.point.secret

    @property
    def missing(self) -> bool:
        return self.point is None or (self.point.value is None and not self.point.secret)

    @property
    def incomplete(self) -> bool:
        """A total with expected parts missing: shown as "onvolledig", never as a number."""
        return self.point is not None and self.point.incomplete and not self.secret

    @property
    def voorlopig(self) -> bool:
        return self.point is not None and self.point.voorlopig

    @property
    def pending(self) -> bool:
        return self.point is not None and self.point.pending

    @property
    def from_regio(self) -> bool:
        return self.point is not None and self.point.from_regio

    @property
    def text(self) -> str:
        if self.secret:
            return _("geheim")
        if self.incomplete:
            return engine.incomplete_text(self.point.missing)
        if self.value is None:
            return ""
        return format_value(self.value, self.indicator)

    @property
    def html(self) -> str:
        """The figure in a table cell with its marks (rendered here: a template include per
        cell is too slow for a thema with hundreds of rows)."""
        if self.secret:
            html = format_html('<span class="geheim">{}</span>', _("geheim"))
        elif self.incomplete:
            html = format_html(
                '<span class="onvolledig">{}</span>', engine.incomplete_text(self.point.missing)
            )
        elif self.missing:
            html = format_html(
                '<span aria-hidden="true">–</span><span class="visually-hidden">{}</span>',
                _("geen cijfer"),
            )
        else:
            html = escape(self.text)
            if self.voorlopig:
                html += format_html(
                    '<span class="mark" aria-hidden="true">*</span>'
                    '<span class="visually-hidden"> ({})</span>',
                    _("voorlopig"),
                )
            if self.from_regio:
                html += format_html(' <span class="regio-mark">{}</span>', _("(regio)"))
        if self.pending:
            html += format_html(
                '<br><span class="badge badge-pending">{}</span>', _("nog niet goedgekeurd")
            )
        return html  # SafeString: built from escaped parts only

    @property
    def status(self) -> str:
        """For the exports: geheim, nog niet goedgekeurd, voorlopig (or nothing)."""
        parts = []
        if self.secret:
            parts.append(_("geheim"))
        if self.incomplete:
            parts.append(engine.incomplete_text(self.point.missing))
        if self.pending:
            parts.append(_("nog niet goedgekeurd"))
        if self.voorlopig:
            parts.append(_("voorlopig"))
        return ", ".join(parts)


@dataclass
class Row:
    """One indicator × doelgroep (or the total) of the gemeente, with its comparison."""

    indicator: Indicator
    doelgroep: Doelgroep | None
    is_total: bool
    period: Period | None
    base_period: Period | None
    current: Shown
    base: Shown
    compare: Shown | None = None
    compare_base: Shown | None = None
    streefwaarde: object = None
    target_met: bool | None = None
    trend: str = Oordeel.GEEN
    trend_is_judgement: bool = False

    @property
    def label(self) -> str:
        if self.is_total:
            return _("Totaal")
        if self.doelgroep is not None:
            return self.doelgroep.name
        return _("Alle doelgroepen")

    @property
    def doelgroep_code(self) -> str:
        if self.is_total:
            return TOTAAL
        return self.doelgroep.code if self.doelgroep else ""

    @property
    def change(self) -> tuple[Decimal, str] | None:
        return change(self.indicator, self.current.value, self.base.value)

    @property
    def change_text(self) -> str:
        return format_change(self.indicator, self.current.value, self.base.value)

    @property
    def compare_change(self) -> tuple[Decimal, str] | None:
        if self.compare is None or self.compare_base is None:
            return None
        return change(self.indicator, self.compare.value, self.compare_base.value)

    @property
    def compare_change_text(self) -> str:
        if self.compare is None or self.compare_base is None:
            return ""
        return format_change(self.indicator, self.compare.value, self.compare_base.value)

    @property
    def target_text(self) -> str:
        return target_text(self.streefwaarde, self.indicator)

    # Cell contents, made here for speed (see Shown.html).

    @property
    def label_html(self) -> str:
        if self.is_total:
            return format_html("<strong>{}</strong>", self.label)
        return escape(self.label)

    @property
    def base_html(self) -> str:
        if self.base_period is None or self.base.missing:
            return self.base.html
        return self.base.html + format_html(
            '<br><span class="help">{}</span>', self.base_period.label
        )

    @property
    def target_html(self) -> str:
        if self.streefwaarde is None:
            return ""
        badge = ""
        if self.target_met is True:
            badge = format_html('<br><span class="badge badge-ok">{}</span>', _("gehaald"))
        elif self.target_met is False:
            badge = format_html('<br><span class="badge badge-no">{}</span>', _("niet gehaald"))
        return escape(self.target_text) + badge

    @property
    def trend_class(self) -> str:
        return {Oordeel.POSITIEF: "trend-positief", Oordeel.NEGATIEF: "trend-negatief"}.get(
            self.trend, ""
        )

    @property
    def trend_html(self) -> str:
        if self.indicator.is_ontwikkelindicator:
            return format_html(
                '<span class="help">{}</span>', _("geen oordeel (ontwikkelindicator)")
            )
        return escape(self.trend_label)

    @property
    def trend_label(self) -> str:
        if self.trend == Oordeel.GEEN:
            return ""
        label = str(Oordeel(self.trend).label)
        if self.trend_is_judgement:
            return label
        return _("%(oordeel)s (voorstel)") % {"oordeel": label}


@dataclass
class IndicatorBlock:
    indicator: Indicator
    rows: list[Row]

    @property
    def headline(self) -> Row | None:
        """The row that speaks for the indicator: its total, or its only row."""
        for row in self.rows:
            if row.is_total or row.doelgroep is None:
                return row
        return self.rows[0] if len(self.rows) == 1 else None


@dataclass
class Section:
    """Maatschappelijke indicatoren, or one supplier's prestatie-indicatoren."""

    title: str
    blocks: list[IndicatorBlock]

    @property
    def rows(self) -> list[Row]:
        return [row for block in self.blocks for row in block.rows]


def _doelgroep_order(doelgroepen):
    def key(dg):
        d = doelgroepen.get(dg)
        return (d.order, d.name, d.pk) if d else (0, "", 0)

    return key


def _row_keys(present: set, doelgroepen: dict) -> list[tuple[int | None, bool]]:
    """Doelgroepen first, then the total (only of two or more: a total of one repeats it)."""
    split = sorted((dg for dg in present if dg is not None), key=_doelgroep_order(doelgroepen))
    keys = [(dg, False) for dg in split]
    if not split:
        keys.append((None, False))
    elif None in present and len(split) > 1:
        keys.append((None, True))
    return keys


class Assessor:
    """Streefwaarden and trend judgements for the rows of one gemeente (two queries)."""

    def __init__(self, ctx: Context, indicators: list[Indicator]):
        self.ctx = ctx
        gemeente = ctx.gemeente
        self.regio_ids = list(gemeente.groepen.regios().values_list("pk", flat=True))
        scopes = {gemeente.pk, *self.regio_ids} | {
            i.uitvoerder_id for i in indicators if i.uitvoerder_id
        }
        self.streefwaarden = list(
            Streefwaarde.objects.filter(
                indicator_id__in=[i.pk for i in indicators], scope_id__in=sorted(scopes)
            )
        )
        judgements = TrendOordeel.objects.filter(
            area=gemeente, indicator_id__in=[i.pk for i in indicators]
        )
        if ctx.audience.public:
            # Only judgements that were part of the gemeente's latest vastgestelde report.
            report = sources.latest_reports([gemeente.pk]).get(gemeente.pk)
            judgements = (
                judgements.filter(
                    decided_at__lte=report.vastgesteld_at, period__end__lte=report.period.end
                )
                if report
                else judgements.none()
            )
        self.judgements = {
            (j.indicator_id, j.doelgroep_id, j.period_id): j.judgement for j in judgements
        }
        self.books: dict[int, TargetBook] = {}

    def target(self, indicator, period, doelgroep_id):
        if period is None:
            return None
        if period.year not in self.books:
            self.books[period.year] = TargetBook(
                self.streefwaarden, period.year, {self.ctx.gemeente.pk: self.regio_ids}
            )
        return self.books[period.year].lookup(indicator, self.ctx.gemeente.pk, doelgroep_id)

    def trend(self, indicator, period, doelgroep_id, current, base) -> tuple[str, bool]:
        if period is not None:
            judged = self.judgements.get((indicator.pk, doelgroep_id, period.pk))
            if judged and indicator.richting != Richting.GEEN:
                return judged, True
        return trend_proposal(indicator, current, base), False


def indicator_blocks(
    ctx: Context, indicators: list[Indicator], compare: figures.Points | None = None
) -> list[IndicatorBlock]:
    """The rows of the given indicators, each in its own current period. Two queries (targets and
    judgements) plus the doelgroepen, whatever the number of indicators."""
    points = ctx.points
    currents = {i.pk: ctx.current_period(i) for i in indicators}
    shown = [i for i in indicators if currents[i.pk] is not None]
    doelgroep_ids = {dg for i in shown for dg in points.doelgroepen(i.pk) if dg is not None}
    doelgroepen = Doelgroep.objects.in_bulk(sorted(doelgroep_ids)) if doelgroep_ids else {}
    assessor = Assessor(ctx, shown) if shown else None
    blocks = []
    for indicator in shown:
        period = currents[indicator.pk]
        base_period = ctx.base_period(period)
        present = {
            dg
            for dg in points.doelgroepen(indicator.pk)
            if points.get(indicator.pk, dg, period.pk)
            or (base_period and points.get(indicator.pk, dg, base_period.pk))
        }
        rows = []
        for dg, is_total in _row_keys(present, doelgroepen):
            current = Shown(indicator, points.get(indicator.pk, dg, period.pk))
            base = Shown(
                indicator, points.get(indicator.pk, dg, base_period.pk) if base_period else None
            )
            streefwaarde = assessor.target(indicator, period, dg)
            trend, judged = assessor.trend(indicator, period, dg, current.value, base.value)
            row = Row(
                indicator=indicator,
                doelgroep=doelgroepen.get(dg),
                is_total=is_total,
                period=period,
                base_period=base_period,
                current=current,
                base=base,
                streefwaarde=streefwaarde,
                target_met=is_met(current.value, streefwaarde, indicator.decimals),
                trend=trend,
                trend_is_judgement=judged,
            )
            if compare is not None:
                row.compare = Shown(indicator, compare.get(indicator.pk, dg, period.pk))
                row.compare_base = Shown(
                    indicator,
                    compare.get(indicator.pk, dg, base_period.pk) if base_period else None,
                )
            rows.append(row)
        blocks.append(IndicatorBlock(indicator, rows))
    return blocks


def sections(blocks: list[IndicatorBlock]) -> list[Section]:
    """Deel 1 (maatschappelijke indicatoren) and Deel 2 (prestaties per supplier), as in the
    report."""
    groups: dict[tuple, list[IndicatorBlock]] = defaultdict(list)
    for block in blocks:
        indicator = block.indicator
        if indicator.soort == IndicatorSoort.MAATSCHAPPELIJK or indicator.uitvoerder is None:
            groups[(0, "")].append(block)
        else:
            groups[(1, indicator.uitvoerder.name)].append(block)
    result = []
    for key in sorted(groups):
        title = (
            _("Maatschappelijke indicatoren")
            if key[0] == 0
            else _("Prestaties %(uitvoerder)s") % {"uitvoerder": key[1]}
        )
        result.append(Section(title, groups[key]))
    return result


def compare_periods(ctx: Context, indicators) -> list[Period]:
    """The periods a comparison needs for these rows: each indicator's current and base."""
    periods = {}
    for indicator in indicators:
        current = ctx.current_period(indicator)
        for period in (current, ctx.base_period(current)):
            if period is not None:
                periods[period.pk] = period
    return sorted(periods.values(), key=lambda p: (p.end, p.start))
