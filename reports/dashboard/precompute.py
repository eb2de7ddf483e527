"""Comparison figures computed ahead, so the first dashboard page after an approval is quick.

After a submission is approved or reopened (a :class:`~indicators.models.SubmissionEvent`
``goedkeuren`` or ``heropenen``), a Celery task computes, for every period that contains the
submission's period (the quarter, its half-year and its year), the average of all gemeenten and
the totals of the regio's the submission is about, per thema: exactly the sets the thema pages
ask for with "vergelijk met". They go into the shared cache under the period's own version
(:func:`.figures.period_versions`), so other periods keep their cached comparisons.

On by default when a Celery worker exists (``CELERY_BROKER_URL``); in the embedded mode the task
would run inside the approving request, so it is off there (``DASHBOARD_PRECOMPUTE``).
"""

import logging

from django.conf import settings
from django.db import transaction

from indicators import engine
from indicators.models import Period, Submission, SubmissionEvent, Thema

from .figures import GEMIDDELDE_SUBJECT, Subject, comparison_points

logger = logging.getLogger(__name__)

TRIGGERS = {"goedkeuren", "heropenen"}


def enabled() -> bool:
    return bool(getattr(settings, "DASHBOARD_PRECOMPUTE", False))


def on_submission_event(sender, instance: SubmissionEvent, created: bool, **kwargs) -> None:
    """Signal receiver (post_save of SubmissionEvent): schedule the task after the commit."""
    if not created or instance.action not in TRIGGERS or not enabled():
        return
    from indicators.tasks import precompute_comparisons

    submission_pk = instance.submission_id

    def dispatch():
        # Computing ahead is a courtesy: a broker that is down never fails the approval (the
        # first page that asks computes the comparisons itself).
        try:
            precompute_comparisons.delay(submission_pk)
        except Exception:
            logger.warning("comparisons for submission %s not queued", submission_pk, exc_info=True)

    transaction.on_commit(dispatch)


def comparisons_after_review(submission: Submission) -> int:
    """Compute and cache the comparisons a change of ``submission`` touches; how many sets."""
    catalogue = engine.Catalogue.load()
    period = submission.period
    periods = list(Period.objects.filter(start__lte=period.start, end__gte=period.end))
    area_ids = set(submission.uitvraag.areas.values_list("pk", flat=True))
    members = engine.regio_members(None)
    regios = [r for r, gemeenten in members.items() if r in area_ids or gemeenten & area_ids]
    from organisations.models import Organisation

    subjects = [GEMIDDELDE_SUBJECT] + [
        Subject("regio", regio) for regio in Organisation.objects.filter(pk__in=sorted(regios))
    ]
    done = 0
    for thema in Thema.objects.order_by("order", "pk"):
        ids = [i.pk for i in catalogue.indicators.values() if i.thema_id == thema.pk]
        if not ids:
            continue
        for subject in subjects:
            for one in periods:
                same_type = [i for i in ids if catalogue.indicators[i].period_type == one.type]
                if same_type:
                    comparison_points(subject, [one], catalogue, ids)
                    done += 1
    return done
