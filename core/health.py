"""The health endpoint for the load balancer and monitoring (django-health-check).

``/gezondheid/web/``: can this web node serve? Database, cache, media storage and its free disk
space; the load balancer takes a node out when it fails. ``/gezondheid/``: everything, for
monitoring; also the broker and a Celery worker seen in the last HEALTH_WORKER_MAX_AGE_SECONDS.
JSON with ``Accept: application/json`` or ``?format=json``; 200 when all is well, 503 otherwise.
"""

import dataclasses
import shutil
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class MediaDisk(HealthCheck):
    """Free space on the disk that holds MEDIA_ROOT (the report files)."""

    min_free_percent: float = dataclasses.field(
        default_factory=lambda: settings.HEALTH_MEDIA_MIN_FREE_PERCENT, repr=False
    )

    def run(self):
        # Before the first file is stored the folder may not exist yet: its disk is what counts.
        folder = Path(settings.MEDIA_ROOT)
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        try:
            usage = shutil.disk_usage(folder)
        except OSError as exc:
            raise ServiceUnavailable("media folder unreachable") from exc
        free = usage.free / usage.total * 100
        if free < self.min_free_percent:
            raise ServiceUnavailable(f"{free:.1f}% free on the media disk")


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker (Redis) accepts a connection; nothing to check in the embedded mode."""

    timeout = timedelta(seconds=5)

    def run(self):
        if not settings.CELERY_BROKER_URL:
            return
        from config.celery import app

        try:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=3)
        except Exception as exc:  # kombu raises several kinds; all mean unreachable
            raise ServiceUnavailable("broker unreachable") from exc


@dataclasses.dataclass
class WorkerSeen(HealthCheck):
    """A Celery worker started a task lately (beat's sweep gives it one every minute)."""

    def run(self):
        if not settings.CELERY_BROKER_URL:
            return  # tasks run in the web process
        from .models import WorkerHeartbeat

        max_age = settings.HEALTH_WORKER_MAX_AGE_SECONDS
        try:
            seen = WorkerHeartbeat.objects.filter(
                seen_at__gte=timezone.now() - timedelta(seconds=max_age)
            ).exists()
        except DatabaseError as exc:
            raise ServiceUnavailable("database unavailable") from exc
        finally:
            connection.close()  # this runs in a thread of the check executor
        if not seen:
            raise ServiceUnavailable(f"no worker seen in the last {max_age} seconds")


WEB_CHECKS = (
    "health_check.checks.Database",
    "health_check.checks.Cache",
    "health_check.checks.Storage",
    MediaDisk,
)
ALL_CHECKS = (*WEB_CHECKS, Broker, WorkerSeen)


class HealthView(HealthCheckView):
    async def dispatch(self, request, *args, **kwargs):
        response = await super().dispatch(request, *args, **kwargs)
        if response.status_code == 500:
            # A failing check means "not available", which is what load balancers look for.
            response.status_code = 503
        return response


web = HealthView.as_view(checks=WEB_CHECKS)
full = HealthView.as_view(checks=ALL_CHECKS)
