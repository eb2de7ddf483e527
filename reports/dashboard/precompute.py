"""Comparison figures computed ahead, so the first dashboard page after an approval is quick.

After a submission is approved or reopened (the workflow core's :data:`core.workflow.transitioned`
signal, ``goedkeuren`` or ``heropenen``, sent after the commit), the Celery task below computes,
for every period that contains the submission's period (the quarter, its half-year and its year),
the average of all gemeenten and the totals of the regio's the submission is about, per thema:
exactly the sets the thema pages ask for with "vergelijk met". They go into the shared cache
under a version of that period and subject (:func:`.figures.period_versions`): the approval
changes the keys of those periods of the average and of those regio's, and of nothing else —
other periods and other regio's keep their cached comparisons.

The task lives here, beside what it runs; indicators knows nothing of it (reports listens to the
core's signal, see ``reports/apps.py``).

On by default when a Celery worker exists (``CELERY_BROKER_URL``); in the embedded mode the task
would run inside the approving request, so it is off there (``DASHBOARD_PRECOMPUTE``).
"""

from celery import shared_task

from indicators import engine
from indicators.models import Period, Submission, Thema
from indicators.review.ahead import after_review
from organisations.models import Organisation

from .figures import GEMIDDELDE_SUBJECT, Subject, comparison_points


@shared_task(name="reports.dashboard.precompute_comparisons")
def precompute_comparisons(submission_pk: int) -> int:
    """Compute the comparisons (average, regio totals) a review changed, ahead of the first page
    that asks."""
    submission = Submission.objects.filter(pk=submission_pk).select_related("period").first()
    return comparisons_after_review(submission) if submission is not None else 0


def comparisons_after_review(submission: Submission) -> int:
    """Compute and cache the comparisons a change of ``submission`` touches; how many sets."""
    catalogue = engine.Catalogue.load()
    period = submission.period
    periods = list(Period.objects.filter(start__lte=period.start, end__gte=period.end))
    area_ids = set(submission.uitvraag.areas.values_list("pk", flat=True))
    members = engine.regio_members(None)
    # The regio's whose comparisons read these areas (see figures.subject_areas_filter).
    regios = [r for r, gemeenten in members.items() if r in area_ids or gemeenten & area_ids]
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


# Connected in reports/apps.py.
on_transition = after_review(precompute_comparisons, "DASHBOARD_PRECOMPUTE", "comparisons")
