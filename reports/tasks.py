"""Celery tasks: make a report's files, and the daily schedule (concepts and reminders).

**Generation.** Progress is written to the report row as the task goes, so the detail page can
show it. The task only works on a concept report with a pending request, and checks that again
under a row lock before storing files: a report that was offered or vastgesteld in the meantime is
never touched. The files are deterministic (the same inputs give the same bytes), and a run whose
inputs fingerprint equals that of the stored snapshot keeps the stored files instead of making
them again. Transient errors (database, broker) are retried with back-off; the requester and the
beleidsmedewerkers get an e-mail when the files are ready or when making them failed.

**Faults** (``docs/reliability.md``). A run beats on the report row (:mod:`core.jobs`) and holds it
by its task id: a second delivery of the task while the first still beats leaves it alone, one
whose worker died takes over (``acks_late`` + ``reject_on_worker_lost`` requeue it), and after
JOB_MAX_ATTEMPTS the report is given up. :func:`fail_silent_generations` (every minute, beat)
marks a run that stopped beating as mislukt and tells the requester. Storing is one transaction,
and files of a run that died before it are removed, so a report has one set of files.

**Schedule** (``config/celery.py``, daily): :func:`prepare_concept_reports` prepares a concept
report for every gemeente whose half-year's deliveries are all past their deadline, and
:func:`remind_suppliers` reminds suppliers of a submission that is still open a few days before its
deadline. Both are idempotent and take ``today`` as a parameter, so tests can fix the date.
"""

import hashlib
import logging
import time
from collections import defaultdict
from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, InterfaceError, OperationalError, models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import jobs
from indicators.models import EDITABLE_STATUSES, Period, PeriodType, Submission
from organisations.models import OrganisationKind

from . import charts, notifications, snapshot
from .content import collect
from .models import GenerationStatus, Report, ReportEvent, ReportStatus, SubmissionReminder
from .opendata import render_csv
from .pdf import render_pdf
from .xlsx import render_xlsx

logger = logging.getLogger(__name__)

# Worth another try: the database or the broker was briefly unreachable.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
PENDING = (GenerationStatus.QUEUED, GenerationStatus.RUNNING)
FILE_KINDS = ("pdf", "xlsx", "csv")
FILE_EXTENSIONS = {"html": "html.gz"}


class Skip(Exception):
    """Nothing to do (any more) for this report."""


def _progress(report_pk: int, percent: int, message: str):
    Report.objects.filter(
        pk=report_pk, status=ReportStatus.CONCEPT, generation_status=GenerationStatus.RUNNING
    ).update(progress=percent, progress_message=message, heartbeat_at=timezone.now())


def _start(report_pk: int, task_id: str):
    """Mark the report as running by this task; return the request time that this run serves."""
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_pk).first()
        if report is None:
            raise Skip("report does not exist")
        if report.status != ReportStatus.CONCEPT:
            raise Skip(f"report is {report.status}")
        if report.generation_status not in PENDING:
            raise Skip(f"no generation pending ({report.generation_status})")
        if (
            report.generation_status == GenerationStatus.RUNNING
            and report.task_id != task_id
            and jobs.is_alive(report.heartbeat_at)
        ):
            raise Skip(f"task {report.task_id} is still making it")
        attempts = report.attempts
        if attempts < settings.JOB_MAX_ATTEMPTS:
            Report.objects.filter(pk=report_pk).update(
                generation_status=GenerationStatus.RUNNING,
                progress=5,
                progress_message=_("Gestart"),
                generation_error="",
                attempts=attempts + 1,
                task_id=task_id,
                heartbeat_at=timezone.now(),
            )
            return report.generation_requested_at
    # Its workers died this often for this request: the task itself may be what kills them.
    _mark_failed(
        report_pk,
        _(
            "Het maken van de rapportage is %(count)s keer afgebroken doordat het "
            "achtergrondproces stopte; het wordt niet opnieuw geprobeerd. Neem contact op "
            "met de functioneel beheerder."
        )
        % {"count": attempts},
    )
    raise Skip("gave up after too many attempts")


def _filename(report: Report, generated_at, kind: str) -> str:
    stamp = timezone.localtime(generated_at).strftime("%Y%m%d-%H%M%S")
    return f"rapportage-{report.gemeente.code}-{report.period.identifier}-v{report.version}-{stamp}.{kind}"


def _lock_running(report_pk: int, requested_at) -> Report:
    """The report row, locked, if this run may still store its outcome; else :class:`Skip`."""
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
    return report


