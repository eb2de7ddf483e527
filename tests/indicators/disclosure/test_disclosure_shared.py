"""The suppression pattern is shared by every process through Django's cache (Redis in
production), kept under a version of its own component and year only, and computed ahead by a
worker after an approval or a reopening."""

import pytest

from indicators.disclosure import Rules, patterns, tasks
from indicators.disclosure.tables import SUPPRESSION_FLAGS
from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition
from tests.factories import SubmissionFactory, UitvraagFactory, UitvraagRegelFactory, period
from tests.reports.publication.test_publicatie import approve, walcheren_figures


@pytest.fixture
def computations(monkeypatch):
    """How often a pattern is really computed (not read from this process or the cache)."""
    counted = []
    compute = patterns._compute

    def counting(year, missing, *args):
        counted.extend((year, min(component)) for _key, component in missing)
        return compute(year, missing, *args)

    monkeypatch.setattr(patterns, "_compute", counting)
    return counted


@pytest.fixture
def published(world):
    world.uitvraag.areas.add(world.vlissingen)
    approve(world, walcheren_figures(world))
    return world


def pattern_of(world, year=2018):
    return patterns.pattern_for({world.vlissingen.pk}, [year], Rules.from_settings())


def another_process():
    patterns.memo.clear()


def secret(pattern):
    return {k for k, f in pattern.flags.items() if f in SUPPRESSION_FLAGS}


def test_another_process_reads_the_pattern_from_the_shared_cache(published, computations):
    first = pattern_of(published)
    another_process()
    second = pattern_of(published)

    assert len(computations) == 1
    assert second.values == first.values
    assert second.flags == first.flags
    assert second.computed == first.computed
    # Vlissingen's 5 werkzoekenden stay secret, as computed.
    vlissingen_5 = (
        published.aantal_clienten.pk,
        published.vlissingen.pk,
        published.werkzoekenden.pk,
        period("2018H1").pk,
    )
    assert vlissingen_5 in secret(second)


def test_every_cell_reads_the_same_from_the_packed_pattern(published):
    pattern = pattern_of(published)
    packed = patterns.unpack(patterns.pack(pattern), pattern.rules)
    for key, value in pattern.values.items():
        for shown in (None, value, value + 1):
            for counts in (True, False):
                assert packed.cell(key, shown, counts=counts) == pattern.cell(
                    key, shown, counts=counts
                )


class Down:
    def __getattr__(self, name):
        raise ConnectionError("Redis is down")


def test_a_cache_that_is_down_means_computing_again(published, computations, monkeypatch):
    expected = pattern_of(published)
    another_process()
    monkeypatch.setattr("core.shared_cache.cache", Down())

    pattern = pattern_of(published)
    another_process()
    again = pattern_of(published)

    assert pattern.flags == expected.flags == again.flags
    assert len(computations) == 3


def other_component(world, year="2018H1"):
    """Dordrecht (no regio with Walcheren's gemeenten) delivers too: another component."""
    uitvraag = UitvraagFactory(uitvoerder=world.orionis, areas=[world.other_gemeente])
    UitvraagRegelFactory(uitvraag=uitvraag, indicator=world.aantal_clienten, doelgroep=None)
    return SubmissionFactory(uitvraag=uitvraag, period=period(year))


def approve_other(world, submission, raw="3"):
    world.orionis.gemeenten.add(world.other_gemeente)
    cell = CellInput(world.aantal_clienten.pk, None, world.other_gemeente.pk, raw)
    save_values(submission, world.leverancier, [cell])
    transition(submission, "indienen", world.leverancier)
    transition(submission, "goedkeuren", world.other_beleid)


def test_an_approval_in_another_component_keeps_the_cached_pattern(published, computations):
    submission = other_component(published)
    pattern_of(published)
    approve_other(published, submission)
    another_process()

    pattern_of(published)
    assert len(computations) == 1


def test_an_approval_inside_the_component_computes_it_again(published, computations):
    before = pattern_of(published)
    later = SubmissionFactory(uitvraag=published.uitvraag, period=period("2018H2"))
    approve(published, walcheren_figures(published, werkzoekenden="50"), later)
    another_process()

    after = pattern_of(published)
    assert len(computations) == 2
    h2 = period("2018H2").pk
    assert not any(key[3] == h2 for key in before.values)
    assert any(key[3] == h2 for key in after.values)


def test_an_approval_in_another_year_keeps_this_years_pattern(published, computations):
    pattern_of(published, 2018)
    later = SubmissionFactory(uitvraag=published.uitvraag, period=period("2019H1"))
    approve(published, walcheren_figures(published, werkzoekenden="50"), later)
    another_process()

    pattern_of(published, 2018)
    assert len(computations) == 1


def test_a_reopening_computes_the_pattern_without_the_reopened_figures(published):
    assert pattern_of(published).values
    transition(published.submission, "heropenen", published.beheerder, reason="Correctie")
    another_process()

    assert pattern_of(published).values == {}


def test_after_an_approval_the_pattern_is_ready_before_anyone_asks(
    world, settings, computations, django_capture_on_commit_callbacks
):
    settings.DISCLOSURE_PRECOMPUTE = True
    world.uitvraag.areas.add(world.vlissingen)
    with django_capture_on_commit_callbacks(execute=True):
        approve(world, walcheren_figures(world))
    assert len(computations) == 1  # by the task
    another_process()

    pattern = pattern_of(world)
    assert len(computations) == 1
    assert pattern.values


def test_without_a_worker_no_pattern_is_computed_in_the_approving_request(
    world, settings, computations, django_capture_on_commit_callbacks
):
    settings.DISCLOSURE_PRECOMPUTE = False
    world.uitvraag.areas.add(world.vlissingen)
    with django_capture_on_commit_callbacks(execute=True):
        approve(world, walcheren_figures(world))
    assert computations == []


def test_a_changed_uitvraag_of_the_component_computes_it_again(published, computations):
    pattern_of(published)
    UitvraagRegelFactory(
        uitvraag=published.uitvraag, indicator=published.aantal_clienten, doelgroep=None, order=9
    )
    another_process()
    pattern_of(published)
    published.uitvraag.areas.add(published.middelburg)
    another_process()
    pattern_of(published)

    assert len(computations) == 3


def test_a_broker_that_is_down_never_fails_the_approval(
    world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    def down(*args):
        raise ConnectionError("broker down")

    settings.DISCLOSURE_PRECOMPUTE = True
    monkeypatch.setattr(tasks.precompute_patterns, "delay", down)
    world.uitvraag.areas.add(world.vlissingen)
    with django_capture_on_commit_callbacks(execute=True):
        approve(world, walcheren_figures(world))

    world.submission.refresh_from_db()
    assert world.submission.status == "goedgekeurd"
    assert pattern_of(world).values  # the first page computes it


def test_a_damaged_entry_in_the_cache_is_computed_again(published, computations, monkeypatch):
    expected = pattern_of(published)
    another_process()
    monkeypatch.setattr(patterns, "shared", lambda method, *args: b"not a pattern")

    assert pattern_of(published).flags == expected.flags
    assert len(computations) == 2
