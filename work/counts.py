"""The counts in the navigation (open work, unread notifications), cached per person so that
a page does not pay for them (a page without them in the cache shows them when a small script
has fetched them from ``/mijn-werk/tellers/``): recomputed after any workflow step, notification or change of a
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


def cached_counts(user) -> dict | None:
    """The counts if they are cached (no query); the page then asks :func:`counts_for` later."""
    return cache.get(_key(user, cache.get(GENERATION_KEY, 0)))


def counts_for(user, work=None) -> dict:
    """``work``: the person's :class:`work.services.MyWork` when the caller has it already."""
    from .services import my_work

    key = _key(user, cache.get(GENERATION_KEY, 0))
    counts = cache.get(key)
    if counts is None:
        work = work or my_work(user)
        counts = {
            "work": work.total,
            "unread": Notification.objects.filter(user=user).unread().count(),
        }
        cache.set(key, counts, TIMEOUT)
    return counts


transitioned.connect(bump, dispatch_uid="work.counts.transitioned")
for model in (Submission, BudgetVersion, Report):
    post_save.connect(bump, sender=model, dispatch_uid=f"work.counts.{model.__name__}")
