"""Reports in Mijn werk and in the notifications: to write, to offer, to adopt (by someone who
did not write its texts), and corrections after vaststelling."""

import pytest
from django.core.cache import cache

from indicators.workflow import transition as submission_transition
from notifications.models import Event, Notification
from organisations.models import Role
from reports.services import save_texts
from reports.workflow import transition
from tests.factories import make_user
from tests.reports.conftest import BESLUIT, COLLEGEBESLUIT, with_files
from work.services import my_work


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()


@pytest.fixture
def teamleider(approved_world):
    return make_user(Role.BELEID, approved_world.vlissingen, username="teamleider")


def actions(user, section="rapportages"):
    work = my_work(user)
    return [item.action for key, _label, items in work.sections if key == section for item in items]


def test_a_concept_report_asks_for_texts_then_for_offering(report, approved_world):
    assert actions(approved_world.beleid) == ["Teksten schrijven en maken"]
    with_files(report)
    assert actions(approved_world.beleid) == ["Ter vaststelling aanbieden"]
    assert actions(approved_world.beleid_veere) == []  # not Veere's report


def test_an_offered_report_waits_on_a_colleague_who_did_not_write_it(
    report, approved_world, teamleider, django_capture_on_commit_callbacks
):
    world = approved_world
    save_texts(report, world.beleid, "Inleiding", {})
    with_files(report)
    with django_capture_on_commit_callbacks(execute=True):
        transition(report, "aanbieden", world.beleid)
    assert actions(teamleider) == ["Collegebesluit vastleggen"]
    assert actions(world.beleid) == ["Collegebesluit vastleggen"]
    assert actions(world.griffie) == []
    # The colleague is told; whoever offered it is not.
    told = Notification.objects.filter(event=Event.TER_VASTSTELLING)
    assert sorted(told.values_list("user__username", flat=True)) == ["teamleider"]
    with django_capture_on_commit_callbacks(execute=True):
        transition(report, "collegebesluit", world.beleid, collegebesluit=COLLEGEBESLUIT)
    assert actions(teamleider) == ["Vaststelling door de raad vastleggen"]
    assert actions(world.beleid) == [
        "Wacht op de vaststelling door de raad (een ander legt die vast)"
    ]
    assert actions(world.griffie) == ["Vaststelling door de raad vastleggen"]
    told = Notification.objects.filter(event=Event.COLLEGEBESLUIT)
    assert sorted(told.values_list("user__username", flat=True)) == ["griffie", "teamleider"]


def test_figures_reopened_after_vaststelling_ask_for_a_correction(
    report, approved_world, teamleider
):
    world = approved_world
    with_files(report)
    transition(report, "aanbieden", world.beleid)
    transition(report, "collegebesluit", world.beleid, collegebesluit=COLLEGEBESLUIT)
    transition(report, "vaststellen", teamleider, besluit=BESLUIT)
    assert actions(world.beleid, "correcties") == []
    submission_transition(world.submission, "heropenen", world.beheerder, reason="Correctie Wsw")
    assert actions(world.beleid, "correcties") == ["Nagaan of een nieuwe versie nodig is"]
