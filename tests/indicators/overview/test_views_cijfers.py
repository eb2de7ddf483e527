"""The /cijfers/ screens: the overview of a gemeente, judging a trend, the distribution of a regio."""

import pytest
from django.urls import reverse

from indicators.models import Oordeel, TrendOordeel
from tests.factories import IndicatorFactory, ThemaFactory
from tests.indicators.engine_world import Cijfers, build_monitor

OVERVIEW = reverse("cijfers:overview")
OORDEEL = reverse("cijfers:oordeel")
VERDELING = reverse("cijfers:verdeling")


@pytest.fixture
def monitor(world):
    return build_monitor(world)


def open_overview(client, **params):
    params.setdefault("gemeente", "GM0718")
    params.setdefault("periode", "2018H1")
    return client.get(OVERVIEW, params)


def test_beleid_sees_the_figures_of_its_gemeente_per_thema(world, monitor, client_for):
    response = open_overview(client_for(world.beleid))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Cijfers Vlissingen, 2018 eerste halfjaar" in content
    assert '<h2 id="thema-iedereen-doet-mee">Iedereen doet mee</h2>' in content
    assert "Walcheren (regio)" in content
    assert "1.176" in content  # total over doelgroepen


def test_a_computed_indicator_is_shown_with_its_formula_in_words(world, monitor, client_for):
    content = open_overview(client_for(world.beleid)).content.decode()
    assert "Berekend: aantal cliënten maal 1000 gedeeld door inwoners" in content


def test_the_target_and_whether_it_is_met_are_shown(world, monitor, client_for):
    content = open_overview(client_for(world.beleid)).content.decode()
    assert "minimaal 12,0" in content
    assert "gehaald" in content


def test_without_a_choice_beleid_gets_its_gemeente_and_the_latest_period(
    world, monitor, client_for
):
    response = client_for(world.beleid).get(OVERVIEW)
    assert response.context["overview"].gemeente == world.vlissingen
    assert response.context["overview"].period.identifier == "2018H1"


def test_a_dhis2_period_code_is_understood(world, monitor, client_for):
    response = open_overview(client_for(world.beleid), periode="2018S1")
    assert response.context["overview"].period.identifier == "2018H1"


def test_beleid_cannot_open_another_gemeente(world, monitor, client_for):
    response = open_overview(client_for(world.beleid), gemeente="GM0687")
    assert response.context["overview"] is None
    assert "Middelburg" not in response.content.decode()


def test_the_griffie_has_no_cijfers_page(world, client_for):
    assert client_for(world.griffie).get(OVERVIEW).status_code == 404


def test_a_supplier_sees_its_own_indicators_without_a_judgement_form(world, monitor, client_for):
    response = open_overview(client_for(world.leverancier))
    content = response.content.decode()
    assert "Aantal cliënten" in content
    assert "Inwoners" not in content
    assert 'action="/cijfers/oordeel/"' not in content


def test_the_menu_links_to_the_figures_for_beleid(world, client_for):
    content = client_for(world.beleid).get("/").content.decode()
    assert f'href="{OVERVIEW}"' in content


# --- judging a trend -------------------------------------------------------------------------------


def judgement_post(world, oordeel, motivering="", **extra):
    prefix = f"rij-{world.uitstroom_pct.pk}-{world.werkzoekenden.pk}"
    return {
        "gemeente": "GM0718",
        "periode": "2018H1",
        "rij": prefix,
        f"{prefix}-indicator": world.uitstroom_pct.pk,
        f"{prefix}-doelgroep": world.werkzoekenden.pk,
        f"{prefix}-oordeel": oordeel,
        f"{prefix}-motivering": motivering,
        **extra,
    }


def test_beleid_sees_the_proposal_preselected_in_the_judgement_form(world, monitor, client_for):
    prefix = f"rij-{world.uitstroom_pct.pk}-{world.werkzoekenden.pk}"
    content = open_overview(client_for(world.beleid), beoordelen=prefix).content.decode()
    assert f'<select name="{prefix}-oordeel"' in content
    assert '<option value="positief" selected>' in content


def test_confirming_the_proposal_returns_to_the_row(world, monitor, client_for):
    response = client_for(world.beleid).post(OORDEEL, judgement_post(world, "positief"))
    assert response.status_code == 302
    assert response["Location"].endswith(
        f"?gemeente=GM0718&periode=2018H1#rij-{world.uitstroom_pct.pk}-{world.werkzoekenden.pk}"
    )
    oordeel = TrendOordeel.objects.get()
    assert (oordeel.proposal, oordeel.judgement, oordeel.decided_by) == (
        "positief",
        "positief",
        world.beleid,
    )


def test_overruling_without_a_reason_shows_the_error_at_the_field(world, monitor, client_for):
    response = client_for(world.beleid).post(OORDEEL, judgement_post(world, "negatief"))
    assert response.status_code == 400
    content = response.content.decode()
    prefix = f"rij-{world.uitstroom_pct.pk}-{world.werkzoekenden.pk}"
    assert "Geef een motivering: u wijkt af van het voorstel ‘Voorzichtig positief’." in content
    assert f'id="id_{prefix}-motivering_error"' in content
    assert 'aria-invalid="true"' in content
    assert not TrendOordeel.objects.exists()


def test_overruling_with_a_reason_is_stored_beside_the_proposal(world, monitor, client_for):
    post = judgement_post(world, "negatief", "Stijging komt door een definitiewijziging.")
    client_for(world.beleid).post(OORDEEL, post)
    oordeel = TrendOordeel.objects.get()
    assert (oordeel.proposal, oordeel.judgement) == (Oordeel.POSITIEF, Oordeel.NEGATIEF)
    assert oordeel.reason == "Stijging komt door een definitiewijziging."


