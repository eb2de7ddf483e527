from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    """Work between people, above the four apps: the start page "Mijn werk" and which workflow
    step tells whom (the mechanism itself is :mod:`notifications`, below them)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "work"
    verbose_name = _("Mijn werk")

    def ready(self):
        from . import notices  # noqa: F401  (connects to core.workflow.transitioned)
