"""GET /api/v1/overzicht/ and POST /api/v1/trendoordelen/: the engine through the API."""

import pytest
from rest_framework.test import APIClient

from indicators.models import TrendOordeel
from tests.factories import in_use_token

from .engine_world import build_monitor


@pytest.fixture
def monitor(world):
    return build_monitor(world)


def api(user):
    client = APIClient()
    if user is not None:
        secret = in_use_token(user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def get_overview(user, **params):
    params.setdefault("gemeente", "GM0718")
    params.setdefault("periode", "2018H1")
    return api(user).get("/api/v1/overzicht/", params)


def indicator_of(data, code):
    return next(i for t in data["themas"] for i in t["indicatoren"] if i["code"] == code)


def test_the_overview_holds_doelgroepen_totals_and_the_regional_total(world, monitor):
    response = get_overview(world.beleid)
    assert response.status_code == 200
    data = response.json()
    assert data["gemeente"] == {"code": "GM0718", "naam": "Vlissingen"}
    assert (data["periode"], data["basisperiode"]) == ("2018H1", "2017H2")
    rows = indicator_of(data, "orionis-aantal-clienten")["rijen"]
    assert [(r["doelgroep"], r["waarde"], r["totaal"]) for r in rows] == [
        ("werkzoekenden", 510, False),
        ("wsw", 666, False),
        (None, 1176, True),
    ]
    assert rows[0]["gebied"] == "walcheren"
    assert rows[-1]["regio_waarden"] == [{"regio": "walcheren", "waarde": 1176}]


def test_a_computed_indicator_comes_with_its_formula(world, monitor):
    block = indicator_of(get_overview(world.beleid).json(), "clienten_per_1000")
    assert block["berekend"] is True
    assert block["formule_in_woorden"] == "aantal cliënten maal 1000 gedeeld door inwoners"
    assert block["optellen"] == "formule"
    assert block["rijen"][-1]["weergave"] == "10,3"


def test_targets_and_trend_proposals_are_included(world, monitor):
    (row,) = indicator_of(get_overview(world.beleid).json(), "orionis-uitstroom-werk")["rijen"]
    assert row["streefwaarde"]["vergelijking"] == ">="
    assert row["streefwaarde"]["waarde"] == 12
    assert row["streefwaarde_gehaald"] is True
    assert (row["vorige_waarde"], row["verandering_pct"]) == (10, 25)
    assert row["trend_voorstel"] == "positief"
    assert row["trendoordeel"] is None


def test_a_dhis2_period_code_is_accepted(world, monitor):
    assert get_overview(world.beleid, periode="2018S1").json()["periode"] == "2018H1"


def test_missing_or_unknown_parameters_are_explained(world, monitor):
    response = api(world.beleid).get("/api/v1/overzicht/")
    assert response.status_code == 400
    assert "gemeente" in response.json()
    response = get_overview(world.beleid, periode="2031H1")
    assert response.status_code == 400
    assert response.json()["periode"] == ["Onbekende periode '2031H1'."]


def test_another_gemeente_is_not_found_for_beleid(world, monitor):
    assert get_overview(world.beleid_veere).status_code == 404
    assert get_overview(world.griffie).status_code == 404


def test_a_supplier_gets_only_its_own_indicators(world, monitor):
    data = get_overview(world.porthos_leverancier).json()
    assert data["themas"] == []
    assert data["mag_oordelen"] is False


def test_anonymous_requests_are_refused(world, monitor):
    assert get_overview(None).status_code == 401


def test_the_overview_is_documented_in_the_schema(db):
    paths = APIClient().get("/api/schema/?format=json").json()["paths"]
    assert "get" in paths["/api/v1/overzicht/"]
    assert "post" in paths["/api/v1/trendoordelen/"]


# --- recording a judgement -------------------------------------------------------------------------


def judge(user, **extra):
    payload = {
        "gemeente": "GM0718",
        "periode": "2018H1",
        "indicator": "orionis-uitstroom-werk",
        "doelgroep": "werkzoekenden",
        "oordeel": "positief",
        **extra,
    }
    return api(user).post("/api/v1/trendoordelen/", payload, format="json")


def test_beleid_confirms_a_proposal_through_the_api(world, monitor):
    response = judge(world.beleid)
    assert response.status_code == 200
    assert response.json()["voorstel"] == "positief"
    assert TrendOordeel.objects.get().decided_by == world.beleid


def test_overruling_through_the_api_needs_a_reason(world, monitor):
    response = judge(world.beleid, oordeel="negatief")
    assert response.status_code == 400
    assert "Geef een motivering" in response.json()["motivering"][0]
    response = judge(world.beleid, oordeel="negatief", motivering="Definitie gewijzigd.")
    assert response.json()["oordeel"] == "negatief"


def test_a_supplier_cannot_judge_through_the_api(world, monitor):
    assert judge(world.leverancier).status_code == 403
    assert not TrendOordeel.objects.exists()