def test_beleid_of_another_gemeente_cannot_judge(world, monitor, client_for):
    response = client_for(world.beleid_veere).post(OORDEEL, judgement_post(world, "positief"))
    assert response.status_code == 404
    assert not TrendOordeel.objects.exists()


def test_a_supplier_cannot_judge(world, monitor, client_for):
    response = client_for(world.leverancier).post(OORDEEL, judgement_post(world, "positief"))
    assert response.status_code == 403
    assert not TrendOordeel.objects.exists()


# --- the number of queries -------------------------------------------------------------------------


@pytest.mark.parametrize("extra", [1, 20])
def test_the_overview_page_does_not_grow_with_its_indicators(
    world, monitor, client_for, extra, django_assert_max_num_queries
):
    cijfers = Cijfers()
    for _n in range(extra):
        indicator = IndicatorFactory(thema=ThemaFactory(), uitvoerder=world.orionis)
        cijfers.add(indicator, world.vlissingen, 5, doelgroep=world.wsw)
    client = client_for(world.beleid)
    # + expected cells, missing names; the own rows, the regio sums and the rows of the members
    # that differ in three queries instead of one
    with django_assert_max_num_queries(27):
        response = open_overview(client)
    assert response.status_code == 200


# --- the distribution over the gemeenten of a regio ----------------------------------------------------


def test_the_distribution_shows_each_doelgroep_as_a_share_of_its_column(world, client_for):
    cijfers = Cijfers()
    aantal = world.aantal_clienten
    for gemeente, (werk, wsw) in {
        world.vlissingen: (30, 70),
        world.middelburg: (10, 10),
        world.veere: (5, 15),
    }.items():
        cijfers.add(aantal, gemeente, werk, doelgroep=world.werkzoekenden)
        cijfers.add(aantal, gemeente, wsw, doelgroep=world.wsw)
    response = client_for(world.beheerder).get(
        VERDELING, {"regio": "walcheren", "indicator": aantal.code, "periode": "2018H1"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "30,0 %" in content and "70,0 %" in content  # Vlissingen
    assert "32,1 %" in content  # Walcheren: 45 of 140 werkzoekenden


def test_beleid_sees_only_its_own_gemeente_in_the_distribution(world, client_for):
    Cijfers().add(world.aantal_clienten, world.middelburg, 10, doelgroep=world.wsw)
    response = client_for(world.beleid).get(
        VERDELING,
        {"regio": "walcheren", "indicator": world.aantal_clienten.code, "periode": "2018H1"},
    )
    assert response.status_code == 200
    assert [g.name for g in response.context["gemeenten"]] == ["Vlissingen"]


def test_the_overview_links_to_the_judgement_form_instead_of_showing_every_form(
    world, monitor, client_for
):
    prefix = f"rij-{world.uitstroom_pct.pk}-{world.werkzoekenden.pk}"
    content = open_overview(client_for(world.beleid)).content.decode()
    assert f'<select name="{prefix}-oordeel"' not in content
    assert f"beoordelen={prefix}#{prefix}" in content


def test_every_form_is_shown_when_all_rows_are_asked(world, monitor, client_for):
    prefix = f"rij-{world.uitstroom_pct.pk}-{world.werkzoekenden.pk}"
    content = open_overview(client_for(world.beleid), beoordelen="alle").content.decode()
    assert f'<select name="{prefix}-oordeel"' in content


# --- one thema at a time (issue 16: 1.200 rows were seconds of rendering) ---------------------------


def test_the_overview_shows_one_thema_with_a_menu_of_the_others(world, monitor, client_for):
    response = open_overview(client_for(world.beleid))
    overview = response.context["overview"]
    assert len(overview.thema_choices) > 1
    # The first thema with a trend to judge; population figures are context.
    assert [block.thema.code for block in overview.themas] == ["iedereen-doet-mee"]
    content = response.content.decode()
    assert "thema=bevolking" in content
    assert '<h2 id="thema-bevolking">' not in content
    assert 'aria-current="page">Iedereen doet mee' in content


def test_a_chosen_thema_is_shown_and_kept_for_judging(world, monitor, client_for):
    client = client_for(world.beleid)
    response = open_overview(client, thema="iedereen-doet-mee")
    overview = response.context["overview"]
    assert [block.thema.code for block in overview.themas] == ["iedereen-doet-mee"]
    assert "1.176" in response.content.decode()
    prefix = f"rij-{world.uitstroom_pct.pk}-{world.werkzoekenden.pk}"
    assert "thema=iedereen-doet-mee&amp;beoordelen=" + prefix in response.content.decode()
    post = client.post(
        reverse("cijfers:oordeel"),
        {
            "gemeente": "GM0718",
            "periode": "2018H1",
            "thema": "iedereen-doet-mee",
            "rij": prefix,
            f"{prefix}-indicator": world.uitstroom_pct.pk,
            f"{prefix}-doelgroep": world.werkzoekenden.pk,
            f"{prefix}-oordeel": response.context["overview"].rows[0].proposal,
        },
    )
    assert post.status_code == 302
    assert "thema=iedereen-doet-mee" in post.url


def test_every_thema_on_one_page_when_asked(world, monitor, client_for):
    response = open_overview(client_for(world.beleid), thema="alle")
    overview = response.context["overview"]
    assert overview.chosen_thema is None
    assert [b.thema for b in overview.themas] == overview.thema_choices
