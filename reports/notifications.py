"""What reports tell people: a report is ready or failed, a report is vastgesteld, a deadline is
near. Sent through the one mechanism (:func:`notifications.notify.notify`: in-app list, e-mail as
each person chose, a Celery task with retries) with the Dutch text templates of
``templates/reports/email/``, one message per recipient, and only after the transaction that
caused them commits: a rolled-back change never announces itself."""

from django.db import transaction
from django.urls import reverse

from notifications.models import Event
from notifications.notify import absolute_url, is_silenced, notify, silenced, unique_recipients
from organisations.recipients import beleid_of, griffie_of, leveranciers_of

from .models import Report

__all__ = [
    "absolute_url",
    "beleid_of",
    "griffie_of",
    "leveranciers_of",
    "silenced",
    "report_ready",
    "report_failed",
    "report_adopted",
]


def report_recipients(report: Report) -> list:
    """Whoever asked for the files first, then the beleidsmedewerkers of the gemeente."""
    return unique_recipients([report.generation_requested_by, *beleid_of(report.gemeente)])


def _files(report: Report, kinds) -> list:
    return [
        (label, getattr(report, f"{kind}_sha256")) for kind, label in kinds if getattr(report, kind)
    ]


ALL_FILES = (("pdf", "PDF"), ("xlsx", "Excel"), ("csv", "CSV (open data)"))
PUBLIC_FILES = (("pdf", "PDF"), ("csv", "CSV (open data)"))


def _load(report_pk: int) -> Report | None:
    return (
        Report.objects.select_related("gemeente", "period", "generation_requested_by")
        .filter(pk=report_pk)
        .first()
    )


def _send_generation_outcome(report_pk: int, event: str, template: str) -> int:
    report = _load(report_pk)
    if report is None:
        return 0
    sent = notify(
        event,
        report_recipients(report),
        template=template,
        context={"report": report, "files": _files(report, ALL_FILES)},
        url=reverse("reports:detail", args=[report.pk]),
        about=report,
    )
    return len(sent)


def send_report_ready(report_pk: int) -> int:
    return _send_generation_outcome(report_pk, Event.RAPPORT_KLAAR, "reports/email/report_ready")


def send_report_failed(report_pk: int) -> int:
    return _send_generation_outcome(report_pk, Event.RAPPORT_MISLUKT, "reports/email/report_failed")


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
    sent = notify(
        Event.VASTGESTELD,
        griffie_of(report.gemeente),
        template="reports/email/report_adopted",
        context={"report": report, "files": _files(report, PUBLIC_FILES)},
        url=reverse("reports:griffie"),
        about=report,
    )
    return len(sent)


def report_ready(report_pk: int) -> None:
    """Tell the requester and the beleidsmedewerkers, once the files are committed."""
    if not is_silenced():
        transaction.on_commit(lambda: send_report_ready(report_pk))


def report_failed(report_pk: int) -> None:
    if not is_silenced():
        transaction.on_commit(lambda: send_report_failed(report_pk))


def report_adopted(report_pk: int) -> None:
    """Tell the griffie of the gemeente, once the vaststelling is committed."""
    if not is_silenced():
        transaction.on_commit(lambda: send_report_adopted(report_pk))


def send_submission_reminder(submission, recipients, days_left: int) -> int:
    sent = notify(
        Event.HERINNERING,
        recipients,
        template="reports/email/submission_reminder",
        context={"submission": submission, "days_left": days_left},
        url=reverse("indicators:submission_edit", args=[submission.pk]),
        about=submission,
    )
    return len(sent)
