"""Notifications: one row per person per event, shown in the app and, as that person chose,
e-mailed at once, in the daily digest or not at all (:mod:`notifications.notify`)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    """What a person can be told about; the preferences are per event."""

    INGEDIEND = "ingediend", _("Ingediend: er wacht iets op uw beoordeling")
    TERUGGESTUURD = "teruggestuurd", _("Teruggestuurd, met de reden")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    HEROPEND = "heropend", _("Heropend, met de reden")
    INGETROKKEN = "ingetrokken", _("Ingetrokken door de indiener")
    RAPPORT_KLAAR = "rapport_klaar", _("Rapportage gemaakt")
    RAPPORT_MISLUKT = "rapport_mislukt", _("Maken van een rapportage mislukt")
    TER_VASTSTELLING = "ter_vaststelling", _("Rapportage ter vaststelling aangeboden")
    COLLEGEBESLUIT = "collegebesluit", _("Collegebesluit over een rapportage: naar de raad")
    TERUGGENOMEN = "teruggenomen", _("Rapportage teruggenomen")
    VASTGESTELD = "vastgesteld", _("Rapportage vastgesteld")
    HERINNERING = "herinnering", _("Herinnering: leverdatum nadert")
    TE_LAAT = "te_laat", _("Leverdatum verstreken")
    ESCALATIE = "escalatie", _("Aanlevering ruim te laat (voor de beleidsmedewerker)")
    VRAAG = "vraag", _("Vraag of antwoord bij een cijfer")


class Delivery(models.TextChoices):
    """How a person wants an event by e-mail (the in-app list always has it)."""

    DIRECT = "direct", _("Direct per e-mail")
    DIGEST = "digest", _("In het dagelijkse overzicht")
    NONE = "none", _("Geen e-mail, alleen in de lijst")


class MailState(models.TextChoices):
    NONE = "", _("geen e-mail")
    PENDING = "pending", _("te versturen")
    DIGEST = "digest", _("voor het dagelijkse overzicht")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("versturen mislukt")


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("ontvanger"),
    )
    event = models.CharField(_("gebeurtenis"), max_length=20, choices=Event.choices)
    subject = models.CharField(_("onderwerp"), max_length=255)
    body = models.TextField(_("bericht"))
    # Relative to the site (``SITE_URL`` is put in front only in e-mail).
    url = models.CharField(_("link"), max_length=500, blank=True)
    about_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    created_at = models.DateTimeField(_("op"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    mail_state = models.CharField(
        _("e-mail"), max_length=8, choices=MailState.choices, blank=True, default=""
    )
    mailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["mail_state", "user"]),
            models.Index(fields=["about_type", "about_id", "event"]),
        ]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self):
        return f"{self.user}: {self.subject}"


class Preference(models.Model):
    """A person's choice for one event; without a row the event is e-mailed directly."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("gebruiker"),
    )
    event = models.CharField(_("gebeurtenis"), max_length=20, choices=Event.choices)
    delivery = models.CharField(
        _("e-mail"), max_length=8, choices=Delivery.choices, default=Delivery.DIRECT
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="one_preference_per_event")
        ]
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")

    def __str__(self):
        return f"{self.user}: {self.event} → {self.delivery}"
