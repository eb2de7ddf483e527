"""Who may see and do what on the aanlevering pages: role × page/action × own/other organisation.

The world's submission belongs to Orionis and is about the regio Walcheren (Middelburg, Veere,
Vlissingen). "Own" means the person's organisation is concerned; "other" means it is not.
"""

import pytest
from django.urls import reverse

from indicators.models import Submission, SubmissionStatus, Value
from indicators.workflow import transition
from tests.indicators.grid import grid_post
from tests.permissions import Request, matrix, run, status_and_outcome

# person (attribute of the world) → (role, own/other organisation)
PEOPLE = {
    "leverancier": "leverancier, eigen organisatie (Orionis)",
    "leverancier2": "leverancier, eigen organisatie (tweede collega, niet de indiener)",
    "porthos_leverancier": "leverancier, andere organisatie in dezelfde regio (Porthos)",
    "other_leverancier": "leverancier, andere organisatie (Drechtsteden)",
    "beleid": "beleidsmedewerker, eigen gemeente (Vlissingen)",
    "beleid_veere": "beleidsmedewerker, eigen gemeente (Veere)",
    "other_beleid": "beleidsmedewerker, andere gemeente (Dordrecht)",
    "griffie": "griffie, eigen gemeente (Vlissingen)",
    "griffie_middelburg": "griffie, eigen gemeente (Middelburg)",
    "beheerder": "functioneel beheerder",
}


def page(name):
    if name == "submission_list":
        return Request("get", lambda world: reverse("indicators:submission_list"))
    return Request("get", lambda world: reverse(f"indicators:{name}", args=[world.submission.pk]))


def action(name):
    return Request(
        "post",
        lambda world: reverse("indicators:submission_action", args=[world.submission.pk, name]),
        {"reden": "Omdat het moet"},
    )


# On a submission submitted by world.leverancier.
ACTIONS = {
    "submission_list": page("submission_list"),
    "submission_detail": page("submission_detail"),
    "submission_history": page("submission_history"),
    "submission_edit": page("submission_edit"),
    "goedkeuren": action("goedkeuren"),
    "terugsturen": action("terugsturen"),
    "intrekken": action("intrekken"),
    "heropenen": action("heropenen"),
}
ING, GOED, TERUG, CONCEPT = (
    SubmissionStatus.INGEDIEND,
    SubmissionStatus.GOEDGEKEURD,
    SubmissionStatus.TERUGGESTUURD,
    SubmissionStatus.CONCEPT,
)
# Per page the status code in the order of PEOPLE; per action (status code, resulting status).
# fmt: off
TABLE = {
    #                    lev  lev2 porth other beleid veere o.bel grif g.mid beheer
    "submission_list":    (200, 200, 200, 200, 200, 200, 200, 404, 404, 200),
    "submission_detail":  (200, 200, 404, 404, 200, 200, 404, 404, 404, 200),
    "submission_history": (200, 200, 404, 404, 200, 200, 404, 404, 404, 200),
    "submission_edit":    (200, 200, 404, 404, 302, 302, 404, 404, 404, 302),
    "goedkeuren": {
        "beleid": (302, GOED),
        "beleid_veere": (302, GOED),
        "other_beleid": (404, ING),
        "leverancier": (302, ING),  # the submitter: four-eyes
        "leverancier2": (302, ING),  # supplier staff never review
        "porthos_leverancier": (404, ING),
        "other_leverancier": (404, ING),
        "griffie": (404, ING),
        "beheerder": (302, ING),  # reviewing is the gemeente's job
    },
    "terugsturen": {
        "beleid": (302, TERUG),
        "other_beleid": (404, ING),
        "leverancier": (302, ING),
        "griffie_middelburg": (404, ING),
    },
    "intrekken": {
        "leverancier": (302, CONCEPT),
        "leverancier2": (302, CONCEPT),
        "beleid": (302, ING),
        "porthos_leverancier": (404, ING),
    },
    "heropenen": {
        "beleid": (302, ING),
        "beheerder": (302, ING),  # only after approval, see below
    },
}
# fmt: on

# Who sees the submission at all (read by the cell questions' table).
SEES = {p for p, code in zip(PEOPLE, TABLE["submission_detail"], strict=True) if code == 200}


@pytest.mark.parametrize(("action", "person", "expected"), matrix(PEOPLE, TABLE))
def test_permission_matrix(action, person, expected, submitted, world, client_for):
    status, outcome = status_and_outcome(expected)
    response = run(client_for(getattr(world, person)), ACTIONS[action], world)
    assert response.status_code == status, PEOPLE[person]
    if outcome is not None:
        assert Submission.objects.get(pk=submitted.pk).status == outcome


@pytest.mark.parametrize(
    ("person", "outcome"),
    [("beheerder", CONCEPT), ("beleid", GOED), ("leverancier", GOED), ("griffie", GOED)],
)
def test_only_a_beheerder_reopens_an_approved_submission(
    person, outcome, submitted, world, client_for
):
    transition(submitted, "goedkeuren", world.beleid)
    client_for(getattr(world, person)).post(
        reverse("indicators:submission_action", args=[submitted.pk, "heropenen"]),
        {"reden": "Correctie"},
    )
    assert Submission.objects.get(pk=submitted.pk).status == outcome


@pytest.mark.parametrize(
    ("person", "saved"),
    [
        ("leverancier", True),
        ("leverancier2", True),
        ("porthos_leverancier", False),
        ("beleid", False),
        ("beheerder", False),
        ("griffie", False),
    ],
)
def test_only_the_suppliers_own_staff_can_save_figures(person, saved, world, client_for):
    client_for(getattr(world, person)).post(
        reverse("indicators:submission_edit", args=[world.submission.pk]),
        grid_post(world, "510"),
    )
    assert Value.objects.filter(submission=world.submission).exists() is saved


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login_page(world, client):
    response = client.get(reverse("indicators:submission_detail", args=[world.submission.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_list_shows_only_visible_submissions(submitted, world, client_for):
    page = client_for(world.other_beleid).get(reverse("indicators:submission_list"))
    assert "Halfjaarcijfers Orionis" not in page.content.decode()
    page = client_for(world.beleid_veere).get(reverse("indicators:submission_list"))
    assert "Halfjaarcijfers Orionis" in page.content.decode()
