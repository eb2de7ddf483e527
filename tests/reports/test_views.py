import pytest
from django.urls import reverse

from organisations.models import Role
from reports.models import GenerationStatus, Report, ReportStatus, ReportText
from reports.services import create_report, new_version, request_generation
from reports.workflow import transition
from tests.factories import make_user, period
from tests.reports.conftest import vastgesteld, with_files


@pytest.fixture
def report(world):
    return create_report(world.vlissingen, period("2018H1"), world.beleid)


def login(client, user):
    client.force_login(user)
    return client


def detail_url(report):
    return reverse("reports:detail", args=[report.pk])


def download_url(report, kind="pdf"):
    return reverse("reports:download", args=[report.pk, kind])


# --- list and start -------------------------------------------------------------------------


def test_the_list_shows_the_reports_of_the_own_gemeente_only(client, world, report):
    create_report(world.veere, period("2018H1"), world.beleid_veere)
    response = login(client, world.beleid).get(reverse("reports:list"))
    assert response.status_code == 200
    assert "Monitoring Sociaal Domein Vlissingen – 2018 eerste halfjaar" in response.text
    assert "Veere – 2018" not in response.text


def test_the_list_page_needs_few_queries(client, world, django_assert_max_num_queries):
    for identifier in ["2017H1", "2017H2", "2018H1", "2018H2"]:
        create_report(world.vlissingen, period(identifier), world.beleid)
        create_report(world.veere, period(identifier), world.beheerder)
    login(client, world.beheerder)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("reports:list"))
    assert response.text.count("<tr>") == 9


