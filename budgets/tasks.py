"""Celery tasks of the budgets: reading an uploaded budget file into its preview (with a broker),
and the sweep that marks a reading whose worker died as mislukt (``docs/reliability.md``)."""

from celery import shared_task
from django.db.models import Q

from core import jobs


@shared_task(name="budgets.tasks.read_budget_import", bind=True, acks_late=True)
def read_budget_import(self, job_pk: int) -> None:
    """Read an uploaded budget file outside the web request (budgets.importing.read_job)."""
    from .importing import read_job

    task_id = self.request.id or ""
    read_job(job_pk, task_id, beat=bool(task_id) and not self.request.is_eager)


@jobs.sweep
def fail_silent_budget_imports(now) -> int:
    """Mark budget imports whose worker stopped beating, or that no worker took up, as mislukt;
    the same reasons as the figures' import (:func:`indicators.tasks.fail_silent_imports`)."""
    from indicators.importing.upload import fail_jobs
    from indicators.tasks import silence_reasons

    from .models import BudgetImport, ImportStatus

    dead, never_started = jobs.stale(
        BudgetImport.objects.all(),
        running=Q(status=ImportStatus.READING),
        queued=Q(status=ImportStatus.QUEUED),
        requested_field="created_at",
        now=now,
    )
    silent, not_started = silence_reasons()
    return fail_jobs(dead, silent) + fail_jobs(never_started, not_started)
