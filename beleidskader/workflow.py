"""The adoption of a beleidskader on the workflow core (:mod:`core.workflow`):

concept → *vrijgeven voor inspraak* → inspraak → *collegebesluit vastleggen* → collegebesluit →
*vaststelling vastleggen* → vastgesteld; *terugnemen* (reason) from inspraak or collegebesluit
back to concept. The dated steps are the dates of the decisions themselves (entered on the kader),
the events record who recorded them and when. Recording the raadsbesluit is a review: not by
whoever released the kader for inspraak nor by whoever changed its tree (four-eyes).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.workflow import Action, Workflow, WorkflowError, history_users
from organisations.access import Access

from .models import Beleidskader, Doel, KaderStatus, Niveau

K = KaderStatus


class KaderError(WorkflowError):
    """Something that may not be done with a beleidskader; the message is for the user."""


def can_manage(access: Access, kader: Beleidskader) -> bool:
    """Beleidsmedewerkers of the kader's gemeente or regio, and beheerders."""
    return access.is_beheerder or kader.owner_id in access.beleid_area_ids


def can_record_adoption(access: Access, kader: Beleidskader) -> bool:
    """The raadsbesluit is recorded by beleid or by the griffie of the gemeente."""
    return can_manage(access, kader) or kader.owner_id in access.griffie_gemeente_ids


def _guard_inspraak(locked: Beleidskader, user) -> dict:
    has_goal = Doel.objects.filter(
        kader=locked, niveau__in=[Niveau.DOELSTELLING, Niveau.TARGET]
    ).exists()
    if not has_goal:
        raise KaderError(
            _("Een beleidskader zonder doelstellingen of targets gaat niet in inspraak.")
        )
    if not locked.inspraak_start or not locked.inspraak_end:
        raise KaderError(_("Vul eerst het begin en het einde van de inspraakperiode in."))
    if locked.inspraak_end < locked.inspraak_start:
        raise KaderError(_("De inspraak eindigt voor hij begint."))
    return {}


def _guard_college(locked: Beleidskader, user) -> dict:
    if not locked.collegebesluit_date:
        raise KaderError(_("Vul eerst de datum van het collegebesluit in."))
    if locked.inspraak_end and locked.collegebesluit_date < locked.inspraak_end:
        raise KaderError(_("Het college besluit pas na het einde van de inspraak."))
    return {}


def _guard_raad(locked: Beleidskader, user) -> dict:
    if not locked.raadsbesluit_date or not locked.raadsbesluit:
        raise KaderError(_("Vul eerst de datum en het kenmerk van het raadsbesluit in."))
    if locked.collegebesluit_date and locked.raadsbesluit_date < locked.collegebesluit_date:
        raise KaderError(_("De raad stelt pas vast na het collegebesluit."))
    return {}


def _stamps(action: str, user, now, reason: str) -> dict:
    if action == "inspraak":
        return {"submitted_by": user, "submitted_at": now}
    if action == "vaststellen":
        return {"adopted_by": user}
    return {}


def tree_changers(kader: Beleidskader, since) -> set[int]:
    return history_users(Doel.history.filter(kader_id=kader.pk), since)


WORKFLOW = Workflow(
    model=Beleidskader,
    actions={
        "inspraak": Action("inspraak", gettext_lazy("Vrijgeven voor inspraak"), can_manage),
        "collegebesluit": Action(
            "collegebesluit", gettext_lazy("Collegebesluit vastleggen"), can_manage
        ),
        "vaststellen": Action(
            "vaststellen",
            gettext_lazy("Vaststelling door de raad vastleggen"),
            can_record_adoption,
            review=True,
        ),
        "terugnemen": Action(
            "terugnemen", gettext_lazy("Terugnemen naar concept"), can_manage, needs_reason=True
        ),
    },
    transitions={
        (K.CONCEPT, "inspraak"): K.INSPRAAK,
        (K.INSPRAAK, "collegebesluit"): K.COLLEGEBESLUIT,
        (K.COLLEGEBESLUIT, "vaststellen"): K.VASTGESTELD,
        (K.INSPRAAK, "terugnemen"): K.CONCEPT,
        (K.COLLEGEBESLUIT, "terugnemen"): K.CONCEPT,
    },
    access=Access.for_user,
    not_allowed=gettext_lazy("U mag dit beleidskader niet wijzigen."),
    changed_meanwhile=gettext_lazy("Iemand anders heeft dit beleidskader intussen gewijzigd."),
    four_eyes=gettext_lazy(
        "U heeft dit kader vrijgegeven of de doelenboom gewijzigd; iemand anders legt de "
        "vaststelling vast (vier-ogenprincipe)."
    ),
    approved_status=K.VASTGESTELD,
    changers=tree_changers,
    guards={
        "inspraak": _guard_inspraak,
        "collegebesluit": _guard_college,
        "vaststellen": _guard_raad,
    },
    stamps=_stamps,
    error=KaderError,
)


def transition(kader, action, user, reason="", via="web"):
    return WORKFLOW.transition(kader, action, user, reason=reason, via=via)
