"""Uploading a filled-in spreadsheet: preview first, then apply (atomic, audited) or discard."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from indicators.models import ImportJob, ImportStatus, SubmissionStatus, Value
from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition
from tests.factories import fill_submission

from .test_import_template import HEADER, HYPERLINK, download, store


def upload_url(submission):
    return reverse("indicators:import_upload", args=[submission.pk])


def preview_url(job):
    return reverse("indicators:import_preview", args=[job.pk])


def upload(client, submission, content: bytes, filename="cijfers.xlsx"):
    return client.post(upload_url(submission), {"bestand": SimpleUploadedFile(filename, content)})


def last_job():
    return ImportJob.objects.latest("pk")


def row(indicator, doelgroep, waarde, toelichting="", voorlopig="nee", periode="2018H1"):
    """A data row in the template's column order."""
    return [
        indicator.code,
        indicator.name,
        doelgroep.code if doelgroep else "",
        doelgroep.name if doelgroep else "",
        "walcheren",
        "Walcheren",
        periode,
        "",
        waarde,
        toelichting,
        voorlopig,
    ]


def xlsx_file(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_file(rows, header=HEADER, delimiter=";", bom=True) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode()


def ods_file(rows, header=HEADER) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Blad1")
    for values in [header, *rows]:
        table_row = TableRow()
        for value in values:
            if isinstance(value, int | float):
                cell = TableCell(valuetype="float", value=str(value))
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def stored(world, indicator, doelgroep):
    return Value.objects.filter(
        indicator=indicator, doelgroep=doelgroep, area=world.walcheren
    ).first()


def partly_filled(world):
    """510 and 666 stored; the percentage still empty."""
    fill_submission(
        world,
        values={
            (world.aantal_clienten.pk, world.werkzoekenden.pk): "510",
            (world.aantal_clienten.pk, world.wsw.pk): "666",
        },
    )


def changed_rows(world):
    """The template with one figure left, one changed and one new."""
    return [
        row(world.aantal_clienten, world.werkzoekenden, 510),
        row(world.aantal_clienten, world.wsw, 670),
        row(world.uitstroom_pct, world.werkzoekenden, 12.5),
    ]


@pytest.fixture
def supplier(world, client_for):
    return client_for(world.leverancier)


def test_the_upload_page_offers_the_template_in_three_formats(world, supplier):
    page = supplier.get(upload_url(world.submission)).content.decode()
    for fmt in ("xlsx", "ods", "csv"):
        assert reverse("indicators:import_template", args=[world.submission.pk, fmt]) in page
    assert 'type="file"' in page


@pytest.mark.parametrize(
    ("build", "filename"),
    [(xlsx_file, "cijfers.xlsx"), (csv_file, "cijfers.csv"), (ods_file, "cijfers.ods")],
)
def test_the_preview_shows_what_is_created_changed_and_left_as_is(world, supplier, build, filename):
    partly_filled(world)
    response = upload(supplier, world.submission, build(changed_rows(world)), filename)
    job = last_job()
    assert response.status_code == 302
    assert response["Location"] == preview_url(job)
    assert job.file_format == filename.rsplit(".", 1)[1]
    counts = job.summary["counts"]
    assert (counts["nieuw"], counts["gewijzigd"], counts["ongewijzigd"]) == (1, 1, 1)
    page = supplier.get(preview_url(job)).content.decode()
    assert "Aantal cliënten (Wsw), Walcheren" in page
    assert "666" in page and "670" in page
    assert "Aandeel uitstroom naar werk (Werkzoekenden), Walcheren" in page
    assert "Verwerken" in page and "Verwerpen" in page


def test_nothing_is_saved_before_verwerken(world, supplier):
    partly_filled(world)
    history_before = Value.history.count()
    upload(supplier, world.submission, xlsx_file(changed_rows(world)))
    assert stored(world, world.aantal_clienten, world.wsw).value == 666
    assert stored(world, world.uitstroom_pct, world.werkzoekenden) is None
    assert Value.history.count() == history_before


def test_verwerken_stores_the_figures_with_the_import_as_reason_in_the_history(world, supplier):
    partly_filled(world)
    upload(supplier, world.submission, xlsx_file(changed_rows(world)), "juni.xlsx")
    job = last_job()
    response = supplier.post(reverse("indicators:import_apply", args=[job.pk]), follow=True)
    assert "De import is verwerkt: 1 nieuw, 1 gewijzigd." in response.content.decode()
    assert stored(world, world.aantal_clienten, world.wsw).value == 670
    assert stored(world, world.uitstroom_pct, world.werkzoekenden).value == Decimal("12.5")
    latest = Value.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Import juni.xlsx"
    assert latest.history_user == world.leverancier
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED
    assert job.applied_at is not None


def test_the_unchanged_figure_gets_no_history_row(world, supplier):
    partly_filled(world)
    unchanged = stored(world, world.aantal_clienten, world.werkzoekenden)
    upload(supplier, world.submission, xlsx_file(changed_rows(world)))
    supplier.post(reverse("indicators:import_apply", args=[last_job().pk]))
    assert unchanged.history.count() == 1


def test_verwerken_is_all_or_nothing(world, supplier, monkeypatch):
    import indicators.importing.upload as upload_module

    partly_filled(world)
    upload(supplier, world.submission, xlsx_file(changed_rows(world)))
    real_save_values = upload_module.save_values

    def save_then_fail(*args, **kwargs):
        real_save_values(*args, **kwargs)
        raise RuntimeError("database weg")

    monkeypatch.setattr(upload_module, "save_values", save_then_fail)
    with pytest.raises(RuntimeError):
        upload_module.apply_job(last_job(), world.leverancier)
    assert stored(world, world.aantal_clienten, world.wsw).value == 666
    assert stored(world, world.uitstroom_pct, world.werkzoekenden) is None
    assert last_job().status == ImportStatus.PREVIEW


def test_verwerken_is_refused_when_the_submission_was_submitted_meanwhile(world, supplier):
    fill_submission(world)
    upload(
        supplier,
        world.submission,
        xlsx_file([row(world.aantal_clienten, world.wsw, 700)]),
    )
    job = last_job()
    transition(world.submission, "indienen", world.leverancier2)
    response = supplier.post(reverse("indicators:import_apply", args=[job.pk]), follow=True)
    page = response.content.decode()
    assert "De aanlevering heeft nu status &#x27;Ingediend&#x27;" in page
    assert stored(world, world.aantal_clienten, world.wsw).value == 666
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED


def test_verwerken_is_refused_when_the_figures_changed_since_the_preview(world, supplier):
    partly_filled(world)
    upload(supplier, world.submission, xlsx_file(changed_rows(world)))
    job = last_job()
    store(world, world.aantal_clienten, world.werkzoekenden, "512")  # a colleague, meanwhile
    page = supplier.get(preview_url(job)).content.decode()
    assert "gewijzigd nadat u het bestand inlas" in page
    response = supplier.post(reverse("indicators:import_apply", args=[job.pk]), follow=True)
    assert "lees het bestand opnieuw in" in response.content.decode()
    assert stored(world, world.aantal_clienten, world.wsw).value == 666
    assert stored(world, world.aantal_clienten, world.werkzoekenden).value == 512


def test_verwerpen_discards_the_preview_and_saves_nothing(world, supplier):
    partly_filled(world)
    upload(supplier, world.submission, xlsx_file(changed_rows(world)))
    job = last_job()
    response = supplier.post(reverse("indicators:import_discard", args=[job.pk]), follow=True)
    assert "De import is verworpen; er is niets opgeslagen." in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportStatus.DISCARDED
    assert stored(world, world.aantal_clienten, world.wsw).value == 666
    applied = supplier.post(reverse("indicators:import_apply", args=[job.pk]), follow=True)
    assert "kan niet meer worden verwerkt" in applied.content.decode()
    assert stored(world, world.aantal_clienten, world.wsw).value == 666


def problems_of(job):
    return [(p["row"], p["column"], p["message"]) for p in job.summary["problems"]]


def test_every_problem_is_listed_with_its_row_and_column(world, supplier):
    rows = [
        row(world.aantal_clienten, world.werkzoekenden, 510),
        ["onbekend", "", "werkzoekenden", "", "walcheren", "", "2018H1", "", "1", "", "nee"],
        row(world.aantal_clienten, world.wsw, 5, periode="2018H2"),
        ["orionis-aantal-clienten", "", "jongeren", "", "walcheren", "", "", "", "1", "", "nee"],
        ["orionis-aantal-clienten", "", "wsw", "", "GM9999", "", "", "", "1", "", "nee"],
        row(world.uitstroom_pct, world.wsw, "1"),
        row(world.aantal_clienten, world.werkzoekenden, 511),
        row(world.uitstroom_pct, world.werkzoekenden, "120"),
        row(world.aantal_clienten, world.wsw, "6", voorlopig="misschien"),
    ]
    upload(supplier, world.submission, csv_file(rows), "cijfers.csv")
    assert problems_of(last_job()) == [
        (3, "Indicatorcode (kolom A)", "Onbekende indicator 'onbekend'."),
        (
            4,
            "Periode (kolom G)",
            "Periode 2018H2 hoort niet bij deze aanlevering; die gaat over 2018H1.",
        ),
        (5, "Doelgroepcode (kolom C)", "Onbekende doelgroep 'jongeren'."),
        (6, "Gebiedscode (CBS/regio) (kolom E)", "Onbekende gemeente of regio 'GM9999'."),
        (
            7,
            "Doelgroepcode (kolom C)",
            "Indicator 'orionis-uitstroom-werk' wordt niet voor doelgroep 'wsw' uitgevraagd.",
        ),
        (8, "", "Deze cel staat al eerder in de lijst (regel 2)."),
        (9, "Waarde (kolom I)", "Een percentage ligt tussen 0 en 100."),
        (
            10,
            "Status (kolom K)",
            "Vul bij status 'voorlopig', 'nader voorlopig' of 'definitief' in, niet 'misschien'.",
        ),
    ]


def test_an_area_outside_the_uitvraag_is_a_problem_of_the_gebied_column(world, supplier):
    rows = [["orionis-aantal-clienten", "", "wsw", "", "GM0718", "", "", "", "1", "", "nee"]]
    upload(supplier, world.submission, csv_file(rows), "cijfers.csv")
    assert problems_of(last_job()) == [
        (
            2,
            "Gebiedscode (CBS/regio) (kolom E)",
            "Gebied 'GM0718' hoort niet bij deze aanlevering (Halfjaarcijfers Orionis, 2018 "
            "eerste halfjaar).",
        )
    ]


def test_rows_with_problems_block_verwerken_so_nothing_typed_is_dropped(world, supplier):
    rows = [
        row(world.aantal_clienten, world.werkzoekenden, 510),
        ["onbekend", "", "", "", "walcheren", "", "2018H1", "", "1", "", "nee"],
    ]
    upload(supplier, world.submission, xlsx_file(rows))
    job = last_job()
    page = supplier.get(preview_url(job)).content.decode()
    assert "1 regel kan niet worden ingelezen" in page
    assert reverse("indicators:import_apply", args=[job.pk]) not in page
    response = supplier.post(reverse("indicators:import_apply", args=[job.pk]), follow=True)
    assert "regels die niet kunnen worden ingelezen" in response.content.decode()
    assert not Value.objects.exists()


def test_invalid_values_are_stored_as_typed_like_the_web_form_and_the_preview_says_so(
    world, supplier
):
    rows = [
        row(world.aantal_clienten, world.werkzoekenden, 510),
        row(world.aantal_clienten, world.wsw, "-3"),
    ]
    upload(supplier, world.submission, csv_file(rows), "cijfers.csv")
    job = last_job()
    page = supplier.get(preview_url(job)).content.decode()
    assert "Een aantal kan niet negatief zijn." in page
    assert "Wordt bewaard als ongeldige invoer" in page
    response = supplier.post(reverse("indicators:import_apply", args=[job.pk]), follow=True)
    assert "1 cijfer(s) zijn nog niet juist" in response.content.decode()
    invalid = stored(world, world.aantal_clienten, world.wsw)
    assert (invalid.raw, invalid.value, invalid.error) == (
        "-3",
        None,
        "Een aantal kan niet negatief zijn.",
    )


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "ods"])
def test_uploading_the_downloaded_template_unchanged_changes_nothing(world, supplier, fmt):
    fill_submission(world)
    store(world, world.aantal_clienten, world.wsw, "666", HYPERLINK, voorlopig=True)
    store(world, world.uitstroom_pct, world.werkzoekenden, "12.5")  # typed with a point
    content = download(supplier, world.submission, fmt).content
    upload(supplier, world.submission, content, f"sjabloon.{fmt}")
    counts = last_job().summary["counts"]
    assert (counts["nieuw"], counts["gewijzigd"], counts["ongewijzigd"]) == (0, 0, 3)


