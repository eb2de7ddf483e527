from datetime import date

import pytest

from beleidskader import services
from beleidskader.models import Doel, KaderFrozen, KaderStatus, Niveau
from beleidskader.workflow import WORKFLOW, KaderError, transition

from .conftest import make_kader, node

pytestmark = pytest.mark.django_db


def adopt(kader, releaser, adopter):
    transition(kader, "inspraak", releaser)
    kader.collegebesluit_date = date(2020, 12, 15)
    kader.raadsbesluit_date = date(2021, 1, 28)
    kader.raadsbesluit = "Raadsbesluit 2021-01"
    kader.save()
    transition(kader, "collegebesluit", releaser)
    return transition(kader, "vaststellen", adopter)


def test_a_kader_goes_through_inspraak_college_and_raad_with_dated_steps(world, kader, teamleider):
    kader = adopt(kader, world.beleid, teamleider)

    assert kader.status == KaderStatus.VASTGESTELD
    assert kader.submitted_by == world.beleid
    assert kader.adopted_by == teamleider
    steps = list(kader.events.order_by("at", "pk").values_list("action", "to_status", "actor"))
    assert steps == [
        ("inspraak", "inspraak", world.beleid.pk),
        ("collegebesluit", "collegebesluit", world.beleid.pk),
        ("vaststellen", "vastgesteld", teamleider.pk),
    ]


def test_whoever_released_the_kader_does_not_record_its_adoption(world, kader):
    with pytest.raises(KaderError, match="vier-ogenprincipe"):
        adopt(kader, world.beleid, world.beleid)
    kader.refresh_from_db()
    offered = [a.name for a in WORKFLOW.available_actions(kader, world.beleid)]
    assert offered == ["terugnemen"]


def test_whoever_changed_the_tree_does_not_record_its_adoption(world, kader, teamleider):
    target = kader.doelen.get(nummer="1.1")
    target._history_user = teamleider
    target.title = "Meer inwoners beschikken over voldoende zelfredzaamheid"
    target.save()

    with pytest.raises(KaderError, match="vier-ogenprincipe"):
        adopt(kader, world.beleid, teamleider)


def test_the_griffie_may_record_the_raadsbesluit(world, kader):
    assert adopt(kader, world.beleid, world.griffie).status == KaderStatus.VASTGESTELD


@pytest.mark.parametrize(
    "user, action, allowed",
    [
        ("beleid", "inspraak", True),
        ("beheerder", "inspraak", True),
        ("beleid_veere", "inspraak", False),
        ("griffie", "inspraak", False),
        ("leverancier", "inspraak", False),
        ("griffie", "vaststellen", True),
        ("griffie_middelburg", "vaststellen", False),
        ("other_beleid", "vaststellen", False),
    ],
)
def test_who_may_take_which_step(world, kader, user, action, allowed):
    assert WORKFLOW.may(action, getattr(world, user), kader) is allowed


def test_inspraak_needs_its_period(world):
    kader = make_kader(world.vlissingen)
    node(kader, Niveau.DOELSTELLING, "1", "Doel")
    with pytest.raises(KaderError, match="inspraakperiode"):
        transition(kader, "inspraak", world.beleid)


def test_a_kader_without_goals_does_not_go_into_inspraak(world):
    kader = make_kader(
        world.vlissingen, inspraak_start=date(2020, 10, 1), inspraak_end=date(2020, 11, 1)
    )
    node(kader, Niveau.VISIE, "", "Visie")
    with pytest.raises(KaderError, match="zonder doelstellingen"):
        transition(kader, "inspraak", world.beleid)


def test_the_college_decides_after_the_inspraak(world, kader):
    transition(kader, "inspraak", world.beleid)
    kader.collegebesluit_date = date(2020, 11, 1)
    kader.save()
    with pytest.raises(KaderError, match="na het einde van de inspraak"):
        transition(kader, "collegebesluit", world.beleid)


