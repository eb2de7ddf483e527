from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapportages")

    def ready(self):
        from core.workflow import transitioned

        from .dashboard.precompute import on_transition

        # The dashboard's comparisons after an approval or a reopening, computed ahead.
        transitioned.connect(on_transition, dispatch_uid="precompute_comparisons")
