"""The begroting screens: overview, series, versions, the grid, actions and history."""

import re
from decimal import Decimal

import pytest

from budgets.models import BudgetLine, BudgetStatus, BudgetVersion
from tests.budgets.conftest import approved, day, make_version


def text(response) -> str:
    """What a user reads: the page without tags and with collapsed spaces."""
    html = re.sub(r'src="data:[^"]+"', "", response.content.decode())
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def vlissingen_2018(world, controller):
    v, beleid = world.vlissingen, world.beleid
    approved(v, 2018, "primitief", controller, beleid, {"6.3": (29_000_000, 17_000_000)})
    approved(
        v,
        2018,
        "wijziging",
        controller,
        beleid,
        {"6.3": (400_000, 0)},
        datum=day(2018, 11, 8),
        name="Najaarsnota 2018",
    )
    approved(v, 2018, "realisatie", controller, beleid, {"6.3": (29_180_000, 17_200_000)})
    return world


def test_the_overview_shows_begroot_vs_realisatie_and_explains_the_base(
    client_for, controller, vlissingen_2018
):
    response = client_for(controller).get(
        "/begroting/", {"organisatie": "GM0718", "jaar": 2018, "eenheid": "duizend"}
    )
    page = text(response)
    assert response.status_code == 200
    assert "6.3 Inkomensregelingen 29.000 400 29.400 29.180 -220 -0,7% V 99,3%" in page
    assert "als deel van de actuele begroting" in page
    assert "Totalen zijn berekend uit de onafgeronde bedragen" in page
    assert "× € 1.000" in page
    assert 'alt="Staafdiagram' in response.content.decode()


def test_amounts_can_be_shown_in_euros(client_for, controller, vlissingen_2018):
    response = client_for(controller).get(
        "/begroting/", {"organisatie": "GM0718", "jaar": 2018, "eenheid": "euro"}
    )
    assert "29.400.000" in text(response)


def test_the_overview_needs_few_queries_however_many_versions_and_lines(
    client_for, controller, vlissingen_2018, django_assert_max_num_queries
):
    client = client_for(controller)
    params = {"organisatie": "GM0718", "jaar": 2018}
    client.get("/begroting/", params)  # warm the session and Access
    with django_assert_max_num_queries(16):
        client.get("/begroting/", params)
    for n in range(5):
        approved(
            vlissingen_2018.vlissingen,
            2018,
            "wijziging",
            controller,
            vlissingen_2018.beleid,
            {"6.1": (n, 0), "6.4": (n, 0), "6.71": (n, 0)},
            datum=day(2018, 3, n + 1),
        )
    with django_assert_max_num_queries(16):
        client.get("/begroting/", params)


def test_the_series_shows_five_years_with_totals(client_for, controller, world):
    for year in range(2018, 2023):
        approved(
            world.vlissingen,
            year,
            "primitief",
            controller,
            world.beleid,
            {"6.3": (1_000_000 * (year - 2017), 0)},
        )
    response = client_for(controller).get(
        "/begroting/reeks/", {"organisatie": "GM0718", "tot": 2022, "eenheid": "duizend"}
    )
    page = text(response)
    for year in range(2018, 2023):
        assert f"{year}" in page
    assert "Totaal 6 Sociaal domein 1.000 2.000 3.000 4.000 5.000" in page


def test_the_menu_shows_begroting_to_beleid_but_not_to_the_griffie(client_for, world):
    assert "/begroting/" in client_for(world.beleid).get("/").content.decode()
    assert (
        "/begroting/" not in client_for(world.griffie).get("/rapportages/griffie/").content.decode()
    )


def test_a_supplier_sees_only_its_own_versions(client_for, world, controller):
    make_version(world.vlissingen, 2018, "primitief", controller, {"6.3": (1, 0)})
    make_version(
        world.porthos, 2018, "primitief", world.porthos_leverancier, {"6.2": (6_100_000, 0)}
    )
    page = text(client_for(world.porthos_leverancier).get("/begroting/versies/"))
    assert "Porthos" in page and "Vlissingen" not in page


def test_the_version_list_needs_few_queries(
    client_for, world, controller, django_assert_max_num_queries
):
    for year in range(2017, 2027):
        make_version(world.vlissingen, year, "primitief", controller, {"6.3": (1, 0)})
    client = client_for(controller)
    with django_assert_max_num_queries(10):
        response = client.get("/begroting/versies/")
    assert response.status_code == 200


def test_a_new_version_is_created_with_the_form(client_for, world, controller):
    response = client_for(controller).post(
        "/begroting/versies/nieuw/",
        {
            "owner": world.vlissingen.pk,
            "year": 2019,
            "soort": "wijziging",
            "name": "Voorjaarsnota",
            "datum": "2019-04-11",
        },
    )
    version = BudgetVersion.objects.get(name="Voorjaarsnota")
    assert response.status_code == 302
    assert response["Location"] == f"/begroting/versies/{version.pk}/invullen/"
    assert (version.year, version.soort, version.datum) == (2019, "wijziging", day(2019, 4, 11))


def test_a_wijziging_without_a_date_is_refused_with_a_message(client_for, world, controller):
    response = client_for(controller).post(
        "/begroting/versies/nieuw/",
        {"owner": world.vlissingen.pk, "year": 2019, "soort": "wijziging"},
    )
    assert response.status_code == 200
    assert "heeft een datum nodig" in text(response)


@pytest.fixture
def concept(world, controller):
    return make_version(world.vlissingen, 2018, "primitief", controller, {"6.3": (1000, 0)})


def grid_post(version, **fields):
    data = {
        "versie-name": version.name,
        "versie-datum": "",
        "versie-toelichting": "",
        "actie": "opslaan",
    }
    data.update(fields)
    return data


