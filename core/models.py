from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """When a Celery worker last started a task: the health endpoint reports a problem when no
    worker was seen for HEALTH_WORKER_MAX_AGE_SECONDS (beat's sweep runs every minute, so a
    living worker is seen at least that often)."""

    hostname = models.CharField(_("worker"), max_length=255, unique=True)
    seen_at = models.DateTimeField(_("laatst gezien"))

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self):
        return self.hostname
