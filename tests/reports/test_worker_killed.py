"""Fault tests against the real services: a Celery worker on Redis killed with ``kill -9`` (parent
and child) while it makes a report. CI sets CELERY_BROKER_URL and DATABASE_URL (PostgreSQL).

The generation pauses at a known step (MSD_TEST_GENERATION_PAUSE, test-only) so the kill always
falls in the middle of the work; the test then either runs the sweep (the report ends mislukt and
the requester is told; "opnieuw proberen" makes one correct set of files) or kills only the pool
process, whose parent puts the task back on the queue and finishes it on its own. (When parent and
child die and no sweep ran, Redis hands the task out again after the visibility timeout, 2 h by
default; the run then takes over the same way, by its task id.)
"""

import hashlib
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone

from core import jobs
from core.models import WorkerHeartbeat
from reports.models import GenerationStatus, Report
from reports.services import create_report, request_generation
from tests.factories import build_world, period
from tests.reports.conftest import approve
from tests.reports.test_celery_worker import database_url, private_queue  # noqa: F401

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(
        not os.environ.get("CELERY_BROKER_URL"), reason="needs CELERY_BROKER_URL (Redis)"
    ),
]

WAIT_SECONDS = 240


class Workers:
    """Start Celery workers (prefork: a parent and a child) in a process group of their own."""

    def __init__(self, queue, tmp_path):
        self.queue = queue
        self.tmp_path = tmp_path
        self.started = []

    def start(self, **env):
        log_path = self.tmp_path / f"worker-{len(self.started)}.log"
        environment = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "JOB_HEARTBEAT_SECONDS": "1",
            **env,
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
                    "--pool=prefork",
                    "--concurrency=1",
                    "--queues",
                    self.queue,
                    "--without-gossip",
                    "--without-mingle",
                    "--loglevel=INFO",
                    f"--hostname=msd-fault-{uuid.uuid4().hex[:8]}@%h",
                ],
                cwd=settings.BASE_DIR,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: kill -9 takes parent and child
            )
        process.log_path = log_path
        self.started.append(process)
        return process

    def kill(self, process):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def log(self, process) -> str:
        return process.log_path.read_text(errors="replace")[-4000:]

    def stop_all(self):
        for process in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)


@pytest.fixture
def workers(private_queue, tmp_path):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("a separate worker process needs a shared database (PostgreSQL)")
    started = Workers(private_queue, tmp_path)
    yield started
    started.stop_all()


def wait_for(report, condition, worker, workers):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if condition(report):
            return report
        assert worker.poll() is None, f"the worker stopped:\n{workers.log(worker)}"
        time.sleep(0.2)  # polling a separate process; bounded by WAIT_SECONDS
    raise AssertionError(
        f"waited in vain: {report.generation_status} {report.progress}%\n{workers.log(worker)}"
    )


def mid_generation(report):
    return report.generation_status == GenerationStatus.RUNNING and report.progress >= 10


def finished(report):
    return report.generation_status in {GenerationStatus.DONE, GenerationStatus.FAILED}


def assert_one_correct_set_of_files(report):
    storage = report.pdf.storage
    folder = report.pdf.name.rsplit("/", 1)[0]
    _dirs, names = storage.listdir(folder)
    # The files and the PDF's print source (reports.adoption), one of each.
    assert {f"{folder}/{name}" for name in names} == {
        f.name for f in (report.pdf, report.xlsx, report.csv, report.html) if f
    }
    for kind in ("pdf", "xlsx", "csv"):
        with getattr(report, kind).open("rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == getattr(report, f"{kind}_sha256")


@pytest.fixture
def report_request(db):
    world = build_world()
    approve(world, world.submission)
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    return world, report


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_leaves_a_report_that_the_sweep_marks_mislukt_and_a_retry_makes(
    workers, report_request
):
    world, report = report_request
    doomed = workers.start(MSD_TEST_GENERATION_PAUSE="300")
    request_generation(report, world.beleid)
    report = wait_for(report, mid_generation, doomed, workers)

    workers.kill(doomed)
    assert doomed.returncode == -signal.SIGKILL
    mail.outbox.clear()
    # What beat's sweep sees once JOB_STALE_AFTER_SECONDS have passed without a heartbeat.
    later = timezone.now() + timedelta(seconds=settings.JOB_STALE_AFTER_SECONDS + 1)
    from config.celery import app

    # The requester's mail is a task of its own (notifications): sent here, where the outbox is.
    previous, app.conf.task_always_eager = app.conf.task_always_eager, True
    try:
        jobs.run_sweeps(now=later)
    finally:
        app.conf.task_always_eager = previous

    report.refresh_from_db()
    assert report.generation_status == GenerationStatus.FAILED
    assert "afgebroken bij 10 %" in report.generation_error
    [message] = mail.outbox
    assert message.to == [world.beleid.email]
    assert "geen teken van leven" in message.body

    # "Opnieuw proberen", with a worker back.
    fresh = workers.start()
    request_generation(report, world.beleid)
    report = wait_for(report, finished, fresh, workers)
    assert report.generation_status == GenerationStatus.DONE, report.generation_error
    assert_one_correct_set_of_files(report)


@pytest.mark.django_db(transaction=True)
def test_a_task_whose_pool_process_was_killed_is_run_again_and_finished_once(
    workers, report_request
):
    world, report = report_request
    worker = workers.start(MSD_TEST_GENERATION_PAUSE="300")
    request_generation(report, world.beleid)
    report = wait_for(report, mid_generation, worker, workers)

    # Only the pool process that runs the task: the parent puts the task back on the queue
    # (reject_on_worker_lost) and its new pool process runs it again, without pausing.
    [child] = subprocess.check_output(["ps", "-o", "pid=", "--ppid", str(worker.pid)]).split()
    os.kill(int(child), signal.SIGKILL)
    report = wait_for(report, finished, worker, workers)

    assert report.generation_status == GenerationStatus.DONE, report.generation_error
    assert report.attempts == 2
    assert_one_correct_set_of_files(report)
    assert Report.objects.get(pk=report.pk).events.filter(action="gemaakt").count() == 1
    # The health endpoint's "worker seen" comes from the workers themselves.
    assert WorkerHeartbeat.objects.filter(hostname__startswith="msd-fault-").exists()
