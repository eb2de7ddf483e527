"""Collecting a report: every thema with its Deel 1 and Deel 2, the costs, the policy chapter and
the appendix, in one :class:`~reports.content.model.ReportContent`."""

import base64
import hashlib
from collections import defaultdict
from datetime import datetime

from django.utils.translation import gettext as _

from beleidskader.report import chapter as beleidskader_chapter
from budgets.services import report_costs
from indicators.engine import Catalogue
from indicators.models import (
    Indicator,
    IndicatorSoort,
    Oordeel,
    Period,
    Thema,
)
from organisations.models import Doelgroep, Organisation
from organisations.theme import theme_for

from ..incomplete import incomplete_totals
from ..models import Report
from ..profile import Choice
from .arrange import (
    PER_INDICATOR,
    _blocks,
    _trend_figures,
    default_introduction,
    indicator_charts,
    thema_texts,
)
from .figures import (
    _current_period,
    _doelgroep_order,
    _figure_order,
    approved_figures,
    asked_rows,
    protect_figures,
    report_indicators,
    with_engine,
)
from .model import (
    BijlageRow,
    Figure,
    ReportContent,
    ReportTheme,
    Section,
    ThemaSection,
    _disclosure_notes,
    disclosure_rules,
)


def collect(report: Report, generated_at: datetime) -> ReportContent:
    """Arrange the approved figures for ``report`` into themas, sections, tables and charts."""
    report = (
        Report.objects.select_related("gemeente", "period", "replaces", "created_by")
        .prefetch_related("texts", "supplier_texts")
        .get(pk=report.pk)
    )
    gemeente = report.gemeente
    choice = Choice.for_gemeente(gemeente)
    huisstijl = report_theme(gemeente)
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

    def part(figures, populatie):
        """The blocks of a part and its charts, as the profile chooses them."""
        charts = choice.charts_for(populatie)
        compare = choice.compare_gemeenten
        blocks = _blocks(figures, history, comparison, populatie, rules, gemeente, charts, compare)
        per_indicator = (
            indicator_charts(figures, history, comparison, populatie, rules, gemeente, compare)
            if charts == PER_INDICATOR
            else []
        )
        return {"blocks": blocks, "indicator_charts": per_indicator}

    themas = []
    described: dict[int, int] = {}  # supplier → the chapter describing it
    shown_themas = [t for t in Thema.objects.order_by("order", "name") if choice.shows_thema(t)]
    for number, thema in enumerate(shown_themas, start=1):
        in_thema = [
            f
            for f in current
            if f.indicator.thema_id == thema.pk and choice.shows_indicator(f.indicator)
        ]
        thema_indicators = [
            i for i in indicators if i.thema_id == thema.pk and choice.shows_indicator(i)
        ]
        populatie_figures = [
            f for f in in_thema if f.indicator.soort == IndicatorSoort.MAATSCHAPPELIJK
        ]
        populatie = Section(
            title=_("Deel 1 Populatie"),
            uitvoerder=None,
            anchor=f"thema-{thema.code}-populatie",
            **part(populatie_figures, True),
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
            (
                uitvoerders_by_pk[pk]
                for pk in supplier_ids
                if pk in uitvoerders_by_pk and choice.shows_uitvoerder(uitvoerders_by_pk[pk])
            ),
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
                **part(figures, False),
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

    for chart in (c for t in themas for s in t.sections for c in s.charts):
        chart.primary = huisstijl.primary
    # The XLSX holds the full set: every figure of the gemeente and its regio's (whatever the
    # profile leaves out of the PDF) and the points of every chart.
    chart_points = [
        point
        for t in themas
        for s in t.sections
        for c in s.charts
        for series in c.series
        for point in series.points
    ]
    used = list({id(f): f for f in [*current, *all_figures, *chart_points]}.values())
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
        profile=choice.describe(),
        huisstijl=huisstijl,
    )


LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}


def report_theme(gemeente: Organisation) -> ReportTheme:
    """The gemeente's huisstijl (else the deployment's), with its logo read once."""
    theme = theme_for(gemeente)
    logo, digest = "", ""
    path = theme.logo_path
    if path is not None and path.suffix.lower() in LOGO_TYPES and path.is_file():
        data = path.read_bytes()
        logo = f"data:{LOGO_TYPES[path.suffix.lower()]};base64," + base64.b64encode(data).decode()
        digest = hashlib.sha256(data).hexdigest()
    return ReportTheme(name=theme.name, primary=theme.primary_colour, logo=logo, logo_sha256=digest)


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
