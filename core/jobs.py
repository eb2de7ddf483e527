"""Background jobs that survive a worker that dies: a heartbeat on the job's row, and a sweep
that marks jobs without one as mislukt.

A job model (a report's generation, a spreadsheet import) mixes in :class:`JobHeartbeat`. While a
job runs, :func:`beating` touches ``heartbeat_at`` from a small thread every
``JOB_HEARTBEAT_SECONDS``, so a long step (a big PDF) still shows signs of life; a worker killed
with ``kill -9`` stops beating. The model's app registers a sweep with :func:`sweep`; Celery beat
runs every registered sweep each minute (:func:`core.tasks.sweep_stale_jobs`), and a sweep uses
:func:`stale` to find the jobs that stopped beating and marks them mislukt, with a Dutch reason,
and tells the requester.
"""

import logging
import threading
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connections, models
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class JobHeartbeat(models.Model):
    """The fields a background job keeps on its row to be found when its worker dies."""

    heartbeat_at = models.DateTimeField(_("laatste teken van leven"), null=True, blank=True)
    # Runs started for the current request: a job whose worker keeps dying (a task that takes the
    # worker down with it) is given up after JOB_MAX_ATTEMPTS instead of being retried for ever.
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    # The Celery task id of the run that holds the job: a second delivery of another task for the
    # same job while this one still beats leaves it alone.
    task_id = models.CharField(_("taak-id"), max_length=255, blank=True)

    class Meta:
        abstract = True


def stale_after() -> timedelta:
    return timedelta(seconds=settings.JOB_STALE_AFTER_SECONDS)


def queued_timeout() -> timedelta:
    return timedelta(seconds=settings.JOB_QUEUED_TIMEOUT_SECONDS)


def is_alive(heartbeat_at: datetime | None, now: datetime | None = None) -> bool:
    """Whether a running job with this heartbeat is presumed to be still running."""
    now = now or timezone.now()
    return heartbeat_at is not None and now - heartbeat_at < stale_after()


def stale(
    queryset: models.QuerySet,
    *,
    running: Q,
    queued: Q,
    requested_field: str,
    now: datetime | None = None,
) -> tuple[models.QuerySet, models.QuerySet]:
    """(running jobs without a heartbeat for JOB_STALE_AFTER_SECONDS, queued jobs not started
    within JOB_QUEUED_TIMEOUT_SECONDS of their request) among ``queryset``."""
    now = now or timezone.now()
    silent_since = now - stale_after()
    dead = queryset.filter(running).filter(
        Q(heartbeat_at__lt=silent_since)
        | Q(heartbeat_at__isnull=True, **{f"{requested_field}__lt": silent_since})
    )
    never_started = queryset.filter(queued).filter(
        **{f"{requested_field}__lt": now - queued_timeout()}
    )
    return dead, never_started


@contextmanager
def beating(queryset: models.QuerySet, enabled: bool = True, interval: float | None = None):
    """Touch ``heartbeat_at`` of ``queryset``'s rows every ``interval`` seconds (default
    JOB_HEARTBEAT_SECONDS) while the block runs. ``enabled=False`` (a task run in-process, where
    the request itself waits for it) only beats once at the start."""
    queryset.update(heartbeat_at=timezone.now())
    if not enabled:
        yield
        return
    interval = settings.JOB_HEARTBEAT_SECONDS if interval is None else interval
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(interval):
                try:
                    queryset.update(heartbeat_at=timezone.now())
                except DatabaseError:  # the database is back soon, or the sweep acts
                    logger.warning("heartbeat not written", exc_info=True)
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=beat, name="job-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=interval + 5)


# The sweeps of every app with background jobs: called with ``now``, they return how many jobs
# they marked mislukt.
SWEEPS: list[Callable[[datetime], int]] = []


def sweep(function: Callable[[datetime], int]) -> Callable[[datetime], int]:
    """Register ``function`` (a decorator) to run in every :func:`run_sweeps`."""
    SWEEPS.append(function)
    return function


def run_sweeps(now: datetime | None = None) -> dict[str, int]:
    # The apps register their sweeps in their tasks modules.
    autodiscover_modules("tasks")
    now = now or timezone.now()
    results = {}
    for function in SWEEPS:
        name = f"{function.__module__}.{function.__qualname__}"
        try:
            results[name] = function(now)
        except Exception:  # one app's broken sweep must not stop the others
            logger.exception("sweep %s failed", name)
    return results
