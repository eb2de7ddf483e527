"""The aanlevering workflow: the review cycle of :mod:`core.workflow` with the supplier as
opsteller and beleid of a gemeente the uitvraag is about as beoordelaar. The web UI, the admin
actions and the API all call :func:`transition`.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.workflow import WorkflowError, review_workflow
from indicators.submissions.services import submission_problems
from organisations.access import Access

from .models import Submission, Value


def is_supplier_of(access: Access, submission: Submission) -> bool:
    return submission.uitvraag.uitvoerder_id in access.uitvoerder_ids


def is_reviewer_of(access: Access, submission: Submission) -> bool:
    if not access.beleid_area_ids:
        return False
    area_ids = {a.pk for a in submission.uitvraag.areas.all()}
    return bool(area_ids & access.beleid_area_ids)


def complete(submission: Submission, user) -> dict:
    problems = submission_problems(submission)
    if problems:
        raise WorkflowError(
            _("De aanlevering is nog niet compleet: %(problems)s")
            % {"problems": "; ".join(problems[:5])}
            + (" …" if len(problems) > 5 else "")
        )
    return {}


WORKFLOW = review_workflow(
    Submission,
    opsteller=is_supplier_of,
    beoordelaar=is_reviewer_of,
    complete=complete,
    changed_in=(Value, "submission"),
    access=Access.for_user,
    not_allowed=gettext_lazy("U mag deze actie niet uitvoeren voor deze aanlevering."),
    changed_meanwhile=gettext_lazy("De aanlevering is intussen gewijzigd; probeer het opnieuw."),
    four_eyes=gettext_lazy(
        "Wie de cijfers heeft ingediend of gewijzigd, kan ze niet zelf beoordelen "
        "(vier-ogenprincipe)."
    ),
    lock=lambda submissions: submissions.select_for_update().select_related("uitvraag"),
)
ACTIONS = WORKFLOW.actions
TRANSITIONS = WORKFLOW.transitions
available_actions = WORKFLOW.available_actions
transition = WORKFLOW.transition