def _files_match(report: Report, stored) -> bool:
    """Whether the report's files are there and are the ones recorded in ``stored``."""
    recorded = stored.data.get("files", {})
    for kind in FILE_KINDS:
        field_file = getattr(report, kind)
        if not field_file or recorded.get(kind) != getattr(report, f"{kind}_sha256"):
            return False
        if not field_file.storage.exists(field_file.name):
            return False
    return True


def _keep_unchanged(report_pk: int, requested_at, prepared: snapshot.Prepared) -> bool:
    """Finish without making files when the stored ones were made from exactly these inputs.

    Not when the duiding was edited since (even back to the same text): the report would stay
    marked as out of date.
    """
    with transaction.atomic():
        report = _lock_running(report_pk, requested_at)
        stored = snapshot.snapshot_of(report)
        if (
            stored is None
            or report.is_outdated
            or stored.inputs_fingerprint != prepared.inputs_fingerprint
            or not _files_match(report, stored)
        ):
            return False
        Report.objects.filter(pk=report_pk).update(
            generation_status=GenerationStatus.DONE,
            progress=100,
            progress_message=_("Klaar"),
            generation_error="",
        )
        ReportEvent.objects.create(
            report=report,
            action="ongewijzigd",
            from_status=report.status,
            to_status=report.status,
            reason=_(
                "De cijfers, de teksten en de opmaak zijn niet veranderd; de bestanden van "
                "%(when)s blijven gelden."
            )
            % {"when": timezone.localtime(stored.generated_at).strftime("%d-%m-%Y %H:%M")},
        )
        notifications.report_ready(report_pk)
    return True


def _store(
    report_pk: int,
    requested_at,
    generated_at,
    pdf: bytes,
    xlsx: bytes,
    csv: bytes = b"",
    prepared: snapshot.Prepared | None = None,
    started=None,
    html: bytes = b"",
):
    # ``generated_at`` is the stamp printed in the files (whole seconds, so the same inputs give
    # the same bytes); the report records when the texts were read (``started``, precise), so a
    # text saved in the same second before generation does not mark the files as out of date.
    made_at = started or generated_at
    with transaction.atomic():
        report = _lock_running(report_pk, requested_at)
        old_files = [f.name for f in (report.pdf, report.xlsx, report.csv, report.html) if f]
        contents = {"pdf": pdf, "xlsx": xlsx, "csv": csv, "html": html}
        checksums = {}
        for kind, data in contents.items():
            if not data:
                continue
            getattr(report, kind).save(
                _filename(report, generated_at, FILE_EXTENSIONS.get(kind, kind)),
                ContentFile(data),
                save=False,
            )
            checksums[kind] = hashlib.sha256(data).hexdigest()
        new_files = {getattr(report, kind).name for kind in checksums}
        # Every file the row names after this store (also any other file field of the report).
        named = {
            getattr(report, f.name).name
            for f in Report._meta.concrete_fields
            if isinstance(f, models.FileField) and getattr(report, f.name)
        }
        # A PDF without a print source (made by a stand-in renderer) keeps none.
        no_source = {} if html else {"html": "", "html_sha256": ""}
        Report.objects.filter(pk=report_pk).update(
            **no_source,
            **{kind: getattr(report, kind).name for kind in checksums},
            **{f"{kind}_sha256": sha for kind, sha in checksums.items()},
            generated_at=made_at,
            generation_status=GenerationStatus.DONE,
            progress=100,
            progress_message=_("Klaar"),
            generation_error="",
        )
        if prepared is not None:
            snapshot.store(report, prepared, made_at, checksums)
        ReportEvent.objects.create(
            report=report,
            action="gemaakt",
            from_status=report.status,
            to_status=report.status,
            reason=_("PDF, Excel-bestand en CSV (open data) gemaakt.")
            if csv
            else _("PDF en Excel-bestand gemaakt."),
        )
        storage = report.pdf.storage

        def remove_old_files():
            for name in old_files:
                if name not in new_files:
                    storage.delete(name)
            _remove_strays(storage, new_files, named)

        transaction.on_commit(remove_old_files)
        notifications.report_ready(report_pk)


def _remove_strays(storage, stored: set[str], kept: set[str]):
    """Delete files in the folder of the ``stored`` files that are not in ``kept`` (what the row
    names): what a run wrote before its worker died (the folder is per gemeente, period and
    version, so it is this report's alone)."""
    from os.path import dirname

    for folder in {dirname(name) for name in stored}:
        try:
            _dirs, names = storage.listdir(folder)
        except (FileNotFoundError, NotImplementedError):
            continue
        for name in names:
            path = f"{folder}/{name}"
            if path not in kept:
                logger.info("removing stray report file %s", path)
                storage.delete(path)


