"""The counts in the navigation (open work, unread notifications), cached per person so that
a page does not pay for them: recomputed after any workflow step, notification or change of a
submission, budget version or report (the generation below), and at most a minute old."""

from django.core.cache import cache
from django.db.models.signals import post_save

from budgets.models import BudgetVersion
from core.workflow import transitioned
from indicators.models import Submission
from notifications.models import Notification
from notifications.notify import GENERATION_KEY, changed
from reports.models import Report

TIMEOUT = 60


def bump(*args, **kwargs) -> None:
    changed()


def _key(user, generation) -> str:
    return f"work:counts:{generation}:{user.pk}"


def counts_for(user) -> dict:
    from .services import my_work

    key = _key(user, cache.get(GENERATION_KEY, 0))
    counts = cache.get(key)
    if counts is None:
        work = my_work(user)
        counts = {
            "work": work.total,
            "unread": Notification.objects.filter(user=user).unread().count(),
        }
        cache.set(key, counts, TIMEOUT)
    return counts


transitioned.connect(bump, dispatch_uid="work.counts.transitioned")
for model in (Submission, BudgetVersion, Report):
    post_save.connect(bump, sender=model, dispatch_uid=f"work.counts.{model.__name__}")
