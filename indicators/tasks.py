"""Celery tasks of the figures: reading an uploaded spreadsheet into its preview, and the sweep
that marks a reading whose worker died as mislukt (``docs/reliability.md``)."""

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from core import jobs


@shared_task(name="indicators.tasks.read_import", bind=True, acks_late=True)
def read_import(self, job_pk: int) -> None:
    """Read an uploaded file outside the web request (see indicators.importing.upload.read_job).

    ``acks_late`` with CELERY_TASK_REJECT_ON_WORKER_LOST: a worker that dies gives the message
    back, and the next run takes the job over; a run in another process keeps its heartbeat."""
    from .importing.upload import read_job

    task_id = self.request.id or ""
    read_job(job_pk, task_id, beat=bool(task_id) and not self.request.is_eager)


@jobs.sweep
def fail_silent_imports(now) -> int:
    """Mark imports whose worker stopped beating, or that no worker took up, as mislukt (their
    page says why and to read the file in again); run every minute by
    :func:`core.tasks.sweep_stale_jobs`."""
    from .importing.upload import fail_jobs
    from .models import ImportJob, ImportStatus

    dead, never_started = jobs.stale(
        ImportJob.objects.all(),
        running=Q(status=ImportStatus.READING),
        queued=Q(status=ImportStatus.QUEUED),
        requested_field="created_at",
        now=now,
    )
    silent, not_started = silence_reasons()
    # Re-checked in the update: a run may have stored its preview since the query.
    return fail_jobs(dead, silent) + fail_jobs(never_started, not_started)


def silence_reasons() -> tuple[str, str]:
    """(why a job that stopped beating, why a job never taken up is mislukt), in Dutch."""
    with translation.override(settings.LANGUAGE_CODE):
        silent = _(
            "Het inlezen is afgebroken: het achtergrondproces gaf %(minutes)s minuten geen teken "
            "van leven. Er is niets opgeslagen. Lees het bestand opnieuw in."
        ) % {"minutes": round(settings.JOB_STALE_AFTER_SECONDS / 60)}
        not_started = _(
            "Het bestand is niet binnen %(minutes)s minuten ingelezen: er is nu geen "
            "achtergrondproces beschikbaar. Er is niets opgeslagen. Lees het bestand later "
            "opnieuw in; gebeurt dit vaker, neem dan contact op met de functioneel beheerder."
        ) % {"minutes": round(settings.JOB_QUEUED_TIMEOUT_SECONDS / 60)}
    return silent, not_started
