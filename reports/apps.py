from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapportages")

    def ready(self):
        from indicators.models import SubmissionEvent

        from .dashboard.precompute import on_submission_event

        # The dashboard's comparisons after an approval (until a shared workflow signal is used).
        post_save.connect(
            on_submission_event, sender=SubmissionEvent, dispatch_uid="precompute_comparisons"
        )
