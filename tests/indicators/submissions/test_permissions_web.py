"""Who may see and do what on the aanlevering pages: role × page/action × own/other organisation.

The world's submission belongs to Orionis and is about the regio Walcheren (Middelburg, Veere,
Vlissingen). "Own" means the person's organisation is concerned; "other" means it is not.
"""

import pytest
from django.urls import reverse

from indicators.models import Submission, SubmissionStatus, Value
from indicators.workflow import transition
from tests.indicators.grid import grid_post

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

SEES = {"leverancier", "leverancier2", "beleid", "beleid_veere", "beheerder"}

PAGE_EXPECTATIONS = [
    # (page, person, expected status code)
    *[("submission_list", p, 404 if p.startswith("griffie") else 200) for p in PEOPLE],
    *[("submission_detail", p, 200 if p in SEES else 404) for p in PEOPLE],
    *[("submission_history", p, 200 if p in SEES else 404) for p in PEOPLE],
    *[
        (
            "submission_edit",
            p,
            200 if p in {"leverancier", "leverancier2"} else 302 if p in SEES else 404,
        )
        for p in PEOPLE
    ],
]


def url_for(page, submission):
    if page == "submission_list":
        return reverse("indicators:submission_list")
    return reverse(f"indicators:{page}", args=[submission.pk])


@pytest.mark.parametrize(("page", "person", "expected"), PAGE_EXPECTATIONS)
def test_page_access(page, person, expected, submitted, world, client_for):
    response = client_for(getattr(world, person)).get(url_for(page, submitted))
    assert response.status_code == expected, PEOPLE[person]


# On a submission submitted by world.leverancier: (action, person, status code, resulting status)
ING, GOED, TERUG, CONCEPT = (
    SubmissionStatus.INGEDIEND,
    SubmissionStatus.GOEDGEKEURD,
    SubmissionStatus.TERUGGESTUURD,
    SubmissionStatus.CONCEPT,
)
ACTION_EXPECTATIONS = [
    ("goedkeuren", "beleid", 302, GOED),
    ("goedkeuren", "beleid_veere", 302, GOED),
    ("goedkeuren", "other_beleid", 404, ING),
    ("goedkeuren", "leverancier", 302, ING),  # the submitter: four-eyes
    ("goedkeuren", "leverancier2", 302, ING),  # supplier staff never review
    ("goedkeuren", "porthos_leverancier", 404, ING),
    ("goedkeuren", "other_leverancier", 404, ING),
    ("goedkeuren", "griffie", 404, ING),
    ("goedkeuren", "beheerder", 302, ING),  # reviewing is the gemeente's job
    ("terugsturen", "beleid", 302, TERUG),
    ("terugsturen", "other_beleid", 404, ING),
    ("terugsturen", "leverancier", 302, ING),
    ("terugsturen", "griffie_middelburg", 404, ING),
    ("intrekken", "leverancier", 302, CONCEPT),
    ("intrekken", "leverancier2", 302, CONCEPT),
    ("intrekken", "beleid", 302, ING),
    ("intrekken", "porthos_leverancier", 404, ING),
    ("heropenen", "beleid", 302, ING),
    ("heropenen", "beheerder", 302, ING),  # only after approval, see below
]


@pytest.mark.parametrize(("action", "person", "expected", "outcome"), ACTION_EXPECTATIONS)
def test_action_outcome(action, person, expected, outcome, submitted, world, client_for):
    response = client_for(getattr(world, person)).post(
        reverse("indicators:submission_action", args=[submitted.pk, action]),
        {"reden": "Omdat het moet"},
    )
    assert response.status_code == expected, PEOPLE[person]
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
