from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = _("Meldingen")

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the SITE_URL check)
            tasks,  # noqa: F401  (queues the e-mails notify() leaves: mails_pending)
        )
