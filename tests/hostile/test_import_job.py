"""With a broker, an uploaded file is read by a Celery worker, never in the web request: the
request only checks the file's size, format and zip table of contents, stores it and queues the
job; the preview page shows the progress until the worker has read it."""

import html
import os
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import ImportJob, ImportStatus, Value
from indicators.tasks import read_import
from tests.indicators.importing.test_import_upload import changed_rows, xlsx_file

from .corpus import CASES


@pytest.fixture
def with_broker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch("indicators.importing.upload.current_app.send_task") as send_task:
        yield send_task


def upload(client, world, content, filename="cijfers.xlsx"):
    client.force_login(world.leverancier)
    return client.post(
        reverse("indicators:import_upload", args=[world.submission.pk]),
        {"bestand": SimpleUploadedFile(filename, content)},
    )


def test_the_upload_is_queued_and_the_page_shows_it_is_being_read(
    world, client, with_broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, world, xlsx_file(changed_rows(world)))
    job = ImportJob.objects.get()
    assert (job.status, bool(job.upload)) == (ImportStatus.QUEUED, True)
    with_broker.assert_called_once_with("indicators.tasks.read_import", args=[job.pk], retry=True)
    page = client.get(response.url).content.decode()
    assert "In de wachtrij" in page
    assert 'http-equiv="refresh"' in page


def test_the_worker_reads_the_file_into_a_preview_and_deletes_the_file(world, client, with_broker):
    upload(client, world, xlsx_file(changed_rows(world)))
    job = ImportJob.objects.get()
    stored_file = job.upload.path
    read_import(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEW
    assert job.summary["counts"]["nieuw"] == 3
    assert not job.upload
    assert not os.path.exists(stored_file)
    page = client.get(reverse("indicators:import_preview", args=[job.pk])).content.decode()
    assert "Samenvatting" in page and 'http-equiv="refresh"' not in page


def test_a_redelivered_task_does_not_read_the_file_twice(world, client, with_broker):
    upload(client, world, xlsx_file(changed_rows(world)))
    job = ImportJob.objects.get()
    read_import(job.pk)
    with mock.patch("indicators.importing.upload.read_upload") as read_upload:
        read_import(job.pk)
    read_upload.assert_not_called()


HOSTILE_AFTER_THE_QUICK_CHECKS = [
    case
    for case in CASES
    if case.name
    in {
        "xlsx-cel-1-miljoen-tekens",
        "ods-regel-10-9-keer-herhaald",
        "xlsx-xxe",
        "csv-300000-regels",
    }
]


@pytest.mark.parametrize("case", HOSTILE_AFTER_THE_QUICK_CHECKS, ids=lambda case: case.name)
def test_a_hostile_file_the_worker_refuses_shows_the_dutch_message_and_saves_nothing(
    case, hostile_files, world, client, with_broker
):
    upload(client, world, hostile_files[case.name], case.filename)
    job = ImportJob.objects.get()
    read_import(job.pk)
    job.refresh_from_db()
    assert (job.status, job.rows) == (ImportStatus.FAILED, [])
    page = client.get(reverse("indicators:import_preview", args=[job.pk])).content.decode()
    assert case.expect in html.unescape(page)
    assert not Value.objects.exists()


def test_a_zip_bomb_is_refused_by_the_quick_checks_before_anything_is_queued(
    world, client, with_broker, hostile_files
):
    response = upload(client, world, hostile_files["zip-bom"])
    assert response.status_code == 200
    assert "uitgepakt groter" in response.content.decode()
    assert not ImportJob.objects.exists()
    with_broker.assert_not_called()


def test_the_preview_lists_a_bounded_first_part_with_the_full_counts(world, client):
    job = ImportJob.objects.create(
        submission=world.submission,
        user=world.leverancier,
        filename="groot.xlsx",
        summary={
            "columns": {"indexes": {}, "headers": {}},
            "counts": {
                "nieuw": 0,
                "gewijzigd": 0,
                "ongewijzigd": 600,
                "geblokkeerd": 0,
                "ongeldig": 0,
            },
            "problems": [],
            "changes": [],
            "unchanged": [{"row": n, "cell": f"cel {n}"} for n in range(2, 602)],
            "fingerprint": "",
        },
    )
    client.force_login(world.leverancier)
    page = client.get(reverse("indicators:import_preview", args=[job.pk])).content.decode()
    assert "cel 501" in page and "cel 502" not in page
    assert "En nog 100 regels, niet getoond." in page
