"""Who may see the begroting pages and a budget version: role × page × own/other organisation, as
one table (tests/permissions.py). The version is Vlissingen's primitieve begroting 2018, entered by
its controller."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.budgets.conftest import make_version
from tests.permissions import Request, matrix, run

PEOPLE = {
    "beleid": "beleidsmedewerker, eigen gemeente (Vlissingen)",
    "other_beleid": "beleidsmedewerker, andere gemeente (Dordrecht)",
    "griffie": "griffie, eigen gemeente (Vlissingen)",
    "porthos_leverancier": "leverancier, andere organisatie (Porthos)",
}


def on_version(name):
    return Request("get", lambda ctx: reverse(f"budgets:{name}", args=[ctx.version.pk]))


ACTIONS = {
    "overview": Request("get", lambda ctx: "/begroting/"),
    "series": Request("get", lambda ctx: "/begroting/reeks/"),
    "version_list": Request("get", lambda ctx: "/begroting/versies/"),
    "version_detail": on_version("version_detail"),
    "version_history": on_version("version_history"),
}
# fmt: off
TABLE = {
    #                 beleid o.bel grif porthos
    "overview":        (200,  None, 404, None),
    "series":          (200,  None, 404, None),
    "version_list":    (200,  None, 404, 200),
    "version_detail":  (200,  404,  404, 404),
    "version_history": (200,  404,  404, 404),
}
# fmt: on


@pytest.fixture
def version(world, controller):
    return make_version(world.vlissingen, 2018, "primitief", controller, {"6.3": (1, 0)})


@pytest.mark.parametrize(("action", "person", "expected"), matrix(PEOPLE, TABLE))
def test_permission_matrix(action, person, expected, world, version, client_for):
    response = run(
        client_for(getattr(world, person)), ACTIONS[action], SimpleNamespace(version=version)
    )
    assert response.status_code == expected, PEOPLE[person]
