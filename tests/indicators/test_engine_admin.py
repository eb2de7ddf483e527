"""The beheerder maintains formulas and streefwaarden in the admin; judgements are only read there."""

import pytest
from django.urls import reverse

from indicators.models import Indicator, Oordeel, Streefwaarde
from indicators.overview.judgement import record_judgement
from tests.factories import IndicatorFactory, period

from .engine_world import Cijfers


@pytest.fixture
def beheerder(client, world):
    client.force_login(world.beheerder)
    return client


def indicator_form(world, **changes):
    indicator = world.uitstroom_pct
    data = {
        "code": "uitstroom-rate",
        "name": "Uitstroom naar werk (berekend)",
        "thema": indicator.thema_id,
        "order": 0,
        "soort": "prestatie",
        "aspect": "effect",
        "uitvoerder": world.orionis.pk,
        "eenheid": "percentage",
        "decimals": 1,
        "period_type": "H",
        "richting": "hoger",
        "definition": "",
        "source": "",
        "formula": "",
        "aggregatie": "formule",
        "trend_threshold_pct": "5",
        "streefwaarden-TOTAL_FORMS": "0",
        "streefwaarden-INITIAL_FORMS": "0",
        "streefwaarden-MIN_NUM_FORMS": "0",
        "streefwaarden-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_a_formula_with_an_unknown_code_is_refused_in_the_admin(beheerder, world):
    url = reverse("admin:indicators_indicator_add")
    response = beheerder.post(url, indicator_form(world, formula="[uitstroom-werk] / bestand"))
    assert response.status_code == 200
    assert (
        "Onbekende indicator in de formule: bestand, uitstroom-werk." in response.content.decode()
    )
    assert not Indicator.objects.filter(code="uitstroom-rate").exists()


def test_a_valid_formula_is_saved_and_shown_in_words(beheerder, world):
    IndicatorFactory(code="beginstand", name="Beginstand")
    url = reverse("admin:indicators_indicator_add")
    text = "[orionis-aantal-clienten] * 100 / beginstand"
    response = beheerder.post(url, indicator_form(world, formula=text))
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="uitstroom-rate")
    page = beheerder.get(reverse("admin:indicators_indicator_change", args=[indicator.pk]))
    assert "aantal cliënten maal 100 gedeeld door beginstand" in page.content.decode()


def test_streefwaarden_are_entered_with_the_indicator(beheerder, world):
    url = reverse("admin:indicators_indicator_change", args=[world.uitstroom_pct.pk])
    data = indicator_form(
        world,
        code=world.uitstroom_pct.code,
        name=world.uitstroom_pct.name,
        **{
            "streefwaarden-TOTAL_FORMS": "1",
            "streefwaarden-0-scope": world.vlissingen.pk,
            "streefwaarden-0-year_from": "2018",
            "streefwaarden-0-comparison": ">=",
            "streefwaarden-0-value": "12",
        },
    )
    response = beheerder.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Streefwaarde.objects.get().scope == world.vlissingen


def test_judgements_and_their_history_are_read_only_in_the_admin(beheerder, world):
    cijfers = Cijfers()
    cijfers.add(world.uitstroom_pct, world.vlissingen, 10, "2017H2")
    cijfers.add(world.uitstroom_pct, world.vlissingen, 12, "2018H1")
    oordeel = record_judgement(
        world.beleid,
        indicator=world.uitstroom_pct,
        gemeente=world.vlissingen,
        period=period("2018H1"),
        judgement=Oordeel.GELIJK,
        reason="Te kleine aantallen.",
    )
    assert beheerder.get(reverse("admin:indicators_trendoordeel_changelist")).status_code == 200
    history = beheerder.get(reverse("admin:indicators_trendoordeel_history", args=[oordeel.pk]))
    assert "Te kleine aantallen." in history.content.decode()
    assert beheerder.get(reverse("admin:indicators_trendoordeel_add")).status_code == 403
