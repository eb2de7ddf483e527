"""A spreadsheet import: the upload, read by a worker, previewed and applied."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.jobs import JobHeartbeat

from .submission import Submission


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    READING = "reading", _("Wordt ingelezen")
    PREVIEW = "preview", _("Voorbeeld")
    APPLIED = "applied", _("Verwerkt")
    DISCARDED = "discarded", _("Verworpen")
    FAILED = "failed", _("Mislukt")


class ImportJob(JobHeartbeat):
    """An uploaded spreadsheet or bulk payload: parsed, previewed, then applied atomically.

    Read by a worker that beats on the row (core.jobs): one that dies is taken over or, silent
    for JOB_STALE_AFTER_SECONDS, marked mislukt by the sweep (indicators.tasks)."""

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="imports",
        verbose_name=_("aanlevering"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("door"),
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    file_format = models.CharField(_("formaat"), max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    rows = models.JSONField(_("ingelezen regels"), default=list, blank=True)
    summary = models.JSONField(_("samenvatting"), default=dict, blank=True)
    # The uploaded file until the worker has read it (then deleted; the preview is in summary).
    upload = models.FileField(_("bestand"), upload_to="imports/%Y/%m/", blank=True)
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    applied_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.filename or self.file_format} ({self.get_status_display()})"

    @property
    def is_reading(self) -> bool:
        return self.status in {ImportStatus.QUEUED, ImportStatus.READING}
