"""The daily overdue step (Celery beat, ``config/celery.py``): a submission still open after
its deadline is announced to the supplier's staff the first day, and to the beleidsmedewerkers
who review it ``OVERDUE_ESCALATION_DAYS`` later. Each only once per submission and deadline (the
notification itself is the record), so the task can run any number of times."""

from datetime import date

from celery import shared_task
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.models import EDITABLE_STATUSES
from indicators.models import Submission
from notifications.models import Event, Notification
from notifications.notify import notify

from .notices import describe, submission_reviewers, submission_suppliers


def _already(event: str, submission_ids) -> set[int]:
    kind = ContentType.objects.get_for_model(Submission)
    return set(
        Notification.objects.filter(
            event=event, about_type=kind, about_id__in=list(submission_ids)
        ).values_list("about_id", flat=True)
    )


def escalate_overdue(today: date | None = None, days: int | None = None) -> dict:
    today = today or timezone.localdate()
    days = settings.OVERDUE_ESCALATION_DAYS if days is None else days
    overdue = list(
        Submission.objects.filter(status__in=EDITABLE_STATUSES, deadline__lt=today)
        .select_related("uitvraag__uitvoerder", "period")
        .prefetch_related("uitvraag__areas")
        .order_by("deadline", "pk")
    )
    ids = [s.pk for s in overdue]
    told_supplier, told_beleid = _already(Event.TE_LAAT, ids), _already(Event.ESCALATIE, ids)
    result = {"leverancier": [], "beleid": []}
    with translation.override(settings.LANGUAGE_CODE):
        for s in overdue:
            what, url = describe(s)
            late = (today - s.deadline).days
            context = {"reason": s.send_back_reason if s.status == "teruggestuurd" else ""}
            suppliers = submission_suppliers(s)
            if s.pk not in told_supplier and suppliers:
                sent = notify(
                    Event.TE_LAAT,
                    suppliers,
                    context={
                        **context,
                        "subject": _("Te laat: %(about)s") % {"about": s},
                        "message": _(
                            "De uiterste leverdatum van %(what)s was %(deadline)s. Vul de cijfers "
                            "aan en dien ze zo snel mogelijk in; de gemeente wacht erop."
                        )
                        % {"what": what, "deadline": s.deadline.strftime("%d-%m-%Y")},
                    },
                    url=reverse("indicators:submission_edit", args=[s.pk]),
                    about=s,
                )
                if sent:
                    result["leverancier"].append(s.pk)
            # A supplier without staff cannot be told: beleid hears it after the same days.
            elif s.pk not in told_beleid and late >= days:
                sent = notify(
                    Event.ESCALATIE,
                    submission_reviewers(s),
                    context={
                        **context,
                        "subject": _("%(days)s dagen te laat: %(about)s")
                        % {"days": late, "about": s},
                        "message": _(
                            "%(what)s is %(days)s dagen na de uiterste leverdatum (%(deadline)s) "
                            "nog niet ingediend. De leverancier is op de dag na de leverdatum "
                            "gewaarschuwd; neem zo nodig contact op."
                        )
                        % {
                            "what": what[:1].upper() + what[1:],
                            "days": late,
                            "deadline": s.deadline.strftime("%d-%m-%Y"),
                        },
                    },
                    url=url,
                    about=s,
                )
                if sent:
                    result["beleid"].append(s.pk)
    return result


@shared_task(name="work.tasks.escalate_overdue")
def escalate_overdue_task(today: str | None = None) -> dict:
    return escalate_overdue(date.fromisoformat(today) if today else None)