def test_a_formula_escaped_toelichting_is_imported_without_its_quote(world, supplier):
    rows = [row(world.aantal_clienten, world.wsw, 666, toelichting="'" + HYPERLINK)]
    upload(supplier, world.submission, xlsx_file(rows))
    supplier.post(reverse("indicators:import_apply", args=[last_job().pk]))
    assert stored(world, world.aantal_clienten, world.wsw).toelichting == HYPERLINK


def test_a_filled_in_xlsx_template_is_read_back(world, supplier):
    content = download(supplier, world.submission, "xlsx").content
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Cijfers"]
    sheet["I2"], sheet["I3"], sheet["I4"] = 510, 666, 12.5
    sheet["J3"], sheet["K3"] = "Schatting", "ja"
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload(supplier, world.submission, buffer.getvalue())
    supplier.post(reverse("indicators:import_apply", args=[last_job().pk]))
    wsw = stored(world, world.aantal_clienten, world.wsw)
    assert (wsw.value, wsw.toelichting, wsw.voorlopig) == (666, "Schatting", True)
    assert stored(world, world.uitstroom_pct, world.werkzoekenden).raw == "12,5"


def test_a_percentage_formatted_cell_is_read_as_the_percentage_it_shows(world, supplier):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(row(world.uitstroom_pct, world.werkzoekenden, 0.125))
    sheet["I2"].number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload(supplier, world.submission, buffer.getvalue())
    assert last_job().summary["changes"][0]["new"]["waarde"] == "12,5"


