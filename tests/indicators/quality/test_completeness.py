"""Completeness per period: expected and filled cells, and whether a submission came on time."""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from indicators.models import Submission
from indicators.quality.completeness import Tijdigheid, completeness, period_completeness, totals
from indicators.workflow import transition
from tests.factories import SubmissionFactory, UitvraagFactory, fill_submission, period

from .test_rules import enter


def submitted_on(submission, day: date):
    Submission.objects.filter(pk=submission.pk).update(
        submitted_at=timezone.make_aware(datetime(day.year, day.month, day.day, 16, 30))
    )


def row_for(world, submission=None, today=date(2018, 8, 1)):
    submission = submission or world.submission
    [row] = completeness(Submission.objects.filter(pk=submission.pk), today=today)
    return row


def test_expected_cells_are_the_rows_times_the_areas(world):
    world.uitvraag.areas.add(world.middelburg)
    assert row_for(world).expected == 6


def test_filled_cells_count_only_figures_not_invalid_input(world):
    enter(
        world,
        (world.aantal_clienten, world.werkzoekenden, "510"),
        (world.aantal_clienten, world.wsw, "veel"),
    )
    row = row_for(world)
    assert (row.filled, row.expected, row.missing) == (1, 3, 2)
    assert row.percentage == Decimal("33.3")
    assert row.percentage_text == "33,3 %"


def test_missing_figures_with_a_toelichting_are_counted_apart(world):
    enter(world, (world.aantal_clienten, world.wsw, "", "Nog niet bekend"))
    assert (row_for(world).filled, row_for(world).explained) == (0, 1)


def test_a_submission_submitted_before_its_deadline_is_on_time(world):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    submitted_on(world.submission, date(2018, 8, 15))  # the deadline itself
    row = row_for(world, today=date(2018, 9, 1))
    assert row.timeliness == Tijdigheid.OP_TIJD
    assert row.timeliness_label == "Op tijd"


def test_a_submission_submitted_after_its_deadline_is_late(world):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    submitted_on(world.submission, date(2018, 8, 16))
    row = row_for(world, today=date(2018, 9, 1))
    assert (row.timeliness, row.is_late) == (Tijdigheid.TE_LAAT, True)


def test_an_approved_submission_keeps_its_timeliness(world):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    transition(world.submission, "goedkeuren", world.beleid)
    submitted_on(world.submission, date(2018, 8, 1))
    assert row_for(world, today=date(2019, 1, 1)).timeliness == Tijdigheid.OP_TIJD


def test_a_concept_past_its_deadline_is_missing_over_the_deadline(world):
    row = row_for(world, today=date(2018, 8, 16))
    assert row.timeliness_label == "Nog niet ingediend (over de deadline)"


def test_a_concept_before_its_deadline_is_simply_not_yet_submitted(world):
    assert row_for(world, today=date(2018, 8, 15)).timeliness_label == "Nog niet ingediend"


def test_a_submission_sent_back_counts_as_not_submitted(world):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    transition(world.submission, "terugsturen", world.beleid, reason="Klopt niet")
    assert row_for(world, today=date(2018, 9, 1)).timeliness == Tijdigheid.OVER_DEADLINE


def test_a_period_shows_only_the_submissions_a_person_may_see(world):
    other = UitvraagFactory(uitvoerder=world.other_uitvoerder, areas=[world.other_gemeente])
    SubmissionFactory(uitvraag=other, period=world.submission.period)
    SubmissionFactory(uitvraag=world.uitvraag, period=period("2017H2"))
    shown = {
        name: [
            r.submission.uitvraag.uitvoerder
            for r in period_completeness(getattr(world, name), world.submission.period)
        ]
        for name in ("beleid", "leverancier", "other_leverancier", "beheerder")
    }
    assert shown["beleid"] == [world.orionis]
    assert shown["leverancier"] == [world.orionis]
    assert shown["other_leverancier"] == [world.other_uitvoerder]
    assert sorted(o.name for o in shown["beheerder"]) == [
        "Orionis Walcheren",
        "Sociale Dienst Drechtsteden",
    ]


def test_totals_count_each_timeliness(world):
    fill_submission(world)
    late = UitvraagFactory(uitvoerder=world.orionis, areas=[world.walcheren])
    SubmissionFactory(uitvraag=late, period=world.submission.period)
    rows = completeness(Submission.objects.all(), today=date(2018, 9, 1))
    summary = totals(rows)
    assert (summary.submissions, summary.expected, summary.filled) == (2, 3, 3)
    assert dict(summary.timeliness_counts)["Nog niet ingediend (over de deadline)"] == 2
    assert summary.percentage_text == "100,0 %"


def test_a_figure_of_a_row_since_removed_from_the_uitvraag_does_not_count(world):
    fill_submission(world)
    world.uitvraag.regels.filter(indicator=world.uitstroom_pct).delete()
    row = row_for(world)
    assert (row.filled, row.expected) == (2, 2)


def test_an_approved_submission_lists_its_empty_cells_row_by_row(world):
    from indicators.quality.completeness import expectations

    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    transition(world.submission, "goedkeuren", world.beleid)
    world.uitvraag.areas.add(world.middelburg, world.veere)  # asked after the approval
    [row] = [r for r in expectations(world.submission.period) if r.submission == world.submission]
    assert (row.filled, row.expected) == (3, 9)
    assert [(c.indicator, c.doelgroep, c.area.name) for c in row.missing] == [
        (world.aantal_clienten, world.werkzoekenden, "Middelburg"),
        (world.aantal_clienten, world.werkzoekenden, "Veere"),
        (world.aantal_clienten, world.wsw, "Middelburg"),
        (world.aantal_clienten, world.wsw, "Veere"),
        (world.uitstroom_pct, world.werkzoekenden, "Middelburg"),
        (world.uitstroom_pct, world.werkzoekenden, "Veere"),
    ]
