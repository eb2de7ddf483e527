from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicatoren en aanleveringen")

    def ready(self):
        from core.workflow import transitioned

        from .disclosure.tasks import on_transition

        # The suppression patterns after an approval or a reopening, computed ahead.
        transitioned.connect(on_transition, dispatch_uid="precompute_patterns")