def test_a_csv_with_commas_and_loose_headers_without_bom_is_read(world, supplier):
    header = [" indicator code", "Doelgroep Code", "CBS-code", "PERIODE", "waarde ", "Opmerking"]
    rows = [
        ["orionis-aantal-clienten", "wsw", "walcheren", "2018S1", "1.234", "uit Suite"],
        ["orionis-uitstroom-werk", "werkzoekenden", "walcheren", "2018h1", "12,5", ""],
    ]
    upload(
        supplier,
        world.submission,
        csv_file(rows, header=header, delimiter=",", bom=False),
        "export.csv",
    )
    job = last_job()
    assert job.summary["problems"] == []
    assert [change["new"]["waarde"] for change in job.summary["changes"]] == ["1.234", "12,5"]
    supplier.post(reverse("indicators:import_apply", args=[job.pk]))
    assert stored(world, world.aantal_clienten, world.wsw).value == 1234
    assert stored(world, world.aantal_clienten, world.wsw).toelichting == "uit Suite"


def test_a_csv_saved_by_excel_in_windows_1252_is_read(world, supplier):
    rows = [["orionis-aantal-clienten", "wsw", "walcheren", "2018H1", "5", "café"]]
    header = ["Indicatorcode", "Doelgroepcode", "Gebiedscode", "Periode", "Waarde", "Toelichting"]
    text = "\r\n".join(";".join(line) for line in [header, *rows])
    upload(supplier, world.submission, text.encode("cp1252"), "excel.csv")
    assert last_job().summary["changes"][0]["new"]["toelichting"] == "café"


