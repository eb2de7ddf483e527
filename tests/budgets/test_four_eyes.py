"""Four-eyes on budget versions: nobody who added, changed or removed a line since the version's
last approval approves it, whoever submitted it (issue 13)."""

import pytest

from budgets.models import BudgetStatus
from budgets.services import save_lines
from budgets.workflow import WorkflowError, available_actions, transition
from organisations.models import Role
from tests.budgets.conftest import lines, make_version
from tests.factories import make_user


def approved_then_reopened(world, version, submitter):
    transition(version, "indienen", submitter)
    transition(version, "goedkeuren", world.beleid)
    transition(version, "heropenen", world.beheerder, reason="Nieuwe raming 6.3")


def correct(version, user):
    save_lines(version, user, lines(**{"6.3": (1200, 600)}))


# The controller entered the version and submits it; before that (story, may world.beleid, a
# second beleidsmedewerker of Vlissingen, approve?)
STORIES = {
    "beleid changed nothing": (lambda world, version, controller: None, True),
    "beleid corrected a line": (
        lambda world, version, controller: correct(version, world.beleid),
        False,
    ),
    "beleid's line was approved before the reopen": (
        lambda world, version, controller: (
            correct(version, world.beleid),
            transition(version, "indienen", controller),
            transition(version, "goedkeuren", make_user(Role.BELEID, world.vlissingen)),
            transition(version, "heropenen", world.beheerder, reason="Nieuwe raming"),
            save_lines(version, controller, lines(**{"6.3": (1300, 600)})),
        ),
        True,
    ),
    "beleid corrected a line after the reopen": (
        lambda world, version, controller: (
            transition(version, "indienen", controller),
            transition(version, "goedkeuren", make_user(Role.BELEID, world.vlissingen)),
            transition(version, "heropenen", world.beheerder, reason="Nieuwe raming"),
            correct(version, world.beleid),
        ),
        False,
    ),
}


@pytest.mark.parametrize("story", STORIES)
def test_whoever_changed_a_line_since_the_last_approval_cannot_approve_the_version(
    world, controller, story
):
    happened, may_approve = STORIES[story]
    version = make_version(world.vlissingen, 2018, "primitief", controller, {"6.3": (1000, 600)})
    happened(world, version, controller)
    transition(version, "indienen", controller)
    offered = "goedkeuren" in [a.name for a in available_actions(version, world.beleid)]
    assert offered is may_approve
    if may_approve:
        assert transition(version, "goedkeuren", world.beleid).status == BudgetStatus.GOEDGEKEURD
    else:
        with pytest.raises(WorkflowError, match="ingediend of gewijzigd.*vier-ogenprincipe"):
            transition(version, "goedkeuren", world.beleid)
        version.refresh_from_db()
        assert version.status == BudgetStatus.INGEDIEND


def test_a_beleidsmedewerker_who_changed_a_line_is_told_why_there_is_no_approve_button(
    world, controller, client_for
):
    version = make_version(world.vlissingen, 2018, "primitief", controller, {"6.3": (1000, 600)})
    correct(version, world.beleid)
    transition(version, "indienen", controller)
    page = client_for(world.beleid).get(f"/begroting/versies/{version.pk}/").content.decode()
    assert "U hebt regels van deze versie gewijzigd" in page
    assert ">Goedkeuren</button>" not in page
