"""The workflow core (core.workflow): one transition for every workflow, whose follow-ups run
after the commit through the ``transitioned`` signal (issue 12)."""

import pytest

from core.workflow import WorkflowError, transitioned
from tests.factories import fill_submission, period


@pytest.fixture
def heard():
    """Every transition the signal announces, as (model name, action, from, to, actor)."""
    calls = []

    def receiver(sender, transition, **kwargs):
        calls.append(
            (
                sender.__name__,
                transition.action,
                transition.from_status,
                transition.to_status,
                transition.actor,
            )
        )

    transitioned.connect(receiver)
    yield calls
    transitioned.disconnect(receiver)


def submit_figures(world):
    from indicators.workflow import transition

    fill_submission(world)
    return transition(world.submission, "indienen", world.leverancier)


def submit_budget(world):
    from budgets.workflow import transition
    from tests.budgets.conftest import make_version

    version = make_version(world.vlissingen, 2018, "primitief", world.beleid, {"6.3": (1, 0)})
    return transition(version, "indienen", world.beleid)


def offer_report(world):
    from reports.services import create_report
    from reports.workflow import transition
    from tests.reports.conftest import with_files

    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    return transition(with_files(report), "aanbieden", world.beleid)


# (what is done, the model, the action, from, to, by whom)
WORKFLOWS = {
    "aanlevering": (
        submit_figures,
        "Submission",
        "indienen",
        "concept",
        "ingediend",
        "leverancier",
    ),
    "begroting": (submit_budget, "BudgetVersion", "indienen", "concept", "ingediend", "beleid"),
    "rapportage": (offer_report, "Report", "aanbieden", "concept", "ter_vaststelling", "beleid"),
}


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_every_workflow_announces_its_transitions_after_the_commit(
    world, heard, django_capture_on_commit_callbacks, workflow
):
    if workflow == "begroting":
        from budgets.taakvelden import sync_taakvelden

        sync_taakvelden()
    act, model, action, from_status, to_status, actor = WORKFLOWS[workflow]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        act(world)
    assert heard == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert heard == [(model, action, from_status, to_status, getattr(world, actor))]


def test_a_refused_transition_announces_nothing(world, heard, django_capture_on_commit_callbacks):
    from indicators.workflow import transition

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(WorkflowError):
        transition(world.submission, "goedkeuren", world.beleid)
    assert heard == []


def test_a_report_event_records_its_channel_like_the_others(world):
    report = offer_report(world)
    assert report.events.first().via == "web"
