from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicatoren en aanleveringen")

    def ready(self):
        from reports.dashboard.precompute import on_submission_event

        from .models import SubmissionEvent

        # The hook after an approval until a shared workflow signal exists.
        post_save.connect(
            on_submission_event, sender=SubmissionEvent, dispatch_uid="precompute_comparisons"
        )
