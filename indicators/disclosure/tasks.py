"""Suppression patterns computed ahead, so the first public page or report after an approval is
quick.

After a submission is approved or reopened (the workflow core's :data:`core.workflow.transitioned`
signal, ``goedkeuren`` or ``heropenen``, sent after the commit), the Celery task below computes
the pattern of every component the submission is about (its uitvraag's areas and everything
linked to them through regio membership) for the submission's year, into the shared cache
(:mod:`.patterns`): the change gave exactly those patterns a new key.

On by default when a Celery worker exists (``CELERY_BROKER_URL``); in the embedded mode the task
would run inside the approving request, so it is off there (``DISCLOSURE_PRECOMPUTE``).
"""

import logging

from celery import shared_task
from django.conf import settings

from .. import engine
from ..models import Submission
from .patterns import components, forget, pattern_for
from .tables import Rules

logger = logging.getLogger(__name__)

TRIGGERS = {"goedkeuren", "heropenen"}


def enabled() -> bool:
    return bool(getattr(settings, "DISCLOSURE_PRECOMPUTE", False))


def on_transition(sender, transition, **kwargs) -> None:
    """Receiver of :data:`core.workflow.transitioned` (after the commit): queue the task."""
    if sender is not Submission or transition.action not in TRIGGERS or not enabled():
        return
    # A courtesy: a broker that is down never fails the approval (the first page that needs the
    # pattern computes it).
    try:
        precompute_patterns.delay(transition.instance.pk)
    except Exception:
        logger.warning(
            "suppression patterns for submission %s not queued",
            transition.instance.pk,
            exc_info=True,
        )


@shared_task(name="indicators.disclosure.precompute_patterns")
def precompute_patterns(submission_pk: int) -> int:
    """Compute the patterns a review changed; how many components."""
    submission = Submission.objects.filter(pk=submission_pk).select_related("period").first()
    if submission is None:
        return 0
    areas = set(submission.uitvraag.areas.values_list("pk", flat=True))
    linked = components(engine.regio_members())
    wanted = {linked.get(area, frozenset({area})) for area in areas}
    catalogue, rules = engine.Catalogue.load(), Rules.from_settings()
    # One component at a time, kept in the shared cache only: an uitvraag for many gemeenten
    # never holds all their figures and patterns (tens of MB each) in the worker at once.
    for component in sorted(wanted, key=min):
        pattern_for({min(component)}, [submission.period.year], rules, catalogue)
        forget()
    return len(wanted)
