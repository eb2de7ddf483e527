"""Which step of which workflow tells whom: one receiver of :data:`core.workflow.transitioned`
(sent after the commit, for submissions, budget versions and reports alike) that looks up
(model, action) → event and recipients and hands them to :func:`notifications.notify.notify`.
Whoever took the step is not told about it. A failure here is logged and never undoes the step.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budgets.models import BudgetVersion
from core.workflow import Transition, transitioned
from indicators.models import Submission
from indicators.review.questions import open_question_texts
from notifications.models import Event
from notifications.notify import notify
from organisations.models import OrganisationKind, Role
from organisations.recipients import (
    beleid_of,
    beleid_of_areas,
    beleid_of_gemeenten,
    griffie_of,
    members,
)
from reports.models import Report

logger = logging.getLogger(__name__)


# ── who is behind each side of a workflow ────────────────────────────────────────────────────
def submission_suppliers(submission: Submission):
    return list(members(Role.LEVERANCIER, [submission.uitvraag.uitvoerder_id]))


def submission_reviewers(submission: Submission):
    return list(beleid_of_areas(submission.uitvraag.areas.all()))


def budget_opstellers(version: BudgetVersion):
    if version.owner.kind == OrganisationKind.UITVOERDER:
        return list(members(Role.LEVERANCIER, [version.owner_id]))
    return list(beleid_of_gemeenten([version.owner_id]))


def budget_beoordelaars(version: BudgetVersion):
    if version.owner.kind == OrganisationKind.UITVOERDER:
        served = version.owner.gemeenten.values_list("pk", flat=True)
        return list(beleid_of_gemeenten(served))
    return list(beleid_of_gemeenten([version.owner_id]))


def report_managers(report: Report):
    return list(beleid_of(report.gemeente))


def report_griffie(report: Report):
    return list(griffie_of(report.gemeente))


# ── the table ────────────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class Notice:
    event: str
    # Each returns a list of users; together they are told (each once).
    to: tuple[Callable, ...]
    # The message, with %(what)s and %(actor)s.
    message: object  # lazy text
    # The subject's first word(s), before the object's name.
    subject: object = ""
    # Where the link goes, when not to the object's own page (which not every recipient may open).
    link: Callable | None = None


def _review_notices(opsteller, beoordelaar) -> dict[str, Notice]:
    return {
        "indienen": Notice(
            Event.INGEDIEND,
            (beoordelaar,),
            gettext_lazy("%(actor)s heeft %(what)s ingediend. Het wacht op uw beoordeling."),
            gettext_lazy("Ter beoordeling"),
        ),
        "intrekken": Notice(
            Event.INGETROKKEN,
            (beoordelaar,),
            gettext_lazy("%(actor)s heeft %(what)s ingetrokken; beoordelen is niet meer nodig."),
            gettext_lazy("Ingetrokken"),
        ),
        "terugsturen": Notice(
            Event.TERUGGESTUURD,
            (opsteller,),
            gettext_lazy(
                "%(actor)s heeft %(what)s teruggestuurd. Pas het aan en dien het opnieuw in."
            ),
            gettext_lazy("Teruggestuurd"),
        ),
        "goedkeuren": Notice(
            Event.GOEDGEKEURD,
            (opsteller,),
            gettext_lazy("%(actor)s heeft %(what)s goedgekeurd."),
            gettext_lazy("Goedgekeurd"),
        ),
        "heropenen": Notice(
            Event.HEROPEND,
            (opsteller, beoordelaar),
            gettext_lazy("%(actor)s heeft %(what)s heropend; het is weer een concept."),
            gettext_lazy("Heropend"),
        ),
    }


NOTICES: dict[type, dict[str, Notice]] = {
    Submission: _review_notices(submission_suppliers, submission_reviewers),
    BudgetVersion: _review_notices(budget_opstellers, budget_beoordelaars),
    Report: {
        "aanbieden": Notice(
            Event.TER_VASTSTELLING,
            (report_managers,),
            gettext_lazy(
                "%(actor)s heeft %(what)s ter vaststelling aangeboden. Leg het collegebesluit "
                "vast zodra het college heeft besloten."
            ),
            gettext_lazy("Ter vaststelling"),
        ),
        "collegebesluit": Notice(
            Event.COLLEGEBESLUIT,
            (report_griffie, report_managers),
            gettext_lazy(
                "%(actor)s heeft het collegebesluit over %(what)s vastgelegd: het college biedt "
                "hem aan de gemeenteraad aan. Leg de vaststelling door de raad vast zodra de raad "
                "heeft besloten (niet door wie hem aanbood)."
            ),
            gettext_lazy("Collegebesluit"),
            # The griffie has no report page before the vaststelling; this page is for both.
            link=lambda report: reverse("reports:raadsbesluit", args=[report.pk]),
        ),
        "terugnemen": Notice(
            Event.TERUGGENOMEN,
            (report_managers,),
            gettext_lazy("%(actor)s heeft %(what)s teruggenomen; het is weer een concept."),
            gettext_lazy("Teruggenomen"),
        ),
        # The griffie gets its own message (reports.notifications.send_report_adopted).
        "vaststellen": Notice(
            Event.VASTGESTELD,
            (report_managers,),
            gettext_lazy(
                "%(actor)s heeft de vaststelling van %(what)s door de raad vastgelegd. De "
                "bestanden liggen vast."
            ),
            gettext_lazy("Vastgesteld"),
        ),
    },
}


def describe(instance) -> tuple[str, str]:
    """How the message names the object, and where it is handled."""
    if isinstance(instance, Submission):
        what = _('de aanlevering "%(uitvraag)s" van %(uitvoerder)s over %(period)s') % {
            "uitvraag": instance.uitvraag.name,
            "uitvoerder": instance.uitvraag.uitvoerder.name,
            "period": instance.period.label,
        }
        return what, reverse("indicators:submission_detail", args=[instance.pk])
    if isinstance(instance, BudgetVersion):
        what = _('de begrotingsversie "%(name)s" %(year)s van %(owner)s') % {
            "name": instance.name,
            "year": instance.year,
            "owner": instance.owner.name,
        }
        return what, reverse("budgets:version_detail", args=[instance.pk])
    what = _('de rapportage "%(title)s" (versie %(version)s)') % {
        "title": instance.title,
        "version": instance.version,
    }
    return what, reverse("reports:detail", args=[instance.pk])


def tell(done: Transition) -> list:
    notice = NOTICES.get(done.workflow.model, {}).get(done.action)
    if notice is None:
        return []
    instance = done.workflow.model.objects.get(pk=done.instance.pk)
    users = [user for find in notice.to for user in find(instance)]
    # Stored and e-mailed in the site's language, whatever language the actor reads.
    with translation.override(settings.LANGUAGE_CODE):
        what, url = describe(instance)
        if notice.link is not None:
            url = notice.link(instance)
        if done.actor is not None:
            actor = done.actor.get_full_name() or done.actor.username
        else:
            actor = _("De planning")
        context = {
            "subject": f"{notice.subject}: {instance}",
            "message": str(notice.message) % {"actor": actor, "what": what},
            "reason": done.reason,
        }
        if isinstance(instance, Submission) and done.action == "terugsturen":
            # What the supplier must answer besides the reason (questions on cells).
            context["questions"] = open_question_texts(instance)
    return notify(notice.event, users, context=context, url=url, about=instance, exclude=done.actor)


@receiver(transitioned, dispatch_uid="work.notices.tell")
def on_transition(sender, transition: Transition, **kwargs):
    try:
        tell(transition)
    except Exception:  # telling people must never look like the step failed
        logger.exception("Could not notify about %s of %s", transition.action, sender.__name__)
