"""Spreadsheet import of a version's lines: template, preview, apply, refuse."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from budgets.importing import (
    FileProblem,
    ImportRefused,
    apply_import,
    create_preview,
    render_template,
)
from budgets.models import BudgetLine, ImportStatus
from budgets.services import save_lines
from tests.budgets.conftest import D, lines, make_version


@pytest.fixture
def version(world, controller):
    version = make_version(world.vlissingen, 2018, "primitief", controller, {"6.3": (1000, 600)})
    line = version.lines.get()
    line.toelichting = "=SOM(A1:A9)"  # text a spreadsheet would run as a formula
    line.save()
    return version


def csv_file(*rows, name="begroting.csv"):
    content = "\n".join(["Taakveld;Lasten;Baten;Toelichting", *rows]).encode("utf-8")
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_the_csv_template_lists_the_sociaal_domein_of_the_year_and_escapes_formulas(version):
    text = render_template(version, "csv").decode("utf-8-sig")
    header, *rows = text.splitlines()
    assert header.split(";")[:6] == [
        "Taakveld",
        "Naam taakveld",
        "Programma",
        "Product",
        "Lasten",
        "Baten",
    ]
    assert "6.3;Inkomensregelingen;;;1000;600;;;'=SOM(A1:A9)" in rows
    assert any(row.startswith("6.71;Maatwerkdienstverlening 18+") for row in rows)
    assert not any(row.startswith("6.71a") for row in rows)  # not valid in 2018


def test_the_xlsx_template_holds_amounts_as_numbers(version):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(render_template(version, "xlsx")))
    sheet = workbook["Begroting"]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "6.3")
    assert row[4:6] == (1000, 600)
    assert row[8] == "'=SOM(A1:A9)"


def test_the_preview_shows_what_would_change_and_saves_nothing(version, controller):
    job = create_preview(
        version,
        controller,
        csv_file("6.3;1.100.000,50;600;", "6.1;250000;;Nieuw", "6.5;;;"),
    )
    statuses = {row["taakveld"]: row["status"] for row in job.rows}
    assert statuses == {"6.3": "gewijzigd", "6.1": "nieuw", "6.5": "ongewijzigd"}
    assert job.summary["gewijzigd"] == 1 and job.summary["nieuw"] == 1
    assert version.lines.count() == 1


def test_applying_saves_the_lines_with_the_file_name_as_reason(version, controller):
    job = create_preview(version, controller, csv_file("6.3;1.100.000,50;600;", "6.1;250000;;"))
    result = apply_import(job, controller)
    assert (result.created, result.updated) == (1, 1)
    assert version.lines.get(taakveld__code="6.3").lasten == D("1100000.50")
    record = BudgetLine.history.filter(taakveld__code="6.1").get()
    assert record.history_change_reason == "Import begroting.csv"
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED


def test_an_empty_row_removes_its_line(version, controller):
    job = create_preview(version, controller, csv_file("6.3;;;"))
    assert job.rows[0]["status"] == "verwijderd"
    apply_import(job, controller)
    assert not version.lines.exists()


def test_unknown_codes_and_wrong_amounts_block_the_whole_file(version, controller):
    job = create_preview(
        version, controller, csv_file("6.1;100;;", "9.9;1;;", "6.71a;5;;", "6.3;12,345;;")
    )
    errors = {row["taakveld"]: row["error"] for row in job.rows if row["error"]}
    assert "onbekend taakveld" in errors["9.9"]
    assert "geldt niet in 2018" in errors["6.71a"]
    assert "twee decimalen" in errors["6.3"]
    with pytest.raises(ImportRefused, match="fouten"):
        apply_import(job, controller)
    assert not version.lines.filter(taakveld__code="6.1").exists()


def test_a_stale_preview_is_refused(version, controller):
    job = create_preview(version, controller, csv_file("6.3;5;;"))
    save_lines(version, controller, lines(**{"6.3": (7, 0)}))
    with pytest.raises(ImportRefused, match="opnieuw in"):
        apply_import(job, controller)


def test_a_file_without_the_taakveld_column_is_explained(version, controller):
    upload = SimpleUploadedFile("x.csv", b"Code;Bedrag\n6.3;5\n")
    with pytest.raises(FileProblem, match="Taakveld"):
        create_preview(version, controller, upload)


def test_the_filled_in_xlsx_template_imports_back_unchanged(version, controller):
    data = render_template(version, "xlsx")
    job = create_preview(version, controller, SimpleUploadedFile("sjabloon.xlsx", data))
    assert {row["status"] for row in job.rows} == {"ongewijzigd"}


def test_upload_and_apply_through_the_screens(client_for, controller, version):
    client = client_for(controller)
    response = client.post(
        f"/begroting/versies/{version.pk}/importeren/", {"bestand": csv_file("6.1;42;;")}
    )
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert "nieuw" in preview.content.decode()
    response = client.post(response["Location"], {"actie": "verwerken"})
    assert response.status_code == 302
    assert version.lines.get(taakveld__code="6.1").lasten == 42


def test_only_the_opsteller_may_import(client_for, world, version):
    assert (
        client_for(world.beleid_veere)
        .get(f"/begroting/versies/{version.pk}/importeren/")
        .status_code
        == 404
    )
    assert (
        client_for(world.leverancier)
        .get(f"/begroting/versies/{version.pk}/importeren/")
        .status_code
        == 404
    )
