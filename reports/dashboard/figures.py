"""Where the dashboard's figures come from, and how they are made ready to show.

Three sources (:class:`Bron`), chosen per viewer by :func:`audience_for`:

- **goedgekeurd**: approved figures (suppliers: only their own indicators);
- **ingediend**: approved figures plus figures that were submitted but not yet approved, which are
  marked "nog niet goedgekeurd" (beleidsmedewerkers of the gemeente, beheerders);
- **vastgesteld**: only the figures of vastgestelde reports, with disclosure control applied (the
  public dashboard, and the griffie). The figures are those in the frozen snapshot of the
  gemeente's latest vastgestelde report (:mod:`reports.snapshot`, ``inputs.values``); a report
  vastgesteld before snapshots existed falls back to the approved figures of periods up to the
  report's period whose submission was approved before the report was vastgesteld.

Every source gives rows for the indicator engine (:func:`indicators.engine.compute_rows`), so
totals over doelgroepen, regional totals and computed indicators follow the same rules as
everywhere else. The result is resolved per *subject* — a gemeente (its own figure, else the one
reported for its regio), a regio (entered, or the total of all its gemeenten) or the average of
all gemeenten with a figure — into :class:`Point` s per (indicator, doelgroep) and period.

Computing is set-based (a constant number of queries) and the result is cached for
``settings.DASHBOARD_CACHE_SECONDS`` (default 10 minutes) under a key that changes whenever a
submission changes status, a report is vastgesteld or an indicator's definition changes
(:func:`data_version`): in the process (:class:`Memo`, no pickling). The comparisons (a regio, the
average) are cached per period in Django's cache (Redis in production, shared by every process)
under a version of that period alone (:func:`period_versions`), and computed ahead after each
approval by a Celery task (:mod:`reports.dashboard.precompute`).
"""

import hashlib
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import partial
from threading import Lock
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext as _

from indicators import engine
from indicators.disclosure import Rules, footnotes
from indicators.disclosure.patterns import pattern_for
from indicators.models import Eenheid, Period, PeriodType, Submission
from organisations.access import Access
from organisations.models import Organisation

from .sources import approved_rows, pending_rows, public_gemeenten, vastgesteld_rows

# How far back a series goes, per period type (the selected period is the last one).
SERIES_LENGTH = {PeriodType.KWARTAAL: 12, PeriodType.HALFJAAR: 10, PeriodType.JAAR: 10}
GEMIDDELDE = "gemiddelde"


class Bron(StrEnum):
    GOEDGEKEURD = "goedgekeurd"
    INGEDIEND = "ingediend"
    VASTGESTELD = "vastgesteld"


@dataclass(frozen=True)
class Audience:
    """Which figures a viewer gets, and which indicators."""

    bron: Bron
    uitvoerders: frozenset[int] | None = None  # only these suppliers' indicators (None: all)
    pending_areas: frozenset[int] | None = None  # submitted figures of these areas (None: all)

    @property
    def public(self) -> bool:
        return self.bron == Bron.VASTGESTELD

    @property
    def shows_pending(self) -> bool:
        return self.bron == Bron.INGEDIEND

    def shows(self, indicator) -> bool:
        return self.uitvoerders is None or indicator.uitvoerder_id in self.uitvoerders

    @property
    def key(self) -> str:
        areas = "" if self.pending_areas is None else ",".join(map(str, sorted(self.pending_areas)))
        suppliers = "" if self.uitvoerders is None else ",".join(map(str, sorted(self.uitvoerders)))
        return f"{self.bron}:{digest(areas)}:{digest(suppliers)}"


PUBLIC = Audience(Bron.VASTGESTELD)