def test_the_grid_saves_amounts_typed_in_dutch_notation(client_for, controller, concept):
    from tests.budgets.conftest import tv

    pk = tv("6.1").pk
    response = client_for(controller).post(
        f"/begroting/versies/{concept.pk}/invullen/",
        grid_post(concept, **{f"tv-{pk}-lasten": "1.234.567,89", f"tv-{pk}-baten": ""}),
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get(version=concept, taakveld_id=pk)
    assert line.lasten == Decimal("1234567.89")
    assert (
        BudgetLine.objects.get(version=concept, taakveld__code="6.3").lasten == 1000
    )  # not posted


def test_a_wrong_amount_is_shown_at_its_field_and_the_right_ones_are_saved(
    client_for, controller, concept
):
    """As in the figures grid: one wrong amount no longer discards the whole save."""
    from tests.budgets.conftest import tv

    good, bad = tv("6.1").pk, tv("6.5").pk
    response = client_for(controller).post(
        f"/begroting/versies/{concept.pk}/invullen/",
        grid_post(concept, **{f"tv-{good}-lasten": "10", f"tv-{bad}-lasten": "veel"}),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "&#x27;veel&#x27; is geen bedrag." in html
    assert (
        f'id="tv-{bad}-lasten" value="veel" autocomplete="off" aria-invalid="true" aria-describedby="tv-{bad}-lasten-fout"'
        in html
    )
    assert "De juiste bedragen zijn opgeslagen" in html
    assert BudgetLine.objects.get(version=concept, taakveld_id=good).lasten == 10
    assert not BudgetLine.objects.filter(version=concept, taakveld_id=bad).exists()


def test_a_wrong_amount_keeps_the_stored_one_and_the_other_half_of_its_line_is_saved(
    client_for, controller, concept
):
    line = BudgetLine.objects.get(version=concept, taakveld__code="6.3")
    pk = line.taakveld_id
    response = client_for(controller).post(
        f"/begroting/versies/{concept.pk}/invullen/",
        grid_post(concept, **{f"tv-{pk}-lasten": "1.0.0,x", f"tv-{pk}-baten": "250"}),
    )
    assert response.status_code == 400
    line.refresh_from_db()
    assert (line.lasten, line.baten) == (1000, 250)


def test_a_wrong_amount_is_not_submitted(client_for, controller, concept):
    from tests.budgets.conftest import tv

    bad = tv("6.5").pk
    response = client_for(controller).post(
        f"/begroting/versies/{concept.pk}/invullen/",
        grid_post(concept, actie="indienen", **{f"tv-{bad}-lasten": "veel"}),
    )
    assert response.status_code == 400
    concept.refresh_from_db()
    assert concept.status == BudgetStatus.CONCEPT


def test_a_too_long_toelichting_is_shown_at_its_line_and_the_others_are_saved(
    client_for, controller, concept
):
    from tests.budgets.conftest import tv

    good, bad = tv("6.1").pk, tv("6.5").pk
    response = client_for(controller).post(
        f"/begroting/versies/{concept.pk}/invullen/",
        grid_post(
            concept,
            **{
                f"tv-{good}-lasten": "10",
                f"tv-{bad}-lasten": "20",
                f"tv-{bad}-toelichting": "x" * 2001,
            },
        ),
    )
    assert response.status_code == 400
    assert f'id="tv-{bad}-toelichting-fout"' in response.content.decode()
    assert BudgetLine.objects.get(version=concept, taakveld_id=good).lasten == 10
    assert not BudgetLine.objects.filter(version=concept, taakveld_id=bad).exists()


def test_saving_and_submitting_from_the_grid(client_for, controller, concept):
    response = client_for(controller).post(
        f"/begroting/versies/{concept.pk}/invullen/", grid_post(concept, actie="indienen")
    )
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.status == BudgetStatus.INGEDIEND


def test_an_approved_version_cannot_be_edited_in_the_grid(client_for, controller, world, concept):
    from budgets.workflow import transition

    transition(concept, "indienen", controller)
    transition(concept, "goedkeuren", world.beleid)
    response = client_for(controller).get(f"/begroting/versies/{concept.pk}/invullen/")
    assert response.status_code == 302
    assert response["Location"] == f"/begroting/versies/{concept.pk}/"


def test_the_reviewer_approves_on_the_detail_page(client_for, controller, world, concept):
    from budgets.workflow import transition

    transition(concept, "indienen", controller)
    page = text(client_for(world.beleid).get(f"/begroting/versies/{concept.pk}/"))
    assert "Goedkeuren" in page and "Terugsturen" in page
    response = client_for(world.beleid).post(f"/begroting/versies/{concept.pk}/actie/goedkeuren/")
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.status == BudgetStatus.GOEDGEKEURD


def test_sending_back_without_a_reason_shows_the_error_at_the_field(
    client_for, controller, world, concept
):
    from budgets.workflow import transition

    transition(concept, "indienen", controller)
    response = client_for(world.beleid).post(f"/begroting/versies/{concept.pk}/actie/terugsturen/")
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert "Geef een reden op." in text(response)


def test_the_history_shows_each_changed_amount_old_and_new(client_for, controller, concept):
    from budgets.services import save_lines
    from tests.budgets.conftest import lines

    save_lines(concept, controller, lines(**{"6.3": (1500, 0)}), reason="Meicirculaire")
    page = text(client_for(controller).get(f"/begroting/versies/{concept.pk}/geschiedenis/"))
    assert "Regel gewijzigd: 6.3 Inkomensregelingen" in page
    assert "€ 1.000,00 → wordt € 1.500,00" in page.replace("→ wordt", "→ wordt")
    assert "Meicirculaire" in page
