"""The adopted report says it is adopted: the PDF is printed again from its frozen source at each
step, with the status on every page, the collegebesluit and the raadsbesluit (and who registered
each) on the cover and the raadsbesluit in the footer; the XLSX and CSV carry the same facts, and
nothing changes the final files afterwards."""

import csv
import hashlib
import io
from datetime import date, timedelta

import openpyxl
import pypdf
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from reports import pdf as pdf_module
from reports.adoption import Besluit
from reports.models import Report, ReportStatus, ReportText
from reports.services import new_version, save_texts
from reports.workflow import ReportError, transition
from tests.reports.conftest import BESLUIT, COLLEGEBESLUIT, vastgesteld, with_files
from tests.reports.test_snapshot import correct_wsw

FOOTER = "Vastgesteld door de gemeenteraad op 20 september 2018 (besluit RB-2018-42)"


def to_college(report, user):
    """Offered and the collegebesluit recorded, both by ``user``: the raad's step is next."""
    transition(report, "aanbieden", user)
    return transition(report, "collegebesluit", user, collegebesluit=COLLEGEBESLUIT)


def read(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def pages(report) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(read(report.pdf)))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def body(texts: list[str], *stamps: str) -> list[str]:
    """The pages without their stamp: what must be the same in the offered and the final PDF."""
    cleaned = []
    for text in texts[1:]:  # the cover is where the status is written out
        for stamp in stamps:
            text = text.replace(stamp, "")
        cleaned.append(" ".join(text.split()))
    return cleaned


def files_of(report) -> tuple:
    report = Report.objects.get(pk=report.pk)
    return (
        report.pdf.name,
        report.pdf_sha256,
        read(report.pdf),
        report.xlsx_sha256,
        read(report.xlsx),
        report.csv_sha256,
        read(report.csv),
    )


def test_a_concept_pdf_says_concept_on_every_page(generated_report):
    texts = pages(generated_report)
    assert all("CONCEPT" in page for page in texts)
    assert "Status Concept" in texts[0]
    assert "nog niet vastgesteld" in texts[0]
    assert "Status bij het maken" not in texts[0]


