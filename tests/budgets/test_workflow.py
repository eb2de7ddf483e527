"""The workflow of a budget version and who may do what (role × action × own/other)."""

import pytest

from budgets.models import BudgetEvent, BudgetLine, BudgetStatus, BudgetVersion
from budgets.services import (
    NotEditable,
    VersionRefused,
    create_version,
    save_lines,
)
from budgets.workflow import WorkflowError, available_actions, transition
from tests.budgets.conftest import approve, day, lines, make_version, tv


@pytest.fixture
def concept(world, controller):
    return make_version(world.vlissingen, 2018, "primitief", controller, {"6.3": (1000, 600)})


@pytest.fixture
def submitted(concept, controller):
    return transition(concept, "indienen", controller)


def test_submitting_records_who_and_when_and_an_event(submitted, controller):
    assert submitted.status == BudgetStatus.INGEDIEND
    assert submitted.submitted_by == controller
    event = BudgetEvent.objects.get(version=submitted)
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        "indienen",
        "concept",
        "ingediend",
        controller,
    )


def test_whoever_submitted_cannot_approve_four_eyes(submitted, controller):
    assert "goedkeuren" not in [a.name for a in available_actions(submitted, controller)]
    with pytest.raises(WorkflowError, match="vier-ogenprincipe"):
        transition(submitted, "goedkeuren", controller)


def test_another_beleidsmedewerker_of_the_gemeente_approves(submitted, world):
    version = transition(submitted, "goedkeuren", world.beleid)
    assert version.status == BudgetStatus.GOEDGEKEURD
    assert version.reviewed_by == world.beleid


def test_sending_back_needs_a_reason_that_the_opsteller_sees(submitted, world):
    with pytest.raises(WorkflowError, match="reden"):
        transition(submitted, "terugsturen", world.beleid)
    version = transition(submitted, "terugsturen", world.beleid, reason="6.3 klopt niet")
    assert version.status == BudgetStatus.TERUGGESTUURD
    assert version.send_back_reason == "6.3 klopt niet"


def test_an_approved_version_is_immutable(submitted, world, controller):
    version = transition(submitted, "goedkeuren", world.beleid)
    with pytest.raises(NotEditable, match="Goedgekeurd"):
        save_lines(version, controller, lines(**{"6.3": (1, 1)}))
    assert BudgetLine.objects.get(version=version).lasten == 1000


def test_only_the_beheerder_reopens_with_a_reason_and_it_is_audited(submitted, world, controller):
    version = transition(submitted, "goedkeuren", world.beleid)
    with pytest.raises(WorkflowError):
        transition(version, "heropenen", world.beleid, reason="fout")
    with pytest.raises(WorkflowError, match="reden"):
        transition(version, "heropenen", world.beheerder)
    version = transition(version, "heropenen", world.beheerder, reason="Jaarrekening gecorrigeerd")
    assert version.status == BudgetStatus.CONCEPT
    event = version.events.order_by("-at", "-pk").first()
    assert (event.action, event.actor, event.reason) == (
        "heropenen",
        world.beheerder,
        "Jaarrekening gecorrigeerd",
    )
    save_lines(version, controller, lines(**{"6.3": (1001, 600)}))


def test_a_version_without_lines_cannot_be_submitted(world, controller):
    version = create_version(world.vlissingen, 2018, "primitief", controller)
    with pytest.raises(WorkflowError, match="geen regels"):
        transition(version, "indienen", controller)


def test_a_taakveld_of_another_period_blocks_submission(world, controller):
    version = make_version(world.vlissingen, 2023, "primitief", controller, {"6.71a": (10, 0)})
    # The old code, no longer valid in 2023 (as if written by an older script).
    BudgetLine.objects.filter(version=version).update(taakveld=tv("6.71"))
    with pytest.raises(WorkflowError, match="6.71"):
        transition(version, "indienen", controller)


def test_a_stale_status_is_refused_by_compare_and_swap(submitted, world):
    stale = BudgetVersion.objects.get(pk=submitted.pk)
    transition(submitted, "goedkeuren", world.beleid)
    with pytest.raises(WorkflowError):
        transition(stale, "terugsturen", world.beleid, reason="te laat")


def test_a_gemeente_has_one_primitieve_begroting_per_year(concept, controller, world):
    with pytest.raises(VersionRefused, match="al een primitieve begroting"):
        create_version(world.vlissingen, 2018, "primitief", controller)
    create_version(world.vlissingen, 2019, "primitief", controller)


