"""Every workflow step tells the people who act next, in the app and by e-mail as each chose."""

import pytest
from django.core import mail
from django.urls import reverse

from budgets.models import Soort
from budgets.workflow import transition as budget_transition
from indicators.workflow import transition
from notifications import tasks as mail_tasks
from notifications.models import Delivery, Event, MailState, Notification, Preference
from organisations.models import Role
from tests.budgets.conftest import make_version
from tests.factories import make_user


@pytest.fixture(autouse=True)
def _taakvelden(db):
    from budgets.taakvelden import sync_taakvelden

    sync_taakvelden()


def told(event=None):
    rows = Notification.objects.all()
    if event:
        rows = rows.filter(event=event)
    return sorted(rows.values_list("user__username", flat=True))


def mailed_to():
    return sorted(address for message in mail.outbox for address in message.to)


def test_submitted_figures_are_announced_to_the_reviewers_not_to_the_submitter(world, submitted):
    # Walcheren's figures: beleid of Vlissingen and of Veere review them; Dordrecht does not.
    assert told(Event.INGEDIEND) == ["beleid", "beleid_veere"]
    assert mailed_to() == sorted([world.beleid.email, world.beleid_veere.email])
    message = next(m for m in mail.outbox if m.to == [world.beleid.email])
    assert "Halfjaarcijfers Orionis" in message.subject
    assert "wacht op uw beoordeling" in message.body
    assert reverse("indicators:submission_detail", args=[world.submission.pk]) in message.body


def test_sending_back_tells_the_suppliers_staff_with_the_reason(world, submitted, step):
    mail.outbox.clear()
    step(transition, submitted, "terugsturen", world.beleid, reason="Wsw-cijfer lijkt te hoog")
    assert told(Event.TERUGGESTUURD) == ["orionis", "orionis2"]
    assert mailed_to() == sorted([world.leverancier.email, world.leverancier2.email])
    assert all("Wsw-cijfer lijkt te hoog" in m.body for m in mail.outbox)


def test_approval_tells_the_suppliers_staff(world, submitted, step):
    step(transition, submitted, "goedkeuren", world.beleid)
    assert told(Event.GOEDGEKEURD) == ["orionis", "orionis2"]


def test_reopening_tells_both_sides_with_the_reason(world, submitted, step):
    approved = step(transition, submitted, "goedkeuren", world.beleid)
    step(transition, approved, "heropenen", world.beheerder, reason="Correctie Wsw")
    assert told(Event.HEROPEND) == ["beleid", "beleid_veere", "orionis", "orionis2"]
    assert all("Correctie Wsw" in n.body for n in Notification.objects.filter(event=Event.HEROPEND))


def test_a_submitted_budget_version_is_announced_to_the_other_beleidsmedewerkers(world, step):
    controller = make_user(Role.BELEID, world.vlissingen, username="controller")
    version = make_version(
        world.vlissingen,
        2019,
        Soort.WIJZIGING,
        controller,
        {"6.3": (1000, 0)},
        name="2e bestuursrapportage",
        datum=__import__("datetime").date(2019, 10, 1),
    )
    step(budget_transition, version, "indienen", controller)
    # beleid of Vlissingen approves it; the controller who submitted it is not told.
    assert told(Event.INGEDIEND) == ["beleid"]
    [notification] = Notification.objects.filter(event=Event.INGEDIEND)
    assert "2e bestuursrapportage" in notification.body
    assert notification.url == reverse("budgets:version_detail", args=[version.pk])


def test_links_in_e_mails_use_the_sites_real_address(world, settings, step):
    settings.SITE_URL = "https://monitor.walcheren.nl/"
    from tests.factories import fill_submission

    fill_submission(world)
    step(transition, world.submission, "indienen", world.leverancier)
    path = reverse("indicators:submission_detail", args=[world.submission.pk])
    assert all(f"https://monitor.walcheren.nl{path}" in m.body for m in mail.outbox)


