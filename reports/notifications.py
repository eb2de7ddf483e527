"""E-mail about reports and submissions: a report is ready or failed, a deadline is near.

Messages are Dutch text templates (``templates/reports/email/``), one message per recipient (no
one sees the others' addresses), and are sent only after the transaction that caused them commits:
a rolled-back change never announces itself. A mail server that fails is logged and never changes
the outcome of the task that sent the mail.
"""

import contextvars
import logging
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from organisations.models import Membership, Organisation, Role

from .models import Report

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _active_users(user_ids):
    return (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .order_by("email")
    )


def beleid_of(gemeente: Organisation):
    """Beleidsmedewerkers of the gemeente itself or of a regio it belongs to."""
    regio_ids = gemeente.groepen.regios().values("pk")
    member_ids = Membership.objects.filter(role=Role.BELEID).filter(
        Q(organisation=gemeente) | Q(organisation__in=regio_ids)
    )
    return _active_users(member_ids.values("user_id"))


def griffie_of(gemeente: Organisation):
    """The griffie of the gemeente itself (a griffie sees only its own gemeente's reports)."""
    member_ids = Membership.objects.filter(role=Role.GRIFFIE, organisation=gemeente)
    return _active_users(member_ids.values("user_id"))


def leveranciers_of(uitvoerder: Organisation):
    member_ids = Membership.objects.filter(role=Role.LEVERANCIER, organisation=uitvoerder)
    return _active_users(member_ids.values("user_id"))


def report_recipients(report: Report) -> list:
    """Whoever asked for the files first, then the beleidsmedewerkers of the gemeente."""
    users = list(beleid_of(report.gemeente))
    requester = report.generation_requested_by
    if requester is not None and requester.is_active and requester.email:
        users = [requester, *[u for u in users if u.pk != requester.pk]]
    seen, unique = set(), []
    for user in users:
        if user.email.lower() not in seen:
            seen.add(user.email.lower())
            unique.append(user)
    return unique


def _send(template: str, recipients, context: dict) -> int:
    """Render ``<template>_subject.txt`` and ``<template>.txt`` per recipient and send them."""
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        messages = []
        for user in recipients:
            personal = {**context, "user": user}
            subject = render_to_string(f"reports/email/{template}_subject.txt", personal)
            body = render_to_string(f"reports/email/{template}.txt", personal)
            messages.append(
                EmailMessage(
                    subject=" ".join(subject.split()),
                    body=body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[user.email],
                )
            )
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:  # the mail server must not undo or fail the work that was done
        logger.exception("Could not send %s e-mail to %s recipients", template, len(messages))
        return 0


def _report_context(report: Report) -> dict:
    return {
        "report": report,
        "url": absolute_url(reverse("reports:detail", args=[report.pk])),
        "files": [
            (label, getattr(report, f"{kind}_sha256"))
            for kind, label in (("pdf", "PDF"), ("xlsx", "Excel"), ("csv", "CSV (open data)"))
            if getattr(report, kind)
        ],
    }


def _load(report_pk: int) -> Report | None:
    return (
        Report.objects.select_related("gemeente", "period", "generation_requested_by")
        .filter(pk=report_pk)
        .first()
    )


def send_report_ready(report_pk: int) -> int:
    report = _load(report_pk)
    if report is None:
        return 0
    return _send("report_ready", report_recipients(report), _report_context(report))


def send_report_failed(report_pk: int) -> int:
    report = _load(report_pk)
    if report is None:
        return 0
    return _send("report_failed", report_recipients(report), _report_context(report))


def send_report_adopted(report_pk: int) -> int:
    """Tell the griffie that a vastgesteld report is ready to go to the council: the public
    files (PDF and CSV) with their checksums and, for a new version, what it replaces and why."""
    report = (
        Report.objects.select_related("gemeente", "period", "replaces", "vastgesteld_by")
        .filter(pk=report_pk)
        .first()
    )
    if report is None:
        return 0
    context = {
        "report": report,
        "url": absolute_url(reverse("reports:griffie")),
        "files": [
            (label, getattr(report, f"{kind}_sha256"))
            for kind, label in (("pdf", "PDF"), ("csv", "CSV (open data)"))
            if getattr(report, kind)
        ],
    }
    return _send("report_adopted", list(griffie_of(report.gemeente)), context)


_silent = contextvars.ContextVar("report_mail_silent", default=False)


@contextmanager
def silenced():
    """No report e-mail for what happens inside (``load_demo`` making its reports: nobody asked
    for them, and the console would fill with messages)."""
    token = _silent.set(True)
    try:
        yield
    finally:
        _silent.reset(token)


def report_ready(report_pk: int) -> None:
    """Tell the requester and the beleidsmedewerkers, once the files are committed."""
    if not _silent.get():
        transaction.on_commit(lambda: send_report_ready(report_pk))


def report_failed(report_pk: int) -> None:
    if not _silent.get():
        transaction.on_commit(lambda: send_report_failed(report_pk))


def report_adopted(report_pk: int) -> None:
    """Tell the griffie of the gemeente, once the vaststelling is committed."""
    if not _silent.get():
        transaction.on_commit(lambda: send_report_adopted(report_pk))


def send_submission_reminder(submission, recipients, days_left: int) -> int:
    context = {
        "submission": submission,
        "days_left": days_left,
        "url": absolute_url(reverse("indicators:submission_detail", args=[submission.pk])),
    }
    return _send("submission_reminder", recipients, context)