def audience_for(user, gemeente: Organisation) -> Audience | None:
    """What a logged-in user sees of a gemeente's dashboard; None: nothing (a 404)."""
    access = Access.for_user(user)
    if access.is_beheerder:
        return Audience(Bron.INGEDIEND)
    if gemeente.pk in access.beleid_gemeente_ids:
        return Audience(Bron.INGEDIEND, pending_areas=access.beleid_area_ids)
    if access.uitvoerder_ids:
        serving = set(
            gemeente.groepen.filter(pk__in=sorted(access.uitvoerder_ids)).values_list(
                "pk", flat=True
            )
        )
        if serving:
            return Audience(Bron.GOEDGEKEURD, uitvoerders=frozenset(serving))
    if gemeente.pk in access.griffie_gemeente_ids:
        # The griffie receives vastgestelde reports: it sees what the public would see.
        return PUBLIC
    return None


def dashboard_gemeenten(user):
    """Gemeenten whose dashboard a logged-in user may open."""
    access = Access.for_user(user)
    gemeenten = Organisation.objects.gemeenten()
    if access.is_beheerder:
        return gemeenten.order_by("name")
    condition = Q(pk__in=sorted(access.beleid_gemeente_ids | access.griffie_gemeente_ids))
    if access.uitvoerder_ids:
        condition |= Q(groepen__in=sorted(access.uitvoerder_ids))
    return gemeenten.filter(condition).distinct().order_by("name")


# --- subjects: a gemeente, a regio or the average --------------------------------------------


@dataclass(frozen=True)
class Subject:
    """Whose figures a series holds."""

    kind: str  # "gemeente" | "regio" | GEMIDDELDE
    area: Organisation | None = None
    # An average over some gemeenten only (e.g. those of the same size class), with its name.
    members: frozenset[int] | None = None
    name: str = ""

    @property
    def code(self) -> str:
        if self.members is not None:
            return f"{GEMIDDELDE}-{digest(','.join(map(str, sorted(self.members))))[:12]}"
        return self.area.code if self.area is not None else GEMIDDELDE

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        if self.area is None:
            return _("Gemiddelde van de gemeenten")
        return self.area.name

    @property
    def key(self) -> str:
        if self.members is not None:
            return f"{self.kind}:{digest(','.join(map(str, sorted(self.members))))}"
        return f"{self.kind}:{self.area.pk if self.area is not None else ''}"

    @classmethod
    def of(cls, area: Organisation) -> "Subject":
        return cls("regio" if area.is_regio else "gemeente", area)


GEMIDDELDE_SUBJECT = Subject(GEMIDDELDE)


class Point(NamedTuple):
    """One figure as the dashboard shows it. ``value`` is None when it is secret."""

    value: Decimal | None
    secret: bool = False
    voorlopig: bool = False
    pending: bool = False  # submitted, not yet approved
    from_regio: bool = False  # reported for the regio the gemeente belongs to
    count: int | None = None  # the average: over how many gemeenten
    # An incomplete total (expected parts missing): no value; what is missing, in words.
    incomplete: bool = False
    missing: str = ""


@dataclass
class Points:
    """A subject's figures: indicator_id → doelgroep_id → period pk → Point, in the periods of
    each indicator's own period type."""

    by_indicator: dict[int, dict[int | None, dict[int, Point]]] = field(default_factory=dict)
    footnotes: list[str] = field(default_factory=list)

    def get(self, indicator_id, doelgroep_id, period_pk) -> Point | None:
        return self.by_indicator.get(indicator_id, {}).get(doelgroep_id, {}).get(period_pk)

    def doelgroepen(self, indicator_id) -> set:
        return set(self.by_indicator.get(indicator_id, {}))

    def has(self, indicator_id, period_pk) -> bool:
        return any(period_pk in d for d in self.by_indicator.get(indicator_id, {}).values())

    @property
    def indicator_ids(self) -> set[int]:
        return set(self.by_indicator)


# --- periods ---------------------------------------------------------------------------------