def test_a_file_without_the_required_columns_is_refused_with_a_clear_message(world, supplier):
    response = upload(
        supplier, world.submission, csv_file([["x", "1"]], header=["Naam", "Getal"]), "x.csv"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "De kopregel mist de kolom(men) &#x27;Indicatorcode&#x27;" in page
    assert 'aria-invalid="true"' in page
    assert not ImportJob.objects.exists()


def test_a_broken_spreadsheet_is_refused_with_a_clear_message(world, supplier):
    response = upload(supplier, world.submission, b"PK\x03\x04 kapot", "cijfers.xlsx")
    assert "kan niet worden gelezen als XLSX" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_no_upload_once_the_submission_is_submitted(world, supplier):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    page = supplier.get(upload_url(world.submission)).content.decode()
    assert "status &#x27;Ingediend&#x27;" in page
    assert 'type="file"' not in page
    response = upload(supplier, world.submission, xlsx_file(changed_rows(world)))
    assert response.status_code == 302
    assert not ImportJob.objects.exists()
    world.submission.refresh_from_db()
    assert world.submission.status == SubmissionStatus.INGEDIEND


def test_only_the_submissions_own_supplier_imports(world, client_for):
    beleid = client_for(world.beleid)
    response = upload(beleid, world.submission, xlsx_file(changed_rows(world)))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "indicators:submission_detail", args=[world.submission.pk]
    )
    for user in (world.porthos_leverancier, world.other_leverancier, world.griffie):
        response = upload(client_for(user), world.submission, xlsx_file(changed_rows(world)))
        assert response.status_code == 404
    assert not ImportJob.objects.exists()


