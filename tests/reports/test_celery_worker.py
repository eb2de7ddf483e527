"""A real Celery worker on Redis makes a report (CI sets CELERY_BROKER_URL; skipped otherwise).

pytest-django uses its own test database, so the worker is started here, pointed at that database
and at this test's MEDIA_ROOT, and listening on a queue of its own so that no other worker on the
same broker takes the task.
"""

import os
import subprocess
import sys
import time
import uuid
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from kombu import Exchange, Queue

from reports.models import GenerationStatus
from reports.services import create_report, request_generation
from tests.factories import build_world, period
from tests.reports.conftest import approve

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(
        not os.environ.get("CELERY_BROKER_URL"), reason="needs CELERY_BROKER_URL (Redis)"
    ),
]

WAIT_SECONDS = 90


def database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}@{host}{port}/{db['NAME']}"


@pytest.fixture
def private_queue():
    """Route the report task to a queue only our worker consumes."""
    from config.celery import app

    queue = f"msd-test-{uuid.uuid4().hex[:12]}"
    previous = (app.conf.task_always_eager, app.conf.task_routes)
    app.conf.task_always_eager = False
    app.conf.task_routes = {"reports.tasks.generate_report": {"queue": queue}}
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)  # a cached router would keep the old routes
    yield queue
    with app.connection_for_write() as conn:
        # Leave no bindings behind on the broker (declaring first lets kombu know them).
        bound = Queue(queue, Exchange(queue, type="direct"), routing_key=queue)(
            conn.default_channel
        )
        bound.declare()
        bound.delete()
    app.conf.task_always_eager, app.conf.task_routes = previous
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)


@pytest.fixture
def worker(private_queue, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("a separate worker process needs a shared database (PostgreSQL)")
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        # The chapters printed in parallel processes of the worker, as for a large report.
        "REPORT_PDF_PARALLEL_FROM": "0",
        "REPORT_PDF_PROCESSES": "2",
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
                "--queues",
                private_queue,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
                f"--hostname=msd-test-{uuid.uuid4().hex[:8]}@%h",
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


def worker_log(process) -> str:
    return process.log_path.read_text(errors="replace")[-4000:]


@pytest.mark.django_db(transaction=True)
def test_a_celery_worker_on_redis_generates_the_report(worker):
    world = build_world()
    approve(world, world.submission)
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)

    request_generation(report, world.beleid)  # outside a transaction: queued at once

    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.generation_status in {GenerationStatus.DONE, GenerationStatus.FAILED}:
            break
        assert worker.poll() is None, f"the worker stopped:\n{worker_log(worker)}"
        time.sleep(0.5)  # polling a separate process; bounded by WAIT_SECONDS

    assert report.generation_status == GenerationStatus.DONE, (
        f"status {report.generation_status} {report.generation_error}\n{worker_log(worker)}"
    )
    assert report.progress == 100
    assert report.pdf.storage.exists(report.pdf.name)
    with report.pdf.open("rb") as handle:
        assert handle.read(4) == b"%PDF"
    assert report.xlsx.storage.exists(report.xlsx.name)
