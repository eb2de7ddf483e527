from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisaties en gebruikers")

    def ready(self):
        from . import (
            sessions,  # noqa: F401  (connects the log-in and log-out receivers)
            signals,  # noqa: F401
        )
