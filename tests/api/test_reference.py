"""Reference data (organisations, doelgroepen, indicators, periods) and uitvragen."""

import pytest

from indicators.models import Aspect
from tests.factories import IndicatorFactory, period


def results(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_organisations_are_filtered_by_kind_and_code(world, api_client):
    client = api_client(world.leverancier)
    gemeenten = results(client, "/api/v1/organisaties/?kind=gemeente")
    assert [g["name"] for g in gemeenten] == ["Dordrecht", "Middelburg", "Veere", "Vlissingen"]
    [walcheren] = results(client, "/api/v1/organisaties/?code=walcheren")
    assert (walcheren["kind"], walcheren["gemeenten"]) == ("regio", ["GM0687", "GM0717", "GM0718"])


def test_doelgroepen_are_filtered_by_uitvoerder_code(world, api_client):
    client = api_client(world.leverancier)
    assert [d["code"] for d in results(client, "/api/v1/doelgroepen/?uitvoerder=orionis")] == [
        "werkzoekenden",
        "wsw",
    ]
    assert results(client, "/api/v1/doelgroepen/?uitvoerder=porthos") == []


def test_indicators_are_filtered_by_thema_aspect_uitvoerder_and_flag(world, api_client):
    IndicatorFactory(code="netto-arbeidsparticipatie", is_ontwikkelindicator=True)
    client = api_client(world.beleid)

    def codes(query):
        return [i["code"] for i in results(client, f"/api/v1/indicatoren/?{query}")]

    assert codes("thema=iedereen-doet-mee&aspect=effect") == ["orionis-uitstroom-werk"]
    assert codes("uitvoerder=orionis&aspect=inzet") == ["orionis-aantal-clienten"]
    assert codes("is_ontwikkelindicator=true") == ["netto-arbeidsparticipatie"]
    assert codes(f"aspect={Aspect.EFFECT}&code=orionis-uitstroom-werk") == [
        "orionis-uitstroom-werk"
    ]


@pytest.mark.parametrize("identifier", ["2018H1", "2018S1", "2018h1"])
def test_a_period_is_found_by_its_identifier_in_any_spelling(world, api_client, identifier):
    response = api_client(world.leverancier).get(f"/api/v1/periodes/{identifier}/")
    assert response.status_code == 200
    assert response.json()["identifier"] == "2018H1"
    assert response.json()["label"] == "2018 eerste halfjaar"


def test_periods_are_filtered_by_type_and_year(world, api_client):
    period("2018Q2")
    period("2017")
    client = api_client(world.leverancier)
    assert [p["identifier"] for p in results(client, "/api/v1/periodes/?year=2018")] == [
        "2018H1",
        "2018Q2",
    ]
    assert [p["identifier"] for p in results(client, "/api/v1/periodes/?type=J")] == ["2017"]
    assert api_client(world.leverancier).get("/api/v1/periodes/2030Q1/").status_code == 404


def test_lists_are_paginated(world, api_client):
    for n in range(55):
        IndicatorFactory(code=f"extra-{n:02d}")
    client = api_client(world.leverancier)
    first = client.get("/api/v1/indicatoren/").json()
    assert (first["count"], len(first["results"])) == (57, 50)
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 7 and second["next"] is None


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("leverancier", ["Halfjaarcijfers Orionis"]),
        ("other_leverancier", []),
        ("beleid", ["Halfjaarcijfers Orionis"]),
        ("other_beleid", []),
        ("griffie", []),
        ("beheerder", ["Halfjaarcijfers Orionis"]),
    ],
)
def test_uitvragen_are_visible_like_their_submissions(world, api_client, role, visible):
    found = results(api_client(getattr(world, role)), "/api/v1/uitvragen/")
    assert [u["name"] for u in found] == visible


def test_an_uitvraag_lists_what_must_be_delivered(world, api_client):
    [uitvraag] = results(api_client(world.leverancier), "/api/v1/uitvragen/?uitvoerder=orionis")
    assert uitvraag["areas"] == ["walcheren"]
    assert [(r["indicator"], r["doelgroep"]) for r in uitvraag["regels"]] == [
        ("orionis-aantal-clienten", "werkzoekenden"),
        ("orionis-aantal-clienten", "wsw"),
        ("orionis-uitstroom-werk", "werkzoekenden"),
    ]