def window(period: Period, types: Iterable[str]) -> list[Period]:
    """The periods a series shows, oldest first: per period type the last ``SERIES_LENGTH``
    periods that end no later than ``period``. One query."""
    types = sorted(set(types))
    found = Period.objects.filter(type__in=types, end__lte=period.end).order_by("-end")
    per_type: dict[str, list[Period]] = defaultdict(list)
    for p in found:
        if len(per_type[p.type]) < SERIES_LENGTH[p.type]:
            per_type[p.type].append(p)
    return sorted((p for ps in per_type.values() for p in ps), key=lambda p: (p.end, p.start))


# --- data version and cache ------------------------------------------------------------------


def digest(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def data_version(catalogue: engine.Catalogue) -> str:
    """Changes whenever a submission changes status (transitions stamp ``updated_at``), a report
    is vastgesteld, or an indicator's formula, unit or aggregation changes. Two queries."""
    from reports.models import Report, ReportStatus

    # Every submission's stamp rather than an aggregate: the same one query, and the comparisons'
    # per-period versions (period_versions) follow from it without another.
    stamps = list(
        Submission.objects.values_list("pk", "period__start", "period__end", "updated_at")
    )
    submissions = {"n": len(stamps), "last": max((s[3] for s in stamps), default=None)}
    reports = Report.objects.filter(status=ReportStatus.VASTGESTELD).aggregate(
        n=Count("pk"), last=Max("vastgesteld_at")
    )
    indicators = ";".join(
        f"{i.pk}:{i.formula}:{i.eenheid}:{i.aggregatie}:{i.period_type}:{i.decimals}:{i.name}"
        f":{i.richting}:{i.is_ontwikkelindicator}:{i.thema_id}"
        for i in catalogue.indicators.values()
    )
    version = digest(
        f"{submissions['n']}|{submissions['last']}|{reports['n']}|{reports['last']}|{indicators}"
    )
    submission_stamps.set(version, stamps, cache_seconds())
    return version


def assessment_version() -> str:
    """Changes when a streefwaarde or a trend judgement is added, removed or changed. Two
    queries."""
    from indicators.models import Streefwaarde, TrendOordeel

    targets = Streefwaarde.objects.aggregate(
        n=Count("pk"), last=Max("pk"), total=Sum("value"), years=Sum("year_from")
    )
    judgements = TrendOordeel.objects.aggregate(n=Count("pk"), last=Max("decided_at"))
    return digest(f"{sorted(targets.items())}|{sorted(judgements.items())}")


def cache_seconds() -> int:
    return int(getattr(settings, "DASHBOARD_CACHE_SECONDS", 600))


class Memo:
    """A small in-process cache (least recently used first out, with an expiry time).

    Not Django's cache: the local-memory backend pickles every value, and unpickling the figures
    of a gemeente (tens of thousands of points on a large data set) costs more than a page may
    take. The key holds the data version, so a change shows at once in the process that made it
    and in the others; the expiry bounds what the version does not see (regio membership)."""

    def __init__(self, size: int = 64):
        self.size = size
        self.items: dict[str, tuple[float, object]] = {}
        self.lock = Lock()

    def get(self, key: str):
        with self.lock:
            found = self.items.pop(key, None)
            if found is None or found[0] < time.monotonic():
                return None
            self.items[key] = found  # most recently used last
            return found[1]

    def set(self, key: str, value, seconds: int) -> None:
        with self.lock:
            self.items.pop(key, None)
            self.items[key] = (time.monotonic() + seconds, value)
            while len(self.items) > self.size:
                self.items.pop(next(iter(self.items)))

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


memo = Memo(int(getattr(settings, "DASHBOARD_CACHE_ENTRIES", 64)))
# data version → the submissions' (pk, period start, period end, updated_at) it was made from.
submission_stamps = Memo(8)


# --- computing a subject's points ------------------------------------------------------------


def closure(catalogue: engine.Catalogue, indicator_ids) -> set[int]:
    """The indicators and everything their formulas need, recursively."""
    todo, seen = list(indicator_ids), set()
    while todo:
        pk = todo.pop()
        if pk in seen:
            continue
        seen.add(pk)
        todo.extend(item.indicator_id for item in catalogue.inputs.get(pk, ()))
    return seen


@dataclass
class Scope:
    """The areas a subject's figures are computed over."""

    subjects: list[int]  # gemeenten (or the regio) whose figure is the subject's
    area_ids: set[int]  # all areas whose figures are loaded
    members: dict  # regio → gemeenten, for regional totals
    regios_of: dict[int, list[int]]  # gemeente → regio's, for the fallback
    wanted: set[int] | None = None


def _scope(audience: Audience, subject: Subject) -> Scope:
    if subject.kind == "regio":
        members = engine.regio_members(None)
        gemeenten = members.get(subject.area.pk, frozenset())
        return Scope(
            subjects=[subject.area.pk],
            area_ids={subject.area.pk, *gemeenten},
            members={subject.area.pk: gemeenten},
            regios_of={},
            wanted={subject.area.pk},
        )
    if subject.kind == "gemeente":
        gemeenten = [subject.area.pk]
    elif audience.public:
        gemeenten = list(public_gemeenten().values_list("pk", flat=True))
    else:
        gemeenten = list(Organisation.objects.gemeenten().values_list("pk", flat=True))
    if subject.kind == GEMIDDELDE and subject.members is not None:
        gemeenten = [g for g in gemeenten if g in subject.members]
    # No regional totals: a gemeente's own figure, else the figure entered for its regio.
    members = engine.regio_members(gemeenten if subject.kind == "gemeente" else None)
    regios_of = defaultdict(list)
    for regio, member_ids in sorted(members.items()):
        for gemeente in member_ids:
            regios_of[gemeente].append(regio)
    return Scope(
        subjects=gemeenten,
        area_ids=set(gemeenten) | set(members),
        members={},
        regios_of=dict(regios_of),
    )


def subject_points(
    audience: Audience,
    subject: Subject,
    periods: list[Period],
    catalogue: engine.Catalogue,
    indicator_ids: Iterable[int] | None = None,
    version: str | None = None,
) -> Points:
    """The subject's figures in ``periods`` (cached). ``indicator_ids``: only these (None: all)."""
    ids = None if indicator_ids is None else sorted(set(indicator_ids))
    if ids is not None and subject.kind != "gemeente" and not audience.public:
        return comparison_points(subject, periods, catalogue, ids, version)
    version = version or data_version(catalogue)
    key = "dashboard:{}:{}:{}:{}:{}".format(
        version,
        audience.key,
        subject.key,
        digest(",".join(str(p.pk) for p in periods)),
        "alle" if ids is None else digest(",".join(map(str, ids))),
    )
    found = memo.get(key)
    if found is not None:
        return found
    # The figures of a comparison (some indicators) are small enough to share between processes
    # through Django's cache (Redis when configured): the average over all gemeenten is the
    # costly one to compute.
    shared = ids is not None
    found = cache.get(key) if shared else None
    if found is None:
        found = _compute_points(audience, subject, periods, catalogue, ids)
        if shared:
            cache.set(key, found, cache_seconds())
    memo.set(key, found, cache_seconds())
    return found


# A regio or the average shows approved figures only (submitted ones are shown for the
# gemeente's own figures), so whoever looks gets the same comparison: one audience for the key.
COMPARISON_AUDIENCE = Audience(Bron.GOEDGEKEURD)


def catalogue_digest(catalogue: engine.Catalogue) -> str:
    return digest(
        ";".join(
            f"{i.pk}:{i.formula}:{i.eenheid}:{i.aggregatie}:{i.period_type}:{i.decimals}"
            for i in catalogue.indicators.values()
        )
    )


def period_versions(
    periods: Iterable[Period],
    catalogue: engine.Catalogue,
    version: str | None = None,
    subject: "Subject | None" = None,
) -> dict[int, str]:
    """Per period a version that changes only when a submission the comparison reads changes
    status (or is added or removed) or an indicator's definition changes: approving 2024Q4
    invalidates 2024Q4, 2024H2 and 2024, not the comparisons of other periods; and for a regio
    (``subject``) only when the submission is about the regio or one of its gemeenten, so an
    approval elsewhere leaves its cached totals valid. One query (none for the average when this
    process just made ``version``, :func:`data_version`)."""
    periods = list(periods)
    if not periods:
        return {}
    regio = subject.area if subject is not None and subject.kind == "regio" else None
    stamps = submission_stamps.get(version) if version and regio is None else None
    if stamps is None:
        submissions = Submission.objects.filter(
            period__start__gte=min(p.start for p in periods),
            period__end__lte=max(p.end for p in periods),
        )
        if regio is not None:
            # The regio's total reads the regio's own figures and its gemeenten's.
            submissions = submissions.filter(
                Q(uitvraag__areas=regio) | Q(uitvraag__areas__groepen=regio)
            ).distinct()
        stamps = list(submissions.values_list("pk", "period__start", "period__end", "updated_at"))
    definitions = catalogue_digest(catalogue)
    versions = {}
    for period in periods:
        inside = sorted(
            (pk, str(updated))
            for pk, start, end, updated in stamps
            if start >= period.start and end <= period.end
        )
        versions[period.pk] = digest(f"{definitions}|{inside}")
    return versions


def comparison_key(subject: Subject, period: Period, ids: list[int], version: str) -> str:
    return "vergelijking:{}:{}:{}:{}".format(
        version, subject.key, period.pk, digest(",".join(map(str, ids)))
    )


def comparison_points(
    subject: Subject,
    periods: list[Period],
    catalogue: engine.Catalogue,
    ids: Iterable[int],
    version: str | None = None,
) -> Points:
    """A regio's or the average's figures for some indicators, one period at a time, each in the
    shared cache (Redis in production) under its period's version, so a page after an approval
    finds what :func:`reports.dashboard.precompute.comparisons_after_review` computed ahead."""
    ids = sorted(set(ids))
    versions = period_versions(periods, catalogue, version, subject)
    keys = {p.pk: comparison_key(subject, p, ids, versions[p.pk]) for p in periods}
    found: dict[int, Points] = {}
    for period in periods:
        hit = memo.get(keys[period.pk])
        if hit is None:
            hit = cache.get(keys[period.pk])
            if hit is not None:
                memo.set(keys[period.pk], hit, cache_seconds())
        if hit is not None:
            found[period.pk] = hit
    missing = [p for p in periods if p.pk not in found]
    if missing:
        # The missing periods in one computation (a constant number of queries), kept per period.
        computed = _compute_points(COMPARISON_AUDIENCE, subject, missing, catalogue, ids)
        for period in missing:
            one = _one_period(computed, period.pk)
            found[period.pk] = one
            cache.set(keys[period.pk], one, comparison_cache_seconds())
            memo.set(keys[period.pk], one, cache_seconds())
    result = Points()
    for period in periods:
        one = found[period.pk]
        for indicator_id, by_dg in one.by_indicator.items():
            merged = result.by_indicator.setdefault(indicator_id, {})
            for doelgroep_id, by_period in by_dg.items():
                merged.setdefault(doelgroep_id, {}).update(by_period)
        result.footnotes += [n for n in one.footnotes if n not in result.footnotes]
    return result


def _one_period(points: Points, period_pk: int) -> Points:
    by_indicator = {}
    for indicator_id, by_dg in points.by_indicator.items():
        kept = {dg: {period_pk: p[period_pk]} for dg, p in by_dg.items() if period_pk in p}
        if kept:
            by_indicator[indicator_id] = kept
    return Points(by_indicator=by_indicator, footnotes=list(points.footnotes))


def comparison_cache_seconds() -> int:
    """The key holds the period's version, so an entry is never stale for the figures; the
    expiry only bounds what the version does not see (a change of regio membership)."""
    return int(getattr(settings, "DASHBOARD_COMPARISON_CACHE_SECONDS", 24 * 3600))


def _compute_points(audience, subject, periods, catalogue, indicator_ids) -> Points:
    if not periods:
        return Points()
    scope = _scope(audience, subject)
    needed = None if indicator_ids is None else closure(catalogue, indicator_ids)
    parts = engine.period_parts(periods)
    own_pending = audience.shows_pending and subject.kind == "gemeente"
    if audience.public:
        gemeenten = scope.area_ids - set(scope.members) - _regios(scope)
        if subject.kind == "regio":
            # A regional total of public figures only: a member without a public dashboard
            # leaves it empty (its figure would follow from the total and the others).
            gemeenten &= set(public_gemeenten().values_list("pk", flat=True))
        rows = vastgesteld_rows(gemeenten, catalogue, parts, needed)
        rows = [r for r in rows if r[1] in scope.area_ids]
    else:
        rows = approved_rows(scope.area_ids, parts, needed)
    computed = engine.compute_rows(periods, rows, catalogue, scope.members, scope.wanted, parts)
    pending: dict[int, set] = {}
    if own_pending:
        areas = scope.area_ids
        if audience.pending_areas is not None:
            areas = areas & audience.pending_areas
        extra = pending_rows(areas, parts, needed) if areas else []
        if extra:
            with_pending = engine.compute_rows(
                periods, rows + extra, catalogue, scope.members, scope.wanted, parts
            )
            for pk, figures in with_pending.items():
                approved = computed[pk].values
                pending[pk] = {k for k, v in figures.values.items() if approved.get(k) != v}
            computed = with_pending
    secret: dict[int, set] = {}
    shown_values: dict[int, dict] = {}
    footnotes: list[str] = []
    if audience.public:
        shown = set(scope.subjects) | _regios(scope)
        pattern = pattern_for(shown, {p.year for p in periods}, Rules.from_settings(), catalogue)
        for pk, figures in computed.items():
            cells, notes = _protect(figures, catalogue, shown, pattern)
            shown_values[pk] = {k: c.value for k, c in cells.items()}
            secret[pk] = {k for k, c in cells.items() if c.suppressed}
            footnotes += [n for n in notes if n not in footnotes]
    return _resolve(
        subject,
        scope,
        periods,
        computed,
        catalogue,
        indicator_ids,
        pending,
        secret,
        shown_values,
        footnotes,
    )


def _regios(scope: Scope) -> set[int]:
    return {r for regios in scope.regios_of.values() for r in regios}


def _protect(figures: engine.Figures, catalogue, shown_areas: set[int], pattern):
    """Disclosure control over one period's figures of the shown areas: the one pattern every
    public output reads (:mod:`indicators.disclosure.patterns`). A figure of a vastgesteld
    report that differs from today's approved figure is hidden (the pattern protects the
    approved figures only)."""
    rules = Rules.from_settings()
    period_pk = figures.period.pk
    cells = {
        k: pattern.cell(
            (*k, period_pk),
            v,
            counts=catalogue.indicators[k[0]].eenheid == Eenheid.AANTAL,
            round_to=rules.round_to,
        )
        for k, v in figures.values.items()
        if k[1] in shown_areas
    }
    return cells, footnotes(rules, {c.flag for c in cells.values()})


def _resolve(
    subject,
    scope,
    periods,
    computed,
    catalogue,
    indicator_ids,
    pending,
    secret,
    shown_values,
    footnotes,
) -> Points:
    """Per (indicator, doelgroep) and period of the indicator's own type, the subject's figure:
    a gemeente's own figure, else the one entered for its regio; a regio's figure; or the mean
    over the gemeenten (each with the same fallback)."""
    wanted = None if indicator_ids is None else set(indicator_ids)
    gemeenten_in = defaultdict(list)  # regio → the subject's gemeenten in it, in order
    for gemeente in scope.subjects:
        for regio in scope.regios_of.get(gemeente, ()):
            gemeenten_in[regio].append(gemeente)
    subjects = set(scope.subjects)
    period_type = {pk: i.period_type for pk, i in catalogue.indicators.items()}
    result: dict[int, dict] = defaultdict(lambda: defaultdict(dict))
    incomplete = [f.incomplete for f in computed.values() if f.incomplete]
    names = engine.missing_names(*incomplete) if incomplete else ({}, {})
    for period in periods:
        figures = computed.get(period.pk)
        if figures is None:
            continue
        point = partial(
            _point,
            shown_values.get(period.pk, figures.values),
            secret.get(period.pk, set()),
            pending.get(period.pk, set()),
            figures.provisional,
            _missing_texts(figures, names),
        )
        own, from_regio = [], []
        for key in (*figures.values, *figures.incomplete):
            indicator_id, area_id, _dg = key
            if period_type[indicator_id] != period.type:
                continue
            if wanted is not None and indicator_id not in wanted:
                continue
            if area_id in subjects:
                own.append(key)
            elif area_id in gemeenten_in:
                from_regio.append(key)
        if subject.kind == GEMIDDELDE:
            averages = _averages(
                own,
                from_regio,
                gemeenten_in,
                shown_values.get(period.pk, figures.values),
                secret.get(period.pk, set()),
                figures.provisional,
            )
            for (indicator_id, doelgroep_id), found in averages.items():
                result[indicator_id][doelgroep_id][period.pk] = found
            continue
        for key in own:
            result[key[0]][key[2]][period.pk] = point(key)
        for key in from_regio:  # only where the gemeente has no figure of its own
            by_period = result[key[0]][key[2]]
            if period.pk not in by_period:
                by_period[period.pk] = point(key, from_regio=True)
    return Points(by_indicator={i: dict(by_dg) for i, by_dg in result.items()}, footnotes=footnotes)


def _averages(own, from_regio, gemeenten_in, values, secret, provisional) -> dict[tuple, Point]:
    """The mean over the gemeenten with a figure (their own, else their regio's); secret when one
    of them is secret (it could be computed back from the mean and the others)."""
    # (indicator, doelgroep) → [sum, count, secret, voorlopig]
    totals: dict[tuple, list] = defaultdict(lambda: [Decimal(0), 0, False, False])
    counted: dict[tuple, set] = defaultdict(set)
    zero = Decimal(0)

    def add(total, key, times=1):
        total[1] += times
        if key in secret:
            total[2] = True
        else:
            total[0] += (values.get(key) or zero) * times
        if key in provisional:
            total[3] = True

    for key in own:
        pair = (key[0], key[2])
        counted[pair].add(key[1])
        add(totals[pair], key)
    for key in from_regio:
        pair = (key[0], key[2])
        seen = counted[pair]
        missing = [g for g in gemeenten_in[key[1]] if g not in seen]
        if missing:
            seen.update(missing)
            add(totals[pair], key, len(missing))
    return {
        pair: Point(None, secret=True, count=count)
        if hidden
        else Point(total / count, voorlopig=voorlopig, count=count)
        for pair, (total, count, hidden, voorlopig) in totals.items()
    }


def _missing_texts(figures: engine.Figures, names) -> dict:
    return {
        key: engine.missing_text(key, parts, names) for key, parts in figures.incomplete.items()
    }


def _point(values, secret, pending, provisional, incomplete, key, from_regio=False) -> Point:
    return Point(
        value=values.get(key),
        secret=key in secret,
        voorlopig=key in provisional,
        pending=key in pending,
        from_regio=from_regio,
        incomplete=key in incomplete,
        missing=incomplete.get(key, ""),
    )
