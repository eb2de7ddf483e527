"""Celery tasks of the figures: reading an uploaded spreadsheet into its preview."""

from celery import shared_task


@shared_task(name="indicators.tasks.read_import")
def read_import(job_pk: int) -> None:
    """Read an uploaded file outside the web request (see indicators.importing.upload.read_job)."""
    from .importing.upload import read_job

    read_job(job_pk)
