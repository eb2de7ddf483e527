"""Every workflow step, done or refused, is in the security log (issue 13: "every workflow step:
actor, action, object, result, origin"), for the three workflows alike."""

import pytest

from core.models import AuditEntry, AuditResult
from core.workflow import WorkflowError
from indicators.workflow import transition
from tests.factories import fill_submission


def test_a_submitted_aanlevering_is_in_the_security_log(world, django_capture_on_commit_callbacks):
    fill_submission(world)
    submission = world.submission
    with django_capture_on_commit_callbacks(execute=True):
        transition(submission, "indienen", world.leverancier)
    entry = AuditEntry.objects.filter(action="workflow.indienen").get()
    assert entry.actor == world.leverancier
    assert entry.result == AuditResult.OK
    assert entry.object_id == str(submission.pk)
    assert entry.details["to_status"] == "ingediend"


def test_a_refused_step_is_in_the_security_log_as_denied(world, django_capture_on_commit_callbacks):
    fill_submission(world)
    submission = world.submission
    with django_capture_on_commit_callbacks(execute=True):
        transition(submission, "indienen", world.leverancier)
    with pytest.raises(WorkflowError):
        transition(submission, "goedkeuren", world.leverancier)
    entry = AuditEntry.objects.filter(action="workflow.goedkeuren").get()
    assert entry.result == AuditResult.DENIED
    assert entry.actor == world.leverancier
    assert "niet uitvoeren" in entry.details["error"]
