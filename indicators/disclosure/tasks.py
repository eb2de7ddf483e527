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

from celery import shared_task

from .. import engine
from ..models import Submission
from ..review.ahead import after_review
from .patterns import components, forget, pattern_for
from .tables import Rules


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


# Connected in indicators/apps.py.
on_transition = after_review(precompute_patterns, "DISCLOSURE_PRECOMPUTE", "suppression patterns")
