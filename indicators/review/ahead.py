"""Work computed ahead after a review, so the first page that needs it finds it ready.

After a submission is approved or reopened (the workflow core's :data:`core.workflow.transitioned`
signal, sent after the commit) a Celery task recomputes what the review changed: the suppression
patterns (:mod:`indicators.disclosure.tasks`) and the dashboard's comparisons
(:mod:`reports.dashboard.precompute`). Each connects a receiver made here, so both follow one rule:
on only when the setting says so (by default when a Celery worker exists; in the embedded mode the
task would run inside the approving request), and a broker that is down never fails the approval
(the first page that asks computes it itself).
"""

import logging

from django.conf import settings

from ..models import Submission

logger = logging.getLogger(__name__)

TRIGGERS = {"goedkeuren", "heropenen"}


def after_review(task, setting: str, what: str):
    """A receiver of ``transitioned`` that queues ``task(submission_pk)`` after an approval or a
    reopening, when ``settings.<setting>`` is on; ``what`` names it in the log."""

    def on_transition(sender, transition, **kwargs) -> None:
        if sender is not Submission or transition.action not in TRIGGERS:
            return
        if not getattr(settings, setting, False):
            return
        try:
            task.delay(transition.instance.pk)
        except Exception:
            logger.warning(
                "%s for submission %s not queued", what, transition.instance.pk, exc_info=True
            )

    return on_transition
