"""The pages of the beleidskader: who sees them, the steps as buttons, the reactions, the
voortgang with its duiding, and the budget per programma and product line (screen and API)."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from beleidskader.models import Duiding, KaderStatus

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_the_kaders_of_the_gemeente(world, kader):
    response = client_for(world.beleid).get(reverse("beleidskader:list"))
    assert "Ontwikkelagenda" in response.content.decode()


def test_the_detail_page_shows_the_tree_and_offers_inspraak(world, kader):
    page = client_for(world.beleid).get(reverse("beleidskader:detail", args=[kader.pk]))
    html = page.content.decode()
    assert "1.1" in html and "Meer inwoners zelfredzaam" in html
    assert "Vrijgeven voor inspraak" in html


def test_releasing_for_inspraak_from_the_page_and_recording_a_reaction(world, kader):
    client = client_for(world.beleid)
    response = client.post(reverse("beleidskader:action", args=[kader.pk, "inspraak"]))
    assert response.status_code == 302
    kader.refresh_from_db()
    assert kader.status == KaderStatus.INSPRAAK
    client.post(
        reverse("beleidskader:reactie", args=[kader.pk]),
        {"indiener": "Wmo-raad", "received_on": "2020-11-02", "text": "Graag meer aandacht."},
    )
    reactie = kader.reacties.get()
    assert (reactie.indiener, reactie.received_on) == ("Wmo-raad", date(2020, 11, 2))
    page = client.get(reverse("beleidskader:detail", args=[kader.pk])).content.decode()
    assert "Graag meer aandacht." in page


def test_the_griffie_may_not_release_a_kader(world, kader):
    client_for(world.griffie).post(reverse("beleidskader:action", args=[kader.pk, "inspraak"]))
    kader.refresh_from_db()
    assert kader.status == KaderStatus.CONCEPT


def test_the_voortgang_page_shows_the_targets_and_saves_a_duiding(world, kader):
    client = client_for(world.beleid)
    url = reverse("beleidskader:voortgang", args=[kader.pk])
    page = client.get(url, {"jaar": 2020}).content.decode()
    assert "Meer inwoners zelfredzaam" in page
    assert "nog niet meetbaar" in page
    doelstelling = kader.doelen.get(nummer="1")
    response = client.post(
        reverse("beleidskader:duiding", args=[kader.pk, doelstelling.pk]),
        {"jaar": 2020, "duiding": "Nog geen nulmeting."},
    )
    assert response.status_code == 302
    assert Duiding.objects.get(doel=doelstelling, year=2020).text == "Nog geen nulmeting."
    assert "Nog geen nulmeting." in client.get(url, {"jaar": 2020}).content.decode()


def test_the_line_page_shows_each_wmo_product_line_and_the_total_afwijking(
    world, bestuursrapportage
):
    page = client_for(world.beleid).get(
        reverse("beleidskader:lines"),
        {"organisatie": world.vlissingen.code, "jaar": 2024, "eenheid": "euro"},
    )
    html = page.content.decode()
    for amount in ["-200.000", "-50.000", "-1.250.000", "-1.500.000"]:
        assert amount in html or amount.replace("-", "−") in html, amount


def test_the_api_gives_the_expected_afwijking_per_line(world, bestuursrapportage):
    response = client_for(world.beleid).get(
        reverse("api-beleid-begroting-per-lijn"),
        {"organisatie": world.vlissingen.code, "jaar": 2024},
    )
    data = response.json()
    (programma,) = data["programmas"]
    expected = [Decimal(row["verwachte_afwijking"]["lasten"]) for row in programma["rows"]]
    assert expected == [Decimal(-200000), 0, Decimal(-50000), Decimal(-1250000)]
    assert Decimal(programma["total"]["verwachte_afwijking"]["lasten"]) == Decimal(-1500000)
    assert Decimal(data["total"]["verwachte_afwijking"]["lasten"]) == Decimal(-1500000)


def test_the_taakveld_overview_api_gives_the_expected_afwijking_too(world, bestuursrapportage):
    response = client_for(world.beleid).get(
        reverse("api-begroting-overzicht"), {"organisatie": world.vlissingen.code, "jaar": 2024}
    )
    total = response.json()["sociaal_domein"]
    assert Decimal(total["verwachte_afwijking"]["lasten"]) == Decimal(-1500000)
