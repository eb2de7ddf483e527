"""Vaststelling: the snapshot of exactly the figures and texts a report was made from, frozen when
offered and vastgesteld; a later correction leads to a new version, never to a changed report."""

import hashlib
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition as submission_transition
from reports import tasks
from reports.content import collect
from reports.models import FrozenSnapshot, Report, ReportSnapshot, ReportStatus, ReportText
from reports.services import corrections, new_version
from reports.snapshot import changes_since_snapshot, figure_inputs, figures_fingerprint, prepare
from reports.workflow import ReportError, transition
from tests.reports.conftest import BESLUIT, COLLEGEBESLUIT, vastgesteld


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    """What the PDF looks like does not matter here (test_generation reads real ones): a small
    stand-in without charts keeps these tests fast."""
    from reports import charts, tasks

    monkeypatch.setattr(charts, "render", lambda chart: chart)
    monkeypatch.setattr(
        tasks, "render_pdf", lambda content: b"%PDF-1.7 " + content.report.title.encode()
    )


def correct_wsw(world, value="670"):
    """The beheerder reopens the approved 2018H1 submission; the supplier corrects the Wsw
    figure and it is approved again."""
    submission = world.submission
    submission_transition(submission, "heropenen", world.beheerder, reason="Wsw telde dubbel")
    save_values(
        submission,
        world.leverancier,
        [CellInput(world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk, value)],
    )
    submission_transition(submission, "indienen", world.leverancier)
    submission_transition(submission, "goedkeuren", world.beleid)


