"""The one suppression pattern per indicator × jaar that every public output reads.

The publication pages and their API (:mod:`indicators.disclosure.publication`), the open-data CSV of a report
(:mod:`reports.opendata`, through the publication), the report's PDF (:mod:`reports.content`) and
the public dashboard (:mod:`reports.dashboard.figures`) all ask :func:`pattern_for` which cells
are secret, so two outputs never hide different cells (together they would reveal more).

The pattern is computed over the *approved* figures of a whole hierarchy at once: every gemeente
and regio that is linked to the requested ones through regio membership (a *component*: the
cells of other components share no equation with these), every doelgroep and the total, and
every period of the calendar year (the year with its half-years and quarters are linked). It is
a deterministic function of those figures and the rules (:func:`.linked.protect_linked`), kept
in the process per component × jaar under a key that holds the data version: any change of a
submission's status (approval, reopening), of an indicator's definition or of regio membership
gives a new key, and the pattern is computed again on first use.

An output that shows a figure other than the approved one it was computed for (the public
dashboard shows the figures of vastgestelde reports) gets that cell hidden: the pattern only
protects the figures it was made for.
"""

import hashlib
from collections import OrderedDict
from collections.abc import Iterable
from threading import Lock

from django.db.models import Count, Max

from .. import engine
from ..models import Eenheid, Period, Submission
from .linked import Hierarchy, Kind, LinkedPattern, protect_linked
from .tables import Rules

MEMO_SIZE = 256


class _Memo:
    """Least recently used first out; no expiry needed, the key holds the data version."""

    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), Lock()

    def get(self, key):
        with self.lock:
            found = self.items.pop(key, None)
            if found is not None:
                self.items[key] = found
            return found

    def set(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


memo = _Memo(MEMO_SIZE)


def digest(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def suppression_rules(rules: Rules | None) -> Rules:
    """The rules the pattern depends on: the threshold only (rounding comes after suppression,
    so a rounded and an unrounded output share one pattern)."""
    rules = rules or Rules.from_settings()
    return Rules(min_count=rules.min_count, max_count=rules.max_count)


def data_version(catalogue: engine.Catalogue, members) -> str:
    """Changes when a submission changes status (transitions stamp ``updated_at``), an
    indicator's unit, aggregation or formula changes, or regio membership changes. One query."""
    submissions = Submission.objects.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    indicators = ";".join(
        f"{i.pk}:{i.formula}:{i.eenheid}:{i.aggregatie}" for i in catalogue.indicators.values()
    )
    hierarchy = ";".join(f"{r}:{sorted(m)}" for r, m in sorted(members.items()))
    return digest(f"{sorted(submissions.items())}|{indicators}|{hierarchy}")


def components(members) -> dict[int, frozenset[int]]:
    """Area → all areas linked to it through regio membership (itself included)."""
    parent: dict[int, int] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for regio, gemeenten in members.items():
        for gemeente in gemeenten:
            parent[find(gemeente)] = find(regio)
    groups: dict[int, set] = {}
    for area in list(parent):
        groups.setdefault(find(area), set()).add(area)
    return {area: frozenset(group) for group in groups.values() for area in group}


def kinds_of(catalogue: engine.Catalogue) -> dict[int, Kind]:
    """Per indicator how it adds up and whether its figures are counts of people: only
    ``aantal`` is; euro's, percentages, rates and marks are never suppressed for their own value."""
    return {
        pk: Kind(aggregation=catalogue.aggregation[pk], counts=i.eenheid == Eenheid.AANTAL)
        for pk, i in catalogue.indicators.items()
    }


def pattern_for(
    area_ids: Iterable[int],
    years: Iterable[int],
    rules: Rules | None = None,
    catalogue: engine.Catalogue | None = None,
) -> LinkedPattern:
    """The pattern covering every cell of the given areas (and everything linked to them) in
    the given years. Queries on a hit: two; on a miss also the engine's for the missing years."""
    rules = suppression_rules(rules)
    catalogue = catalogue or engine.Catalogue.load()
    members = engine.regio_members()
    linked = components(members)
    version = data_version(catalogue, members)
    wanted = {linked.get(a, frozenset({a})) for a in area_ids}
    pattern = LinkedPattern(values={}, flags={}, rules=rules)
    for year in sorted(set(years)):
        missing = []
        for component in sorted(wanted, key=min):
            key = (version, rules.min_count, rules.max_count, year, min(component))
            found = memo.get(key)
            if found is None:
                missing.append((key, component))
            else:
                pattern = pattern.merge(found)
        if missing:
            for key, found in _compute(year, missing, members, rules, catalogue):
                memo.set(key, found)
                pattern = pattern.merge(found)
    return pattern


def _compute(year, missing, members, rules, catalogue):
    periods = list(Period.objects.filter(year=year))
    if not periods:
        return [(key, LinkedPattern(values={}, flags={}, rules=rules)) for key, _c in missing]
    areas = set().union(*(component for _key, component in missing))
    gemeenten = areas - set(members)
    computed = engine.compute(periods, gemeenten, catalogue)
    hierarchy = Hierarchy(
        members={r: m for r, m in members.items() if r in areas},
        periods={p.pk: (p.type, p.start, p.end) for p in periods},
    )
    kinds = kinds_of(catalogue)
    results = []
    for key, component in missing:
        values, derived = {}, {}
        for period_pk, figures in computed.items():
            for (indicator_id, area_id, doelgroep_id), value in figures.values.items():
                if area_id not in component:
                    continue
                cell = (indicator_id, area_id, doelgroep_id, period_pk)
                values[cell] = value
                if indicator_id in catalogue.inputs:
                    derived[cell] = sources_of(figures, catalogue, cell)
        part = Hierarchy(
            members={r: m for r, m in hierarchy.members.items() if r in component},
            periods=hierarchy.periods,
        )
        results.append((key, protect_linked(values, part, kinds, rules, derived)))
    return results


def sources_of(figures, catalogue, cell) -> list[tuple]:
    """The cells a computed cell was computed from, resolved as the engine resolves them."""
    indicator_id, area_id, doelgroep_id, period_pk = cell
    sources = []
    for item in catalogue.inputs.get(indicator_id, ()):
        source = (item.indicator_id, area_id, item.doelgroep_id if item.qualified else doelgroep_id)
        if source not in figures.values and item.indicator_id not in figures.split:
            source = (item.indicator_id, area_id, None)  # e.g. inwoners: one figure for all
        if source in figures.values:
            sources.append((*source, period_pk))
    return sources
