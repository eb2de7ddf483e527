"""The daily schedule (Celery beat): concept reports once a half-year's deadlines have passed, and
reminders to suppliers before a deadline. Tests fix "today"."""

from datetime import date

import pytest
from django.core import mail

from config.celery import app
from indicators.models import SubmissionStatus
from indicators.workflow import transition as submission_transition
from organisations.models import Role
from reports.models import GenerationStatus, Report, ReportStatus, SubmissionReminder
from reports.tasks import daily_schedule, prepare_concept_reports, remind_suppliers
from tests.factories import (
    SubmissionFactory,
    UitvraagFactory,
    fill_submission,
    make_user,
    period,
)


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    """What the PDF looks like does not matter here (test_generation reads real ones): a small
    stand-in without charts keeps these tests fast."""
    from reports import charts, tasks

    monkeypatch.setattr(charts, "render", lambda chart: chart)
    monkeypatch.setattr(
        tasks, "render_pdf", lambda content: b"%PDF-1.7 " + content.report.title.encode()
    )


# The world's 2018H1 submission is due on 15 August 2018.
DEADLINE = date(2018, 8, 15)


def reports_made():
    return sorted(
        (r.gemeente.code, r.period.identifier, r.version)
        for r in Report.objects.select_related("gemeente", "period")
    )


# --- concept reports ---------------------------------------------------------------------------


def test_after_the_deadlines_a_concept_is_prepared_for_every_gemeente_of_the_uitvraag(world):
    prepare_concept_reports(today=date(2018, 8, 16))
    assert reports_made() == [
        ("GM0687", "2018H1", 1),
        ("GM0717", "2018H1", 1),
        ("GM0718", "2018H1", 1),
    ]
    report = Report.objects.get(gemeente=world.vlissingen)
    assert report.status == ReportStatus.CONCEPT
    assert report.created_by is None
    assert report.events.last().reason.startswith("Klaargezet door de planning")


def test_the_prepared_concept_is_generated_and_the_beleidsmedewerkers_are_told(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        prepare_concept_reports(today=date(2018, 8, 16))
    report = Report.objects.get(gemeente=world.vlissingen)
    assert report.generation_status == GenerationStatus.DONE
    assert report.pdf and report.csv
    assert world.beleid.email in {to for m in mail.outbox for to in m.to}


def test_nothing_is_prepared_on_or_before_the_deadline(world):
    assert prepare_concept_reports(today=DEADLINE) == []
    assert not Report.objects.exists()


def test_a_gemeente_waits_for_the_last_deadline_of_its_half_year(world):
    """Porthos delivers for Vlissingen only, a month later: Vlissingen waits for it."""
    porthos = UitvraagFactory(uitvoerder=world.porthos, areas=[world.vlissingen])
    SubmissionFactory(uitvraag=porthos, period=period("2018Q2"), deadline=date(2018, 9, 15))
    prepare_concept_reports(today=date(2018, 8, 16))
    assert reports_made() == [("GM0687", "2018H1", 1), ("GM0717", "2018H1", 1)]
    prepare_concept_reports(today=date(2018, 9, 16))
    assert ("GM0718", "2018H1", 1) in reports_made()


def test_running_twice_prepares_each_concept_once(world):
    prepare_concept_reports(today=date(2018, 8, 16))
    assert prepare_concept_reports(today=date(2018, 8, 17)) == []
    assert len(reports_made()) == 3


def test_a_gemeente_that_already_has_a_report_gets_none(world):
    from reports.services import create_report

    create_report(world.vlissingen, period("2018H1"), world.beleid)
    prepared = prepare_concept_reports(today=date(2018, 8, 16))
    assert {r.gemeente.code for r in prepared} == {"GM0687", "GM0717"}
    assert Report.objects.filter(gemeente=world.vlissingen).count() == 1


def test_periods_whose_deadline_passed_long_ago_are_left_alone(world, settings):
    settings.REPORT_PREPARE_LOOKBACK_DAYS = 30
    assert prepare_concept_reports(today=date(2018, 10, 1)) == []


def test_a_year_delivery_counts_for_the_second_half_year(world):
    SubmissionFactory(uitvraag=world.uitvraag, period=period("2018"), deadline=date(2019, 2, 15))
    prepare_concept_reports(today=date(2019, 2, 16))
    assert ("GM0718", "2018H2", 1) in reports_made()


# --- reminders to suppliers --------------------------------------------------------------------


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """Run the reminders and, like a real commit, send the mail they queued."""

    def run(today, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return remind_suppliers(today=today, **kwargs)

    return run


def test_suppliers_are_reminded_a_week_before_the_deadline(remind, world):
    reminded = remind(date(2018, 8, 8))
    assert reminded == [world.submission]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.leverancier.email, world.leverancier2.email]
    )
    message = mail.outbox[0]
    assert message.subject == (
        "Herinnering: cijfers over 2018 eerste halfjaar uiterlijk 15 augustus 2018 aanleveren"
    )
    assert "over 7 dagen" in message.body
    assert "De aanlevering is nog niet ingediend." in message.body
    assert f"/aanleveringen/{world.submission.pk}/" in message.body


