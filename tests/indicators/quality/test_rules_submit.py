"""Where the checks show up: the entry grid, submitting, the review page, the API and the admin."""

import pytest
from django.urls import resolve, reverse
from rest_framework.test import APIClient

from indicators.api.quality import SubmissionControleView
from indicators.models import Ernst, SubmissionStatus, ValidatieRegel
from indicators.workflow import WorkflowError, transition
from tests.api.conftest import all_cells
from tests.factories import IndicatorFactory, UitvraagRegelFactory, fill_submission
from tests.indicators.grid import field, grid_post
from tests.indicators.submissions.test_query_counts import MAX_PAGE_QUERIES, fill_every_cell

from .test_rules import AANTAL_WERK, AANTAL_WSW, enter, make_rule

WARNING_TEXT = "Aantal cliënten (Werkzoekenden) (1.510) moet kleiner dan of gelijk aan"


def edit_url(submission):
    return reverse("indicators:submission_edit", args=[submission.pk])


@pytest.fixture
def api_client():
    def make(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def warning_rule(world):
    return make_rule(AANTAL_WERK, "<=", AANTAL_WSW, name="Werkzoekenden ≤ wsw")


@pytest.fixture
def error_rule(world):
    return make_rule(AANTAL_WERK, "<=", AANTAL_WSW, name="Werkzoekenden ≤ wsw", ernst=Ernst.FOUT)


def test_saving_a_concept_that_breaks_a_rule_is_never_refused(world, error_rule, client_for):
    response = client_for(world.leverancier).post(
        edit_url(world.submission), grid_post(world, "1510", "666", "12,5"), follow=True
    )
    page = response.content.decode()
    assert "Het concept is opgeslagen." in page
    assert WARNING_TEXT in page


def test_the_entry_page_lists_warnings_in_a_summary_and_beside_the_cell(
    world, warning_rule, client_for
):
    enter(
        world,
        (world.aantal_clienten, world.werkzoekenden, "1510"),
        (world.aantal_clienten, world.wsw, "666"),
    )
    page = client_for(world.leverancier).get(edit_url(world.submission)).content.decode()
    summary = page.split('id="controles-titel"')[1].split("</section>")[0]
    assert "Waarschuwing:" in summary
    assert WARNING_TEXT in summary
    assert f'href="#{field(world, world.aantal_clienten, world.werkzoekenden)}"' in summary
    finding_id = field(world, world.aantal_clienten, world.werkzoekenden, "controle-1")
    assert f'<p class="help" id="{finding_id}">Waarschuwing: Werkzoekenden' in page
    assert f'aria-describedby="{finding_id} regel-1-eenheid' in page


def test_an_error_beside_the_cell_is_shown_as_an_error(world, error_rule, client_for):
    enter(
        world,
        (world.aantal_clienten, world.werkzoekenden, "1510"),
        (world.aantal_clienten, world.wsw, "666"),
    )
    page = client_for(world.leverancier).get(edit_url(world.submission)).content.decode()
    finding_id = field(world, world.aantal_clienten, world.wsw, "controle-1")
    assert f'<p class="error" id="{finding_id}">Fout: Werkzoekenden' in page


def test_an_error_blocks_submitting_with_a_clear_message(world, error_rule):
    fill_submission(world)
    enter(world, (world.aantal_clienten, world.werkzoekenden, "1510"))
    with pytest.raises(WorkflowError, match="Werkzoekenden ≤ wsw \\(Walcheren\\)"):
        transition(world.submission, "indienen", world.leverancier)


def test_an_error_blocks_submitting_even_with_a_toelichting(world, error_rule):
    fill_submission(world)
    enter(world, (world.aantal_clienten, world.werkzoekenden, "1510", "Echt zo veel"))
    with pytest.raises(WorkflowError):
        transition(world.submission, "indienen", world.leverancier)


def test_a_warning_blocks_submitting_until_a_cell_involved_has_a_toelichting(world, warning_rule):
    fill_submission(world)
    enter(world, (world.aantal_clienten, world.werkzoekenden, "1510"))
    with pytest.raises(WorkflowError, match="Licht dit toe"):
        transition(world.submission, "indienen", world.leverancier)

    enter(world, (world.aantal_clienten, world.wsw, "666", "Veel nieuwe werkzoekenden"))
    transition(world.submission, "indienen", world.leverancier)
    world.submission.refresh_from_db()
    assert world.submission.status == SubmissionStatus.INGEDIEND


def test_submitting_in_the_grid_names_the_blocking_checks(world, warning_rule, client_for):
    response = client_for(world.leverancier).post(
        edit_url(world.submission), grid_post(world, "1510", "666", "12,5", action="indienen")
    )
    page = response.content.decode()
    assert "1 controle houdt het indienen tegen" in page
    assert "Licht het toe bij het cijfer" in page
    world.submission.refresh_from_db()
    assert world.submission.status == SubmissionStatus.CONCEPT


def test_submitting_in_the_grid_with_a_toelichting_goes_through(world, warning_rule, client_for):
    data = grid_post(world, "1510", "666", "12,5", action="indienen")
    data[field(world, world.aantal_clienten, world.werkzoekenden, "toelichting")] = "Klopt"
    client_for(world.leverancier).post(edit_url(world.submission), data)
    world.submission.refresh_from_db()
    assert world.submission.status == SubmissionStatus.INGEDIEND


def test_the_reviewer_sees_the_checks_with_explained_warnings_marked(
    world, warning_rule, client_for
):
    fill_submission(world)
    enter(world, (world.aantal_clienten, world.werkzoekenden, "1510", "Klopt"))
    transition(world.submission, "indienen", world.leverancier)
    url = reverse("indicators:submission_detail", args=[world.submission.pk])
    page = client_for(world.beleid).get(url).content.decode()
    assert "Waarschuwing (toegelicht):" in page
    assert WARNING_TEXT in page


def test_the_api_write_answer_includes_the_findings(world, warning_rule, api_client):
    response = api_client(world.leverancier).put(
        f"/api/v1/aanleveringen/{world.submission.pk}/waarden/",
        {"waarden": all_cells(world, werk=1510)},
        format="json",
    )
    body = response.json()
    [finding] = body["findings"]
    assert finding["rule"] == warning_rule.code
    assert finding["severity"] == "waarschuwing"
    assert finding["area"] == "walcheren"
    assert finding["blocks_submit"] is True
    assert WARNING_TEXT in finding["message"]
    assert {"indicator": "orionis-aantal-clienten", "doelgroep": "wsw", "area": "walcheren"} in (
        finding["cells"]
    )
    assert any(WARNING_TEXT in problem for problem in body["problems"])


def test_the_api_lists_the_checks_of_a_submission(world, warning_rule, api_client):
    fill_submission(world)
    enter(world, (world.aantal_clienten, world.werkzoekenden, "1510"))
    response = api_client(world.beleid).get(
        f"/api/v1/aanleveringen/{world.submission.pk}/controle/"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["errors"], body["warnings"], body["blocking"]) == (0, 1, 1)
    assert body["period"] == "2018H1"


def test_the_checks_of_an_invisible_submission_do_not_exist(world, api_client):
    response = api_client(world.other_leverancier).get(
        f"/api/v1/aanleveringen/{world.submission.pk}/controle/"
    )
    assert response.status_code == 404


def test_the_controle_path_is_not_taken_by_the_router():
    assert resolve("/api/v1/aanleveringen/5/controle/").func.view_class is SubmissionControleView


def test_the_entry_and_review_pages_do_not_grow_with_rules_and_rows(
    world, client_for, django_assert_max_num_queries
):
    world.uitvraag.areas.add(world.middelburg, world.veere, world.vlissingen)
    for n in range(30):
        indicator = IndicatorFactory(
            uitvoerder=world.orionis, outlier_pct=10, min_value=0, max_value=5
        )
        UitvraagRegelFactory(uitvraag=world.uitvraag, indicator=indicator, order=10 + n)
        make_rule(f"[{indicator.code}]", ">", AANTAL_WSW, ernst=Ernst.WAARSCHUWING)
    fill_every_cell(world.submission, world.leverancier)
    client = client_for(world.leverancier)
    with django_assert_max_num_queries(MAX_PAGE_QUERIES):
        page = client.get(edit_url(world.submission)).content.decode()
    assert "is hoger dan de maximumwaarde" in page
    detail = reverse("indicators:submission_detail", args=[world.submission.pk])
    reviewer = client_for(world.beleid)
    with django_assert_max_num_queries(MAX_PAGE_QUERIES):
        page = reviewer.get(detail).content.decode()
    assert "is hoger dan de maximumwaarde" in page


# --- Admin --------------------------------------------------------------------------------------


def rule_form_data(**extra):
    return {
        "code": "werk-wsw",
        "name": "Werkzoekenden ≤ wsw",
        "active": "on",
        "left": AANTAL_WERK,
        "operator": "<=",
        "right": AANTAL_WSW,
        "ernst": "fout",
        "bij_ontbreken": "overslaan",
        "message": "",
        "uitvoerder": "",
        **extra,
    }


ADD_URL = "/admin/indicators/validatieregel/add/"


def test_the_admin_stores_a_valid_rule(world, admin_client):
    response = admin_client.post(ADD_URL, rule_form_data(right="[orionis-aantal-clienten@*]"))
    assert response.status_code == 302
    assert ValidatieRegel.objects.get(code="werk-wsw").right == "[orionis-aantal-clienten@*]"


def test_the_admin_refuses_an_unknown_indicator_code(world, admin_client):
    response = admin_client.post(ADD_URL, rule_form_data(right="[bestaat-niet] + 1"))
    assert response.status_code == 200
    assert "Onbekende indicator &#x27;bestaat-niet&#x27;." in response.content.decode()
    assert not ValidatieRegel.objects.exists()


def test_the_admin_refuses_an_unknown_doelgroep_of_the_rule_s_uitvoerder(world, admin_client):
    data = rule_form_data(right="[orionis-aantal-clienten@wsw]", uitvoerder=world.porthos.pk)
    response = admin_client.post(ADD_URL, data)
    page = response.content.decode()
    assert "Onbekende doelgroep &#x27;werkzoekenden&#x27;." in page
    assert "Onbekende doelgroep &#x27;wsw&#x27;." in page


def test_the_admin_refuses_a_formula_that_does_not_parse(world, admin_client):
    response = admin_client.post(ADD_URL, rule_form_data(left="([orionis-aantal-clienten] +"))
    assert "De formule houdt onverwacht op." in response.content.decode()
    assert not ValidatieRegel.objects.exists()


def test_the_admin_lists_rules_with_their_formula(world, admin_client, warning_rule):
    page = admin_client.get("/admin/indicators/validatieregel/?q=wsw").content.decode()
    assert f"{AANTAL_WERK} ≤ {AANTAL_WSW}" in page
