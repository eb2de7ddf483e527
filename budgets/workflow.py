"""The workflow of a budget version, like that of an aanlevering of figures: one table of
(state, action) → new state, and one function that locks the version, checks permission and
guards, updates with compare-and-swap and writes the audit event. The web UI, the admin actions
and the API all call :func:`transition`.

Who does what:

- the **opsteller** enters and submits: a beleidsmedewerker of the gemeente for a gemeente's
  budget, staff of the supplier for a supplier's own budget and realisation;
- the **beoordelaar** approves or sends back: a beleidsmedewerker of the gemeente (for a supplier:
  of one of the gemeenten it serves) who did not submit the version (four-eyes);
- a **functioneel beheerder** reopens an approved version, with a reason.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import reason_problem
from organisations.access import Access
from organisations.models import OrganisationKind

from .models import NEEDS_DATE, BudgetEvent, BudgetStatus, BudgetVersion

S = BudgetStatus


class WorkflowError(Exception):
    """A transition that is not allowed; the message is shown to the user as is."""


def is_opsteller(access: Access, version: BudgetVersion) -> bool:
    """May enter the amounts of this version and submit it."""
    if version.owner.kind == OrganisationKind.UITVOERDER:
        return version.owner_id in access.uitvoerder_ids
    return version.owner_id in access.beleid_gemeente_ids


def is_beoordelaar(access: Access, version: BudgetVersion) -> bool:
    """May approve or send back (the four-eyes check comes on top)."""
    if not access.beleid_gemeente_ids:
        return False
    if version.owner.kind == OrganisationKind.UITVOERDER:
        served = {g.pk for g in version.owner.gemeenten.all()}
        return bool(served & access.beleid_gemeente_ids)
    return version.owner_id in access.beleid_gemeente_ids


def may_create_for(access: Access, owner) -> bool:
    if owner.kind == OrganisationKind.UITVOERDER:
        return owner.pk in access.uitvoerder_ids
    return owner.kind == OrganisationKind.GEMEENTE and owner.pk in access.beleid_gemeente_ids


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    target: str
    allowed: Callable[[Access, BudgetVersion], bool]
    needs_reason: bool = False


ACTIONS = {
    "indienen": Action("indienen", gettext_lazy("Indienen"), S.INGEDIEND, is_opsteller),
    "intrekken": Action("intrekken", gettext_lazy("Intrekken"), S.CONCEPT, is_opsteller),
    "goedkeuren": Action("goedkeuren", gettext_lazy("Goedkeuren"), S.GOEDGEKEURD, is_beoordelaar),
    "terugsturen": Action(
        "terugsturen", gettext_lazy("Terugsturen"), S.TERUGGESTUURD, is_beoordelaar, True
    ),
    "heropenen": Action(
        "heropenen",
        gettext_lazy("Heropenen"),
        S.CONCEPT,
        lambda access, version: access.is_beheerder,
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
REVIEW_ACTIONS = {"goedkeuren", "terugsturen"}


def version_problems(version: BudgetVersion) -> list[str]:
    """Why a version cannot be submitted yet (empty: it can)."""
    problems = []
    lines = list(version.lines.select_related("taakveld"))
    if not lines:
        problems.append(_("De versie heeft nog geen regels."))
    if version.soort in NEEDS_DATE and version.datum is None:
        problems.append(_("Vul de %(what)s in.") % {"what": version.date_label.lower()})
    invalid = sorted(
        {line.taakveld.code for line in lines if not line.taakveld.is_valid_in(version.year)}
    )
    if invalid:
        problems.append(
            _("Taakveld(en) %(codes)s bestaan niet (meer) in %(year)d.")
            % {"codes": ", ".join(invalid), "year": version.year}
        )
    return problems


def available_actions(version: BudgetVersion, user) -> list[Action]:
    access = Access.for_user(user)
    result = []
    for (state, name), _target in TRANSITIONS.items():
        if state != version.status:
            continue
        action = ACTIONS[name]
        if not action.allowed(access, version):
            continue
        if name in REVIEW_ACTIONS and version.submitted_by_id == user.pk:
            continue
        result.append(action)
    return result


def transition(version: BudgetVersion, action_name: str, user, reason: str = "", via="web"):
    """Carry out ``action_name`` on ``version`` as ``user``; return the refreshed version."""
    action = ACTIONS.get(action_name)
    if action is None:
        raise WorkflowError(_("Onbekende actie."))
    reason = (reason or "").strip()
    access = Access.for_user(user)
    with transaction.atomic():
        locked = (
            BudgetVersion.objects.select_for_update(of=("self",))
            .select_related("owner")
            .get(pk=version.pk)
        )
        if not action.allowed(access, locked):
            raise WorkflowError(_("U mag deze actie niet uitvoeren voor deze begrotingsversie."))
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
        if action_name in REVIEW_ACTIONS and locked.submitted_by_id == user.pk:
            raise WorkflowError(
                _(
                    "Wie de begroting heeft ingediend, kan haar niet zelf beoordelen (vier-ogenprincipe)."
                )
            )
        if action_name == "indienen":
            problems = version_problems(locked)
            if problems:
                raise WorkflowError(
                    _("De versie kan nog niet worden ingediend: %(problems)s")
                    % {"problems": " ".join(problems)}
                )
        now = timezone.now()
        changes = {"status": target, "updated_at": now}
        if action_name == "indienen":
            changes.update(submitted_by=user, submitted_at=now)
        elif action_name in REVIEW_ACTIONS:
            changes.update(reviewed_by=user, reviewed_at=now)
            if action_name == "terugsturen":
                changes["send_back_reason"] = reason
        # Compare-and-swap: only succeeds if nobody changed the status in the meantime.
        updated = BudgetVersion.objects.filter(pk=locked.pk, status=locked.status).update(**changes)
        if updated != 1:
            raise WorkflowError(_("De versie is intussen gewijzigd; probeer het opnieuw."))
        BudgetEvent.objects.create(
            version=locked,
            action=action_name,
            from_status=locked.status,
            to_status=target,
            actor=user,
            reason=reason,
            via=via,
        )
    version.refresh_from_db()
    return version
