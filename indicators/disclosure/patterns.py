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
per component × jaar under a key that holds that component's data version
(:func:`component_versions`): the approved submissions of that year about its areas, the
uitvragen about them, the indicators' definitions and the component's regio membership. An
approval or a reopening changes the key of the patterns it touches and of nothing else; another
component or another year keeps its pattern.

Kept in this process (a small memo) and in Django's shared cache (Redis in production, so every
web and worker process reads what one computed; packed compactly, :func:`pack`). After an
approval or a reopening a Celery task computes the touched patterns ahead
(:mod:`.tasks`), so the first public page or report finds them. A cache that is down only
means computing again.

An output that shows a figure other than the approved one it was computed for (the public
dashboard shows the figures of vastgestelde reports) gets that cell hidden: the pattern only
protects the figures it was made for.
"""

import hashlib
import logging
import pickle
import uuid
import zlib
from array import array
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from threading import Lock

from django.db.models import IntegerField
from django.db.models import Value as Constant

from core.shared_cache import shared

from .. import engine
from ..models import Eenheid, Period, Submission, SubmissionStatus, Uitvraag, UitvraagRegel
from .linked import Hierarchy, Kind, LinkedPattern, protect_linked
from .tables import Flag, Rules

logger = logging.getLogger(__name__)

MEMO_SIZE = 256
# The key holds the data version, so an entry is never stale, only unused: it may live long.
SHARED_SECONDS = 30 * 24 * 3600
PACKING = 1  # the layout of :func:`pack`; part of the key


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


def definitions_digest(catalogue: engine.Catalogue) -> str:
    return digest(
        ";".join(
            f"{i.pk}:{i.formula}:{i.eenheid}:{i.aggregatie}" for i in catalogue.indicators.values()
        )
    )


def component_versions(years, wanted, catalogue: engine.Catalogue, members) -> dict:
    """(year, lowest area id of the component) → a version that changes when an approved
    submission of that year about one of the component's areas is added or removed (approval,
    reopening: transitions stamp ``updated_at``), when the uitvragen about its areas change (an
    area or a row added or removed: which totals are complete depends on them), when an
    indicator's unit, aggregation or formula changes, or the component's regio membership
    changes. Two queries for all years and components.

    A submission is about the areas of its uitvraag: the areas its figures are entered for."""
    of_area = {area: min(component) for component in wanted for area in component}
    stamps, asked = defaultdict(set), defaultdict(set)
    if of_area and years:
        rows = Submission.objects.filter(
            status=SubmissionStatus.GOEDGEKEURD,
            period__year__in=sorted(years),
            uitvraag__areas__in=sorted(of_area),
        ).values_list("pk", "updated_at", "period__year", "uitvraag__areas")
        for pk, updated_at, year, area in rows.order_by():
            stamps[year, of_area[area]].add((pk, area, updated_at.isoformat()))
        asked = _uitvragen(of_area)
    definitions = definitions_digest(catalogue)
    versions = {}
    for component in wanted:
        lowest = min(component)
        hierarchy = sorted((r, sorted(m)) for r, m in members.items() if r in component)
        uitvragen = sorted(asked[lowest], key=str)
        for year in years:
            versions[year, lowest] = digest(
                f"{definitions}|{hierarchy}|{uitvragen}|{sorted(stamps[year, lowest])}"
            )
    return versions


def _uitvragen(of_area: dict) -> dict:
    """Per component (by its lowest area id) the uitvragen about its areas: (uitvraag, area)
    pairs and (uitvraag, row, indicator, doelgroep) rows, what :func:`expected_cells` reads.
    One query (the pairs and the rows as one ``UNION ALL``)."""
    through = Uitvraag.areas.through
    pairs = through.objects.filter(organisation_id__in=sorted(of_area))
    nothing = Constant(None, output_field=IntegerField())
    regels = UitvraagRegel.objects.filter(uitvraag_id__in=pairs.values("uitvraag_id"))
    rows = (
        pairs.values_list("uitvraag_id", "organisation_id", nothing, nothing)
        .order_by()
        .union(
            regels.values_list("uitvraag_id", "pk", "indicator_id", "doelgroep_id").order_by(),
            all=True,
        )
    )
    areas_of, regels_of = defaultdict(set), defaultdict(set)
    for uitvraag, second, indicator, doelgroep in rows.order_by():
        if indicator is None:
            areas_of[uitvraag].add(second)
        else:
            regels_of[uitvraag].add((uitvraag, second, indicator, doelgroep))
    found = defaultdict(set)
    for uitvraag, areas in areas_of.items():
        for area in areas:
            found[of_area[area]] |= {(uitvraag, area), *regels_of[uitvraag]}
    return found


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
    the given years. Queries on a hit (this process or the shared cache): three; on a miss also
    the engine's for the missing years."""
    rules = suppression_rules(rules)
    catalogue = catalogue or engine.Catalogue.load()
    members = engine.regio_members()
    linked = components(members)
    wanted = {linked.get(a, frozenset({a})) for a in area_ids}
    years = sorted(set(years))
    versions = component_versions(years, wanted, catalogue, members)
    parts = []
    for year in years:
        missing = []
        for component in sorted(wanted, key=min):
            key = pattern_key(rules, year, component, versions[year, min(component)])
            found = memo.get(key)
            if found is None:
                found = _from_shared(key, rules)
            if found is None:
                missing.append((key, component))
            else:
                parts.append(found)
        if missing:
            for key, found in _compute(year, missing, members, rules, catalogue):
                memo.set(key, found)
                shared("set", key, pack(found), SHARED_SECONDS)
                parts.append(found)
    return merged(parts, rules)


