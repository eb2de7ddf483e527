"""Importing a filled-in template into one submission: read the file, show a preview (an
:class:`~indicators.models.ImportJob`), then apply or discard it.

Nothing is saved before "Verwerken". Applying goes through
:func:`indicators.submissions.services.save_values` (same history and audit as the web form, reason
"Import <bestandsnaam>") in one transaction, after checking that the submission is still
editable and that its figures did not change since the preview.

Rows whose codes cannot be matched (unknown indicator/doelgroep/gebied/periode, another period,
a cell outside the uitvraag, a duplicate) block applying: the file is applied entirely or not at
all, and nothing the supplier typed is silently dropped. Invalid figures (``-3`` for a count) do
not block: like the web form, they are stored as typed with their Dutch error, and must be
corrected before the submission can be submitted. The preview says so.
"""

import hashlib
import logging
import zipfile
from contextlib import nullcontext

from celery import current_app
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from kombu.exceptions import OperationalError as BrokerError

from core import jobs
from indicators.quality.validation import format_value
from indicators.submissions.forms import row_label
from indicators.submissions.services import (
    CellInput,
    NotEditable,
    save_values,
    submission_areas,
    submission_rows,
)
from organisations.access import Access

from ..models import CijferStatus, ImportJob, ImportStatus, Submission, Value, is_provisional
from .cells import ColumnMap, FileProblem
from .limits import ReadLimits, check_upload_size
from .matching import CONFLICT, GEWIJZIGD, NIEUW, ONGEWIJZIGD, IncomingValue, Plan, plan_values
from .readers import open_archive
from .tables import detect_format, read_table
from .valueset import incoming_from_row

logger = logging.getLogger(__name__)


class ImportRefused(Exception):
    """Applying is not possible (any more); the message is Dutch and shown as is.

    ``final``: the import can never be applied, so it is marked as failed.
    """

    def __init__(self, message: str, final: bool = True):
        super().__init__(message)
        self.final = final


def row_position(row: int) -> str:
    return _("regel %(row)d") % {"row": row}


def import_reason(filename: str) -> str:
    return (_("Import %(filename)s") % {"filename": filename})[:100]


