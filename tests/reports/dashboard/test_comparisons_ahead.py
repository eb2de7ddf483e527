"""The comparisons (a regio, the average) are computed ahead after an approval, cached per period
and invalidated only for the periods a change touches; production shares them through Redis."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.settings import default_cache_url
from indicators import engine
from indicators.models import Submission
from indicators.workflow import transition
from reports.dashboard import figures
from reports.dashboard.figures import GEMIDDELDE_SUBJECT, Subject
from tests.factories import fill_submission, period


@pytest.fixture(autouse=True)
def _fresh_caches():
    cache.clear()
    figures.memo.clear()
    yield
    cache.clear()
    figures.memo.clear()


def thema_ids(world):
    catalogue = engine.Catalogue.load()
    thema = world.aantal_clienten.thema_id
    return catalogue, [i.pk for i in catalogue.indicators.values() if i.thema_id == thema]


def approve(world, django_capture_on_commit_callbacks):
    fill_submission(world)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        transition(world.submission, "indienen", world.leverancier)
        transition(world.submission, "goedkeuren", world.beleid)
    return callbacks


def queries_for(subject, periods, catalogue, ids) -> int:
    figures.memo.clear()  # another process: only the shared cache
    with CaptureQueriesContext(connection) as captured:
        figures.comparison_points(subject, periods, catalogue, ids)
    return len(captured.captured_queries)


@pytest.mark.parametrize("subject", ["average", "regio"], ids=["the average", "the regio's total"])
def test_after_an_approval_the_comparison_is_ready_before_anyone_asks(
    world, settings, django_capture_on_commit_callbacks, subject
):
    settings.DASHBOARD_PRECOMPUTE = True
    approve(world, django_capture_on_commit_callbacks)
    catalogue, ids = thema_ids(world)
    who = GEMIDDELDE_SUBJECT if subject == "average" else Subject("regio", world.walcheren)

    # Only the periods' versions are read; the figures come from the cache.
    assert queries_for(who, [period("2018H1")], catalogue, ids) == 1


def test_the_precomputed_figures_are_those_the_page_would_compute(
    world, settings, django_capture_on_commit_callbacks
):
    settings.DASHBOARD_PRECOMPUTE = True
    approve(world, django_capture_on_commit_callbacks)
    catalogue, ids = thema_ids(world)
    h1 = period("2018H1")
    ahead = figures.comparison_points(Subject("regio", world.walcheren), [h1], catalogue, ids)
    cache.clear()
    figures.memo.clear()
    fresh = figures.comparison_points(Subject("regio", world.walcheren), [h1], catalogue, ids)
    assert ahead.by_indicator == fresh.by_indicator
    point = ahead.get(world.aantal_clienten.pk, world.wsw.pk, h1.pk)
    assert point.value == 666


def test_without_a_worker_nothing_is_computed_in_the_approving_request(
    world, settings, django_capture_on_commit_callbacks
):
    settings.DASHBOARD_PRECOMPUTE = False
    callbacks = approve(world, django_capture_on_commit_callbacks)
    # The step's own follow-ups (notices, security log) run; no comparison task among them.
    assert not any("precompute" in getattr(c, "__qualname__", "") for c in callbacks)
    catalogue, ids = thema_ids(world)
    assert queries_for(GEMIDDELDE_SUBJECT, [period("2018H1")], catalogue, ids) > 1


def test_a_change_in_one_period_leaves_the_comparisons_of_other_periods_valid(world):
    fill_submission(world)
    catalogue = engine.Catalogue.load()
    periods = [period("2017H2"), period("2018H1"), period("2018"), period("2017")]
    from tests.factories import SubmissionFactory

    SubmissionFactory(uitvraag=world.uitvraag, period=period("2017H2"))
    before = figures.period_versions(periods, catalogue)
    Submission.objects.filter(pk=world.submission.pk).update(updated_at=timezone.now())
    after = figures.period_versions(periods, catalogue)

    changed = {p.identifier for p in periods if before[p.pk] != after[p.pk]}
    assert changed == {"2018H1", "2018"}


def test_everyone_who_compares_shares_one_cached_comparison(world):
    """A beleidsmedewerker and a beheerder see the same approved regio figures: one entry."""
    fill_submission(world)
    catalogue, ids = thema_ids(world)
    h1 = [period("2018H1")]
    beleid = figures.Audience(figures.Bron.INGEDIEND, pending_areas=frozenset({world.walcheren.pk}))
    beheerder = figures.Audience(figures.Bron.INGEDIEND)
    regio = Subject("regio", world.walcheren)
    figures.subject_points(beleid, regio, h1, catalogue, ids)
    with CaptureQueriesContext(connection) as captured:
        figures.subject_points(beheerder, regio, h1, catalogue, ids)
    assert len(captured.captured_queries) == 1  # the periods' versions only


@pytest.mark.parametrize(
    ("broker", "cache_url"),
    [
        ("redis://redis.example.nl:6379/11", "redis://redis.example.nl:6379/12"),
        ("redis://redis.example.nl:6379", "redis://redis.example.nl:6379/1"),
        ("rediss://:geheim@redis.example.nl:6380/0", "rediss://:geheim@redis.example.nl:6380/1"),
        ("amqp://rabbit.example.nl//", ""),
        ("", ""),
    ],
)
def test_production_caches_in_the_redis_beside_its_broker(broker, cache_url):
    assert default_cache_url(broker) == cache_url


def test_an_approval_changes_exactly_the_keys_of_its_periods_average_and_regio(
    world, settings, django_capture_on_commit_callbacks, monkeypatch
):
    """Approving Walcheren's 2018H1 invalidates the average and Walcheren's totals of 2018H1 and
    2018, not another regio's nor another period's; the task computes exactly those again."""
    from tests.factories import GemeenteFactory, RegioFactory

    settings.DASHBOARD_PRECOMPUTE = True
    elsewhere = RegioFactory(name="Oosterschelde")
    elsewhere.gemeenten.set([GemeenteFactory(name="Goes")])
    catalogue, ids = thema_ids(world)
    periods = [period("2017H2"), period("2018H1"), period("2018"), period("2017")]
    subjects = {
        "average": GEMIDDELDE_SUBJECT,
        "walcheren": Subject("regio", world.walcheren),
        "oosterschelde": Subject("regio", elsewhere),
    }
    before = {n: figures.period_versions(periods, catalogue, None, s) for n, s in subjects.items()}
    figures.comparison_points(subjects["oosterschelde"], [period("2018H1")], catalogue, ids)
    stored = []
    real_set = figures.cache.set
    monkeypatch.setattr(
        figures.cache, "set", lambda key, *a, **k: stored.append(key) or real_set(key, *a, **k)
    )
    approve(world, django_capture_on_commit_callbacks)
    after = {n: figures.period_versions(periods, catalogue, None, s) for n, s in subjects.items()}

    changed = {
        (name, p.identifier)
        for name in subjects
        for p in periods
        if before[name][p.pk] != after[name][p.pk]
    }
    expected = {("average", "2018H1"), ("average", "2018"), ("walcheren", "2018H1")}
    assert changed == expected | {("walcheren", "2018")}
    by_pk = {p.pk: p.identifier for p in periods}
    recomputed = set()
    for key in (k for k in stored if k.startswith("vergelijking:")):
        _prefix, _version, kind, area, period_pk, _ids = key.split(":")
        name = "average" if not area else ("walcheren" if int(area) == world.walcheren.pk else area)
        recomputed.add((name, by_pk.get(int(period_pk), period_pk)))
    # Computed ahead: the changed keys of the periods a thema page asks for (its indicators are
    # half-yearly, so no year); nothing else.
    assert recomputed == {(name, p) for name, p in changed if p != "2018"}
    # Oosterschelde's comparison cached before the approval is still found: one query.
    assert queries_for(subjects["oosterschelde"], [period("2018H1")], catalogue, ids) == 1
