"""Sending notification e-mails: directly (with retries) and the daily digest (Celery beat)."""

import logging
from collections import defaultdict
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import MailState, Notification
from .notify import absolute_url, mails_pending

logger = logging.getLogger(__name__)

RETRIES = 4
# A direct e-mail still pending after this went lost (the broker was down when queued).
STUCK_AFTER = timedelta(hours=1)


def _message(to: str, subject: str, body: str) -> EmailMessage:
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])


@shared_task(bind=True, max_retries=RETRIES, acks_late=True)
def send_mails(self, ids: list[int]) -> int:
    """E-mail the notifications ``ids`` that still wait for it; retried with back-off when the
    mail server fails, then marked as failed (they stay in the in-app list)."""
    pending = list(
        Notification.objects.filter(pk__in=ids, mail_state=MailState.PENDING)
        .select_related("user")
        .order_by("pk")
    )
    if not pending:
        return 0
    messages = [_message(n.user.email, n.subject, n.body) for n in pending]
    try:
        get_connection().send_messages(messages)
    except Exception as exc:
        if self.request.retries < self.max_retries:
            logger.warning("Notification e-mail failed, retrying: %s", exc)
            raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
        logger.exception("Could not send %s notification e-mails", len(pending))
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
            mail_state=MailState.FAILED
        )
        return 0
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
        mail_state=MailState.SENT, mailed_at=timezone.now()
    )
    return len(pending)


@receiver(mails_pending, dispatch_uid="notifications.tasks.send_mails")
def queue_send_mails(sender, ids: list[int], **kwargs) -> None:
    send_mails.delay(ids)


@shared_task
def send_digests() -> int:
    """Once a day (``config/celery.py``): one e-mail per person with what they chose to get as a
    digest, plus direct e-mails that could not be queued. Returns the number of e-mails."""
    waiting = (
        Notification.objects.filter(
            Q(mail_state=MailState.DIGEST)
            # Direct ones whose task never ran (broker down); not those queued just now.
            | Q(mail_state=MailState.PENDING, created_at__lt=timezone.now() - STUCK_AFTER)
        )
        .select_related("user")
        .order_by("user_id", "created_at", "pk")
    )
    per_user = defaultdict(list)
    for notification in waiting:
        if notification.user.is_active and notification.user.email:
            per_user[notification.user].append(notification)
    sent = 0
    connection = get_connection()
    with translation.override(settings.LANGUAGE_CODE):
        for user, items in per_user.items():
            context = {
                "user": user,
                "items": [(n, absolute_url(n.url)) for n in items],
                "url": absolute_url("/meldingen/"),
            }
            subject = " ".join(
                render_to_string("notifications/email/digest_subject.txt", context).split()
            )
            body = render_to_string("notifications/email/digest.txt", context)
            try:
                connection.send_messages([_message(user.email, subject, body)])
            except Exception:  # tried again tomorrow
                logger.exception("Could not send the digest to user %s", user.pk)
                continue
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(
                mail_state=MailState.SENT, mailed_at=timezone.now()
            )
            sent += 1
    return sent
