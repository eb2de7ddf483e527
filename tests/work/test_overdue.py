"""After a deadline: the supplier's staff are told the next morning, the beleidsmedewerkers
OVERDUE_ESCALATION_DAYS (3) later; each once, however often the schedule runs."""

from datetime import timedelta

from django.core import mail

from notifications.models import Event, Notification
from work.tasks import escalate_overdue


def told(event):
    return sorted(Notification.objects.filter(event=event).values_list("user__username", flat=True))


def test_an_overdue_submission_is_told_to_the_supplier_then_escalated_to_beleid(
    world, django_capture_on_commit_callbacks
):
    deadline = world.submission.deadline
    assert escalate_overdue(deadline) == {"leverancier": [], "beleid": []}  # not late yet
    with django_capture_on_commit_callbacks(execute=True):
        result = escalate_overdue(deadline + timedelta(days=1))
    assert result["leverancier"] == [world.submission.pk]
    assert told(Event.TE_LAAT) == ["orionis", "orionis2"]
    assert told(Event.ESCALATIE) == []
    assert any("Te laat" in m.subject for m in mail.outbox)
    escalate_overdue(deadline + timedelta(days=2))
    assert told(Event.ESCALATIE) == []  # the supplier has a few days first
    result = escalate_overdue(deadline + timedelta(days=3))
    assert result["beleid"] == [world.submission.pk]
    assert told(Event.ESCALATIE) == ["beleid", "beleid_veere"]
    # Running again tells nobody twice.
    assert escalate_overdue(deadline + timedelta(days=9)) == {"leverancier": [], "beleid": []}
    assert told(Event.TE_LAAT) == ["orionis", "orionis2"]


def test_a_submitted_submission_is_not_overdue(world, submitted):
    assert escalate_overdue(world.submission.deadline + timedelta(days=30)) == {
        "leverancier": [],
        "beleid": [],
    }


def test_a_supplier_without_staff_is_escalated_to_beleid_all_the_same(world):
    from organisations.models import Membership, Role

    Membership.objects.filter(role=Role.LEVERANCIER, organisation=world.orionis).delete()
    deadline = world.submission.deadline
    assert escalate_overdue(deadline + timedelta(days=1))["leverancier"] == []
    assert escalate_overdue(deadline + timedelta(days=3))["beleid"] == [world.submission.pk]
