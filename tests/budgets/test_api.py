"""The budgets API: reading and writing with the same permissions as the screens."""

import pytest
from rest_framework.test import APIClient

from budgets.models import BudgetLine, BudgetStatus, BudgetVersion
from tests.budgets.conftest import approved, day, make_version
from tests.factories import in_use_token


@pytest.fixture
def api():
    def make(user):
        client = APIClient()
        secret = in_use_token(user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
        return client

    return make


@pytest.fixture
def concept(world, controller):
    return make_version(world.vlissingen, 2018, "primitief", controller, {"6.3": (1000, 600)})


def url(version, suffix=""):
    return f"/api/v1/begrotingsversies/{version.pk}/" + (f"{suffix}/" if suffix else "")


def test_taakvelden_are_listed_with_validity_and_predecessor(api, world):
    rows = api(world.beleid).get("/api/v1/taakvelden/", {"jaar": 2023, "hoofdtaakveld": "6"}).json()
    codes = [row["code"] for row in rows]
    assert "6.71a" in codes and "6.71" not in codes
    row = next(r for r in rows if r["code"] == "6.71a")
    assert (row["predecessor"], row["valid_from"], row["hoofdtaakveld"]) == ("6.71", 2023, "6")


def test_versions_are_filtered_by_organisation_year_and_soort(api, world, controller, concept):
    make_version(world.vlissingen, 2019, "primitief", controller, {"6.3": (1, 0)})
    make_version(world.porthos, 2018, "primitief", world.porthos_leverancier, {"6.2": (1, 0)})
    client = api(world.beleid)
    assert client.get("/api/v1/begrotingsversies/").json()["count"] == 3
    body = client.get(
        "/api/v1/begrotingsversies/", {"organisatie": "GM0718", "jaar": 2018, "soort": "primitief"}
    ).json()
    assert [v["id"] for v in body["results"]] == [concept.pk]
    version = body["results"][0]
    assert version["owner"] == "GM0718"
    assert version["totals"] == {"lasten": "1000.00", "baten": "600.00", "saldo": "-400.00"}
    assert version["lines"][0]["taakveld"] == "6.3"


def test_others_do_not_see_the_version(api, world, concept):
    assert api(world.leverancier).get("/api/v1/begrotingsversies/").json()["count"] == 0
    assert api(world.other_beleid).get(url(concept)).status_code == 404
    assert api(world.griffie).get(url(concept)).status_code == 404


def test_a_version_is_created_by_its_opsteller_only(api, world, controller):
    body = {
        "owner": "GM0718",
        "year": 2019,
        "soort": "wijziging",
        "name": "Voorjaarsnota 2019",
        "datum": "2019-04-11",
    }
    response = api(controller).post("/api/v1/begrotingsversies/", body, format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "concept"
    assert (
        api(world.leverancier).post("/api/v1/begrotingsversies/", body, format="json").status_code
        == 403
    )
    body.pop("datum")
    response = api(controller).post("/api/v1/begrotingsversies/", body, format="json")
    assert response.status_code == 400
    assert "datum" in response.json()["detail"]


def test_put_replaces_the_lines_and_accepts_numbers_and_dutch_text(api, controller, concept):
    payload = {
        "lines": [
            {"taakveld": "6.1", "lasten": 250000, "baten": None},
            {"taakveld": "6.4", "lasten": "1.234.567,89", "toelichting": "Wsw"},
        ],
        "reden": "Begroting 2018 via API",
    }
    response = api(controller).put(url(concept, "regels"), payload, format="json")
    assert response.status_code == 200
    assert response.json() == {"created": 2, "updated": 0, "deleted": 1, "unchanged": 0}
    lines = {line.taakveld.code: line for line in concept.lines.select_related("taakveld")}
    assert set(lines) == {"6.1", "6.4"}
    assert str(lines["6.4"].lasten) == "1234567.89"
    record = BudgetLine.history.filter(taakveld__code="6.4").get()
    assert record.history_change_reason == "Begroting 2018 via API"


def test_patch_keeps_the_lines_it_does_not_name(api, controller, concept):
    payload = {"lines": [{"taakveld": "6.1", "lasten": 5}]}
    assert api(controller).patch(url(concept, "regels"), payload, format="json").status_code == 200
    assert concept.lines.count() == 2


def test_wrong_lines_are_reported_per_position_and_nothing_is_saved(api, controller, concept):
    payload = {
        "lines": [
            {"taakveld": "6.1", "lasten": 5},
            {"taakveld": "6.1", "lasten": "veel"},
            {"taakveld": "9.9", "lasten": 1},
        ]
    }
    response = api(controller).patch(url(concept, "regels"), payload, format="json")
    assert response.status_code == 400
    errors = response.json()["lines"]
    assert errors == {"1": {"lasten": ["'veel' is geen bedrag."]}}
    assert concept.lines.count() == 1
    payload = {"lines": [{"taakveld": "9.9", "lasten": 1}, {"taakveld": "6.71a", "lasten": 1}]}
    errors = api(controller).patch(url(concept, "regels"), payload, format="json").json()["lines"]
    assert "onbekend: taakveld '9.9'" in errors["0"][0]


def test_a_taakveld_not_valid_in_the_year_is_refused(api, controller, concept):
    payload = {"lines": [{"taakveld": "6.71a", "lasten": 1}]}
    response = api(controller).patch(url(concept, "regels"), payload, format="json")
    assert response.status_code == 400
    assert "geldt niet in 2018" in response.json()["lines"]["0"][0]


def test_only_the_opsteller_writes_lines(api, world, concept):
    payload = {"lines": [{"taakveld": "6.1", "lasten": 5}]}
    assert (
        api(world.beleid_veere).patch(url(concept, "regels"), payload, format="json").status_code
        == 404
    )
    assert (
        api(world.beheerder).patch(url(concept, "regels"), payload, format="json").status_code
        == 403
    )


def test_the_workflow_runs_through_the_api_with_four_eyes(api, world, controller, concept):
    response = api(controller).post(url(concept, "indienen"))
    assert response.status_code == 200
    assert response.json()["status"] == "ingediend"
    refused = api(controller).post(url(concept, "goedkeuren"))
    assert refused.status_code == 400
    assert "vier-ogenprincipe" in refused.json()["detail"]
    assert (
        api(world.beleid).post(url(concept, "terugsturen")).json()["detail"] == "Geef een reden op."
    )
    response = api(world.beleid).post(url(concept, "goedkeuren"))
    assert response.json()["status"] == "goedgekeurd"
    assert BudgetVersion.objects.get(pk=concept.pk).status == BudgetStatus.GOEDGEKEURD
    locked = api(controller).patch(url(concept, "regels"), {"lines": []}, format="json")
    assert locked.status_code == 400
    assert api(world.leverancier).post(url(concept, "heropenen"), {"reden": "x"}).status_code == 404
    response = api(world.beheerder).post(
        url(concept, "heropenen"), {"reden": "Correctie"}, format="json"
    )
    assert response.json()["status"] == "concept"
    assert concept.events.filter(via="api").count() == 3


def test_the_overview_endpoint_gives_unrounded_figures(api, world, controller):
    v, beleid = world.vlissingen, world.beleid
    approved(v, 2018, "primitief", controller, beleid, {"6.3": ("1000.40", 0)})
    approved(v, 2018, "wijziging", controller, beleid, {"6.3": (100, 0)}, datum=day(2018, 11, 8))
    approved(v, 2018, "realisatie", controller, beleid, {"6.3": ("1210.44", 0)})
    body = (
        api(controller)
        .get("/api/v1/begroting/overzicht/", {"organisatie": "GM0718", "jaar": 2018})
        .json()
    )
    row = body["groups"][0]["rows"][0]
    assert row["actueel"]["lasten"] == "1100.40"
    assert row["afwijking"]["lasten"] == "110.04"
    assert row["afwijking_pct"]["lasten"] == "10.0"
    assert body["sociaal_domein"]["realisatie"]["lasten"] == "1210.44"
    earlier = (
        api(controller)
        .get(
            "/api/v1/begroting/overzicht/",
            {"organisatie": "GM0718", "jaar": 2018, "peildatum": "2018-06-30"},
        )
        .json()
    )
    assert earlier["total"]["actueel"]["lasten"] == "1000.40"


def test_the_overview_of_an_invisible_organisation_is_not_found(api, world):
    response = api(world.other_beleid).get(
        "/api/v1/begroting/overzicht/", {"organisatie": "GM0718", "jaar": 2018}
    )
    assert response.status_code == 404


def test_the_version_list_needs_few_queries(api, world, controller, django_assert_max_num_queries):
    for year in range(2017, 2027):
        make_version(
            world.vlissingen, year, "primitief", controller, {"6.3": (1, 0), "6.1": (2, 0)}
        )
    client = api(world.beleid)
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/begrotingsversies/")
    assert response.json()["count"] == 10


def test_the_schema_documents_the_budget_endpoints(db):
    paths = APIClient().get("/api/schema/?format=json").json()["paths"]
    assert set(paths["/api/v1/begrotingsversies/{id}/regels/"]) == {"get", "put", "patch"}
    for action in ["indienen", "intrekken", "goedkeuren", "terugsturen", "heropenen"]:
        assert f"/api/v1/begrotingsversies/{{id}}/{action}/" in paths
    assert "/api/v1/begroting/overzicht/" in paths
