"""Celery tasks of the figures: reading an uploaded spreadsheet into its preview."""

from celery import shared_task


@shared_task(name="indicators.tasks.read_import")
def read_import(job_pk: int) -> None:
    """Read an uploaded file outside the web request (see indicators.importing.upload.read_job)."""
    from .importing.upload import read_job

    read_job(job_pk)


@shared_task(name="indicators.tasks.precompute_comparisons")
def precompute_comparisons(submission_pk: int) -> int:
    """Compute the dashboard's comparisons (average, regio totals) a review changed, ahead of the
    first page that asks (indicators.dashboard.precompute)."""
    from .dashboard.precompute import comparisons_after_review
    from .models import Submission

    submission = Submission.objects.filter(pk=submission_pk).select_related("period").first()
    return comparisons_after_review(submission) if submission is not None else 0