def test_the_offered_pdf_says_ter_vaststelling_and_the_final_pdf_the_besluit(
    generated_report, approved_world, django_capture_on_commit_callbacks, client, mailoutbox
):
    user = approved_world.beleid
    generated = read(generated_report.pdf)
    offered = transition(generated_report, "aanbieden", user)
    offered_pages = pages(offered)
    assert all("TER VASTSTELLING" in page for page in offered_pages)
    assert not any("CONCEPT" in page for page in offered_pages)
    assert read(offered.pdf) != generated
    assert offered.pdf_sha256 == hashlib.sha256(read(offered.pdf)).hexdigest()
    offered_files = (offered.pdf.name, offered.pdf_sha256, offered.xlsx_sha256, offered.csv_sha256)

    # The collegebesluit prints nothing: the offered PDF goes to the raad as it is.
    college = transition(offered, "collegebesluit", user, collegebesluit=COLLEGEBESLUIT)
    assert (college.pdf.name, college.pdf_sha256) == offered_files[:2]
    griffie = approved_world.griffie
    with django_capture_on_commit_callbacks(execute=True):
        adopted = transition(college, "vaststellen", griffie, besluit=BESLUIT)
    final_pages = pages(adopted)
    cover = final_pages[0]
    assert "Status Vastgesteld" in cover
    assert "Vastgesteld door de gemeenteraad" in cover
    assert "Datum van vaststelling 20 september 2018" in cover
    # Both decisions and who registered each, on the cover.
    assert "Collegebesluit 4 september 2018, nummer B&W-2018-7" in cover
    assert f"Collegebesluit vastgelegd door {name(user)}" in cover
    assert "Raadsbesluit 20 september 2018, nummer RB-2018-42" in cover
    assert f"Vaststelling geregistreerd door {name(griffie)}" in cover
    assert not any("TER VASTSTELLING" in page or "CONCEPT" in page for page in final_pages)
    assert all(FOOTER in page for page in final_pages[1:])
    # The same figures and texts as the offered version: only the stamp differs.
    assert body(final_pages, f" · {FOOTER}") == body(offered_pages, "TER VASTSTELLING")
    # The checksums the griffie sees are those of the final files.
    assert adopted.pdf_sha256 == hashlib.sha256(read(adopted.pdf)).hexdigest()
    assert adopted.pdf_sha256 != offered_files[1]
    assert adopted.xlsx_sha256 == hashlib.sha256(read(adopted.xlsx)).hexdigest()
    assert adopted.csv_sha256 == hashlib.sha256(read(adopted.csv)).hexdigest()
    assert adopted.xlsx_sha256 != offered_files[2] and adopted.csv_sha256 != offered_files[3]
    assert adopted.snapshot.data["files"] | {"html": None} == {
        "pdf": adopted.pdf_sha256,
        "xlsx": adopted.xlsx_sha256,
        "csv": adopted.csv_sha256,
        "html": None,
    }
    # The Excel file says the same on its sheet "Over dit bestand" ...
    book = openpyxl.load_workbook(io.BytesIO(read(adopted.xlsx)))
    about = {row[0]: row[1] for row in book["Over dit bestand"].iter_rows(values_only=True)}
    assert about["Status"] == "Vastgesteld"
    assert about["Collegebesluit"] == "4 september 2018, nummer B&W-2018-7"
    assert about["Collegebesluit vastgelegd door"] == name(user)
    assert about["Raadsbesluit"] == "20 september 2018, nummer RB-2018-42"
    assert about["Vaststelling geregistreerd door"] == name(griffie)
    assert book["Cijfers"].max_row > 1  # and keeps its figures
    # ... and the open-data CSV in four columns on every row (dates and numbers, no names).
    rows = list(csv.reader(io.StringIO(read(adopted.csv).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-4:] == [
        "collegebesluit_datum",
        "collegebesluit_kenmerk",
        "raadsbesluit_datum",
        "raadsbesluit_nummer",
    ]
    assert len(rows) > 1
    assert all(
        row[-4:] == ["2018-09-04", "B&W-2018-7", "2018-09-20", "RB-2018-42"] for row in rows[1:]
    )
    assert name(griffie) not in read(adopted.csv).decode("utf-8-sig")
    assert (adopted.besluit_orgaan, adopted.besluit_datum, adopted.besluit_kenmerk) == (
        "raad",
        date(2018, 9, 20),
        "RB-2018-42",
    )
    assert adopted.events.get(action="vaststellen").reason == FOOTER
    assert adopted.events.get(action="collegebesluit").reason == (
        "Besloten door het college van B&W op 4 september 2018 (besluit B&W-2018-7)"
    )
    assert not default_storage.exists(offered_files[0])  # the offered file is replaced
    # The griffie hears of the final file, and its page shows the besluit and that checksum.
    assert FOOTER in mailoutbox[-1].body and adopted.pdf_sha256 in mailoutbox[-1].body
    client.force_login(approved_world.griffie)
    page = client.get(reverse("reports:griffie")).text
    assert adopted.pdf_sha256 in page
    assert "door de gemeenteraad, besluit RB-2018-42" in page


def name(user) -> str:
    return user.get_full_name() or user.username


def test_taking_a_report_back_prints_the_concept_again_byte_for_byte(
    generated_report, approved_world
):
    generated = read(generated_report.pdf)
    offered = transition(generated_report, "aanbieden", approved_world.beleid)
    assert read(offered.pdf) != generated
    back = transition(offered, "terugnemen", approved_world.beleid, reason="Tekst aanvullen")
    assert read(back.pdf) == generated
    assert back.pdf_sha256 == generated_report.pdf_sha256


def test_the_final_files_never_change_afterwards(generated_report, approved_world, admin_client):
    user = approved_world.beleid
    report = vastgesteld(generated_report, user)
    before = files_of(report)

    with pytest.raises(ReportError):
        save_texts(report, user, "Andere inleiding", {})
    assert files_of(report) == before
    # An approved figure is corrected: the vastgesteld report does not follow.
    correct_wsw(approved_world)
    assert files_of(report) == before
    # A new version is made, given other texts and its own files.
    fresh = new_version(report, user, "Correctie Wsw")
    ReportText.objects.filter(report=fresh).update(wat_zien_we="Nieuwe duiding")
    assert files_of(report) == before
    # The admin cannot save a vastgesteld report (read-only); a save through the ORM changes no file.
    response = admin_client.post(f"/admin/reports/report/{report.pk}/change/", {"title": "Anders"})
    assert response.status_code in (302, 403)
    Report.objects.get(pk=report.pk).save()
    assert files_of(report) == before
    # Vaststellen again is refused and leaves the files alone.
    with pytest.raises(ReportError):
        transition(report, "vaststellen", approved_world.griffie, besluit=BESLUIT)
    assert files_of(report) == before


def test_when_printing_fails_nothing_changes(generated_report, approved_world, monkeypatch):
    offered = to_college(generated_report, approved_world.beleid)
    before = files_of(offered)
    stored = set(default_storage.listdir(offered.pdf.name.rsplit("/", 1)[0])[1])

    def broken(*args, **kwargs):
        raise RuntimeError("pango weg")

    monkeypatch.setattr(pdf_module, "print_pdf", broken)
    with pytest.raises(ReportError, match="pango weg"):
        transition(offered, "vaststellen", approved_world.griffie, besluit=BESLUIT)
    report = Report.objects.get(pk=offered.pk)
    assert report.status == ReportStatus.COLLEGEBESLUIT
    assert (report.besluit_orgaan, report.besluit_datum) == ("", None)
    assert files_of(report) == before
    assert set(default_storage.listdir(report.pdf.name.rsplit("/", 1)[0])[1]) == stored


def test_a_failed_compare_and_swap_removes_the_printed_file(
    generated_report, approved_world, monkeypatch
):
    offered = to_college(generated_report, approved_world.beleid)
    folder = offered.pdf.name.rsplit("/", 1)[0]
    stored = set(default_storage.listdir(folder)[1])
    # Someone else takes it back while this PDF is being printed.
    original = pdf_module.print_pdf

    def meanwhile(*args, **kwargs):
        data = original(*args, **kwargs)
        Report.objects.filter(pk=offered.pk).update(status=ReportStatus.CONCEPT)
        return data

    monkeypatch.setattr(pdf_module, "print_pdf", meanwhile)
    with pytest.raises(ReportError):
        transition(offered, "vaststellen", approved_world.griffie, besluit=BESLUIT)
    assert set(default_storage.listdir(folder)[1]) == stored
    assert Report.objects.get(pk=offered.pk).pdf_sha256 == offered.pdf_sha256


BESLUIT_ERRORS = [
    # (besluit, the message that refuses it)
    (None, "Vul in wie de rapportage heeft vastgesteld"),
    (Besluit("wethouder", date(2018, 9, 20)), "het college of de raad"),
    (Besluit("raad", None), "Geef de datum van het besluit"),
    (Besluit("raad", timezone.localdate() + timedelta(days=1), "RB 1"), "in de toekomst"),
    (Besluit("raad", date(2018, 9, 20)), "Geef het nummer van het raadsbesluit"),
    (Besluit("raad", date(2018, 9, 3), "RB 1"), "pas vast na het collegebesluit"),
    (Besluit("college", date(2018, 9, 20), "B&W 1"), "leg het raadsbesluit vast"),
]


@pytest.mark.parametrize(("besluit", "message"), BESLUIT_ERRORS)
def test_vaststellen_needs_a_complete_raadsbesluit(report, world, besluit, message):
    to_college(with_files(report), world.beleid)
    with pytest.raises(ReportError, match=message):
        transition(report, "vaststellen", world.griffie, besluit=besluit)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.COLLEGEBESLUIT


COLLEGEBESLUIT_ERRORS = [
    (None, "datum van het collegebesluit"),
    (Besluit("college", None), "Geef de datum van het besluit"),
    (Besluit("college", timezone.localdate() + timedelta(days=1)), "in de toekomst"),
    (Besluit("raad", date(2018, 9, 4), "RB 1"), "datum van het collegebesluit"),
]


@pytest.mark.parametrize(("besluit", "message"), COLLEGEBESLUIT_ERRORS)
def test_the_collegebesluit_needs_its_date(report, world, besluit, message):
    transition(with_files(report), "aanbieden", world.beleid)
    with pytest.raises(ReportError, match=message):
        transition(report, "collegebesluit", world.beleid, collegebesluit=besluit)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.TER_VASTSTELLING


def test_taking_back_after_the_collegebesluit_clears_the_offer_and_the_decision(report, world):
    to_college(with_files(report), world.beleid)
    back = transition(report, "terugnemen", world.beleid, reason="Raad wil andere duiding")
    assert back.status == ReportStatus.CONCEPT
    assert (back.offered_by, back.college_besluit_datum, back.college_recorded_by) == (
        None,
        None,
        None,
    )
    # Offered again by a colleague: now the first beleidsmedewerker may register the adoption.
    from organisations.models import Role
    from tests.factories import make_user

    colleague = make_user(Role.BELEID, world.vlissingen)
    to_college(back, colleague)
    adopted = transition(back, "vaststellen", world.beleid, besluit=BESLUIT)
    assert adopted.status == ReportStatus.VASTGESTELD
    assert list(adopted.events.order_by("at", "pk").values_list("action", flat=True)) == [
        "aangemaakt",
        "aanbieden",
        "collegebesluit",
        "terugnemen",
        "aanbieden",
        "collegebesluit",
        "vaststellen",
    ]


def test_a_report_without_print_source_is_vastgesteld_with_its_files_as_they_are(report, world):
    report = with_files(report)
    adopted = vastgesteld(report, world.beleid)
    assert adopted.pdf_sha256 == hashlib.sha256(b"%PDF-1.7 test").hexdigest()
    assert adopted.besluit_kenmerk == "RB-2018-42"
