"""The embedded default's worker: kombu's filesystem transport (no broker service) carries the
report task to a real Celery worker, as ``./scripts/start`` runs it. Needs a database both
processes share, so it runs on PostgreSQL (DATABASE_URL) and is skipped on SQLite."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

from reports.models import GenerationStatus
from reports.services import create_report, request_generation
from tests.factories import build_world, period
from tests.reports.conftest import approve
from tests.reports.test_celery_worker import WAIT_SECONDS, database_url, worker_log

pytestmark = pytest.mark.celery_worker


@pytest.fixture
def filesystem_broker(tmp_path, monkeypatch):
    """Point this process's Celery app at a filesystem broker in ``tmp_path`` (Celery reads the
    CELERY_BROKER_URL environment variable before its configuration: CI sets it to Redis)."""
    from config.celery import app

    monkeypatch.setenv("CELERY_BROKER_URL", "filesystem://")

    queue_dir = tmp_path / "queue"
    queue_dir.mkdir()
    options = {
        "data_folder_in": str(queue_dir),
        "data_folder_out": str(queue_dir),
        "control_folder": str(tmp_path / "control"),
        "store_processed": False,
    }
    previous = (
        app.conf.broker_url,
        app.conf.broker_transport_options,
        app.conf.task_always_eager,
    )
    app.conf.broker_url = "filesystem://"
    app.conf.broker_transport_options = options
    app.conf.task_always_eager = False
    # Connections and producers made for another broker (an earlier test's Redis) must not be
    # reused, or the task goes there.
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.broker_read_url = app.conf.broker_write_url = None
    yield tmp_path
    app.conf.broker_url, app.conf.broker_transport_options, app.conf.task_always_eager = previous
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def embedded_worker(filesystem_broker, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("a separate worker process needs a shared database (PostgreSQL)")
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_FILESYSTEM_DIR": str(filesystem_broker / "queue"),
    }
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
                f"--hostname=msd-fs-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    process.log_path = log_path
    yield process
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_the_embedded_worker_makes_the_report_without_a_broker_service(embedded_worker):
    world = build_world()
    approve(world, world.submission)
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)

    report = request_generation(report, world.beleid)  # returns at once: the worker does it
    assert report.generation_status == GenerationStatus.QUEUED

    seen = set()
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        report.refresh_from_db()
        seen.add(report.progress)
        if report.generation_status in {GenerationStatus.DONE, GenerationStatus.FAILED}:
            break
        assert embedded_worker.poll() is None, worker_log(embedded_worker)
        time.sleep(0.2)  # polling a separate process; bounded by WAIT_SECONDS

    assert report.generation_status == GenerationStatus.DONE, (
        f"{report.generation_status} {report.generation_error}\n{worker_log(embedded_worker)}"
    )
    assert report.pdf.storage.exists(report.pdf.name)
    assert len(seen) > 2  # the progress was visible on the way