def fingerprint(submission: Submission) -> str:
    """Changes whenever any figure of the submission changes (to refuse a stale preview)."""
    rows = (
        Value.objects.filter(submission=submission)
        .order_by("pk")
        .values_list("pk", "raw", "value", "error", "toelichting", "status")
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def read_upload(data: bytes, filename: str) -> tuple[list[IncomingValue], ColumnMap, str]:
    table = read_table(data, filename)
    columns = ColumnMap.from_header(table.header, require_period=False)
    items = [incoming_from_row(number, cells, columns) for number, cells in table.rows]
    if not items:
        raise FileProblem(_("Het bestand bevat geen regels onder de kopregel."))
    return items, columns, table.format


def precheck(data: bytes, filename: str) -> str:
    """What the web request checks before a worker reads the file: its size, its real format and
    the zip's table of contents (sizes, compression, members). Cheap: nothing is unpacked."""
    limits = ReadLimits.from_settings()
    check_upload_size(len(data), limits)
    file_format = detect_format(data, filename)
    if file_format in ("xlsx", "ods"):
        try:
            open_archive(data, limits).close()
        except zipfile.BadZipFile as exc:
            raise FileProblem(
                _("Het bestand kan niet worden gelezen als %(format)s. Is het beschadigd?")
                % {"format": file_format.upper()}
            ) from exc
    return file_format


# Shown when the broker cannot take the job: nothing of the upload was kept.
UNAVAILABLE = _lazy(
    "Het bestand kan nu niet worden ingelezen; probeer het over enkele minuten opnieuw."
)


def start_preview(submission: Submission, user, uploaded_file) -> ImportJob:
    """Check the file quickly and queue it for a worker to read; returns the job. In the embedded
    default (tasks in-process) the job is read at once, and a refusal raises FileProblem as the
    quick checks do.

    The job and its file are stored in one transaction and the task handed to the broker once
    that is committed; when the broker cannot take it, the job and its file are removed again and
    FileProblem says to try again in a few minutes."""
    data = uploaded_file.read(ReadLimits.from_settings().upload_bytes + 1)
    filename = (uploaded_file.name or "")[:255]
    file_format = precheck(data, filename)
    eager = settings.CELERY_TASK_ALWAYS_EAGER
    dispatched = {"failed": False}
    with transaction.atomic():
        job = ImportJob.objects.create(
            submission=submission,
            user=user,
            filename=filename,
            file_format=file_format,
            status=ImportStatus.QUEUED,
        )
        job.upload.save(f"import-{job.pk}.{file_format}", ContentFile(data), save=True)
        if not eager:
            transaction.on_commit(lambda: _dispatch(job, dispatched))
    if not eager:
        if dispatched["failed"]:
            raise FileProblem(str(UNAVAILABLE))
        return job
    read_job(job.pk)  # the embedded default: in-process, like every task there
    job.refresh_from_db()
    if job.status == ImportStatus.FAILED:
        # Refused while the user waits: the form says why, so no record of it is kept.
        job.delete()
        raise FileProblem(job.summary.get("refused", ""))
    return job


def _dispatch(job: ImportJob, dispatched: dict) -> None:
    """Hand the job to the broker (run on commit); when it cannot take it, undo the upload."""
    try:
        current_app.send_task("indicators.tasks.read_import", args=[job.pk], retry=True)
        return
    except (BrokerError, OSError) as exc:
        logger.error("import %s: broker unavailable, upload undone: %s", job.pk, exc)
    dispatched["failed"] = True
    if job.upload:
        job.upload.delete(save=False)
    ImportJob.objects.filter(pk=job.pk, status=ImportStatus.QUEUED).delete()


class Skip(Exception):
    """Nothing (more) for this run to do with the job."""


def take_job(job_pk: int, task_id: str, model=ImportJob) -> None:
    """Mark the job as being read by this run, or :class:`Skip`. ``model``: an import job model
    with this one's status values and fields (also ``budgets.BudgetImport``).

    A job still queued is taken; one being read by a run that still beats is left alone (a
    second delivery); one whose run stopped beating, or whose message came back after its worker
    died (the same task id), is taken over, up to JOB_MAX_ATTEMPTS runs."""
    with transaction.atomic():
        job = model.objects.select_for_update().filter(pk=job_pk).first()
        if job is None or job.status not in (ImportStatus.QUEUED, ImportStatus.READING):
            raise Skip("not waiting to be read")
        if (
            job.status == ImportStatus.READING
            and job.task_id != task_id
            and jobs.is_alive(job.heartbeat_at)
        ):
            raise Skip(f"task {job.task_id} is still reading it")
        if job.attempts < settings.JOB_MAX_ATTEMPTS:
            model.objects.filter(pk=job_pk).update(
                status=ImportStatus.READING,
                progress=10,
                attempts=job.attempts + 1,
                task_id=task_id,
                heartbeat_at=timezone.now(),
            )
            return
    # Its workers died this often: the file itself may be what kills them.
    with translation.override(settings.LANGUAGE_CODE):
        reason = _(
            "Het inlezen is %(count)s keer afgebroken doordat het achtergrondproces stopte; het "
            "wordt niet opnieuw geprobeerd. Er is niets opgeslagen. Controleer het bestand of "
            "neem contact op met de functioneel beheerder."
        ) % {"count": job.attempts}
    fail_jobs(model.objects.filter(pk=job_pk), reason)
    raise Skip("gave up after too many attempts")


def fail_jobs(queryset, reason: str) -> int:
    """Mark the jobs of ``queryset`` that are still queued or being read as mislukt with
    ``reason`` (Dutch, shown on the job's page) and remove their files; returns how many."""
    marked = 0
    for job in queryset.filter(status__in=(ImportStatus.QUEUED, ImportStatus.READING)):
        # Checked again in the update: the run may have stored its preview just now.
        if queryset.model.objects.filter(
            pk=job.pk, status__in=(ImportStatus.QUEUED, ImportStatus.READING)
        ).update(
            status=ImportStatus.FAILED,
            rows=[],
            summary={"refused": reason},
            progress=100,
            upload="",
        ):
            marked += 1
            if job.upload:
                job.upload.delete(save=False)
    return marked


def read_job(job_pk: int, task_id: str = "", beat: bool = False) -> None:
    """The worker's part: read the uploaded file, match it and store the preview (or why not).

    ``beat``: keep the job's heartbeat going from a thread (a separate worker). Runs once per job:
    a redelivered task finds it read already, or still being read by a run that beats; only the
    run that holds the job stores its outcome, so a job has one preview. The file is deleted
    after."""
    try:
        take_job(job_pk, task_id)
    except Skip as reason:
        logger.info("Import %s not read: %s", job_pk, reason)
        return
    ours = ImportJob.objects.filter(pk=job_pk, status=ImportStatus.READING, task_id=task_id)
    job = ImportJob.objects.select_related("submission", "user").get(pk=job_pk)
    # In-process (the request waits for it) the heartbeat written when taking it is enough.
    with jobs.beating(ours) if beat else nullcontext():
        rows, summary, status = _read(job, ours)
    stored = ours.update(rows=rows, summary=summary, status=status, progress=100, upload="")
    if stored and job.upload:
        job.upload.delete(save=False)  # the preview holds what is needed; not kept


def _read(job: ImportJob, ours) -> tuple[list, dict, str]:
    try:
        with job.upload.open("rb") as stream:
            data = stream.read()
        items, columns, _format = read_upload(data, job.filename)
        ours.update(progress=60)
        plan = plan_values(
            Access.for_user(job.user), items, submission=job.submission, position=row_position
        )
        summary = preview_summary(job.submission, plan, columns)
        summary["fingerprint"] = fingerprint(job.submission)
        return [item.as_json() for item in items], summary, ImportStatus.PREVIEW
    except FileProblem as exc:
        return [], {"refused": str(exc)}, ImportStatus.FAILED
    except Exception:  # the worker must record the failure, not leave the job "reading"
        logger.exception("Import %s could not be read", job.pk)
        refused = _("Het bestand kon door een fout niet worden ingelezen. Probeer het opnieuw.")
        return [], {"refused": refused}, ImportStatus.FAILED


def _shown(value) -> dict:
    """What the preview shows of a stored value (None: nothing stored)."""
    if value is None:
        return None
    return {
        "waarde": value.raw or format_value(value.value),
        "toelichting": value.toelichting,
        "voorlopig": is_provisional(value.status),
        "status": str(CijferStatus(value.status).label),
    }


def preview_summary(submission: Submission, plan: Plan, columns: ColumnMap) -> dict:
    labels = {(r.indicator_id, r.doelgroep_id): row_label(r) for r in submission_rows(submission)}
    area_names = {area.pk: area.name for area in submission_areas(submission)}
    problems, changes, unchanged = [], [], []
    for outcome in plan.outcomes:
        row = outcome.item.index
        if outcome.status == CONFLICT:
            problems.extend(
                {
                    "row": row,
                    "column": columns.describe(name),
                    "message": message,
                    "blocking": True,
                }
                for name, message in outcome.problems
            )
            continue
        cell = "{}, {}".format(
            labels.get((outcome.indicator.pk, outcome.doelgroep_id), outcome.indicator.name),
            area_names.get(outcome.area_id, ""),
        )
        if outcome.error:
            problems.append(
                {
                    "row": row,
                    "column": columns.describe("waarde"),
                    "message": outcome.error,
                    "blocking": False,
                }
            )
        if outcome.status == ONGEWIJZIGD:
            unchanged.append({"row": row, "cell": cell})
            continue
        new = outcome.new
        changes.append(
            {
                "row": row,
                "cell": cell,
                "status": outcome.status,
                "old": _shown(outcome.current),
                "new": {
                    "waarde": new["raw"],
                    "toelichting": new["toelichting"],
                    "voorlopig": is_provisional(new["status"]),
                    "status": str(CijferStatus(new["status"]).label),
                },
                "error": outcome.error,
            }
        )
    problems.sort(key=lambda problem: (problem["row"], not problem["blocking"]))
    return {
        "columns": {"indexes": columns.indexes, "headers": columns.headers},
        "counts": {
            NIEUW: plan.count(NIEUW),
            GEWIJZIGD: plan.count(GEWIJZIGD),
            ONGEWIJZIGD: plan.count(ONGEWIJZIGD),
            "geblokkeerd": len(plan.conflicts),
            "ongeldig": sum(1 for problem in problems if not problem["blocking"]),
        },
        "problems": problems,
        "changes": changes,
        "unchanged": unchanged,
    }


def is_stale(job: ImportJob) -> bool:
    """True when the submission's figures changed after the preview was made."""
    return fingerprint(job.submission) != job.summary.get("fingerprint")


def apply_job(job: ImportJob, user):
    """Apply a previewed import atomically via save_values; returns its SaveResult.

    Raises ImportRefused (with a Dutch message) when the import cannot be applied.
    """
    try:
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().get(pk=job.pk)
            if job.status != ImportStatus.PREVIEW:
                raise ImportRefused(
                    _("Deze import heeft status '%(status)s' en kan niet meer worden verwerkt.")
                    % {"status": job.get_status_display()},
                    final=False,
                )
            submission = (
                Submission.objects.select_for_update(of=("self",))
                .select_related("uitvraag__uitvoerder", "period")
                .get(pk=job.submission_id)
            )
            if not submission.is_editable:
                raise ImportRefused(
                    _(
                        "De aanlevering heeft nu status '%(status)s' en kan niet meer worden "
                        "gewijzigd. Er is niets opgeslagen."
                    )
                    % {"status": submission.get_status_display()}
                )
            if fingerprint(submission) != job.summary.get("fingerprint"):
                raise ImportRefused(
                    _(
                        "De cijfers van deze aanlevering zijn gewijzigd nadat u het bestand "
                        "inlas. Er is niets opgeslagen: lees het bestand opnieuw in om de "
                        "actuele verschillen te zien."
                    )
                )
            items = [IncomingValue.from_json(row) for row in job.rows]
            plan = plan_values(
                Access.for_user(user), items, submission=submission, position=row_position
            )
            if plan.conflicts:
                raise ImportRefused(
                    _(
                        "Het bestand bevat regels die niet kunnen worden ingelezen. Verbeter ze "
                        "en lees het bestand opnieuw in."
                    ),
                    final=False,
                )
            cells = [
                CellInput(
                    indicator_id=outcome.indicator.pk,
                    doelgroep_id=outcome.doelgroep_id,
                    area_id=outcome.area_id,
                    raw=outcome.new["raw"],
                    toelichting=outcome.new["toelichting"],
                    status=outcome.new["status"],
                )
                for outcome in plan.outcomes
                if outcome.changes
            ]
            result = save_values(submission, user, cells, reason=import_reason(job.filename))
            job.status = ImportStatus.APPLIED
            job.applied_at = timezone.now()
            job.summary = {
                **job.summary,
                "result": {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": plan.count(ONGEWIJZIGD),
                    "invalid": len(result.errors),
                },
            }
            job.save(update_fields=["status", "applied_at", "summary"])
            return result
    except NotEditable as exc:
        _mark_failed(job, str(exc))
        raise ImportRefused(str(exc)) from exc
    except ImportRefused as exc:
        if exc.final:
            _mark_failed(job, str(exc))
        raise


def _mark_failed(job: ImportJob, reason: str) -> None:
    job.summary = {**job.summary, "refused": reason}
    ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEW).update(
        status=ImportStatus.FAILED, summary=job.summary
    )


def discard_job(job: ImportJob) -> bool:
    """Verwerpen: the preview is dropped; nothing was saved. False when no longer a preview."""
    return bool(
        ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEW).update(
            status=ImportStatus.DISCARDED
        )
    )
