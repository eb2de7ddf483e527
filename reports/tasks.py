"""The Celery task that makes a report's PDF and XLSX from approved figures.

Progress is written to the report row as the task goes, so the detail page can show it. The task
only works on a concept report with a pending request, and checks that again under a row lock
before storing files: a report that was offered or vastgesteld in the meantime is never touched.
"""

import hashlib
import logging

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import charts
from .content import collect
from .models import GenerationStatus, Report, ReportEvent, ReportStatus
from .pdf import render_pdf
from .xlsx import render_xlsx

logger = logging.getLogger(__name__)

# Worth another try: the database or the broker was briefly unreachable.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
PENDING = (GenerationStatus.QUEUED, GenerationStatus.RUNNING)


class Skip(Exception):
    """Nothing to do (any more) for this report."""


def _progress(report_pk: int, percent: int, message: str):
    Report.objects.filter(
        pk=report_pk, status=ReportStatus.CONCEPT, generation_status=GenerationStatus.RUNNING
    ).update(progress=percent, progress_message=message)


def _start(report_pk: int):
    """Mark the report as running; return the request time that this run serves."""
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_pk).first()
        if report is None:
            raise Skip("report does not exist")
        if report.status != ReportStatus.CONCEPT:
            raise Skip(f"report is {report.status}")
        if report.generation_status not in PENDING:
            raise Skip(f"no generation pending ({report.generation_status})")
        Report.objects.filter(pk=report_pk).update(
            generation_status=GenerationStatus.RUNNING,
            progress=5,
            progress_message=_("Gestart"),
            generation_error="",
        )
        return report.generation_requested_at


def _filename(report: Report, generated_at, kind: str) -> str:
    stamp = timezone.localtime(generated_at).strftime("%Y%m%d-%H%M%S")
    return f"rapportage-{report.gemeente.code}-{report.period.identifier}-v{report.version}-{stamp}.{kind}"


def _store(report_pk: int, requested_at, generated_at, pdf: bytes, xlsx: bytes):
    with transaction.atomic():
        report = (
            Report.objects.select_for_update()
            .select_related("gemeente", "period")
            .filter(pk=report_pk)
            .first()
        )
        # Never overwrite a report that was offered or vastgesteld, nor a newer request's run.
        if report is None or report.status != ReportStatus.CONCEPT:
            raise Skip("report is no longer a concept")
        if report.generation_status != GenerationStatus.RUNNING:
            raise Skip("generation is no longer running")
        if report.generation_requested_at != requested_at:
            raise Skip("a newer generation was requested")
        old_files = [f.name for f in (report.pdf, report.xlsx) if f]
        report.pdf.save(_filename(report, generated_at, "pdf"), ContentFile(pdf), save=False)
        report.xlsx.save(_filename(report, generated_at, "xlsx"), ContentFile(xlsx), save=False)
        new_files = {report.pdf.name, report.xlsx.name}
        Report.objects.filter(pk=report_pk).update(
            pdf=report.pdf.name,
            xlsx=report.xlsx.name,
            pdf_sha256=hashlib.sha256(pdf).hexdigest(),
            xlsx_sha256=hashlib.sha256(xlsx).hexdigest(),
            generated_at=generated_at,
            generation_status=GenerationStatus.DONE,
            progress=100,
            progress_message=_("Klaar"),
            generation_error="",
        )
        ReportEvent.objects.create(
            report=report,
            action="gemaakt",
            from_status=report.status,
            to_status=report.status,
            reason=_("PDF en Excel-bestand gemaakt."),
        )
        storage = report.pdf.storage

        def remove_old_files():
            for name in old_files:
                if name not in new_files:
                    storage.delete(name)

        transaction.on_commit(remove_old_files)


def _fail(report_pk: int, exc: Exception):
    reason = _("Het maken van de rapportage is mislukt: %(error)s") % {
        "error": f"{type(exc).__name__}: {exc}"[:900]
    }
    with transaction.atomic():
        updated = Report.objects.filter(
            pk=report_pk, status=ReportStatus.CONCEPT, generation_status__in=PENDING
        ).update(
            generation_status=GenerationStatus.FAILED,
            progress_message=_("Mislukt"),
            generation_error=reason,
        )
        if updated:
            ReportEvent.objects.create(
                report_id=report_pk,
                action="mislukt",
                from_status=ReportStatus.CONCEPT,
                to_status=ReportStatus.CONCEPT,
                reason=reason,
            )


def build(report_pk: int):
    requested_at = _start(report_pk)
    generated_at = timezone.now().replace(microsecond=0)
    report = Report.objects.get(pk=report_pk)
    content = collect(report, generated_at)
    _progress(report_pk, 10, _("Cijfers verzameld"))
    for chart in content.charts:
        charts.render(chart)
    _progress(report_pk, 50, _("Grafieken gemaakt"))
    pdf = render_pdf(content)
    _progress(report_pk, 80, _("PDF gemaakt"))
    xlsx = render_xlsx(content)
    _progress(report_pk, 95, _("Excel-bestand gemaakt"))
    _store(report_pk, requested_at, generated_at, pdf, xlsx)


@shared_task(bind=True, max_retries=3, acks_late=True)
def generate_report(self, report_pk: int):
    """Make the PDF and XLSX of report ``report_pk``; retries transient errors up to 3 times."""
    # The report is written in the site's language, also when a request in English ran it eagerly.
    with translation.override(settings.LANGUAGE_CODE):
        _run(self, report_pk)


def _run(task, report_pk: int):
    try:
        build(report_pk)
    except Skip as reason:
        logger.info("Report %s not generated: %s", report_pk, reason)
    except TRANSIENT_ERRORS as exc:
        if task.request.retries < task.max_retries:
            logger.warning("Report %s: transient error, retrying: %s", report_pk, exc)
            raise task.retry(exc=exc, countdown=5 * 2**task.request.retries) from exc
        logger.exception("Report %s failed after retries", report_pk)
        _fail(report_pk, exc)
    except Exception as exc:
        logger.exception("Report %s failed", report_pk)
        _fail(report_pk, exc)
