import hashlib

import pytest

from reports.models import GenerationStatus, Report, ReportEvent, ReportStatus, ReportText
from reports.services import create_report, new_version, request_generation, save_texts
from reports.workflow import ReportError, available_actions, transition
from tests.factories import period
from tests.reports.conftest import BESLUIT, vastgesteld, with_files


@pytest.fixture
def report(world):
    return create_report(world.vlissingen, period("2018H1"), world.beleid)


def test_a_new_report_is_a_concept_titled_after_gemeente_and_period(report, world):
    assert report.status == ReportStatus.CONCEPT
    assert report.version == 1
    assert report.title == "Monitoring Sociaal Domein Vlissingen – 2018 eerste halfjaar"
    assert report.generation_status == GenerationStatus.NONE
    assert ReportEvent.objects.get(report=report).action == "aangemaakt"


def test_a_second_report_for_the_same_period_is_refused_while_one_is_open(report, world):
    with pytest.raises(ReportError, match="al een rapportage"):
        create_report(world.vlissingen, period("2018H1"), world.beleid)


def test_after_vaststelling_a_new_report_gets_the_next_version(report, world):
    vastgesteld(with_files(report), world.beleid)
    assert create_report(world.vlissingen, period("2018H1"), world.beleid).version == 2


def test_beleid_of_another_gemeente_cannot_start_a_report(world):
    with pytest.raises(ReportError, match="geen rapportage maken"):
        create_report(world.vlissingen, period("2018H1"), world.beleid_veere)
    with pytest.raises(ReportError):
        create_report(world.vlissingen, period("2018H1"), world.griffie)
    assert not Report.objects.exists()


def test_a_beheerder_may_start_a_report_for_any_gemeente(world):
    assert create_report(world.other_gemeente, period("2018H1"), world.beheerder).pk


def test_offering_needs_generated_files(report, world):
    with pytest.raises(ReportError, match="Maak eerst de rapportage"):
        transition(report, "aanbieden", world.beleid)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.CONCEPT


def test_offering_after_generation_moves_the_report_ter_vaststelling(report, world):
    report = transition(with_files(report), "aanbieden", world.beleid)
    assert report.status == ReportStatus.TER_VASTSTELLING
    event = report.events.first()
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        "aanbieden",
        "concept",
        "ter_vaststelling",
        world.beleid,
    )


def test_offering_is_refused_when_the_duiding_changed_after_generation(report, world):
    with_files(report)
    save_texts(report, world.beleid, "", {world.aantal_clienten.thema_id: "Nieuwe duiding"})
    with pytest.raises(ReportError, match="opnieuw"):
        transition(report, "aanbieden", world.beleid)


def test_taking_back_needs_a_reason(report, world):
    transition(with_files(report), "aanbieden", world.beleid)
    with pytest.raises(ReportError, match="reden"):
        transition(report, "terugnemen", world.beleid, reason=" ")
    report = transition(report, "terugnemen", world.beleid, reason="Duiding aanvullen")
    assert report.status == ReportStatus.CONCEPT
    assert report.events.first().reason == "Duiding aanvullen"


@pytest.mark.parametrize("offered", [False, True])
def test_the_raad_adopts_only_after_the_collegebesluit(report, world, offered):
    with_files(report)
    if offered:
        transition(report, "aanbieden", world.beleid)
    with pytest.raises(ReportError, match="kan niet bij status"):
        transition(report, "vaststellen", world.griffie, besluit=BESLUIT)


def test_vaststellen_freezes_the_report_with_the_checksums_of_the_stored_files(report, world):
    with_files(report, pdf=b"%PDF-1.7 de echte inhoud")
    # Whatever was recorded at generation, the checksum of the file as adopted is what counts.
    Report.objects.filter(pk=report.pk).update(pdf_sha256="0" * 64)
    report = vastgesteld(report, world.beleid)
    assert report.is_frozen
    assert report.vastgesteld_by == world.griffie
    assert report.vastgesteld_at is not None
    assert report.pdf_sha256 == hashlib.sha256(b"%PDF-1.7 de echte inhoud").hexdigest()
    assert report.xlsx_sha256 == hashlib.sha256(b"PK test").hexdigest()


def test_the_checksum_of_a_vastgesteld_report_matches_its_final_file(approved_world, generate):
    world = approved_world
    report = generate(create_report(world.vlissingen, period("2018H1"), world.beleid), world.beleid)
    generated_sha = report.pdf_sha256
    report = vastgesteld(report, world.beleid)
    with report.pdf.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == report.pdf_sha256
    # The final PDF is printed again with the besluit on it: a file of its own.
    assert report.pdf_sha256 != generated_sha


