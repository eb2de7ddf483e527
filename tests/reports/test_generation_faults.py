"""A generation survives a worker that dies and a broker that is down (unit level; the same with
a real worker killed with kill -9: test_worker_killed.py)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from core import jobs
from reports import tasks
from reports.models import GenerationStatus, Report, ReportEvent
from reports.services import request_generation
from reports.workflow import ReportError


def running(report, user, *, heartbeat_minutes_ago, progress=10, task_id="dode-taak"):
    """The report as a worker left it: running, last heartbeat so many minutes ago."""
    now = timezone.now()
    Report.objects.filter(pk=report.pk).update(
        generation_status=GenerationStatus.RUNNING,
        progress=progress,
        generation_requested_at=now - timedelta(minutes=heartbeat_minutes_ago + 1),
        generation_requested_by=user,
        heartbeat_at=now - timedelta(minutes=heartbeat_minutes_ago),
        task_id=task_id,
        attempts=1,
    )
    report.refresh_from_db()
    return report


def sweep(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return jobs.run_sweeps()


@override_settings(JOB_STALE_AFTER_SECONDS=300)
def test_a_generation_whose_worker_stopped_beating_is_marked_mislukt_and_the_requester_told(
    report, approved_world, django_capture_on_commit_callbacks
):
    running(report, approved_world.beleid, heartbeat_minutes_ago=6)

    sweep(django_capture_on_commit_callbacks)

    report.refresh_from_db()
    assert report.generation_status == GenerationStatus.FAILED
    assert "afgebroken bij 10 %" in report.generation_error
    assert "5 minuten geen teken van leven" in report.generation_error
    assert ReportEvent.objects.filter(report=report, action="mislukt").count() == 1
    [message] = mail.outbox
    assert message.to == [approved_world.beleid.email]
    assert message.subject.startswith("Mislukt:")
    assert "geen teken van leven" in message.body


@override_settings(JOB_STALE_AFTER_SECONDS=300)
def test_a_generation_that_still_beats_is_left_alone(
    report, approved_world, django_capture_on_commit_callbacks
):
    running(report, approved_world.beleid, heartbeat_minutes_ago=4)

    sweep(django_capture_on_commit_callbacks)

    report.refresh_from_db()
    assert report.generation_status == GenerationStatus.RUNNING
    assert mail.outbox == []


@override_settings(JOB_STALE_AFTER_SECONDS=300)
def test_sweeping_twice_tells_the_requester_once(
    report, approved_world, django_capture_on_commit_callbacks
):
    running(report, approved_world.beleid, heartbeat_minutes_ago=6)
    sweep(django_capture_on_commit_callbacks)
    sweep(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


@override_settings(JOB_QUEUED_TIMEOUT_SECONDS=3600)
def test_a_generation_no_worker_took_up_is_marked_mislukt_after_the_queue_timeout(
    report, approved_world, django_capture_on_commit_callbacks
):
    Report.objects.filter(pk=report.pk).update(
        generation_status=GenerationStatus.QUEUED,
        generation_requested_at=timezone.now() - timedelta(minutes=61),
        generation_requested_by=approved_world.beleid,
    )
    sweep(django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert report.generation_status == GenerationStatus.FAILED
    assert "niet binnen 60 minuten gestart" in report.generation_error


@override_settings(JOB_QUEUED_TIMEOUT_SECONDS=3600)
def test_a_queued_generation_waiting_behind_others_is_left_alone(
    report, approved_world, django_capture_on_commit_callbacks
):
    Report.objects.filter(pk=report.pk).update(
        generation_status=GenerationStatus.QUEUED,
        generation_requested_at=timezone.now() - timedelta(minutes=30),
    )
    sweep(django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert report.generation_status == GenerationStatus.QUEUED


def test_a_failed_generation_offers_to_try_again(client, report, approved_world):
    Report.objects.filter(pk=report.pk).update(
        generation_status=GenerationStatus.FAILED,
        generation_error="Het maken van de rapportage is afgebroken bij 10 %.",
    )
    client.force_login(approved_world.beleid)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "afgebroken bij 10 %" in page
    assert "Opnieuw proberen" in page


@override_settings(JOB_STALE_AFTER_SECONDS=300)
def test_a_second_request_while_the_generation_still_beats_is_refused(report, approved_world):
    running(report, approved_world.beleid, heartbeat_minutes_ago=1, progress=50)
    with pytest.raises(ReportError, match=r"wordt al gemaakt \(50 %\)"):
        request_generation(report, approved_world.beleid)


@override_settings(JOB_STALE_AFTER_SECONDS=300)
def test_a_request_after_the_worker_died_is_accepted_and_makes_the_files(
    report, approved_world, generate
):
    running(report, approved_world.beleid, heartbeat_minutes_ago=6)
    report = generate(report, approved_world.beleid)
    assert report.generation_status == GenerationStatus.DONE
    assert report.attempts == 1


@override_settings(JOB_STALE_AFTER_SECONDS=300)
def test_a_second_delivery_while_another_run_beats_leaves_the_report_alone(report, approved_world):
    running(report, approved_world.beleid, heartbeat_minutes_ago=1, task_id="levende-taak")
    with pytest.raises(tasks.Skip, match="still making it"):
        tasks.build(report.pk, "tweede-levering")
    report.refresh_from_db()
    assert report.task_id == "levende-taak"
    assert report.generation_status == GenerationStatus.RUNNING


@override_settings(JOB_STALE_AFTER_SECONDS=300)
def test_a_redelivery_after_the_worker_died_takes_over_and_makes_one_set_of_files(
    report, approved_world, django_capture_on_commit_callbacks
):
    running(report, approved_world.beleid, heartbeat_minutes_ago=6)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.build(report.pk, "opnieuw-afgeleverd")
    report.refresh_from_db()
    assert report.generation_status == GenerationStatus.DONE
    assert report.attempts == 2


@override_settings(JOB_MAX_ATTEMPTS=3)
def test_a_generation_whose_worker_died_too_often_is_given_up(
    report, approved_world, django_capture_on_commit_callbacks
):
    running(report, approved_world.beleid, heartbeat_minutes_ago=60)
    Report.objects.filter(pk=report.pk).update(attempts=3)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.generate_report.apply(args=[report.pk])
    report.refresh_from_db()
    assert report.generation_status == GenerationStatus.FAILED
    assert "3 keer afgebroken" in report.generation_error
    assert len(mail.outbox) == 1


def test_files_a_dead_run_left_behind_are_removed_when_the_files_are_stored(
    report, approved_world, generate
):
    report = generate(report, approved_world.beleid)
    storage = report.pdf.storage
    folder = report.pdf.name.rsplit("/", 1)[0]
    stray = storage.save(f"{folder}/rapportage-half-af.pdf", ContentFile(b"%PDF half"))
    Report.objects.filter(pk=report.pk).update(texts_updated_at=timezone.now())

    report = generate(report, approved_world.beleid)

    _dirs, names = storage.listdir(folder)
    kept = {f.name for f in (report.pdf, report.xlsx, report.csv, report.html) if f}
    assert {f"{folder}/{name}" for name in names} == kept
    assert not storage.exists(stray)
