"""An import survives a worker that dies and a broker that is down, like a report's generation
(``core.jobs``; docs/reliability.md, "Achtergrondtaken en storingen")."""

import html
import os
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from core import jobs
from indicators.importing import upload as upload_service
from indicators.models import ImportJob, ImportStatus, Value
from indicators.tasks import read_import
from tests.indicators.importing.test_import_upload import changed_rows, xlsx_file
from tests.reports.test_broker_unavailable import broker_down  # noqa: F401 (a fixture)

UNAVAILABLE = "Het bestand kan nu niet worden ingelezen; probeer het over enkele minuten opnieuw."


@pytest.fixture
def with_broker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch("indicators.importing.upload.current_app.send_task") as send_task:
        yield send_task


def upload(client, world, content=None, filename="cijfers.xlsx"):
    client.force_login(world.leverancier)
    return client.post(
        reverse("indicators:import_upload", args=[world.submission.pk]),
        {"bestand": SimpleUploadedFile(filename, content or xlsx_file(changed_rows(world)))},
    )


def reading(job, *, heartbeat_minutes_ago, task_id="dode-taak", attempts=1):
    """The job as a worker left it: being read, its last heartbeat so many minutes ago."""
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.READING,
        progress=10,
        heartbeat_at=now - timedelta(minutes=heartbeat_minutes_ago),
        task_id=task_id,
        attempts=attempts,
    )
    job.refresh_from_db()
    return job


def run_as(task_id, job):
    """The task as a worker runs it, with its own task id (in-process: no heartbeat thread)."""
    read_import.apply(args=[job.pk], task_id=task_id)


def page_of(client, job):
    return html.unescape(
        client.get(reverse("indicators:import_preview", args=[job.pk])).content.decode()
    )


@override_settings(JOB_STALE_AFTER_SECONDS=300)
def test_an_import_whose_worker_stopped_beating_is_marked_mislukt_with_a_way_to_try_again(
    world, client, with_broker
):
    upload(client, world)
    job = reading(ImportJob.objects.get(), heartbeat_minutes_ago=6)
    stored_file = job.upload.path

    assert jobs.run_sweeps()["indicators.tasks.fail_silent_imports"] == 1

    job.refresh_from_db()
    assert (job.status, job.rows, bool(job.upload)) == (ImportStatus.FAILED, [], False)
    assert "5 minuten geen teken van leven" in job.summary["refused"]
    assert not os.path.exists(stored_file)
    page = page_of(client, job)
    assert "geen teken van leven" in page and "Er is niets opgeslagen." in page
    assert "Bestand opnieuw inlezen" in page
    assert reverse("indicators:import_upload", args=[world.submission.pk]) in page


@override_settings(JOB_STALE_AFTER_SECONDS=300)
def test_an_import_that_still_beats_is_left_alone_by_the_sweep(world, client, with_broker):
    upload(client, world)
    job = reading(ImportJob.objects.get(), heartbeat_minutes_ago=4)

    jobs.run_sweeps()

    job.refresh_from_db()
    assert (job.status, bool(job.upload)) == (ImportStatus.READING, True)


@override_settings(JOB_QUEUED_TIMEOUT_SECONDS=3600)
def test_an_import_no_worker_took_up_is_marked_mislukt_after_the_queued_timeout(
    world, client, with_broker
):
    upload(client, world)
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=61))

    jobs.run_sweeps()

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "niet binnen 60 minuten ingelezen" in job.summary["refused"]


@override_settings(JOB_STALE_AFTER_SECONDS=300)
def test_a_redelivered_task_takes_over_an_import_whose_worker_died(world, client, with_broker):
    upload(client, world)
    job = reading(ImportJob.objects.get(), heartbeat_minutes_ago=6, task_id="dode-taak")

    run_as("nieuwe-taak", job)

    job.refresh_from_db()
    assert (job.status, job.task_id, job.attempts) == (ImportStatus.PREVIEW, "nieuwe-taak", 2)
    assert job.summary["counts"]["nieuw"] == 3
    assert not job.upload


def test_the_same_message_back_after_its_worker_died_takes_over_at_once(world, client, with_broker):
    upload(client, world)
    # acks_late + reject_on_worker_lost: the same task id comes back, while it still "beats".
    job = reading(ImportJob.objects.get(), heartbeat_minutes_ago=0, task_id="taak-1")

    run_as("taak-1", job)

    job.refresh_from_db()
    assert (job.status, job.attempts) == (ImportStatus.PREVIEW, 2)


@override_settings(JOB_STALE_AFTER_SECONDS=300)
def test_a_second_task_leaves_an_import_alone_while_its_reader_still_beats(
    world, client, with_broker
):
    upload(client, world)
    job = reading(ImportJob.objects.get(), heartbeat_minutes_ago=1, task_id="levende-taak")

    with mock.patch("indicators.importing.upload.read_upload") as read_upload:
        run_as("tweede-taak", job)

    read_upload.assert_not_called()
    job.refresh_from_db()
    assert (job.status, job.task_id, job.attempts) == (ImportStatus.READING, "levende-taak", 1)


def test_a_run_that_lost_the_job_does_not_store_a_second_preview(world, client, with_broker):
    upload(client, world)
    job = ImportJob.objects.get()
    real_read = upload_service._read

    def taken_over_meanwhile(job, ours):
        outcome = real_read(job, ours)
        ImportJob.objects.filter(pk=job.pk).update(task_id="overnemer")
        return outcome

    with mock.patch.object(upload_service, "_read", side_effect=taken_over_meanwhile):
        run_as("trage-taak", job)

    job.refresh_from_db()
    assert (job.status, job.task_id, job.rows) == (ImportStatus.READING, "overnemer", [])
    assert job.upload  # still there for the run that holds the job


@override_settings(JOB_MAX_ATTEMPTS=3)
def test_an_import_whose_workers_keep_dying_is_given_up_after_the_maximum_attempts(
    world, client, with_broker
):
    upload(client, world)
    job = reading(ImportJob.objects.get(), heartbeat_minutes_ago=10, attempts=3)

    with mock.patch("indicators.importing.upload.read_upload") as read_upload:
        run_as("vierde-taak", job)

    read_upload.assert_not_called()
    job.refresh_from_db()
    assert (job.status, bool(job.upload)) == (ImportStatus.FAILED, False)
    assert "3 keer afgebroken" in job.summary["refused"]
    assert "Bestand opnieuw inlezen" in page_of(client, job)


def test_an_import_already_read_is_not_read_again(world, client, with_broker):
    upload(client, world)
    job = ImportJob.objects.get()
    run_as("taak-1", job)
    with mock.patch("indicators.importing.upload.read_upload") as read_upload:
        run_as("taak-2", job)
    read_upload.assert_not_called()
    job.refresh_from_db()
    assert (job.status, job.task_id) == (ImportStatus.PREVIEW, "taak-1")


@pytest.mark.django_db(transaction=True)
def test_an_upload_while_the_broker_is_down_says_to_try_again_and_keeps_nothing(
    broker_down,  # noqa: F811
    client,
    settings,
    tmp_path,
):
    from tests.factories import build_world

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.MEDIA_ROOT = tmp_path
    world = build_world()

    response = upload(client, world)

    assert response.status_code == 200
    assert UNAVAILABLE in html.unescape(response.content.decode())
    assert not ImportJob.objects.exists()
    assert not Value.objects.exists()
    assert not list(tmp_path.rglob("import-*"))