def test_beleid_starts_a_report_from_the_list(client, world):
    response = login(client, world.beleid).post(
        reverse("reports:list"),
        {"gemeente": world.vlissingen.pk, "period": period("2018H1").pk},
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(report)
    assert report.created_by == world.beleid


def test_beleid_cannot_start_a_report_for_another_gemeente(client, world):
    response = login(client, world.beleid).post(
        reverse("reports:list"),
        {"gemeente": world.veere.pk, "period": period("2018H1").pk},
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    assert not Report.objects.exists()


def test_starting_a_second_open_report_shows_why_not(client, world, report):
    response = login(client, world.beleid).post(
        reverse("reports:list"),
        {"gemeente": world.vlissingen.pk, "period": period("2018H1").pk},
    )
    assert response.status_code == 400
    assert "Er is al een rapportage voor Vlissingen" in response.text


def test_the_griffie_is_sent_from_the_list_to_its_own_page(client, world):
    response = login(client, world.griffie).get(reverse("reports:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:griffie")


# --- detail ---------------------------------------------------------------------------------


def test_the_detail_page_follows_a_running_generation(
    client, world, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        request_generation(report, world.beleid)
    response = login(client, world.beleid).get(detail_url(report))
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in response.text
    assert '<progress id="aanmaak-voortgang"' in response.text
    assert reverse("reports:progress", args=[report.pk]) in response.text
    progress = client.get(reverse("reports:progress", args=[report.pk])).json()
    assert progress == {
        "generation_status": "queued",
        "generation_status_display": "In de wachtrij",
        "progress": 0,
        "message": "In de wachtrij",
        "error": "",
        "finished": False,
    }


def test_the_generate_button_makes_the_files(
    client, approved_world, django_capture_on_commit_callbacks
):
    world = approved_world
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    login(client, world.beleid)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:generate", args=[report.pk]))
    assert response.status_code == 302
    progress = client.get(reverse("reports:progress", args=[report.pk])).json()
    assert (progress["generation_status"], progress["progress"], progress["finished"]) == (
        "done",
        100,
        True,
    )
    page = client.get(detail_url(report)).text
    assert "http-equiv" not in page
    assert download_url(report, "pdf") in page and download_url(report, "xlsx") in page


def test_the_detail_page_links_to_the_texts_and_the_preview(client, world, report):
    page = login(client, world.beleid).get(detail_url(report)).text
    assert reverse("reports:texts_edit", args=[report.pk]) in page
    assert reverse("reports:preview", args=[report.pk]) in page


def test_the_older_duiding_form_still_saves_wat_zien_we_per_thema(client, world, report):
    thema = world.aantal_clienten.thema
    login(client, world.beleid)
    response = client.post(
        reverse("reports:texts", args=[report.pk]),
        {"introduction": "Tweede rapportage", f"thema_{thema.pk}": "Meer uitstroom."},
    )
    assert response.status_code == 302
    assert ReportText.objects.get(report=report, thema=thema).wat_zien_we == "Meer uitstroom."
    assert "Meer uitstroom." in client.get(reverse("reports:texts_edit", args=[report.pk])).text


def test_offering_without_files_shows_the_reason(client, world, report):
    login(client, world.beleid)
    response = client.post(reverse("reports:action", args=[report.pk, "aanbieden"]), follow=True)
    assert "Maak eerst de rapportage" in response.text
    assert Report.objects.get(pk=report.pk).status == ReportStatus.CONCEPT


def test_taking_back_without_a_reason_marks_the_field(client, world, report):
    transition(with_files(report), "aanbieden", world.beleid)
    response = login(client, world.beleid).post(
        reverse("reports:action", args=[report.pk, "terugnemen"]), {"terugnemen-reden": ""}
    )
    assert response.status_code == 400
    assert 'id="id_terugnemen-reden_error"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert Report.objects.get(pk=report.pk).status == ReportStatus.TER_VASTSTELLING


def test_offer_record_the_college_and_adopt_through_the_buttons(client, world, report):
    with_files(report)
    login(client, world.beleid)
    action = lambda name: reverse("reports:action", args=[report.pk, name])  # noqa: E731
    # Every step asks first, on a page that says what will happen; nothing changes until then.
    confirm = client.post(action("aanbieden"))
    assert "Ter vaststelling aanbieden bevestigen" in confirm.text
    assert Report.objects.get(pk=report.pk).status == ReportStatus.CONCEPT
    client.post(action("aanbieden"), {"bevestigd": "1"})
    assert Report.objects.get(pk=report.pk).status == ReportStatus.TER_VASTSTELLING
    college = {"collegebesluit-datum": "2018-09-04", "collegebesluit-kenmerk": "B&W-2018-7"}
    confirm = client.post(action("collegebesluit"), college)
    assert "Collegebesluit vastleggen bevestigen" in confirm.text
    assert "Besloten door het college van B&amp;W op 4 september 2018" in confirm.text
    assert Report.objects.get(pk=report.pk).status == ReportStatus.TER_VASTSTELLING
    client.post(action("collegebesluit"), {**college, "bevestigd": "1"})
    assert Report.objects.get(pk=report.pk).status == ReportStatus.COLLEGEBESLUIT
    # Whoever offered it does not register the raad's adoption: no form, and a reason why.
    page = client.get(detail_url(report)).text
    assert "vier-ogenprincipe" in page and "vaststellen-kenmerk" not in page
    colleague = make_user(Role.BELEID, world.vlissingen, username="collega")
    login(client, colleague)
    besluit = {"vaststellen-datum": "2018-09-20", "vaststellen-kenmerk": "RB-2018-42"}
    confirm = client.post(action("vaststellen"), besluit)
    assert "Vaststelling door de raad vastleggen bevestigen" in confirm.text
    assert Report.objects.get(pk=report.pk).status == ReportStatus.COLLEGEBESLUIT
    client.post(action("vaststellen"), {**besluit, "bevestigd": "1"})
    report.refresh_from_db()
    assert report.status == ReportStatus.VASTGESTELD
    assert report.vastgesteld_by == colleague
    page = client.get(detail_url(report)).text
    assert "Deze rapportage is vastgesteld" in page
    assert "Vastgesteld door de gemeenteraad op 20 september 2018" in page
    assert "RB-2018-42" in page
    assert report.pdf_sha256 in page
    assert reverse("reports:generate", args=[report.pk]) not in page


def test_a_new_version_is_made_from_the_detail_page(client, world, report):
    old = vastgesteld(with_files(report), world.beleid)
    response = login(client, world.beleid).post(
        reverse("reports:new_version", args=[old.pk]),
        {"nieuwe_versie-reden": "Correctie Wsw"},
    )
    fresh = Report.objects.get(replaces=old)
    assert response["Location"] == detail_url(fresh)
    assert fresh.replacement_reason == "Correctie Wsw"
    assert Report.objects.get(pk=old.pk).status == ReportStatus.VASTGESTELD


def test_the_event_history_is_shown(client, world, report):
    transition(with_files(report), "aanbieden", world.beleid)
    transition(report, "terugnemen", world.beleid, reason="Duiding aanvullen")
    page = login(client, world.beleid).get(detail_url(report)).text
    assert "Ter vaststelling aangeboden" in page
    assert "Teruggenomen" in page and "Duiding aanvullen" in page
    assert "Rapportage aangemaakt" in page


# --- downloads ------------------------------------------------------------------------------


def test_beleid_downloads_the_concept_pdf_with_a_clear_filename(client, world, report):
    with_files(report, pdf=b"%PDF-1.7 concept")
    response = login(client, world.beleid).get(download_url(report))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        'filename="monitoring-sociaal-domein-vlissingen-2018h1-v1.pdf"'
        in response["Content-Disposition"]
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.7 concept"


def test_the_xlsx_download_has_the_spreadsheet_type(client, world, report):
    with_files(report)
    response = login(client, world.beleid).get(download_url(report, "xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith('-v1.xlsx"')


def test_an_unknown_file_kind_or_a_missing_file_is_not_found(client, world, report):
    login(client, world.beleid)
    assert client.get(download_url(report, "docx")).status_code == 404
    assert client.get(download_url(report, "pdf")).status_code == 404


def test_the_griffie_downloads_a_vastgesteld_report_of_its_own_gemeente(client, world, report):
    vastgesteld(with_files(report, pdf=b"%PDF-1.7 vastgesteld"), world.beleid)
    response = login(client, world.griffie).get(download_url(report))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 vastgesteld"


# --- griffie page ---------------------------------------------------------------------------


def test_the_griffie_page_lists_vastgestelde_reports_of_the_own_gemeente(client, world, report):
    vastgesteld(with_files(report), world.beleid)
    create_report(world.vlissingen, period("2018H2"), world.beleid)  # concept: not shown
    middelburg = create_report(world.middelburg, period("2018H1"), world.beheerder)
    vastgesteld(with_files(middelburg), world.beheerder)
    response = login(client, world.griffie).get(reverse("reports:griffie"))
    assert response.status_code == 200
    page = response.text
    assert '<h2 id="jaar-2018">2018</h2>' in page
    assert "2018 eerste halfjaar – Vlissingen" in page
    assert report.pdf_sha256 in page and report.xlsx_sha256 not in page
    assert "kleine aantallen (1 tot en met 7) geheim" in page  # the configured rule
    assert download_url(report) in page
    assert "2018 tweede halfjaar" not in page
    assert "Middelburg" not in page


def test_the_griffie_page_shows_the_version_history(client, world, report):
    old = vastgesteld(with_files(report, pdf=b"%PDF v1"), world.beleid)
    fresh = new_version(old, world.beleid, "Wsw-cijfer gecorrigeerd")
    vastgesteld(with_files(fresh, pdf=b"%PDF v2"), world.beleid)
    page = login(client, world.griffie).get(reverse("reports:griffie")).text
    assert page.index("Versie 2") < page.index("Versie 1")
    assert "geldende versie" in page and "vervangen" in page
    assert "Vervangt versie 1. Wsw-cijfer gecorrigeerd" in page
    assert download_url(old) in page and download_url(fresh) in page


def test_the_griffie_page_needs_few_queries(client, world, django_assert_max_num_queries):
    for identifier in ["2017H1", "2017H2", "2018H1", "2018H2"]:
        report = vastgesteld(
            with_files(create_report(world.vlissingen, period(identifier), world.beleid)),
            world.beleid,
        )
        vastgesteld(with_files(new_version(report, world.beleid, "Correctie")), world.beleid)
    login(client, world.griffie)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("reports:griffie"))
    assert response.text.count("geldende versie") == 4


def test_failed_generation_shows_its_reason(client, world, report):
    Report.objects.filter(pk=report.pk).update(
        generation_status=GenerationStatus.FAILED,
        generation_error="Het maken van de rapportage is mislukt: ValueError: kapot",
    )
    page = login(client, world.beleid).get(detail_url(report)).text
    assert "mislukt: ValueError: kapot" in page


def test_every_text_is_shown_read_only_once_offered(client, world, report):
    from reports.models import ReportSupplierText

    thema = world.aantal_clienten.thema
    ReportText.objects.create(
        report=report,
        thema=thema,
        wat_zien_we="Stabiel.",
        rol_gemeente="# Armoedebeleid\n\nDe gemeente stimuleert.",
    )
    ReportSupplierText.objects.create(
        report=report, thema=thema, uitvoerder=world.orionis, wat_valt_op="Meer uitstroom."
    )
    transition(with_files(report), "aanbieden", world.beleid)
    page = login(client, world.beleid).get(detail_url(report)).text
    assert f"<summary>{thema.name}</summary>" in page
    assert "<h3>4. Wat zien we? – Overige duiding</h3><p>Stabiel.</p>" in page
    assert '<h4 class="tussenkop">Armoedebeleid</h4>' in page
    assert f"<summary>{thema.name} – Orionis Walcheren</summary>" in page
    assert "<h3>4. Wat valt op?</h3><p>Meer uitstroom.</p>" in page
    assert reverse("reports:texts", args=[report.pk]) not in page
    assert reverse("reports:texts_edit", args=[report.pk]) not in page
