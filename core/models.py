"""Models of the core, shared by every app:

- abstract models of the workflow core: the review cycle's states and fields, and the one shape
  of a workflow event. The concrete tables stay in their apps (``SubmissionEvent``,
  ``BudgetEvent``, ``ReportEvent``), so no data moves;
- the security log (BIO) and the API tokens;
- the workers seen by the job sweep (the health endpoint).
"""

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


class AuditResult(models.TextChoices):
    OK = "ok", _("gelukt")
    FAILED = "failed", _("mislukt")
    DENIED = "denied", _("geweigerd")


class AuditChain(models.Model):
    """The head of the security log's hash chain: one row, updated before every entry is
    written, so concurrent writers queue on its row lock (PostgreSQL) or the write lock
    (SQLite) and every entry links to the one written just before it. Its ``length`` also
    reveals entries cut off the end of the log."""

    length = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("keten van het beveiligingslogboek")

    def __str__(self):
        return f"{self.length} {self.last_hash[:12]}"


class AuditEntry(models.Model):
    """One event of the security log: actor, action, object, result, origin and time, with a
    SHA-256 hash over its fields and the previous entry's hash (``core.audit``)."""

    seq = models.PositiveBigIntegerField(_("volgnummer"), unique=True, editable=False)
    at = models.DateTimeField(_("tijdstip"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("gebruiker"),
    )
    # Kept as text too: a failed log-in names an account that may not exist.
    actor_name = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    action = models.CharField(_("handeling"), max_length=64, db_index=True)
    object_type = models.CharField(_("soort object"), max_length=100, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    result = models.CharField(_("resultaat"), max_length=8, choices=AuditResult.choices)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=255, blank=True)
    request_id = models.CharField(_("request-id"), max_length=64, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("vorige hash"), max_length=64, blank=True)
    hash = models.CharField(_("hash"), max_length=64)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("beveiligingslogregel")
        verbose_name_plural = _("beveiligingslogboek")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self):
        return f"{self.seq} {self.action} {self.actor_name or '-'} {self.result}"


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        from django.utils import timezone

        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A named API token of one user. Only the SHA-256 of the secret is stored (the secret is
    random, so a fast hash suffices); the secret is shown once when the token is made. A token
    stops working when it expires, is revoked or the account is deactivated; a new password
    revokes every token of the account (``core.signals``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("gebruiker"),
    )
    name = models.CharField(_("naam"), max_length=100)
    prefix = models.CharField(_("begin"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("gemaakt"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt"))
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        from django.utils import timezone

        return self.revoked_at is None and self.expires_at > timezone.now()