def test_the_raad_step_needs_the_date_and_the_raadsbesluit(world, kader, teamleider):
    transition(kader, "inspraak", world.beleid)
    kader.collegebesluit_date = date(2020, 12, 15)
    kader.save()
    transition(kader, "collegebesluit", world.beleid)
    with pytest.raises(KaderError, match="raadsbesluit"):
        transition(kader, "vaststellen", teamleider)


def test_taking_back_needs_a_reason_and_thaws_the_tree(world, kader):
    transition(kader, "inspraak", world.beleid)
    with pytest.raises(KaderError, match="reden"):
        transition(kader, "terugnemen", world.beleid)
    kader = transition(kader, "terugnemen", world.beleid, reason="Reacties verwerken")
    assert kader.status == KaderStatus.CONCEPT
    node(kader, Niveau.TARGET, "1.2", "Wederkerigheid", parent=kader.doelen.get(nummer="1"))


def test_the_tree_is_frozen_once_in_inspraak(world, kader):
    transition(kader, "inspraak", world.beleid)
    target = Doel.objects.get(kader=kader, nummer="1.1")
    target.title = "Anders"
    with pytest.raises(KaderFrozen):
        target.save()
    with pytest.raises(KaderFrozen):
        node(kader, Niveau.TARGET, "1.2", "Nieuw", parent=target.parent)
    with pytest.raises(KaderFrozen):
        target.delete()


def test_a_new_version_of_an_adopted_kader_copies_its_tree_as_concept(world, kader, teamleider):
    adopted = adopt(kader, world.beleid, teamleider)
    copy = services.new_version(adopted, world.beleid)

    assert (copy.version, copy.status, copy.previous) == (2, KaderStatus.CONCEPT, adopted)
    target = copy.doelen.get(nummer="1.1")
    assert target.parent.kader == copy
    assert adopted.doelen.count() == copy.doelen.count() == 2


def test_an_addendum_hangs_its_targets_under_the_adopted_doelstellingen(world, kader, teamleider):
    adopted = adopt(kader, world.beleid, teamleider)
    extra = services.addendum(adopted, world.beleid, "Integrale targets")
    doelstelling = adopted.doelen.get(nummer="1")
    target = Doel(
        kader=extra, niveau=Niveau.TARGET, nummer="1.9", title="Nieuw", parent=doelstelling
    )
    target.full_clean()
    target.save()
    assert extra.status == KaderStatus.CONCEPT
    assert sorted(doelstelling.children.values_list("nummer", flat=True)) == ["1.1", "1.9"]


def test_a_target_does_not_hang_directly_under_the_visie(world, kader):
    visie = node(kader, Niveau.VISIE, "", "Visie")
    target = Doel(kader=kader, niveau=Niveau.TARGET, nummer="9", title="x", parent=visie)
    with pytest.raises(Exception, match="niet onder hangen"):
        target.full_clean()


def test_reactions_are_recorded_during_the_inspraak_within_its_period(world, kader):
    with pytest.raises(KaderError, match="zolang"):
        services.record_reactie(
            kader, world.beleid, indiener="Wmo-raad", received_on=date(2020, 11, 1), text="x"
        )
    transition(kader, "inspraak", world.beleid)
    with pytest.raises(KaderError, match="buiten de inspraakperiode"):
        services.record_reactie(
            kader, world.beleid, indiener="Wmo-raad", received_on=date(2020, 12, 20), text="x"
        )
    reactie = services.record_reactie(
        kader, world.beleid, indiener="Wmo-raad", received_on=date(2020, 11, 1), text="Graag..."
    )
    assert (reactie.recorded_by, reactie.indiener) == (world.beleid, "Wmo-raad")


def test_kaders_are_visible_to_their_gemeente_its_griffie_and_beheerders(world, kader):
    from beleidskader.models import Beleidskader

    def visible(user):
        return list(Beleidskader.objects.visible_to(user))

    assert visible(world.beleid) == [kader]
    assert visible(world.griffie) == [kader]
    assert visible(world.beheerder) == [kader]
    assert visible(world.beleid_veere) == []
    assert visible(world.leverancier) == []