def _fail(report_pk: int, exc: Exception):
    reason = _("Het maken van de rapportage is mislukt: %(error)s") % {
        "error": f"{type(exc).__name__}: {exc}"[:900]
    }
    _mark_failed(report_pk, reason)


def _mark_failed(report_pk: int, reason: str, only: Q | None = None) -> bool:
    """Mark a pending generation mislukt with ``reason`` and tell who asked for it; ``only``
    narrows which rows qualify (checked under the row lock). Whether it was marked."""
    with transaction.atomic():
        pending = Report.objects.filter(
            pk=report_pk, status=ReportStatus.CONCEPT, generation_status__in=PENDING
        )
        if only is not None:
            pending = pending.filter(only)
        if not list(pending.select_for_update().values_list("pk", flat=True)):
            return False
        updated = pending.update(
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
            notifications.report_failed(report_pk)
    return bool(updated)


def build(report_pk: int, task_id: str = "", beat: bool = False):
    """Make the files; ``beat``: keep the heartbeat going from a thread (a separate worker)."""
    requested_at = _start(report_pk, task_id)
    ours = Report.objects.filter(
        pk=report_pk, generation_status=GenerationStatus.RUNNING, task_id=task_id
    )
    with jobs.beating(ours, enabled=beat):
        _build(report_pk, requested_at)


def _build(report_pk: int, requested_at):
    started = timezone.now()
    generated_at = started.replace(microsecond=0)
    report = Report.objects.select_related("gemeente", "period").get(pk=report_pk)
    content = collect(report, generated_at)
    prepared = snapshot.prepare(report, content)
    _progress(report_pk, 10, _("Cijfers verzameld"))
    if settings.REPORT_GENERATION_TEST_PAUSE and report.attempts == 1:
        # Fault tests only: a known moment to kill the worker at; a retry does not pause.
        time.sleep(settings.REPORT_GENERATION_TEST_PAUSE)
    if _keep_unchanged(report_pk, requested_at, prepared):
        return
    for chart in content.charts:
        charts.render(chart)
    _progress(report_pk, 50, _("Grafieken gemaakt"))
    pdf = render_pdf(content)
    # The HTML the PDF was printed from: the offered and the final PDF are printed from it.
    source = getattr(content, "print_source", None)
    html = source.pack() if source else b""
    _progress(report_pk, 80, _("PDF gemaakt"))
    xlsx = render_xlsx(content)
    csv = render_csv(report, content)
    _progress(report_pk, 95, _("Excel-bestand gemaakt"))
    _store(
        report_pk, requested_at, generated_at, pdf, xlsx, csv, prepared, started=started, html=html
    )


@shared_task(bind=True, max_retries=3, acks_late=True)
def generate_report(self, report_pk: int):
    """Make the PDF, XLSX and CSV of report ``report_pk``; retries transient errors 3 times."""
    # The report is written in the site's language, also when a request in English ran it eagerly.
    with translation.override(settings.LANGUAGE_CODE):
        _run(self, report_pk)


def _run(task, report_pk: int):
    try:
        build(report_pk, task.request.id or "", beat=not task.request.is_eager)
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


@jobs.sweep
def fail_silent_generations(now) -> int:
    """Mark generations whose worker died (no heartbeat) or that no worker took up as mislukt,
    and tell the requester; run every minute by :func:`core.tasks.sweep_stale_jobs`."""
    running = Q(generation_status=GenerationStatus.RUNNING)
    queued = Q(generation_status=GenerationStatus.QUEUED)
    dead, never_started = jobs.stale(
        Report.objects.filter(status=ReportStatus.CONCEPT),
        running=running,
        queued=queued,
        requested_field="generation_requested_at",
        now=now,
    )
    marked = 0
    with translation.override(settings.LANGUAGE_CODE):
        minutes = round(settings.JOB_STALE_AFTER_SECONDS / 60)
        for pk, progress in dead.values_list("pk", "progress"):
            reason = _(
                "Het maken van de rapportage is afgebroken bij %(progress)s %%: het "
                "achtergrondproces gaf %(minutes)s minuten geen teken van leven. Probeer het "
                "opnieuw."
            ) % {"progress": progress, "minutes": minutes}
            # Checked again under the lock: a heartbeat may have come in since.
            marked += _mark_failed(pk, reason, only=Q(pk__in=dead.values("pk")))
        waited = round(settings.JOB_QUEUED_TIMEOUT_SECONDS / 60)
        for pk in never_started.values_list("pk", flat=True):
            reason = _(
                "De rapportage is niet binnen %(minutes)s minuten gestart: er is nu geen "
                "achtergrondproces beschikbaar. Probeer het later opnieuw; gebeurt dit vaker, "
                "neem dan contact op met de functioneel beheerder."
            ) % {"minutes": waited}
            marked += _mark_failed(pk, reason, only=Q(pk__in=never_started.values("pk")))
    return marked


# --- the daily schedule ----------------------------------------------------------------------


def half_year_of(day: date) -> tuple[int, int]:
    return day.year, 1 if day.month <= 6 else 2


def _gemeenten_of(areas) -> set:
    """The gemeenten an uitvraag is about: its gemeenten and the members of its regio's."""
    gemeenten = set()
    for area in areas:
        if area.kind == OrganisationKind.GEMEENTE:
            gemeenten.add(area)
        elif area.kind == OrganisationKind.REGIO:
            gemeenten.update(area.gemeenten.all())
    return gemeenten


def due_reports(today: date, lookback_days: int | None = None) -> list[tuple]:
    """(gemeente, year, half) for which every delivery about the gemeente whose period ends in
    that half-year is past its deadline, the last deadline at most ``lookback_days`` ago."""
    if lookback_days is None:
        lookback_days = settings.REPORT_PREPARE_LOOKBACK_DAYS
    recent = Submission.objects.filter(
        deadline__lt=today, deadline__gte=today - timedelta(days=lookback_days)
    ).values_list("period__end", flat=True)
    halves = {half_year_of(end) for end in recent}
    due = []
    for year, half in sorted(halves):
        start, end = Period.bounds(PeriodType.HALFJAAR, year, half)
        submissions = Submission.objects.filter(
            period__end__gte=start, period__end__lte=end
        ).prefetch_related("uitvraag__areas__gemeenten")
        deadlines = defaultdict(list)
        for submission in submissions:
            for gemeente in _gemeenten_of(submission.uitvraag.areas.all()):
                deadlines[gemeente].append(submission.deadline)
        for gemeente, dates in sorted(deadlines.items(), key=lambda item: item[0].code):
            if max(dates) < today:
                due.append((gemeente, year, half))
    return due


def prepare_concept_reports(today: date | None = None) -> list[Report]:
    """A concept report (with its files asked for) per gemeente and half-year whose deliveries
    are all past their deadline, unless it has a report already. Returns the new reports."""
    from .services import prepare_concept

    today = today or timezone.localdate()
    prepared = []
    for gemeente, year, half in due_reports(today):
        period, _created = Period.get_or_create_from_identifier(f"{year}H{half}")
        report = prepare_concept(gemeente, period)
        if report is not None:
            logger.info("Prepared concept report %s for %s %s", report.pk, gemeente, period)
            prepared.append(report)
    return prepared


def remind_suppliers(today: date | None = None, days: int | None = None) -> list[Submission]:
    """E-mail the supplier's staff about each submission that is still concept or teruggestuurd
    and due within ``days`` (REPORT_REMINDER_DAYS): once per submission. Returns those reminded."""
    today = today or timezone.localdate()
    days = settings.REPORT_REMINDER_DAYS if days is None else days
    due = (
        Submission.objects.filter(
            status__in=EDITABLE_STATUSES,
            deadline__gte=today,
            deadline__lte=today + timedelta(days=days),
            reminder__isnull=True,
        )
        .select_related("uitvraag__uitvoerder", "period")
        .order_by("deadline", "pk")
    )
    reminded = []
    for submission in due:
        recipients = list(notifications.leveranciers_of(submission.uitvraag.uitvoerder))
        if not recipients:
            continue  # nobody to tell yet; tried again tomorrow
        try:
            with transaction.atomic():
                SubmissionReminder.objects.create(
                    submission=submission,
                    deadline=submission.deadline,
                    recipients=", ".join(u.email for u in recipients),
                )
                days_left = (submission.deadline - today).days
                transaction.on_commit(
                    lambda s=submission, r=recipients, d=days_left: (
                        notifications.send_submission_reminder(s, r, d)
                    )
                )
        except IntegrityError:
            continue  # another run reminded them just now
        reminded.append(submission)
    return reminded


@shared_task
def daily_schedule(today: str | None = None) -> dict:
    """Run by Celery beat every morning (``config/celery.py``); ``today`` as YYYY-MM-DD."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        reports = prepare_concept_reports(day)
        reminded = remind_suppliers(day)
    return {"rapportages": [r.pk for r in reports], "herinneringen": [s.pk for s in reminded]}
