"""Who may see and do what with a beleidskader: role × page/action × own/other gemeente, as one
table (tests/permissions.py). The kader is Vlissingen's, in concept."""

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from beleidskader.models import Beleidskader, Duiding, KaderStatus
from tests.permissions import Request, matrix, run, status_and_outcome

pytestmark = pytest.mark.django_db

PEOPLE = {
    "beleid": "beleidsmedewerker, eigen gemeente (Vlissingen)",
    "griffie": "griffie, eigen gemeente (Vlissingen)",
    "beheerder": "functioneel beheerder",
    "beleid_veere": "beleidsmedewerker, andere gemeente in de regio (Veere)",
    "other_beleid": "beleidsmedewerker, andere gemeente (Dordrecht)",
    "griffie_middelburg": "griffie, andere gemeente (Middelburg)",
    "leverancier": "leverancier (Orionis)",
}


def on_kader(name, method="get", data=None):
    return Request(method, lambda ctx: reverse(f"beleidskader:{name}", args=[ctx.kader.pk]), data)


ACTIONS = {
    "detail": on_kader("detail"),
    "voortgang": on_kader("voortgang"),
    "inspraak": Request(
        "post", lambda ctx: reverse("beleidskader:action", args=[ctx.kader.pk, "inspraak"])
    ),
    "duiding": Request(
        "post",
        lambda ctx: reverse(
            "beleidskader:duiding", args=[ctx.kader.pk, ctx.kader.doelen.get(nummer="1").pk]
        ),
        {"jaar": 2020, "duiding": "x"},
    ),
}
CONCEPT, INSPRAAK = KaderStatus.CONCEPT, KaderStatus.INSPRAAK
# fmt: off
TABLE = {
    #             beleid grif beheer veere o.bel g.mid lev
    "detail":     (200,  200,  200,  404,  404,  404,  404),
    "voortgang":  (200,  200,  200,  404,  404,  404,  404),
    "inspraak":   {"beleid": (302, INSPRAAK), "beleid_veere": (404, CONCEPT),
                   "other_beleid": (404, CONCEPT), "griffie": (302, CONCEPT),
                   "leverancier": (404, CONCEPT)},
    "duiding":    {"griffie": (404, 0), "beleid_veere": (404, 0), "leverancier": (404, 0)},
}
# fmt: on


@pytest.mark.parametrize(("action", "person", "expected"), matrix(PEOPLE, TABLE))
def test_permission_matrix(action, person, expected, world, kader):
    """An outcome is the kader's status, or for a duiding the number of duidingen saved."""
    status, outcome = status_and_outcome(expected)
    client = Client()
    client.force_login(getattr(world, person))
    response = run(client, ACTIONS[action], SimpleNamespace(world=world, kader=kader))
    assert response.status_code == status, PEOPLE[person]
    if action == "duiding":
        assert Duiding.objects.count() == outcome
    elif outcome is not None:
        assert Beleidskader.objects.get(pk=kader.pk).status == outcome
