"""The rows the dashboard computes from, per source (:class:`~.figures.Bron`): approved, submitted and
the figures of vastgestelde reports (their frozen snapshot), as rows for the indicator engine."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from indicators import engine
from indicators.models import Period, SubmissionStatus, Value
from organisations.models import Doelgroep, Organisation


def _values(queryset, area_ids, period_ids, indicator_ids):
    queryset = queryset.filter(
        area_id__in=sorted(area_ids), submission__period_id__in=sorted(period_ids)
    )
    if indicator_ids is not None:
        queryset = queryset.filter(indicator_id__in=sorted(indicator_ids))
    return list(engine.value_rows(queryset))


def approved_rows(area_ids, period_ids, indicator_ids=None) -> list:
    return _values(Value.objects.approved(), area_ids, period_ids, indicator_ids)


def pending_rows(area_ids, period_ids, indicator_ids=None) -> list:
    """Figures submitted (ingediend) but not yet approved."""
    submitted = Value.objects.filter(
        submission__status=SubmissionStatus.INGEDIEND, value__isnull=False
    )
    return _values(submitted, area_ids, period_ids, indicator_ids)


def latest_reports(gemeente_ids) -> dict[int, object]:
    """Gemeente pk → its latest vastgestelde report (latest period, then highest version)."""
    from reports.models import Report, ReportStatus

    reports = (
        Report.objects.filter(status=ReportStatus.VASTGESTELD, gemeente_id__in=sorted(gemeente_ids))
        .select_related("period")
        .order_by("gemeente_id", "-period__end", "-version")
    )
    latest = {}
    for report in reports:
        latest.setdefault(report.gemeente_id, report)
    return latest


def vastgesteld_rows(gemeente_ids, catalogue, period_ids, indicator_ids=None) -> list:
    """The figures of each gemeente's latest vastgestelde report (see the module docstring).
    A constant number of queries, however many gemeenten."""
    from reports.models import ReportSnapshot

    reports = latest_reports(gemeente_ids)
    if not reports:
        return []
    snapshots = dict(
        ReportSnapshot.objects.filter(report__in=[r.pk for r in reports.values()]).values_list(
            "report_id", "data__inputs__values"
        )
    )
    wanted = set(period_ids)
    from_snapshots = {
        report.pk: snapshots[report.pk]
        for report in reports.values()
        if isinstance(snapshots.get(report.pk), list)
    }
    rows = _snapshot_rows(from_snapshots, catalogue, wanted, indicator_ids)
    fallback = [r for r in reports.values() if r.pk not in from_snapshots]
    if fallback:
        members = engine.regio_members([r.gemeente_id for r in fallback])
        condition = Q(pk__in=[])
        for report in fallback:
            areas = {report.gemeente_id} | {
                regio for regio, ids in members.items() if report.gemeente_id in ids
            }
            condition |= Q(
                area_id__in=sorted(areas),
                submission__reviewed_at__lte=report.vastgesteld_at,
                submission__period__end__lte=report.period.end,
            )
        approved_then = Value.objects.approved().filter(condition)
        rows += _values(approved_then, _all_areas(fallback, members), wanted, indicator_ids)
    return rows


def _all_areas(reports, members) -> set[int]:
    gemeenten = {r.gemeente_id for r in reports}
    return gemeenten | {regio for regio, ids in members.items() if ids & gemeenten}


def _snapshot_rows(snapshots: dict, catalogue, period_ids, indicator_ids) -> list:
    """``inputs.values`` of snapshots (report pk → [[code, doelgroep, area, period, value,
    voorlopig, ...], ...]) as engine rows. Codes are looked up (three queries for all snapshots);
    unknown codes (renamed or removed since) are skipped."""
    entries = [(order, e) for order, values in snapshots.items() for e in values]
    if not entries:
        return []
    areas = dict(
        Organisation.objects.filter(code__in={e[2] for _o, e in entries}).values_list("code", "pk")
    )
    periods = dict(
        Period.objects.filter(
            identifier__in={e[3] for _o, e in entries}, pk__in=sorted(period_ids)
        ).values_list("identifier", "pk")
    )
    doelgroepen = defaultdict(list)
    codes = {e[1] for _o, e in entries if e[1]}
    if codes:
        for pk, code, uitvoerder_id in Doelgroep.objects.filter(code__in=codes).values_list(
            "pk", "code", "uitvoerder_id"
        ):
            doelgroepen[code].append((uitvoerder_id, pk))
    rows = []
    for order, (code, dg_code, area_code, period_code, value, voorlopig, *_rest) in entries:
        indicator = catalogue.by_code.get(code)
        if indicator is None or value is None:
            continue
        if indicator_ids is not None and indicator.pk not in indicator_ids:
            continue
        area, period = areas.get(area_code), periods.get(period_code)
        if area is None or period is None:
            continue
        doelgroep = None
        if dg_code:
            options = doelgroepen.get(dg_code, [])
            own = [pk for uitvoerder, pk in options if uitvoerder == indicator.uitvoerder_id]
            doelgroep = (own or [pk for _u, pk in options] or [None])[0]
            if doelgroep is None:
                continue
        rows.append((indicator.pk, area, doelgroep, Decimal(value), bool(voorlopig), period, order))
    return rows


def public_gemeenten():
    """Gemeenten with a public dashboard."""
    return Organisation.objects.gemeenten().filter(public_dashboard=True).order_by("name")
