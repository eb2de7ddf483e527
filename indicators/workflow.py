"""The aanlevering workflow: one table of (state, action) → new state, and one function that
locks the submission, checks permission and guards, updates with compare-and-swap and writes the
audit event. The web UI, the admin actions and the API all call :func:`transition`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import reason_problem
from organisations.access import Access

from .models import Submission, SubmissionEvent, SubmissionStatus
from .services import submission_problems

S = SubmissionStatus


class WorkflowError(Exception):
    """A transition that is not allowed; the message is shown to the user as is."""


def is_supplier_of(access: Access, submission: Submission) -> bool:
    return submission.uitvraag.uitvoerder_id in access.uitvoerder_ids


def is_reviewer_of(access: Access, submission: Submission) -> bool:
    if not access.beleid_area_ids:
        return False
    area_ids = {a.pk for a in submission.uitvraag.areas.all()}
    return bool(area_ids & access.beleid_area_ids)


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    target: str
    allowed: Callable[[Access, Submission], bool]
    needs_reason: bool = False


ACTIONS = {
    "indienen": Action("indienen", gettext_lazy("Indienen"), S.INGEDIEND, is_supplier_of),
    "intrekken": Action("intrekken", gettext_lazy("Intrekken"), S.CONCEPT, is_supplier_of),
    "goedkeuren": Action("goedkeuren", gettext_lazy("Goedkeuren"), S.GOEDGEKEURD, is_reviewer_of),
    "terugsturen": Action(
        "terugsturen", gettext_lazy("Terugsturen"), S.TERUGGESTUURD, is_reviewer_of, True
    ),
    "heropenen": Action(
        "heropenen",
        gettext_lazy("Heropenen"),
        S.CONCEPT,
        lambda access, submission: access.is_beheerder,
        True,
    ),
}

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.CONCEPT, "indienen"): S.INGEDIEND,
    (S.TERUGGESTUURD, "indienen"): S.INGEDIEND,
    (S.INGEDIEND, "intrekken"): S.CONCEPT,
    (S.INGEDIEND, "goedkeuren"): S.GOEDGEKEURD,
    (S.INGEDIEND, "terugsturen"): S.TERUGGESTUURD,
    (S.GOEDGEKEURD, "heropenen"): S.CONCEPT,
}


def available_actions(submission: Submission, user) -> list[Action]:
    """Actions this user could take now (guards such as completeness are checked on execution)."""
    access = Access.for_user(user)
    result = []
    for (state, name), _target in TRANSITIONS.items():
        if state != submission.status:
            continue
        action = ACTIONS[name]
        if not action.allowed(access, submission):
            continue
        if name in {"goedkeuren", "terugsturen"} and submission.submitted_by_id == user.pk:
            continue
        result.append(action)
    return result


def transition(submission: Submission, action_name: str, user, reason: str = "", via="web"):
    """Carry out ``action_name`` on ``submission`` as ``user``; return the refreshed submission."""
    action = ACTIONS.get(action_name)
    if action is None:
        raise WorkflowError(_("Onbekende actie."))
    reason = (reason or "").strip()
    access = Access.for_user(user)
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update().select_related("uitvraag").get(pk=submission.pk)
        )
        if not action.allowed(access, locked):
            raise WorkflowError(_("U mag deze actie niet uitvoeren voor deze aanlevering."))
        target = TRANSITIONS.get((locked.status, action_name))
        if target is None:
            raise WorkflowError(
                _("'%(action)s' kan niet bij status '%(status)s'.")
                % {"action": action.label, "status": locked.get_status_display()}
            )
        if action.needs_reason and not reason:
            raise WorkflowError(_("Geef een reden op."))
        if problem := reason_problem(reason):
            raise WorkflowError(problem)
        if action_name in {"goedkeuren", "terugsturen"} and locked.submitted_by_id == user.pk:
            raise WorkflowError(
                _(
                    "Wie de cijfers heeft ingediend, kan ze niet zelf beoordelen (vier-ogenprincipe)."
                )
            )
        if action_name == "indienen":
            problems = submission_problems(locked)
            if problems:
                raise WorkflowError(
                    _("De aanlevering is nog niet compleet: %(problems)s")
                    % {"problems": "; ".join(problems[:5])}
                    + (" …" if len(problems) > 5 else "")
                )
        now = timezone.now()
        changes = {"status": target, "updated_at": now}
        if action_name == "indienen":
            changes.update(submitted_by=user, submitted_at=now)
        elif action_name in {"goedkeuren", "terugsturen"}:
            changes.update(reviewed_by=user, reviewed_at=now)
            if action_name == "terugsturen":
                changes["send_back_reason"] = reason
        # Compare-and-swap: only succeeds if nobody changed the status in the meantime.
        updated = Submission.objects.filter(pk=locked.pk, status=locked.status).update(**changes)
        if updated != 1:
            raise WorkflowError(_("De aanlevering is intussen gewijzigd; probeer het opnieuw."))
        SubmissionEvent.objects.create(
            submission=locked,
            action=action_name,
            from_status=locked.status,
            to_status=target,
            actor=user,
            reason=reason,
            via=via,
        )
    submission.refresh_from_db()
    return submission
