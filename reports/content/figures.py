"""The figures a report is about: approved values of the gemeente and its regio's, what the
indicator engine makes of them (totals, computed indicators, targets and trends), the other
gemeenten to compare with, and disclosure control."""

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from django.db.models import Q

from indicators.disclosure import Flag, Rules
from indicators.disclosure.patterns import pattern_for
from indicators.engine import Catalogue, compute
from indicators.models import (
    Indicator,
    IndicatorSoort,
    Period,
    Streefwaarde,
    TrendOordeel,
    UitvraagRegel,
    Value,
)
from indicators.targets import TargetBook, is_met, trend_proposal
from organisations.models import Doelgroep, Organisation

from ..models import Report
from .model import (
    TOTAL_DOELGROEPEN,
    TOTAL_GEMEENTEN,
    Figure,
)


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
