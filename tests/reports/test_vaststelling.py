"""The vaststelling in two recorded steps (issue 15): the griffie's raadsbesluit page, the
notifications and the audit of each step, and the migration of reports made before."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from notifications.models import Event, Notification
from organisations.models import Role
from reports.models import Report, ReportEvent, ReportStatus
from reports.workflow import transition
from tests.factories import make_user
from tests.reports.conftest import BESLUIT, COLLEGEBESLUIT, with_files

R = ReportStatus


def at_college(report, user):
    transition(with_files(report), "aanbieden", user)
    return transition(report, "collegebesluit", user, collegebesluit=COLLEGEBESLUIT)


# (who, report status, what they get on the raadsbesluit page)
RAADSBESLUIT_PAGE = [
    ("griffie", R.COLLEGEBESLUIT, 200),
    ("collega", R.COLLEGEBESLUIT, 200),
    ("beheerder", R.COLLEGEBESLUIT, 200),
    ("beleid", R.COLLEGEBESLUIT, 200),  # the page opens, but says four-eyes and has no form
    ("griffie_middelburg", R.COLLEGEBESLUIT, 404),
    ("beleid_veere", R.COLLEGEBESLUIT, 404),
    ("leverancier", R.COLLEGEBESLUIT, 404),
    ("griffie", R.TER_VASTSTELLING, 404),  # before the collegebesluit the griffie sees nothing
    ("griffie", R.VASTGESTELD, 404),
]


@pytest.mark.parametrize(("who", "status", "expected"), RAADSBESLUIT_PAGE)
def test_who_opens_the_raadsbesluit_page(client, world, report, who, status, expected):
    users = {
        "griffie": world.griffie,
        "collega": make_user(Role.BELEID, world.vlissingen),
        "beheerder": world.beheerder,
        "beleid": world.beleid,
        "griffie_middelburg": world.griffie_middelburg,
        "beleid_veere": world.beleid_veere,
        "leverancier": world.leverancier,
    }
    if status == R.TER_VASTSTELLING:
        transition(with_files(report), "aanbieden", world.beleid)
    else:
        at_college(report, world.beleid)
    if status == R.VASTGESTELD:
        transition(report, "vaststellen", world.griffie, besluit=BESLUIT)
    client.force_login(users[who])
    response = client.get(reverse("reports:raadsbesluit", args=[report.pk]))
    assert response.status_code == expected
    if expected == 200:
        form = "vaststellen-kenmerk" in response.text
        assert form is (who != "beleid")
        assert "Besloten door het college van B&amp;W op 4 september 2018" in response.text
        # No files before the vaststelling: not for the griffie, not on this page.
        assert "/download/" not in response.text


def test_the_griffie_registers_the_raadsbesluit_from_its_page(client, world, report):
    at_college(report, world.beleid)
    client.force_login(world.griffie)
    overview = client.get(reverse("reports:griffie")).text
    page = reverse("reports:raadsbesluit", args=[report.pk])
    assert "Aangeboden aan de raad" in overview and page in overview
    assert f"/rapportages/{report.pk}/download/" not in overview
    data = {"vaststellen-datum": "2018-09-20", "vaststellen-kenmerk": "RB-2018-42"}
    confirm = client.post(page, data)
    assert "Vaststelling door de raad vastleggen bevestigen" in confirm.text
    assert Report.objects.get(pk=report.pk).status == R.COLLEGEBESLUIT
    done = client.post(page, {**data, "bevestigd": "1"})
    assert done.status_code == 302 and done.url == reverse("reports:griffie")
    report.refresh_from_db()
    assert (report.status, report.vastgesteld_by) == (R.VASTGESTELD, world.griffie)
    assert f"/rapportages/{report.pk}/download/pdf/" in client.get(reverse("reports:griffie")).text


def test_a_missing_raadsbesluit_number_is_shown_on_the_form(client, world, report):
    at_college(report, world.beleid)
    client.force_login(world.griffie)
    response = client.post(
        reverse("reports:raadsbesluit", args=[report.pk]), {"vaststellen-datum": "2018-09-20"}
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    assert Report.objects.get(pk=report.pk).status == R.COLLEGEBESLUIT


def test_each_step_tells_its_people_with_links_on_the_site(
    world, report, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://monitor.example.nl"
    colleague = make_user(Role.BELEID, world.vlissingen, username="collega")
    with_files(report)
    with django_capture_on_commit_callbacks(execute=True):
        transition(report, "aanbieden", world.beleid)
    told = Notification.objects.filter(event=Event.TER_VASTSTELLING)
    assert list(told.values_list("user__username", flat=True)) == ["collega"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(report, "collegebesluit", world.beleid, collegebesluit=COLLEGEBESLUIT)
    assert sorted(a for m in mail.outbox for a in m.to) == sorted(
        [world.griffie.email, colleague.email]
    )
    link = f"https://monitor.example.nl/rapportages/{report.pk}/raadsbesluit/"
    assert all(link in m.body for m in mail.outbox)
    assert all(m.subject.startswith("Collegebesluit: ") for m in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(report, "vaststellen", colleague, besluit=BESLUIT)
    griffie_mail = [m for m in mail.outbox if m.to == [world.griffie.email]]
    assert len(griffie_mail) == 1
    assert "https://monitor.example.nl/rapportages/griffie/" in griffie_mail[0].body
    # The beleidsmedewerker who offered it hears it is vastgesteld; whoever registered it is not.
    told = Notification.objects.filter(event=Event.VASTGESTELD).values_list(
        "user__username", flat=True
    )
    assert sorted(told) == ["beleid", "griffie"]


def test_every_step_is_in_the_history_and_the_audit_log(
    world, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        at_college(report, world.beleid)
        transition(report, "vaststellen", world.griffie, besluit=BESLUIT)
    events = ReportEvent.objects.filter(report=report).exclude(action="aangemaakt")
    assert list(events.order_by("at", "pk").values_list("action", "actor__username")) == [
        ("aanbieden", "beleid"),
        ("collegebesluit", "beleid"),
        ("vaststellen", "griffie"),
    ]
    assert events.get(action="vaststellen").reason == (
        "Vastgesteld door de gemeenteraad op 20 september 2018 (besluit RB-2018-42)"
    )
    logged = AuditEntry.objects.filter(object_id=str(report.pk), action__startswith="workflow.")
    assert sorted(logged.values_list("action", "actor_name", "result")) == [
        ("workflow.aanbieden", "beleid", "ok"),
        ("workflow.collegebesluit", "beleid", "ok"),
        ("workflow.vaststellen", "griffie", "ok"),
    ]
    # A refused step is logged too.
    with pytest.raises(Exception):  # noqa: B017 - the workflow's own error, asserted below
        transition(report, "vaststellen", world.griffie, besluit=BESLUIT)
    assert logged.filter(result="denied").count() == 1


def test_existing_reports_keep_their_status_and_get_their_offerer(world, report):
    """The data migration (reports.0010): a report the college adopted under the single step keeps
    it and shows it as its collegebesluit; a report ter vaststelling keeps its offerer."""
    migration = importlib.import_module("reports.migrations.0010_report_college_and_raad_steps")
    with_files(report)
    offered_at = timezone.now()
    ReportEvent.objects.create(
        report=report, action="aanbieden", actor=world.beleid, from_status="concept"
    )
    ReportEvent.objects.create(report=report, action="vaststellen", actor=world.beheerder)
    Report.objects.filter(pk=report.pk).update(
        status=R.VASTGESTELD,
        besluit_orgaan="college",
        besluit_datum=date(2018, 9, 4),
        besluit_kenmerk="B&W 7",
    )
    migration.record_existing_steps(apps, None)
    report.refresh_from_db()
    assert report.status == R.VASTGESTELD
    assert report.offered_by == world.beleid and report.offered_at >= offered_at
    assert (report.college_besluit_datum, report.college_besluit_kenmerk) == (
        date(2018, 9, 4),
        "B&W 7",
    )
    assert report.college_recorded_by == world.beheerder
    assert report.besluit_description.startswith("Vastgesteld door het college van B&W")