def read(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def test_generation_stores_a_snapshot_of_the_figures_texts_and_file_checksums(
    report, approved_world, generate
):
    ReportText.objects.create(
        report=report, thema=approved_world.aantal_clienten.thema, wat_zien_we="Meer uitstroom."
    )
    report = generate(report, approved_world.beleid)
    snapshot = ReportSnapshot.objects.get(report=report)
    data = snapshot.data
    assert data["files"] == {
        "pdf": report.pdf_sha256,
        "xlsx": report.xlsx_sha256,
        "csv": report.csv_sha256,
    }
    [text] = data["texts"]["texts"]
    assert (text["thema"], text["wat_zien_we"]) == ("iedereen-doet-mee", "Meer uitstroom.")
    assert [
        "orionis-aantal-clienten",
        "wsw",
        "walcheren",
        "2018H1",
        "666.000000",
        False,
        "",
    ] in data["inputs"]["values"]
    assert snapshot.figures_fingerprint == figures_fingerprint(figure_inputs(report))
    assert snapshot.generated_at == report.generated_at
    assert snapshot.frozen_at is None


def test_the_snapshot_holds_the_report_content_with_decimals_as_strings(generated_report):
    data = generated_report.snapshot.data["content"]
    # Each figure is written once (it also stands in the history and in the charts).
    figures = [data["shared"][ref] for ref in data["content"]["figures"]]
    wsw = [
        f
        for f in figures
        if data["objects"][f["indicator"]]["code"] == "orionis-aantal-clienten"
        and f["doelgroep"]
        and data["objects"][f["doelgroep"]]["code"] == "wsw"
    ]
    assert [f["value"] for f in wsw] == ["666.000000"]
    assert data["objects"][wsw[0]["period"]]["identifier"] == "2018H1"


def test_asking_again_with_the_same_inputs_keeps_the_files_without_making_them_again(
    generated_report, approved_world, generate, monkeypatch
):
    before = (generated_report.pdf.name, generated_report.pdf_sha256, generated_report.csv.name)

    def must_not_render(content):
        raise AssertionError("the files were made again")

    monkeypatch.setattr(tasks, "render_pdf", must_not_render)
    report = generate(generated_report, approved_world.beleid)
    assert report.generation_status == "done"
    assert (report.pdf.name, report.pdf_sha256, report.csv.name) == before
    assert report.events.first().action == "ongewijzigd"
    assert Report.objects.filter(pk=report.pk).count() == 1


def test_the_inputs_fingerprint_ignores_the_time_of_generation_but_not_the_texts(
    report, approved_world
):
    def fingerprint(when):
        return prepare(report, collect(report, when)).inputs_fingerprint

    first = fingerprint(datetime(2019, 4, 10, 10, 0, tzinfo=UTC))
    assert fingerprint(datetime(2019, 5, 1, 9, 30, tzinfo=UTC)) == first
    ReportText.objects.create(
        report=report, thema=approved_world.aantal_clienten.thema, wat_zien_we="Nieuw."
    )
    assert fingerprint(datetime(2019, 4, 10, 10, 0, tzinfo=UTC)) != first


def test_offering_is_refused_when_approved_figures_changed_since_generation(
    generated_report, approved_world
):
    correct_wsw(approved_world)
    with pytest.raises(ReportError, match="goedgekeurde cijfers gewijzigd"):
        transition(generated_report, "aanbieden", approved_world.beleid)
    assert Report.objects.get(pk=generated_report.pk).status == ReportStatus.CONCEPT


def test_after_making_the_report_again_it_can_be_offered(
    generated_report, approved_world, generate
):
    correct_wsw(approved_world)
    report = generate(generated_report, approved_world.beleid)
    report = transition(report, "aanbieden", approved_world.beleid)
    assert report.status == ReportStatus.TER_VASTSTELLING
    assert ["orionis-aantal-clienten", "wsw", "walcheren", "2018H1", "670.000000", False, ""] in (
        report.snapshot.data["inputs"]["values"]
    )


def test_offering_freezes_the_snapshot_and_taking_back_thaws_it(generated_report, approved_world):
    report = transition(generated_report, "aanbieden", approved_world.beleid)
    assert ReportSnapshot.objects.get(report=report).frozen_at is not None
    report = transition(report, "terugnemen", approved_world.beleid, reason="Duiding aanvullen")
    assert ReportSnapshot.objects.get(report=report).frozen_at is None


def test_the_snapshot_of_a_vastgesteld_report_cannot_be_changed(generated_report, approved_world):
    report = vastgesteld(generated_report, approved_world.beleid)
    snapshot = ReportSnapshot.objects.get(report=report)
    snapshot.data = {"vervalst": True}
    with pytest.raises(FrozenSnapshot):
        snapshot.save()
    with pytest.raises(FrozenSnapshot):
        snapshot.delete()
    assert "vervalst" not in ReportSnapshot.objects.get(report=report).data


def test_vaststellen_is_refused_when_a_file_differs_from_the_one_recorded(
    generated_report, approved_world
):
    report = transition(generated_report, "aanbieden", approved_world.beleid)
    report = transition(
        report, "collegebesluit", approved_world.beleid, collegebesluit=COLLEGEBESLUIT
    )
    with report.csv.storage.open(report.csv.name, "wb") as handle:
        handle.write(b"iets anders")
    with pytest.raises(ReportError, match="wijken af"):
        transition(report, "vaststellen", approved_world.griffie, besluit=BESLUIT)


def test_vaststellen_records_the_checksum_of_every_file_including_the_csv(
    generated_report, approved_world
):
    report = vastgesteld(generated_report, approved_world.beleid)
    assert report.csv_sha256 == hashlib.sha256(read(report.csv)).hexdigest()
    assert report.snapshot.data["files"]["csv"] == report.csv_sha256


def test_a_correction_never_changes_a_vastgesteld_report(generated_report, approved_world):
    report = vastgesteld(generated_report, approved_world.beleid)
    before = (
        report.status,
        report.pdf.name,
        report.pdf_sha256,
        report.xlsx_sha256,
        report.csv_sha256,
        report.snapshot.inputs_fingerprint,
        report.snapshot.data,
    )
    correct_wsw(approved_world)
    report = Report.objects.get(pk=report.pk)
    assert (
        report.status,
        report.pdf.name,
        report.pdf_sha256,
        report.xlsx_sha256,
        report.csv_sha256,
        report.snapshot.inputs_fingerprint,
        report.snapshot.data,
    ) == before
    assert hashlib.sha256(read(report.pdf)).hexdigest() == report.pdf_sha256


def test_corrections_since_the_vaststelling_are_detected_figure_by_figure(
    generated_report, approved_world
):
    report = vastgesteld(generated_report, approved_world.beleid)
    assert not corrections(report)
    correct_wsw(approved_world)
    changes = corrections(report)
    assert changes
    assert [c.description for c in changes.figures] == [
        "Aantal cliënten (Wsw, Walcheren, 2018H1): 666 → 670"
    ]
    assert changes.summary() == (
        "Correcties sinds de vaststelling: Aantal cliënten (Wsw, Walcheren, 2018H1): 666 → 670."
    )


def test_a_new_toelichting_alone_is_no_correction(generated_report, approved_world):
    report = vastgesteld(generated_report, approved_world.beleid)
    world = approved_world
    submission_transition(world.submission, "heropenen", world.beheerder, reason="Toelichting")
    save_values(
        world.submission,
        world.leverancier,
        [
            CellInput(
                world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk, "666", toelichting="X"
            )
        ],
    )
    submission_transition(world.submission, "indienen", world.leverancier)
    submission_transition(world.submission, "goedkeuren", world.beleid)
    assert changes_since_snapshot(report).figures == []


def test_a_reopened_submission_shows_its_figures_as_no_longer_approved(
    generated_report, approved_world
):
    report = vastgesteld(generated_report, approved_world.beleid)
    world = approved_world
    submission_transition(world.submission, "heropenen", world.beheerder, reason="Controle")
    descriptions = [c.description for c in corrections(report).figures]
    assert "Aantal cliënten (Wsw, Walcheren, 2018H1): 666 → geen goedgekeurd cijfer" in (
        descriptions
    )


def detail(client, user, report):
    client.force_login(user)
    return client.get(reverse("reports:detail", args=[report.pk])).text


def test_the_detail_page_says_there_are_corrections_since_the_vaststelling(
    client, generated_report, approved_world
):
    report = vastgesteld(generated_report, approved_world.beleid)
    assert "Er zijn correcties sinds de vaststelling" not in detail(
        client, approved_world.beleid, report
    )
    correct_wsw(approved_world)
    page = detail(client, approved_world.beleid, report)
    assert "Er zijn correcties sinds de vaststelling" in page
    assert "Aantal cliënten (Wsw, Walcheren, 2018H1): 666 → 670" in page
    assert 'href="#nieuwe-versie"' in page
    # The reason for the new version is filled in with the corrections.
    assert "Correcties sinds de vaststelling: Aantal cliënten" in page


def test_the_new_version_says_which_version_it_replaces_and_why(
    client, generated_report, approved_world
):
    report = vastgesteld(generated_report, approved_world.beleid)
    correct_wsw(approved_world)
    client.force_login(approved_world.beleid)
    response = client.post(
        reverse("reports:new_version", args=[report.pk]),
        {"nieuwe_versie-reden": "Correcties sinds de vaststelling: Wsw 666 → 670."},
    )
    fresh = Report.objects.get(replaces=report)
    assert response.url == reverse("reports:detail", args=[fresh.pk])
    assert (fresh.version, fresh.status) == (2, ReportStatus.CONCEPT)
    assert fresh.replacement_reason == "Correcties sinds de vaststelling: Wsw 666 → 670."
    assert Report.objects.get(pk=report.pk).status == ReportStatus.VASTGESTELD
    page = detail(client, approved_world.beleid, report)
    assert "Er zijn correcties sinds de vaststelling" in page
    assert 'href="#nieuwe-versie"' not in page  # one new version per vastgesteld report


def test_a_concept_with_changed_figures_asks_to_be_made_again(
    client, generated_report, approved_world
):
    correct_wsw(approved_world)
    page = detail(client, approved_world.beleid, generated_report)
    assert "Er zijn cijfers gewijzigd sinds het maken" in page
    assert "Maak de rapportage opnieuw voordat u hem aanbiedt." in page


def test_the_griffie_page_shows_which_version_replaced_which_with_every_public_checksum(
    client, generated_report, approved_world, generate
):
    world = approved_world
    old = vastgesteld(generated_report, world.beleid)
    correct_wsw(world)
    fresh = generate(new_version(old, world.beleid, "Wsw-cijfer gecorrigeerd"), world.beleid)
    fresh = vastgesteld(fresh, world.beleid)
    client.force_login(world.griffie)
    page = client.get(reverse("reports:griffie")).text
    assert "Vervangt versie 1. Wsw-cijfer gecorrigeerd" in page
    assert "Vervangen door versie 2." in page
    for report in (old, fresh):
        for kind in ("pdf", "csv"):
            assert getattr(report, f"{kind}_sha256") in page
            assert reverse("reports:download", args=[report.pk, kind]) in page
        # The Excel file has the exact small counts: not for the griffie.
        assert report.xlsx_sha256 not in page
        assert reverse("reports:download", args=[report.pk, "xlsx"]) not in page


def test_without_corrections_the_detail_page_does_not_read_every_figure(
    client, generated_report, approved_world, monkeypatch
):
    from reports import snapshot

    report = vastgesteld(generated_report, approved_world.beleid)

    def every_figure(report):
        raise AssertionError("read every figure")

    monkeypatch.setattr(snapshot, "figure_inputs", every_figure)
    assert "Er zijn correcties sinds de vaststelling" not in detail(
        client, approved_world.beleid, report
    )