def merged(parts: list[LinkedPattern], rules: Rules) -> LinkedPattern:
    """The parts as one pattern (they share no cell), copied once: merging one by one copies
    what came before again for every part (five large years: 0,5 s). One part is given as it is
    (read only: every output only asks it for cells)."""
    if len(parts) == 1:
        return parts[0]
    pattern = LinkedPattern(values={}, flags={}, rules=rules)
    for part in parts:
        pattern.values.update(part.values)
        pattern.flags.update(part.flags)
        pattern.computed.update(part.computed)
        pattern.equations += part.equations
        pattern.repaired += part.repaired
    return pattern


_namespace = "openbaarheid:patroon:"


def pattern_key(rules: Rules, year: int, component, version: str) -> str:
    return (
        f"{_namespace}{PACKING}:{rules.min_count}-{rules.max_count}:"
        f"{year}:{min(component)}:{version}"
    )


def forget(shared: bool = False) -> None:
    """Empty this process's memo (tests, benchmarks of computing cold); ``shared``: also stop
    reading what the shared cache holds, for this process (a fresh key space)."""
    global _namespace
    memo.clear()
    if shared:
        _namespace = f"openbaarheid:patroon:{uuid.uuid4().hex}:"


def _from_shared(key: str, rules: Rules) -> LinkedPattern | None:
    packed = shared("get", key)
    if packed is None:
        return None
    try:
        found = unpack(packed, rules)
    except Exception:  # noqa: BLE001 - a damaged entry: compute it again (and overwrite it)
        logger.warning("Onleesbaar geheimhoudingspatroon in de gedeelde cache", exc_info=True)
        return None
    memo.set(key, found)
    return found


# --- packing for the shared cache ---------------------------------------------------------------
# A large component's year (18 areas, 150.000 cells) pickled as objects is 5 MB (1,2 MB zipped);
# as columns — the cells' four ids, their exact figures as text, one byte of flag per cell — it
# is 0,5 MB zipped and unpacks faster than the objects unpickle.
FLAGS = list(Flag)
CODES = {flag: code for code, flag in enumerate(FLAGS)}
COMPUTED_BIT = 8


def pack(pattern: LinkedPattern) -> bytes:
    """The pattern's cells, exact figures, flags and which cells are computed, zipped. The rules
    are in the key."""
    values = pattern.values
    # Flagged or computed cells without a figure (none today) are kept too, with an empty one.
    keys = [*values, *((set(pattern.flags) | pattern.computed) - set(values))]
    columns = [_column([key[part] or 0 for key in keys]) for part in range(4)]
    figures = "\n".join(str(values[key]) if key in values else "" for key in keys)
    flags = bytes(
        CODES[pattern.flags.get(key, Flag.NONE)] + (COMPUTED_BIT if key in pattern.computed else 0)
        for key in keys
    )
    body = (columns, figures, flags, pattern.equations, pattern.repaired)
    return zlib.compress(pickle.dumps(body, pickle.HIGHEST_PROTOCOL), 6)


def unpack(packed: bytes, rules: Rules) -> LinkedPattern:
    columns, figures, flags, equations, repaired = pickle.loads(zlib.decompress(packed))
    indicator, area, doelgroep, period = (_ints(c) for c in columns)
    keys = list(zip(indicator, area, [d or None for d in doelgroep], period, strict=True))
    texts = figures.split("\n") if keys else []
    return LinkedPattern(
        values={key: Decimal(text) for key, text in zip(keys, texts, strict=True) if text},
        flags={key: FLAGS[f & 7] for key, f in zip(keys, flags, strict=True) if f & 7},
        rules=rules,
        equations=equations,
        repaired=repaired,
        computed={key for key, f in zip(keys, flags, strict=True) if f & COMPUTED_BIT},
    )


def _column(ids: list[int]) -> tuple[str, bytes]:
    typecode = "i" if max(ids, default=0) < 2**31 else "q"  # four bytes an id where they fit
    return typecode, array(typecode, ids).tobytes()


def _ints(column: tuple[str, bytes]) -> array:
    typecode, raw = column
    ids = array(typecode)
    ids.frombytes(raw)
    return ids


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
