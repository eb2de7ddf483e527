"""Celery app. Without CELERY_BROKER_URL (embedded mode) tasks run in-process (eager).

Periodic tasks (run ``celery -A config beat`` beside the worker): every morning
``reports.tasks.daily_schedule`` prepares concept reports for periods whose deadlines have passed
and reminds suppliers of submissions due within REPORT_REMINDER_DAYS (see ``docs/reports.md``); every
minute ``core.tasks.sweep_stale_jobs`` marks jobs whose worker died as mislukt
(``docs/reliability.md``).
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("monitor")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "rapportages-en-herinneringen": {
        "task": "reports.tasks.daily_schedule",
        # Early, before people start work; CELERY_TIMEZONE is Europe/Amsterdam.
        "schedule": crontab(hour=6, minute=15),
    },
    # Jobs whose worker died are marked mislukt and their requester told (core.jobs).
    "achtergrondtaken-bewaken": {
        "task": "core.tasks.sweep_stale_jobs",
        "schedule": 60.0,
    },
    # Notifications: overdue submissions (supplier, then beleid), then the daily digest.
    "te-late-aanleveringen": {
        "task": "work.tasks.escalate_overdue",
        "schedule": crontab(hour=6, minute=30),
    },
    "dagelijks-overzicht-meldingen": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
}