def test_a_begrotingswijziging_needs_its_date(world, controller):
    with pytest.raises(VersionRefused, match="datum"):
        create_version(world.vlissingen, 2018, "wijziging", controller, name="Najaarsnota")
    create_version(world.vlissingen, 2018, "wijziging", controller, datum=day(2018, 11, 8))


# ── the permission matrix ────────────────────────────────────────────────────────────────────
# Users of the world: controller and beleid are beleidsmedewerkers of Vlissingen; beleid_veere of
# Veere; other_beleid of Dordrecht; leverancier works for Orionis, porthos_leverancier for Porthos
# (both serve the three Walcheren gemeenten); griffie of Vlissingen; beheerder.
GEMEENTE_MATRIX = {
    # user: (sees, creates, edits, submits, reviews, reopens)
    "controller": (True, True, True, True, False, False),  # submitted it: four-eyes
    "beleid": (True, True, True, True, True, False),  # also an opsteller of Vlissingen
    "beleid_veere": (False, False, False, False, False, False),
    "other_beleid": (False, False, False, False, False, False),
    "leverancier": (False, False, False, False, False, False),
    "griffie": (False, False, False, False, False, False),
    "beheerder": (True, False, False, False, False, True),
}
SUPPLIER_MATRIX = {
    # Porthos' own budget, submitted by its staff and reviewed by the gemeenten it serves.
    "porthos_leverancier": (True, True, True, True, False, False),
    "leverancier": (False, False, False, False, False, False),
    "beleid": (True, False, False, False, True, False),
    "beleid_veere": (True, False, False, False, True, False),
    "other_beleid": (False, False, False, False, False, False),
    "griffie": (False, False, False, False, False, False),
    "beheerder": (True, False, False, False, False, True),
}


def user_of(world, controller, name):
    return controller if name == "controller" else getattr(world, name)


def check(version, user, submitter, expected):
    from budgets.workflow import is_beoordelaar, is_opsteller, may_create_for
    from organisations.access import Access

    sees, creates, edits, submits, reviews, reopens = expected
    access = Access.for_user(user)
    assert (version in BudgetVersion.objects.visible_to(user)) is sees
    assert may_create_for(access, version.owner) is creates
    assert is_opsteller(access, version) is edits
    # Submitting: the action exists for the opsteller of a concept.
    version.refresh_from_db()
    assert ("indienen" in [a.name for a in available_actions(version, user)]) is submits
    transition(version, "indienen", submitter)
    can_review = "goedkeuren" in [a.name for a in available_actions(version, user)]
    assert can_review is reviews
    assert (is_beoordelaar(access, version) and user != submitter) is reviews
    if not reviews:
        with pytest.raises(WorkflowError):
            transition(version, "goedkeuren", user)
    transition(version, "intrekken", submitter)


@pytest.mark.parametrize("name", GEMEENTE_MATRIX)
def test_who_may_do_what_with_a_gemeente_budget(world, controller, name):
    version = make_version(world.vlissingen, 2018, "primitief", controller, {"6.3": (1, 0)})
    check(version, user_of(world, controller, name), controller, GEMEENTE_MATRIX[name])
    approve(version, controller, world.beleid)
    reopens = GEMEENTE_MATRIX[name][5]
    assert (
        "heropenen"
        in [a.name for a in available_actions(version, user_of(world, controller, name))]
    ) is reopens


@pytest.mark.parametrize("name", SUPPLIER_MATRIX)
def test_who_may_do_what_with_a_suppliers_own_budget(world, controller, name):
    supplier = world.porthos_leverancier
    version = make_version(world.porthos, 2018, "primitief", supplier, {"6.2": (6_100_000, 0)})
    check(version, user_of(world, controller, name), supplier, SUPPLIER_MATRIX[name])
    approve(version, supplier, world.beleid_veere)
    reopens = SUPPLIER_MATRIX[name][5]
    assert (
        "heropenen" in [a.name for a in available_actions(version, getattr(world, name))]
    ) is reopens


def test_staff_of_another_supplier_cannot_change_the_lines(world):
    version = make_version(
        world.porthos, 2018, "primitief", world.porthos_leverancier, {"6.2": (1, 0)}
    )
    with pytest.raises(NotEditable):
        save_lines(version, world.leverancier, lines(**{"6.2": (2, 0)}))


def test_a_supplier_cannot_create_a_budget_for_a_gemeente(world):
    with pytest.raises(VersionRefused, match="geen begroting opstellen"):
        create_version(world.vlissingen, 2018, "primitief", world.leverancier)
