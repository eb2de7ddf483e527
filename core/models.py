"""Abstract models of the workflow core: the review cycle's states and fields, and the one shape
of a workflow event. The concrete tables stay in their apps (``SubmissionEvent``,
``BudgetEvent``, ``ReportEvent``), so no data moves."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .text import REASON_MAX_LENGTH


class ReviewStatus(models.TextChoices):
    """The review cycle shared by aanleveringen and budget versions."""

    CONCEPT = "concept", _("Concept")
    INGEDIEND = "ingediend", _("Ingediend")
    TERUGGESTUURD = "teruggestuurd", _("Teruggestuurd")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")


EDITABLE_STATUSES = {ReviewStatus.CONCEPT, ReviewStatus.TERUGGESTUURD}


# Their names, for the admin's read-only fields and the API's serializers.
REVIEW_FIELDS = ["submitted_by", "submitted_at", "reviewed_by", "reviewed_at", "send_back_reason"]


class ReviewFields(models.Model):
    """Who submitted and who reviewed, set only by :func:`core.workflow.Workflow.transition`."""

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    send_back_reason = models.TextField(
        _("reden van terugsturen"), blank=True, max_length=REASON_MAX_LENGTH
    )

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_locked(self) -> bool:
        return self.status == ReviewStatus.GOEDGEKEURD


def status_fields(choices) -> tuple[models.CharField, models.CharField]:
    """An event's ``from_status`` and ``to_status``, with the labels of its workflow's states."""
    return (
        models.CharField(
            pgettext_lazy("status change", "van"),
            max_length=20,
            blank=True,
            choices=choices.choices,
        ),
        models.CharField(_("naar"), max_length=20, blank=True, choices=choices.choices),
    )


def event_fields(about, verbose_name, statuses) -> tuple[models.Field, ...]:
    """An event's foreign key to what it is about (whose ``events`` it is), and its
    ``from_status`` and ``to_status`` with the labels of that workflow's ``statuses``."""
    about_field = models.ForeignKey(
        about, on_delete=models.CASCADE, related_name="events", verbose_name=verbose_name
    )
    return (about_field, *status_fields(statuses))


class WorkflowEvent(models.Model):
    """The audit trail of a workflow: who did what, when, from which state to which, and why.

    A concrete event adds, through :func:`event_fields`, the foreign key to what it is about and
    its states of its states. ``actor`` is empty for what the system did
    (the schedule preparing a report)."""

    action = models.CharField(_("actie"), max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("op"), auto_now_add=True, db_index=True)
    reason = models.TextField(_("reden"), blank=True, max_length=REASON_MAX_LENGTH)
    via = models.CharField(_("via"), max_length=16, default="web")

    class Meta:
        abstract = True
        ordering = ["-at", "-pk"]

    def __str__(self):
        # The one foreign key besides the actor is what the event is about.
        about = next(f for f in self._meta.concrete_fields if f.many_to_one and f.name != "actor")
        return f"{getattr(self, about.name)}: {self.action} ({self.at:%d-%m-%Y %H:%M})"


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
