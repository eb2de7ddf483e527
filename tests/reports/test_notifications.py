"""E-mail when a report is ready or failed: to the requester and the gemeente's
beleidsmedewerkers, in Dutch, only after the work was committed."""

import pytest
from django.core import mail
from django.db import OperationalError

from notifications import tasks as mail_tasks
from organisations.models import Role
from reports import tasks
from reports.models import GenerationStatus
from reports.services import request_generation
from tests.factories import RegioFactory, make_user
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


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def regio_beleid(approved_world):
    return make_user(Role.BELEID, approved_world.walcheren, username="regio")


def test_the_requester_and_the_beleidsmedewerkers_hear_that_the_report_is_ready(
    report, approved_world, regio_beleid, generate, settings
):
    settings.SITE_URL = "https://monitor.walcheren.nl"
    world = approved_world
    requester = make_user(Role.BEHEERDER, None, username="functioneel")
    report = generate(report, requester)
    assert report.generation_status == GenerationStatus.DONE
    # The requester first; then the beleidsmedewerkers of Vlissingen and of the regio.
    assert recipients() == sorted([requester.email, world.beleid.email, regio_beleid.email])
    message = next(m for m in mail.outbox if m.to == [requester.email])
    assert message.subject == (
        "Klaar: Monitoring Sociaal Domein Vlissingen – 2018 eerste halfjaar (versie 1)"
    )
    # The link goes to the site's real address (SITE_URL), not to a guessed localhost.
    assert f"https://monitor.walcheren.nl/rapportages/{report.pk}/" in message.body
    assert report.pdf_sha256 in message.body and report.csv_sha256 in message.body
    assert "bied hem dan ter vaststelling aan" in message.body


def test_everyone_gets_a_message_of_their_own(generated_report):
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert not any(message.cc or message.bcc for message in mail.outbox)


def test_others_are_not_told(report, approved_world, generate):
    """Not the griffie, not beleid of another gemeente, not the suppliers, not inactive users."""
    world = approved_world
    gone = make_user(Role.BELEID, world.vlissingen, username="vertrokken", is_active=False)
    make_user(Role.BELEID, world.vlissingen, username="zonder", email="")
    generate(report, world.beleid)
    told = recipients()
    assert told == [world.beleid.email]
    for user in (world.griffie, world.beleid_veere, world.leverancier, gone):
        assert user.email not in told


def test_a_failed_report_is_announced_with_the_reason(
    report, approved_world, generate, monkeypatch
):
    def broken(content):
        raise ValueError("lettertype ontbreekt")

    monkeypatch.setattr(tasks, "render_pdf", broken)
    report = generate(report, approved_world.beleid)
    assert report.generation_status == GenerationStatus.FAILED
    [message] = mail.outbox
    assert message.subject.startswith("Mislukt: Monitoring Sociaal Domein Vlissingen")
    assert "ValueError: lettertype ontbreekt" in message.body
    assert "Probeer het opnieuw" in message.body


def test_a_transient_error_that_is_retried_away_sends_only_the_ready_message(
    report, approved_world, generate, monkeypatch
):
    calls = []
    original = tasks.render_pdf

    def flaky(content):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("verbinding verbroken")
        return original(content)

    monkeypatch.setattr(tasks, "render_pdf", flaky)
    generate(report, approved_world.beleid)
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Klaar"]


def test_nothing_is_sent_before_the_work_is_committed(
    report, approved_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        request_generation(report, approved_world.beleid)
    assert mail.outbox == []


def test_the_mail_is_sent_after_the_files_are_stored(
    report, approved_world, django_capture_on_commit_callbacks
):
    """The task stores the files in a transaction; the message waits for its commit."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request_generation(report, approved_world.beleid)
    assert mail.outbox
    names = [getattr(c, "__qualname__", "") for c in callbacks]
    assert any("report_ready" in name for name in names)


def test_a_mail_server_that_fails_does_not_fail_the_report(
    report, approved_world, generate, monkeypatch
):
    class Broken:
        def send_messages(self, messages):
            raise ConnectionRefusedError("smtp weg")

    monkeypatch.setattr(mail_tasks, "get_connection", lambda: Broken())
    report = generate(report, approved_world.beleid)
    assert report.generation_status == GenerationStatus.DONE
    assert mail.outbox == []


def test_beleid_of_a_regio_the_gemeente_is_not_in_is_not_told(report, approved_world, generate):
    other_regio = RegioFactory(code="schouwen", name="Schouwen-Duiveland")
    other_regio.gemeenten.set([approved_world.other_gemeente])
    outsider = make_user(Role.BELEID, other_regio, username="schouwen")
    generate(report, approved_world.beleid)
    assert outsider.email not in recipients()


def test_reports_made_while_silenced_announce_nothing(
    report, approved_world, django_capture_on_commit_callbacks, mailoutbox
):
    from reports.notifications import silenced
    from reports.services import generate_now

    with silenced(), django_capture_on_commit_callbacks(execute=True):
        made = generate_now(report, approved_world.beleid)
    assert made.pdf
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        generate_now(made, approved_world.beleid)
    assert len(mailoutbox) >= 1  # without it, the requester hears that the files are ready


def test_the_griffie_hears_when_a_report_of_its_gemeente_is_vastgesteld(
    generated_report, approved_world, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://localhost:8000"
    from reports.workflow import transition

    world = approved_world
    report = transition(generated_report, "aanbieden", world.beleid)
    report = transition(report, "collegebesluit", world.beleid, collegebesluit=COLLEGEBESLUIT)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = transition(report, "vaststellen", world.griffie, besluit=BESLUIT)
    # The griffie of Vlissingen (not Middelburg's) with its own message; the beleidsmedewerker
    # who offered it hears that the raad's adoption was registered.
    assert sorted(recipients()) == sorted([world.griffie.email, world.beleid.email])
    message = next(m for m in mail.outbox if m.to == [world.griffie.email])
    assert message.subject == (
        "Vastgesteld: Monitoring Sociaal Domein Vlissingen – 2018 eerste halfjaar (versie 1)"
    )
    assert "http://localhost:8000/rapportages/griffie/" in message.body
    assert "Vastgesteld door de gemeenteraad op 20 september 2018 (besluit RB-2018-42)" in (
        message.body
    )
    assert report.pdf_sha256 in message.body and report.csv_sha256 in message.body
    # The Excel file is internal: the griffie's mail does not mention it.
    assert report.xlsx_sha256 not in message.body and "Excel" not in message.body


def test_a_new_version_tells_the_griffie_what_it_replaces_and_why(
    generated_report, approved_world, generate, django_capture_on_commit_callbacks
):
    from reports.services import new_version
    from reports.workflow import transition

    world = approved_world
    first = vastgesteld(generated_report, world.beleid)
    second = generate(new_version(first, world.beleid, "Wsw-cijfer gecorrigeerd"), world.beleid)
    second = transition(second, "aanbieden", world.beleid)
    second = transition(second, "collegebesluit", world.beleid, collegebesluit=COLLEGEBESLUIT)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(second, "vaststellen", world.griffie, besluit=BESLUIT)
    body = next(m for m in mail.outbox if m.to == [world.griffie.email]).body
    assert "Deze versie vervangt versie 1. Reden: Wsw-cijfer gecorrigeerd" in body
