"""Four-eyes on figures: nobody who entered or changed a figure of a submission since its last
approval approves it, whoever submitted it (issue 13)."""

import pytest
from django.contrib.auth import get_user_model

from indicators.models import SubmissionStatus
from indicators.workflow import WorkflowError, available_actions, transition
from organisations.models import Membership, Role
from tests.factories import fill_submission

WSW = "wsw"


def colleague(world):
    """Orionis' second staff member, who is also a beleidsmedewerker of Veere (two roles)."""
    Membership.objects.create(user=world.leverancier2, role=Role.BELEID, organisation=world.veere)
    return get_user_model().objects.get(pk=world.leverancier2.pk)


def change_wsw(world, user, raw):
    fill_submission(world, user=user, values={(world.aantal_clienten.pk, world.wsw.pk): raw})


def approved_then_reopened(world, user):
    fill_submission(world, user=user)
    transition(world.submission, "indienen", world.leverancier)
    transition(world.submission, "goedkeuren", world.beleid)
    transition(world.submission, "heropenen", world.beheerder, reason="Correctie Wsw")


# What happened before the colleague (Orionis staff and beleid of Veere) tries to approve what
# world.leverancier submitted: (story, may the colleague approve?)
STORIES = {
    "the colleague changed nothing": (lambda world, c: fill_submission(world), True),
    "the colleague entered the figures": (lambda world, c: fill_submission(world, user=c), False),
    "the colleague corrected one figure": (
        lambda world, c: (fill_submission(world), change_wsw(world, c, "667")),
        False,
    ),
    "the colleague's figures were approved before the reopen": (
        lambda world, c: (
            approved_then_reopened(world, c),
            change_wsw(world, world.leverancier, "1"),
        ),
        True,
    ),
    "the colleague corrected a figure after the reopen": (
        lambda world, c: (
            approved_then_reopened(world, world.leverancier),
            change_wsw(world, c, "1"),
        ),
        False,
    ),
}


@pytest.mark.parametrize("story", STORIES)
def test_whoever_changed_a_figure_since_the_last_approval_cannot_approve_it(world, story):
    happened, may_approve = STORIES[story]
    reviewer = colleague(world)
    happened(world, reviewer)
    transition(world.submission, "indienen", world.leverancier)
    offered = "goedkeuren" in [a.name for a in available_actions(world.submission, reviewer)]
    assert offered is may_approve
    if may_approve:
        assert transition(world.submission, "goedkeuren", reviewer).status == (
            SubmissionStatus.GOEDGEKEURD
        )
    else:
        with pytest.raises(WorkflowError, match="ingediend of gewijzigd.*vier-ogenprincipe"):
            transition(world.submission, "goedkeuren", reviewer)
        assert world.submission.status == SubmissionStatus.INGEDIEND


def test_a_colleague_who_changed_figures_is_told_why_there_is_no_approve_button(world, client_for):
    reviewer = colleague(world)
    fill_submission(world)
    change_wsw(world, reviewer, "667")
    transition(world.submission, "indienen", world.leverancier)
    page = client_for(reviewer).get(f"/aanleveringen/{world.submission.pk}/").content.decode()
    assert "U hebt cijfers van deze aanlevering ingevoerd of gewijzigd" in page
    assert ">Goedkeuren</button>" not in page
