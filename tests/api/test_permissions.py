"""Who may do what through the API: the same rules as the web UI (role × action × organisation)."""

import pytest

from indicators.models import Submission, SubmissionEvent, SubmissionStatus, Value
from indicators.workflow import transition
from tests.api.conftest import all_cells, url
from tests.factories import fill_submission
from tests.permissions import matrix

ROLES = {
    "leverancier eigen organisatie": "leverancier",
    "leverancier andere organisatie": "other_leverancier",
    "beleid betrokken gemeente": "beleid",
    "beleid andere gemeente": "other_beleid",
    "griffie": "griffie",
    "beheerder": "beheerder",
    "anoniem": None,
}


def ingediend(world):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)


def goedgekeurd(world):
    ingediend(world)
    transition(world.submission, "goedkeuren", world.beleid_veere)


# action: (method, url suffix, body, preparation of the submission)
ACTIONS = {
    "list": ("get", None, None, None),
    "retrieve": ("get", "", None, None),
    "write values": ("put", "waarden", "cells", None),
    "indienen": ("post", "indienen", {}, fill_submission),
    "goedkeuren": ("post", "goedkeuren", {}, ingediend),
    "terugsturen": ("post", "terugsturen", {"reden": "Wsw klopt niet"}, ingediend),
    "heropenen": ("post", "heropenen", {"reden": "Correctie Wsw"}, goedgekeurd),
}

# The table: per action the status code per role, in the order of ROLES (tests/permissions.py).
EXPECTED = {
    "list": [200, 200, 200, 200, 200, 200, 401],
    "retrieve": [200, 404, 200, 404, 404, 200, 401],
    "write values": [200, 404, 403, 404, 404, 403, 401],
    "indienen": [200, 404, 403, 404, 404, 403, 401],
    "goedkeuren": [403, 404, 200, 404, 404, 403, 401],
    "terugsturen": [403, 404, 200, 404, 404, 403, 401],
    "heropenen": [403, 404, 403, 404, 404, 200, 401],
}
# How many submissions each role finds in the list.
VISIBLE = [1, 0, 1, 0, 0, 1, None]


@pytest.mark.parametrize(("action", "role", "expected"), matrix(ROLES, EXPECTED))
def test_permission_matrix(world, api_client, role, action, expected):
    method, suffix, body, prepare = ACTIONS[action]
    if prepare:
        prepare(world)
    before = Submission.objects.get(pk=world.submission.pk).status
    user = getattr(world, ROLES[role]) if ROLES[role] else None
    path = "/api/v1/aanleveringen/" if suffix is None else url(world.submission, suffix)
    data = {"waarden": all_cells(world)} if body == "cells" else body

    response = getattr(api_client(user), method)(path, data, format="json")

    assert response.status_code == expected, response.content
    if action == "list" and expected == 200:
        assert response.json()["count"] == VISIBLE[list(ROLES).index(role)]
    if expected != 200:
        # Refused means nothing happened and no figures were shown.
        assert Submission.objects.get(pk=world.submission.pk).status == before
        assert "values" not in response.json()
        if action == "write values":
            assert not Value.objects.exists()
    elif action in {"indienen", "goedkeuren", "terugsturen", "heropenen"}:
        assert SubmissionEvent.objects.filter(action=action, via="api").count() == 1


def test_griffie_sees_no_submissions_nor_uitvragen(world, api_client):
    fill_submission(world)
    client = api_client(world.griffie)
    assert client.get("/api/v1/aanleveringen/").json()["results"] == []
    assert client.get("/api/v1/uitvragen/").json()["results"] == []
    assert client.get(url(world.submission, "waarden")).status_code == 404


def test_refused_actions_explain_in_dutch(world, api_client):
    ingediend(world)
    response = api_client(world.leverancier).post(url(world.submission, "goedkeuren"))
    assert response.status_code == 403
    assert response.json()["detail"] == "U mag deze actie niet uitvoeren voor deze aanlevering."


def test_beleid_may_read_but_not_write_values(world, api_client):
    fill_submission(world)
    client = api_client(world.beleid)
    assert len(client.get(url(world.submission, "waarden")).json()["results"]) == 3
    response = client.patch(
        url(world.submission, "waarden"), {"waarden": all_cells(world)}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "U mag de cijfers van deze aanlevering niet wijzigen."


def test_available_actions_follow_role_and_status(world, api_client):
    fill_submission(world)
    own = api_client(world.leverancier).get(url(world.submission)).json()
    assert own["available_actions"] == ["indienen"]
    ingediend_world = transition(world.submission, "indienen", world.leverancier)
    review = api_client(world.beleid).get(url(ingediend_world)).json()
    assert review["available_actions"] == ["goedkeuren", "terugsturen"]
    assert SubmissionStatus(review["status"]) == SubmissionStatus.INGEDIEND
