"""With a broker, a budget file is read by a Celery worker, as the figures' import: the request
only runs the quick checks, stores the job with its file and queues it; the job beats, is taken
over when its worker dies and marked mislukt by the sweep when silent (docs/reliability.md)."""

import html
import os
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from budgets.models import BudgetImport, BudgetLine, ImportStatus
from budgets.tasks import read_budget_import
from core import jobs
from tests.budgets.conftest import make_version
from tests.reports.test_broker_unavailable import broker_down  # noqa: F401 (a fixture)

UNAVAILABLE = "Het bestand kan nu niet worden ingelezen; probeer het over enkele minuten opnieuw."
CSV = b"Taakveld;Lasten;Baten;Toelichting\n6.3;1200;600;hoger\n"


@pytest.fixture
def version(world, controller):
    return make_version(world.vlissingen, 2018, "primitief", controller, {"6.3": (1000, 600)})


@pytest.fixture
def with_broker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch("budgets.importing.current_app.send_task") as send_task:
        yield send_task


def upload(client, version, content=CSV, filename="begroting.csv"):
    return client.post(
        reverse("budgets:import_upload", args=[version.pk]),
        {"bestand": SimpleUploadedFile(filename, content)},
    )


def page_of(client, job):
    url = reverse("budgets:import_preview", args=[job.version_id, job.pk])
    return html.unescape(client.get(url).content.decode())


def test_the_upload_is_queued_and_its_page_shows_it_is_being_read(
    version, controller, client_for, with_broker, django_capture_on_commit_callbacks
):
    client = client_for(controller)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, version)
    job = BudgetImport.objects.get()
    assert (job.status, bool(job.upload)) == (ImportStatus.QUEUED, True)
    with_broker.assert_called_once_with(
        "budgets.tasks.read_budget_import", args=[job.pk], retry=True
    )
    page = page_of(client, job)
    assert "In de wachtrij" in page and 'http-equiv="refresh"' in page


def test_the_worker_reads_the_file_into_one_preview_and_deletes_the_file(
    version, controller, client_for, with_broker
):
    client = client_for(controller)
    upload(client, version)
    job = BudgetImport.objects.get()
    stored_file = job.upload.path

    read_budget_import.apply(args=[job.pk], task_id="taak-1")
    with mock.patch("budgets.importing.read_rows") as read_rows:
        read_budget_import.apply(args=[job.pk], task_id="taak-2")

    read_rows.assert_not_called()
    job.refresh_from_db()
    assert (job.status, job.task_id, job.summary["gewijzigd"]) == (
        ImportStatus.PREVIEW,
        "taak-1",
        1,
    )
    assert not job.upload and not os.path.exists(stored_file)
    page = page_of(client, job)
    assert "Samenvatting" in page and 'http-equiv="refresh"' not in page
    assert BudgetLine.objects.get(version=version).lasten == 1000  # nothing applied yet


def test_a_file_the_worker_refuses_shows_the_reason_and_a_way_to_try_again(
    version, controller, client_for, with_broker
):
    client = client_for(controller)
    upload(client, version, b"Iets;Anders\n1;2\n")
    job = BudgetImport.objects.get()
    read_budget_import.apply(args=[job.pk], task_id="taak-1")
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.summary["refused"]
    page = page_of(client, job)
    assert job.summary["refused"] in page and "Bestand opnieuw inlezen" in page


@override_settings(JOB_STALE_AFTER_SECONDS=300)
def test_a_budget_import_whose_worker_stopped_beating_is_marked_mislukt_by_the_sweep(
    version, controller, client_for, with_broker
):
    client = client_for(controller)
    upload(client, version)
    upload(client, version)
    silent, beating = BudgetImport.objects.order_by("pk")
    now = timezone.now()
    BudgetImport.objects.filter(pk=silent.pk).update(
        status=ImportStatus.READING, heartbeat_at=now - timedelta(minutes=6), attempts=1
    )
    BudgetImport.objects.filter(pk=beating.pk).update(
        status=ImportStatus.READING, heartbeat_at=now - timedelta(minutes=4), attempts=1
    )

    assert jobs.run_sweeps()["budgets.tasks.fail_silent_budget_imports"] == 1

    silent.refresh_from_db()
    beating.refresh_from_db()
    assert (silent.status, bool(silent.upload)) == (ImportStatus.FAILED, False)
    assert beating.status == ImportStatus.READING
    page = page_of(client, silent)
    assert "geen teken van leven" in page and "Bestand opnieuw inlezen" in page


@override_settings(JOB_STALE_AFTER_SECONDS=300)
def test_a_redelivered_task_takes_over_a_budget_import_whose_worker_died(
    version, controller, client_for, with_broker
):
    upload(client_for(controller), version)
    job = BudgetImport.objects.get()
    BudgetImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.READING,
        heartbeat_at=timezone.now() - timedelta(minutes=6),
        task_id="dode-taak",
        attempts=1,
    )
    read_budget_import.apply(args=[job.pk], task_id="nieuwe-taak")
    job.refresh_from_db()
    assert (job.status, job.attempts) == (ImportStatus.PREVIEW, 2)


def test_a_zip_bomb_is_refused_by_the_quick_checks_before_anything_is_queued(
    version, controller, client_for, with_broker
):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        # More than 100 times its packed size: a bomb by the ratio.
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (8 * 1024 * 1024))
    response = upload(client_for(controller), version, buffer.getvalue(), "begroting.xlsx")
    assert response.status_code == 400
    assert not BudgetImport.objects.exists()
    with_broker.assert_not_called()


@pytest.mark.django_db(transaction=True)
def test_a_budget_upload_while_the_broker_is_down_says_to_try_again_and_keeps_nothing(
    broker_down,  # noqa: F811
    version,
    controller,
    client_for,
    settings,
    tmp_path,
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.MEDIA_ROOT = tmp_path
    response = upload(client_for(controller), version)
    assert UNAVAILABLE in html.unescape(response.content.decode())
    assert not BudgetImport.objects.exists()
    assert not list(tmp_path.rglob("begroting-*"))
