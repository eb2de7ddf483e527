"""The workflow of a budget version: the review cycle of :mod:`core.workflow`, like that of an
aanlevering of figures. The web UI, the admin actions and the API all call :func:`transition`.

Who does what:

- the **opsteller** enters and submits: a beleidsmedewerker of the gemeente for a gemeente's
  budget, staff of the supplier for a supplier's own budget and realisation;
- the **beoordelaar** approves or sends back: a beleidsmedewerker of the gemeente (for a supplier:
  of one of the gemeenten it serves) who did not submit the version nor change its lines since
  its last approval (four-eyes);
- a **functioneel beheerder** reopens an approved version, with a reason.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.workflow import WorkflowError, review_workflow
from organisations.access import Access
from organisations.models import OrganisationKind

from .models import NEEDS_DATE, BudgetLine, BudgetVersion


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


def version_problems(version: BudgetVersion) -> list[str]:
    """Why a version cannot be submitted yet (empty: it can)."""
    problems = []
    lines = list(version.lines.select_related("taakveld"))
    if not lines:
        problems.append(_("De versie heeft nog geen regels."))
    if version.soort in NEEDS_DATE and version.datum is None:
        problems.append(_("Vul de %(what)s in.") % {"what": version.date_label.lower()})
    invalid = sorted(
        {
            line.taakveld.code
            for line in lines
            if line.taakveld_id and not line.taakveld.is_valid_in(version.year)
        }
    )
    if invalid:
        problems.append(
            _("Taakveld(en) %(codes)s bestaan niet (meer) in %(year)d.")
            % {"codes": ", ".join(invalid), "year": version.year}
        )
    return problems


def complete(version: BudgetVersion, user) -> dict:
    problems = version_problems(version)
    if problems:
        raise WorkflowError(
            _("De versie kan nog niet worden ingediend: %(problems)s")
            % {"problems": " ".join(problems)}
        )
    return {}


WORKFLOW = review_workflow(
    BudgetVersion,
    opsteller=is_opsteller,
    beoordelaar=is_beoordelaar,
    complete=complete,
    changed_in=(BudgetLine, "version"),
    access=Access.for_user,
    not_allowed=gettext_lazy("U mag deze actie niet uitvoeren voor deze begrotingsversie."),
    changed_meanwhile=gettext_lazy("De versie is intussen gewijzigd; probeer het opnieuw."),
    four_eyes=gettext_lazy(
        "Wie de begroting heeft ingediend of gewijzigd, kan haar niet zelf beoordelen "
        "(vier-ogenprincipe)."
    ),
    lock=lambda versions: versions.select_for_update(of=("self",)).select_related("owner"),
)
ACTIONS = WORKFLOW.actions
TRANSITIONS = WORKFLOW.transitions
REVIEW_ACTIONS = {name for name, action in ACTIONS.items() if action.review}
available_actions = WORKFLOW.available_actions
transition = WORKFLOW.transition