def test_only_the_suppliers_own_staff_are_reminded(remind, world):
    remind(date(2018, 8, 8))
    told = {m.to[0] for m in mail.outbox}
    for user in (world.porthos_leverancier, world.other_leverancier, world.beleid):
        assert user.email not in told


def test_a_submission_is_reminded_once(remind, world):
    remind(date(2018, 8, 8))
    assert remind(date(2018, 8, 9)) == []
    assert len(mail.outbox) == 2
    reminder = SubmissionReminder.objects.get(submission=world.submission)
    assert reminder.deadline == DEADLINE
    assert world.leverancier.email in reminder.recipients


def test_no_reminder_when_the_deadline_is_further_away(remind, world):
    assert remind(date(2018, 8, 7)) == []
    assert mail.outbox == []


def test_the_number_of_days_is_a_setting(remind, world, settings):
    settings.REPORT_REMINDER_DAYS = 14
    assert remind(date(2018, 8, 1)) == [world.submission]


def test_a_reminder_missed_yesterday_goes_out_today(remind, world):
    """The day the beat did not run: the next run still reminds, with the days that are left."""
    remind(date(2018, 8, 10))
    assert "over 5 dagen" in mail.outbox[0].body


def test_no_reminder_after_the_deadline(remind, world):
    assert remind(date(2018, 8, 16)) == []


@pytest.mark.parametrize("status", [SubmissionStatus.INGEDIEND, SubmissionStatus.GOEDGEKEURD])
def test_a_submission_that_was_handed_in_is_not_reminded(remind, world, status):
    fill_submission(world)
    submission_transition(world.submission, "indienen", world.leverancier)
    if status == SubmissionStatus.GOEDGEKEURD:
        submission_transition(world.submission, "goedkeuren", world.beleid)
    assert remind(date(2018, 8, 8)) == []


def test_a_sent_back_submission_is_reminded_with_the_reason(remind, world):
    fill_submission(world)
    submission_transition(world.submission, "indienen", world.leverancier)
    submission_transition(
        world.submission, "terugsturen", world.beleid, reason="Wsw-cijfer ontbreekt"
    )
    remind(date(2018, 8, 8))
    assert "Wsw-cijfer ontbreekt" in mail.outbox[0].body


def test_without_anyone_to_tell_the_reminder_waits(remind, world):
    porthos = UitvraagFactory(uitvoerder=world.other_uitvoerder, areas=[world.other_gemeente])
    submission = SubmissionFactory(uitvraag=porthos, period=period("2018H1"), deadline=DEADLINE)
    world.other_leverancier.memberships.all().delete()
    remind(date(2018, 8, 8))
    assert not SubmissionReminder.objects.filter(submission=submission).exists()
    make_user(Role.LEVERANCIER, world.other_uitvoerder, username="nieuw")
    assert remind(date(2018, 8, 9)) == [submission]


# --- the beat schedule -------------------------------------------------------------------------


def test_celery_beat_runs_the_schedule_every_day():
    entry = app.conf.beat_schedule["rapportages-en-herinneringen"]
    assert entry["task"] == "reports.tasks.daily_schedule"
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {6}


def test_the_daily_task_prepares_and_reminds(world):
    porthos = UitvraagFactory(uitvoerder=world.porthos, areas=[world.vlissingen])
    due_soon = SubmissionFactory(
        uitvraag=porthos, period=period("2018H2"), deadline=date(2018, 8, 20)
    )
    result = daily_schedule.apply(kwargs={"today": "2018-08-16"}).get()
    assert result == {
        "rapportages": list(Report.objects.order_by("pk").values_list("pk", flat=True)),
        "herinneringen": [due_soon.pk],
    }
    assert len(result["rapportages"]) == 3
