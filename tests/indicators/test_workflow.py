import pytest

from indicators.models import SubmissionEvent, SubmissionStatus, Value
from indicators.submissions.services import CellInput, NotEditable, save_values
from indicators.workflow import WorkflowError, transition
from tests.factories import fill_submission


def test_saving_keeps_valid_cells_and_reports_invalid_ones_in_dutch(world):
    cells = [
        CellInput(world.aantal_clienten.pk, world.werkzoekenden.pk, world.walcheren.pk, "510"),
        CellInput(world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk, "-3"),
        CellInput(world.uitstroom_pct.pk, world.werkzoekenden.pk, world.walcheren.pk, "120"),
    ]
    result = save_values(world.submission, world.leverancier, cells)
    assert result.created == 3
    values = {v.key: v for v in Value.objects.all()}
    ok = values[(world.aantal_clienten.pk, world.werkzoekenden.pk, world.walcheren.pk)]
    assert ok.value == 510 and ok.error == ""
    negative = values[(world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk)]
    assert negative.value is None and negative.raw == "-3"
    assert negative.error == "Een aantal kan niet negatief zijn."
    assert (
        "percentage ligt tussen 0 en 100"
        in result.errors[(world.uitstroom_pct.pk, world.werkzoekenden.pk, world.walcheren.pk)]
    )


def test_submitting_an_incomplete_submission_is_refused_with_the_missing_cells(world):
    with pytest.raises(WorkflowError, match="nog niet compleet"):
        transition(world.submission, "indienen", world.leverancier)


def test_a_missing_value_with_a_toelichting_may_be_submitted(world):
    fill_submission(world)
    save_values(
        world.submission,
        world.leverancier,
        [
            CellInput(
                world.aantal_clienten.pk,
                world.wsw.pk,
                world.walcheren.pk,
                "",
                toelichting="Nog niet beschikbaar bij de salarisadministratie",
            )
        ],
    )
    submission = transition(world.submission, "indienen", world.leverancier)
    assert submission.status == SubmissionStatus.INGEDIEND


def test_the_whole_cycle_is_audited_with_reasons(world):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    transition(world.submission, "terugsturen", world.beleid, reason="Wsw-aantal klopt niet")
    world.submission.refresh_from_db()
    assert world.submission.send_back_reason == "Wsw-aantal klopt niet"
    fill_submission(world, values={(world.aantal_clienten.pk, world.wsw.pk): "670"})
    transition(world.submission, "indienen", world.leverancier)
    transition(world.submission, "goedkeuren", world.beleid)
    actions = list(SubmissionEvent.objects.order_by("pk").values_list("action", "actor__username"))
    assert actions == [
        ("indienen", "orionis"),
        ("terugsturen", "beleid"),
        ("indienen", "orionis"),
        ("goedkeuren", "beleid"),
    ]
    value = Value.objects.get(doelgroep=world.wsw)
    history = list(
        value.history.order_by("history_date").values_list("raw", "history_user__username")
    )
    assert history == [("666", "orionis"), ("670", "orionis")]


def test_sending_back_needs_a_reason(world):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    with pytest.raises(WorkflowError, match="reden"):
        transition(world.submission, "terugsturen", world.beleid, reason="  ")


def test_whoever_submitted_cannot_approve(world):
    from organisations.models import Membership, Role

    Membership.objects.create(user=world.leverancier, role=Role.BELEID, organisation=world.veere)
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    world.leverancier._msd_access = None
    del world.leverancier._msd_access
    with pytest.raises(WorkflowError, match="vier-ogen"):
        transition(world.submission, "goedkeuren", world.leverancier)


def test_approved_figures_are_locked_until_an_audited_reopen(world):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    transition(world.submission, "goedkeuren", world.beleid)
    with pytest.raises(NotEditable):
        fill_submission(world, values={(world.aantal_clienten.pk, world.wsw.pk): "1"})
    with pytest.raises(WorkflowError, match="niet uitvoeren"):
        transition(world.submission, "heropenen", world.beleid, reason="correctie")
    with pytest.raises(WorkflowError, match="reden"):
        transition(world.submission, "heropenen", world.beheerder)
    transition(world.submission, "heropenen", world.beheerder, reason="Correctie Wsw door Orionis")
    event = SubmissionEvent.objects.get(action="heropenen")
    assert event.reason == "Correctie Wsw door Orionis" and event.actor == world.beheerder
    fill_submission(world, values={(world.aantal_clienten.pk, world.wsw.pk): "1"})


def test_another_supplier_cannot_touch_the_figures(world):
    with pytest.raises(NotEditable):
        fill_submission(world, user=world.other_leverancier)
    fill_submission(world)
    with pytest.raises(WorkflowError, match="niet uitvoeren"):
        transition(world.submission, "indienen", world.other_leverancier)


def test_beleid_of_an_unrelated_gemeente_cannot_review(world):
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    with pytest.raises(WorkflowError, match="niet uitvoeren"):
        transition(world.submission, "goedkeuren", world.other_beleid)
