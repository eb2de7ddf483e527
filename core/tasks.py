"""Celery tasks and signals shared by every app with background jobs."""

import logging

from celery import shared_task
from celery.signals import task_prerun
from django.db import DatabaseError
from django.utils import timezone

from . import jobs
from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)


@shared_task
def sweep_stale_jobs() -> dict[str, int]:
    """Run by Celery beat every minute (``config/celery.py``): mark jobs whose worker died."""
    return jobs.run_sweeps()


@task_prerun.connect
def record_worker_seen(sender=None, task=None, **kwargs):
    """Note that this worker is alive (for the health endpoint); never in-process runs."""
    request = getattr(task, "request", None)
    if request is None or request.is_eager or not request.hostname:
        return
    try:
        WorkerHeartbeat.objects.update_or_create(
            hostname=request.hostname[:255], defaults={"seen_at": timezone.now()}
        )
    except DatabaseError:
        logger.warning("worker heartbeat not written", exc_info=True)