def test_who_chose_the_digest_gets_one_e_mail_a_day_instead(world, step):
    Preference.objects.create(user=world.beleid, event=Event.INGEDIEND, delivery=Delivery.DIGEST)
    from tests.factories import fill_submission

    fill_submission(world)
    step(transition, world.submission, "indienen", world.leverancier)
    assert mailed_to() == [world.beleid_veere.email]
    assert Notification.objects.get(user=world.beleid).mail_state == MailState.DIGEST
    mail.outbox.clear()
    assert mail_tasks.send_digests() == 1
    [digest] = mail.outbox
    assert digest.to == [world.beleid.email]
    assert "1 melding" in digest.subject
    assert "Halfjaarcijfers Orionis" in digest.body
    mail.outbox.clear()
    assert mail_tasks.send_digests() == 0  # sent once


def test_who_chose_no_e_mail_still_finds_it_in_the_list(world, submitted, step, client_for):
    Preference.objects.create(
        user=world.leverancier, event=Event.GOEDGEKEURD, delivery=Delivery.NONE
    )
    mail.outbox.clear()
    step(transition, submitted, "goedkeuren", world.beleid)
    assert mailed_to() == [world.leverancier2.email]
    page = client_for(world.leverancier).get(reverse("notifications:list")).content.decode()
    assert "Goedgekeurd: Orionis Walcheren – Halfjaarcijfers Orionis" in page


def test_a_mail_server_that_fails_never_fails_the_step(world, monkeypatch, step):
    class Broken:
        def send_messages(self, messages):
            raise ConnectionRefusedError("smtp weg")

    monkeypatch.setattr(mail_tasks, "get_connection", lambda: Broken())
    from tests.factories import fill_submission

    fill_submission(world)
    submission = step(transition, world.submission, "indienen", world.leverancier)
    assert submission.status == "ingediend"
    # Tried again (eagerly in tests), then marked failed; the in-app notification stays.
    assert set(Notification.objects.values_list("mail_state", flat=True)) == {MailState.FAILED}
    assert mail.outbox == []


def test_opening_a_notification_marks_it_read_and_goes_where_the_work_is(
    world, submitted, client_for
):
    notification = Notification.objects.get(user=world.beleid)
    response = client_for(world.beleid).get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response.url == reverse("indicators:submission_detail", args=[world.submission.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None


# (whose notification, who opens it, status)
OPENING = [
    ("beleid", "beleid", 302),
    ("beleid", "beleid_veere", 404),
    ("beleid", "orionis", 404),
    ("beleid", "griffie", 404),
]


@pytest.mark.parametrize(("owner", "reader", "status"), OPENING)
def test_only_the_recipient_opens_a_notification(
    world, submitted, client_for, owner, reader, status
):
    people = {
        u.username: u for u in (world.beleid, world.beleid_veere, world.leverancier, world.griffie)
    }
    notification = Notification.objects.get(user=people[owner])
    response = client_for(people[reader]).get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == status


def test_a_person_chooses_per_event_how_to_get_it(world, client_for):
    client = client_for(world.beleid)
    data = {event: Delivery.DIRECT for event in Event.values}
    data[Event.INGEDIEND] = Delivery.DIGEST
    data[Event.HERINNERING] = Delivery.NONE
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    chosen = dict(Preference.objects.filter(user=world.beleid).values_list("event", "delivery"))
    assert chosen[Event.INGEDIEND] == Delivery.DIGEST
    assert chosen[Event.HERINNERING] == Delivery.NONE
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'value="digest" checked' in page or "checked" in page


def test_the_navigation_counts_unread_notifications(world, submitted, client_for):
    client = client_for(world.beleid)
    counts = client.get(reverse("work_counts")).json()
    assert counts["unread"] == 1
    assert counts["labels"]["unread"] == "1 ongelezen"
    notification = Notification.objects.get(user=world.beleid)
    client.get(reverse("notifications:open", args=[notification.pk]))
    assert client.get(reverse("work_counts")).json()["unread"] == 0


def test_production_without_site_url_is_warned_about(settings):
    from notifications.checks import site_url

    settings.DEBUG, settings.SITE_URL = False, ""
    assert [w.id for w in site_url(None)] == ["notifications.W001"]
    settings.SITE_URL = "https://monitor.walcheren.nl"
    assert site_url(None) == []