def test_a_preview_is_only_seen_and_applied_by_whoever_uploaded_it(world, supplier, client_for):
    upload(supplier, world.submission, xlsx_file(changed_rows(world)))
    job = last_job()
    colleague = client_for(world.leverancier2)
    assert colleague.get(preview_url(job)).status_code == 404
    assert colleague.post(reverse("indicators:import_apply", args=[job.pk])).status_code == 404
    assert not Value.objects.exists()


def test_the_edit_and_detail_pages_link_to_the_import(world, supplier):
    url = upload_url(world.submission)
    edit = supplier.get(reverse("indicators:submission_edit", args=[world.submission.pk]))
    detail = supplier.get(reverse("indicators:submission_detail", args=[world.submission.pk]))
    assert url in edit.content.decode()
    assert url in detail.content.decode()


def test_the_preview_of_a_large_file_takes_a_bounded_number_of_queries(
    world, supplier, django_assert_max_num_queries
):
    world.uitvraag.areas.add(world.middelburg, world.veere, world.vlissingen)
    save_values(
        world.submission,
        world.leverancier,
        [
            CellInput(world.aantal_clienten.pk, world.wsw.pk, area.pk, "5")
            for area in world.uitvraag.areas.all()
        ],
    )
    content = download(supplier, world.submission, "csv").content
    # The job is created and taken under a lock (core.jobs), whatever the file's size.
    with django_assert_max_num_queries(30):
        upload(supplier, world.submission, content, "sjabloon.csv")
    with django_assert_max_num_queries(12):
        supplier.get(preview_url(last_job()))


def test_the_submissions_history_page_shows_the_import(world, supplier):
    upload(supplier, world.submission, xlsx_file(changed_rows(world)), "juni.xlsx")
    supplier.post(reverse("indicators:import_apply", args=[last_job().pk]))
    page = supplier.get(reverse("indicators:submission_history", args=[world.submission.pk]))
    assert "Import juni.xlsx" in page.content.decode()
