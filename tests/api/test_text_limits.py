"""A toelichting, reason or duiding has one length limit, the same on every way in: the grid,
the spreadsheet import, the API, the admin. A million characters is never stored."""

import pytest
from django.urls import reverse

from core.text import DUIDING_MAX_LENGTH, REASON_MAX_LENGTH, TOELICHTING_MAX_LENGTH
from indicators.models import ImportJob, Submission, SubmissionStatus, Value
from indicators.workflow import WorkflowError, transition
from tests.api.test_bulk_values import item
from tests.factories import fill_submission
from tests.indicators.grid import field, grid_post
from tests.indicators.importing.test_import_upload import row, xlsx_file

MILLION = "x" * 1_000_000


@pytest.mark.parametrize(
    ("model", "name", "limit"),
    [
        ("indicators.Value", "toelichting", TOELICHTING_MAX_LENGTH),
        ("indicators.Submission", "send_back_reason", REASON_MAX_LENGTH),
        ("indicators.SubmissionEvent", "reason", REASON_MAX_LENGTH),
        ("indicators.TrendOordeel", "reason", REASON_MAX_LENGTH),
        ("budgets.BudgetLine", "toelichting", TOELICHTING_MAX_LENGTH),
        ("budgets.BudgetVersion", "send_back_reason", REASON_MAX_LENGTH),
        ("reports.Report", "introduction", DUIDING_MAX_LENGTH),
        ("reports.ReportText", "wat_zien_we", DUIDING_MAX_LENGTH),
    ],
)
def test_the_model_fields_carry_the_limit_so_admin_and_api_forms_enforce_it(model, name, limit):
    from django.apps import apps

    assert apps.get_model(model)._meta.get_field(name).max_length == limit


def test_the_bulk_api_refuses_a_toelichting_of_a_million_characters(world, api_client):
    body = {"waarden": [item(world.aantal_clienten, world.wsw, 12, toelichting=MILLION)]}
    response = api_client(world.leverancier).post("/api/v1/waarden/bulk/", body, format="json")
    assert response.status_code == 400
    assert not Value.objects.exists()


def test_the_values_api_refuses_a_toelichting_of_a_million_characters(world, api_client):
    body = {
        "waarden": [
            {
                "indicator": world.aantal_clienten.code,
                "doelgroep": world.wsw.code,
                "area": world.walcheren.code,
                "value": 12,
                "toelichting": MILLION,
            }
        ]
    }
    response = api_client(world.leverancier).put(
        f"/api/v1/aanleveringen/{world.submission.pk}/waarden/", body, format="json"
    )
    assert response.status_code == 400
    assert not Value.objects.exists()


def test_the_api_refuses_a_reason_of_a_million_characters(world, api_client):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    response = api_client(world.beleid).post(
        f"/api/v1/aanleveringen/{world.submission.pk}/terugsturen/",
        {"reden": MILLION},
        format="json",
    )
    assert response.status_code == 400
    assert Submission.objects.get().status == SubmissionStatus.INGEDIEND


def test_the_workflow_itself_refuses_an_overlong_reason_whoever_calls_it(world):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    with pytest.raises(WorkflowError, match="langer dan"):
        transition(world.submission, "terugsturen", world.beleid, reason=MILLION)


def test_the_grid_does_not_store_an_overlong_toelichting_and_says_why(world, client):
    client.force_login(world.leverancier)
    data = grid_post(world, aantal_wsw="12")
    data[field(world, world.aantal_clienten, world.wsw, "toelichting")] = "x" * (
        TOELICHTING_MAX_LENGTH + 1
    )
    response = client.post(
        reverse("indicators:submission_edit", args=[world.submission.pk]), data, follow=True
    )
    assert "Een cel is niet opgeslagen: De toelichting is langer dan 2000 tekens" in (
        response.content.decode()
    )
    assert not Value.objects.filter(doelgroep=world.wsw).exists()


def test_a_spreadsheet_row_with_an_overlong_toelichting_blocks_the_import(world, client):
    client.force_login(world.leverancier)
    content = xlsx_file(
        [row(world.aantal_clienten, world.wsw, 12, toelichting="x" * (TOELICHTING_MAX_LENGTH + 1))]
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        reverse("indicators:import_upload", args=[world.submission.pk]),
        {"bestand": SimpleUploadedFile("cijfers.xlsx", content)},
    )
    job = ImportJob.objects.get()
    assert job.summary["counts"]["geblokkeerd"] == 1
    assert any("langer dan" in problem["message"] for problem in job.summary["problems"])
