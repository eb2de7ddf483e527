"""Mechanisms shared by every app: the security log (BIO) and the API tokens."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
