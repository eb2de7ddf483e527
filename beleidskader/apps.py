from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeleidskaderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "beleidskader"
    verbose_name = _("Beleidskader")