def test_a_vastgesteld_report_cannot_be_generated_again(report, world):
    report = vastgesteld(with_files(report), world.beleid)
    with pytest.raises(ReportError, match="vastgesteld"):
        request_generation(report, world.beleid)
    assert Report.objects.get(pk=report.pk).generation_status == GenerationStatus.DONE


def test_a_report_ter_vaststelling_cannot_be_generated_again(report, world):
    transition(with_files(report), "aanbieden", world.beleid)
    with pytest.raises(ReportError, match="terug"):
        request_generation(report, world.beleid)


def test_generation_is_not_requested_twice_at_once(
    report, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        request_generation(report, world.beleid)
    assert report.generation_status == GenerationStatus.QUEUED
    assert report.progress == 0
    assert len(callbacks) == 1
    with pytest.raises(ReportError, match="al gemaakt"):
        request_generation(report, world.beleid)


def test_the_duiding_of_a_report_ter_vaststelling_cannot_change(report, world):
    transition(with_files(report), "aanbieden", world.beleid)
    with pytest.raises(ReportError, match="concept"):
        save_texts(report, world.beleid, "Inleiding", {})


def test_saving_the_duiding_is_audited(report, world):
    thema = world.aantal_clienten.thema
    changed = save_texts(report, world.beleid, "Inleiding", {thema.pk: "Wat we zien"})
    assert changed == ["Inleiding", "Iedereen doet mee"]
    assert ReportText.objects.get(report=report, thema=thema).wat_zien_we == "Wat we zien"
    assert report.events.first().action == "duiding"
    assert save_texts(report, world.beleid, "Inleiding", {thema.pk: "Wat we zien"}) == []


def test_a_new_version_replaces_a_vastgesteld_report_which_stays_intact(report, world):
    ReportText.objects.create(
        report=report, thema=world.aantal_clienten.thema, wat_zien_we="Duiding"
    )
    old = vastgesteld(with_files(report), world.beleid)
    frozen = (old.status, old.pdf.name, old.pdf_sha256, old.xlsx_sha256, old.vastgesteld_at)
    fresh = new_version(old, world.beleid, "Wsw-cijfer gecorrigeerd")
    assert (fresh.version, fresh.status, fresh.replaces) == (2, ReportStatus.CONCEPT, old)
    assert fresh.replacement_reason == "Wsw-cijfer gecorrigeerd"
    assert fresh.texts.get().wat_zien_we == "Duiding"
    assert not fresh.pdf
    old.refresh_from_db()
    assert (old.status, old.pdf.name, old.pdf_sha256, old.xlsx_sha256, old.vastgesteld_at) == frozen
    with old.pdf.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == old.pdf_sha256


def test_a_new_version_needs_a_reason_and_a_vastgesteld_report(report, world):
    with pytest.raises(ReportError, match="reden"):
        new_version(report, world.beleid, "")
    with pytest.raises(ReportError, match="vastgestelde"):
        new_version(report, world.beleid, "Correctie")


def test_only_one_new_version_per_vastgesteld_report(report, world):
    old = vastgesteld(with_files(report), world.beleid)
    new_version(old, world.beleid, "Correctie")
    with pytest.raises(ReportError, match="al een nieuwe versie"):
        new_version(old, world.beleid, "Nog een correctie")


@pytest.mark.parametrize("who", ["beleid_veere", "other_beleid", "griffie", "leverancier"])
def test_only_beleid_of_the_gemeente_may_move_a_report(report, world, who):
    user = getattr(world, who)
    with_files(report)
    assert available_actions(report, user) == []
    with pytest.raises(ReportError, match="niet uitvoeren"):
        transition(report, "aanbieden", user)
    with pytest.raises(ReportError, match="niet uitvoeren"):
        request_generation(report, user)


def test_a_beheerder_may_move_any_report(report, world):
    assert transition(with_files(report), "aanbieden", world.beheerder).status == (
        ReportStatus.TER_VASTSTELLING
    )


def test_an_unknown_action_is_refused(report, world):
    with pytest.raises(ReportError, match="Onbekende actie"):
        transition(report, "publiceren", world.beleid)


def test_a_generation_that_got_lost_may_be_requested_again(
    report, world, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=False):
        request_generation(report, world.beleid)
    Report.objects.filter(pk=report.pk).update(
        generation_requested_at=timezone.now() - timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        request_generation(report, world.beleid)
    assert len(callbacks) == 1
