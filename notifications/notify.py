"""The one way to tell people something: :func:`notify` records a :class:`Notification` per
person (the in-app list) and e-mails it as each person chose (:class:`Preference`: directly, in
the daily digest, or not), through the Celery task :func:`notifications.tasks.send_mails`, which
retries; a mail that cannot be sent never fails the step that caused it.

Messages are rendered once, in the site's language, per recipient (nobody sees another's
address). Links point to ``SITE_URL``; without it e-mails carry site-relative links rather than a
guessed host. Which workflow step tells whom is declared in :mod:`work.notices`.
"""

import contextvars
import logging
import time
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal
from django.template.loader import render_to_string
from django.utils import translation

from .models import Delivery, MailState, Notification, Preference

# Sent after the commit with the pks of the notifications whose e-mail waits. The tasks module
# receives it and queues the e-mail task: tasks import this module, never the other way round.
mails_pending = Signal()

logger = logging.getLogger(__name__)

_silent = contextvars.ContextVar("notifications_silent", default=False)


@contextmanager
def silenced():
    """Nobody is told about what happens inside (``load_demo`` making its reports and approving
    its figures: nobody asked for them, and the console would fill with messages)."""
    token = _silent.set(True)
    try:
        yield
    finally:
        _silent.reset(token)


# Bumped whenever someone's open work or notifications may have changed: the navigation's
# cached counts (work.counts) are keyed by it.
GENERATION_KEY = "work:generation"


def changed() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), None)


def is_silenced() -> bool:
    return _silent.get()


def absolute_url(path: str) -> str:
    """``path`` on the site's real address (``SITE_URL``); never a guessed host."""
    if not path or "://" in path:
        return path
    base = (settings.SITE_URL or "").rstrip("/")
    return base + path


def unique_recipients(users: Iterable, exclude=None) -> list:
    """Active users, each once (by e-mail address too), without ``exclude`` (who did it)."""
    seen_pks, seen_mail, result = set(), set(), []
    exclude_pk = getattr(exclude, "pk", exclude)
    for user in users:
        if user is None or not user.is_active or user.pk in seen_pks or user.pk == exclude_pk:
            continue
        address = (user.email or "").lower()
        if address and address in seen_mail:
            continue
        seen_pks.add(user.pk)
        if address:
            seen_mail.add(address)
        result.append(user)
    return result


def deliveries(users: list, event: str) -> dict[int, str]:
    """Per user: how they want ``event`` by e-mail (one query for all)."""
    chosen = dict(
        Preference.objects.filter(user__in=[u.pk for u in users], event=event).values_list(
            "user_id", "delivery"
        )
    )
    return {u.pk: chosen.get(u.pk, Delivery.DIRECT) for u in users}


MAIL_STATE = {
    Delivery.DIRECT: MailState.PENDING,
    Delivery.DIGEST: MailState.DIGEST,
    Delivery.NONE: MailState.NONE,
}


def notify(
    event: str,
    users: Iterable,
    *,
    template: str = "notifications/email/notification",
    context: dict | None = None,
    url: str = "",
    about=None,
    exclude=None,
) -> list[Notification]:
    """Tell ``users`` (minus ``exclude``) about ``event``: render ``<template>_subject.txt`` and
    ``<template>.txt`` per person with ``context`` (plus ``user`` and the absolute ``url``),
    store a notification each and queue the e-mails. Call it after the commit of what happened
    (a workflow's ``transitioned`` signal is)."""
    if _silent.get():
        return []
    recipients = unique_recipients(users, exclude)
    if not recipients:
        return []
    how = deliveries(recipients, event)
    about_type = ContentType.objects.get_for_model(about) if about is not None else None
    rows = []
    with translation.override(settings.LANGUAGE_CODE):
        for user in recipients:
            personal = {**(context or {}), "user": user, "url": absolute_url(url)}
            subject = " ".join(render_to_string(f"{template}_subject.txt", personal).split())
            body = render_to_string(f"{template}.txt", personal)
            state = MAIL_STATE[how[user.pk]] if user.email else MailState.NONE
            rows.append(
                Notification(
                    user=user,
                    event=event,
                    subject=subject[:255],
                    body=body,
                    url=url,
                    about_type=about_type,
                    about_id=about.pk if about is not None else None,
                    mail_state=state,
                )
            )
    created = Notification.objects.bulk_create(rows)
    changed()
    pending = [n.pk for n in created if n.mail_state == MailState.PENDING]
    if pending:
        transaction.on_commit(lambda: queue_mails(pending))
    return created


def queue_mails(ids: list[int]) -> None:
    """Hand the e-mails to the mail task (the receiver of :data:`mails_pending` in
    :mod:`notifications.tasks`); a broker that is down leaves them for the next digest run."""
    try:
        mails_pending.send(sender=Notification, ids=ids)
    except Exception:  # the step that caused the notification stays done
        logger.exception("Could not queue %s notification e-mails", len(ids))
