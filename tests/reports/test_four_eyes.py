"""Who may take which step of a report's vaststelling, and four-eyes (issue 15): beleid offers
and records the collegebesluit; the raad's adoption is registered by the griffie or by beleid,
never by whoever offered the report or wrote its texts (``REPORT_FOUR_EYES_ADOPTION``, default on);
``REPORT_FOUR_EYES_COLLEGE`` (default off) keeps the offerer from the collegebesluit too. Each
table row is a test."""

import pytest

from organisations.models import Role
from reports.models import Report, ReportStatus
from reports.services import create_report, save_texts
from reports.workflow import ReportError, available_actions, transition
from tests.factories import make_user, period
from tests.reports.conftest import BESLUIT, COLLEGEBESLUIT, with_files

R = ReportStatus
INPUTS = {"aanbieden": {}, "collegebesluit": {"collegebesluit": COLLEGEBESLUIT}}
INPUTS["vaststellen"] = {"besluit": BESLUIT}
# The state each step starts from and leads to.
STEPS = {
    "aanbieden": (R.CONCEPT, R.TER_VASTSTELLING),
    "collegebesluit": (R.TER_VASTSTELLING, R.COLLEGEBESLUIT),
    "vaststellen": (R.COLLEGEBESLUIT, R.VASTGESTELD),
}

# (step, who, may they?) — "beleid" offered the report and recorded the collegebesluit;
# "collega" is a second beleidsmedewerker of Vlissingen, "griffie" Vlissingen's griffie.
PERMISSIONS = [
    ("aanbieden", "beleid", True),
    ("aanbieden", "collega", True),
    ("aanbieden", "beheerder", True),
    ("aanbieden", "griffie", False),
    ("aanbieden", "beleid_veere", False),
    ("aanbieden", "leverancier", False),
    ("collegebesluit", "beleid", True),  # default: the offerer records what the college did
    ("collegebesluit", "collega", True),
    ("collegebesluit", "beheerder", True),
    ("collegebesluit", "griffie", False),
    ("collegebesluit", "beleid_veere", False),
    ("collegebesluit", "leverancier", False),
    ("vaststellen", "beleid", False),  # offered it: four-eyes
    ("vaststellen", "collega", True),
    ("vaststellen", "griffie", True),
    ("vaststellen", "beheerder", True),
    ("vaststellen", "griffie_middelburg", False),
    ("vaststellen", "beleid_veere", False),
    ("vaststellen", "leverancier", False),
]


def people(world) -> dict:
    return {
        "beleid": world.beleid,
        "collega": make_user(Role.BELEID, world.vlissingen, username="collega"),
        "beheerder": world.beheerder,
        "griffie": world.griffie,
        "griffie_middelburg": world.griffie_middelburg,
        "beleid_veere": world.beleid_veere,
        "leverancier": world.leverancier,
    }


def report_at(world, status, offerer=None):
    """A report of Vlissingen (stand-in files) in ``status``, offered by ``offerer``."""
    offerer = offerer or world.beleid
    report = with_files(create_report(world.vlissingen, period("2018H1"), world.beleid))
    for step, (_start, _target) in STEPS.items():
        if report.status == status:
            break
        report = transition(report, step, offerer, **INPUTS[step])
    return report


@pytest.mark.parametrize(("step", "who", "allowed"), PERMISSIONS)
def test_who_may_take_each_step(world, step, who, allowed):
    start, target = STEPS[step]
    report = report_at(world, start)
    user = people(world)[who]
    assert (step in [a.name for a in available_actions(report, user)]) is allowed
    if allowed:
        assert transition(report, step, user, **INPUTS[step]).status == target
    else:
        with pytest.raises(ReportError):
            transition(report, step, user, **INPUTS[step])
        assert Report.objects.get(pk=report.pk).status == start


# (REPORT_FOUR_EYES_ADOPTION, REPORT_FOUR_EYES_COLLEGE, step, may the offerer take it?)
SETTINGS = [
    (True, False, "collegebesluit", True),
    (True, True, "collegebesluit", False),
    (True, False, "vaststellen", False),
    (False, False, "vaststellen", True),
    (False, True, "vaststellen", True),
]


@pytest.mark.parametrize(("adoption", "college", "step", "allowed"), SETTINGS)
def test_the_four_eyes_settings(world, settings, adoption, college, step, allowed):
    settings.REPORT_FOUR_EYES_ADOPTION = adoption
    settings.REPORT_FOUR_EYES_COLLEGE = college
    start, target = STEPS[step]
    if step == "vaststellen" and college:
        # The offerer cannot record the collegebesluit: a colleague does.
        report = report_at(world, R.TER_VASTSTELLING)
        colleague = make_user(Role.BELEID, world.vlissingen)
        report = transition(report, "collegebesluit", colleague, **INPUTS["collegebesluit"])
    else:
        report = report_at(world, start)
    if allowed:
        assert transition(report, step, world.beleid, **INPUTS[step]).status == target
    else:
        with pytest.raises(ReportError, match="vier-ogenprincipe"):
            transition(report, step, world.beleid, **INPUTS[step])
        assert Report.objects.get(pk=report.pk).status == start


# Who wrote texts and who offered the report before world.beleid tries to register the raad's
# adoption: (story, may beleid do it?).
STORIES = {
    "a colleague wrote the texts and offered it": ({"texts": "collega", "offers": "collega"}, True),
    "beleid wrote the texts": ({"texts": "beleid", "offers": "collega"}, False),
    "beleid and a colleague wrote texts": ({"texts": "both", "offers": "collega"}, False),
    "nobody wrote texts, beleid offered it": ({"texts": None, "offers": "beleid"}, False),
    "nobody wrote texts, a colleague offered it": ({"texts": None, "offers": "collega"}, True),
}


@pytest.mark.parametrize("story", STORIES)
def test_whoever_offered_or_wrote_texts_does_not_register_the_adoption(world, story):
    steps, may_adopt = STORIES[story]
    persons = {"beleid": world.beleid, "collega": make_user(Role.BELEID, world.vlissingen)}
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    thema = world.aantal_clienten.thema_id
    writers = {"both": ["beleid", "collega"], None: []}.get(steps["texts"], [steps["texts"]])
    for n, writer in enumerate(writers):
        save_texts(report, persons[writer], "", {thema: f"Duiding {n}"})
    with_files(report)
    offerer = persons[steps["offers"]]
    transition(report, "aanbieden", offerer)
    transition(report, "collegebesluit", offerer, collegebesluit=COLLEGEBESLUIT)
    offered = "vaststellen" in [a.name for a in available_actions(report, world.beleid)]
    assert offered is may_adopt
    if may_adopt:
        adopted = transition(report, "vaststellen", world.beleid, besluit=BESLUIT)
        assert adopted.status == ReportStatus.VASTGESTELD
    else:
        with pytest.raises(ReportError, match="vier-ogenprincipe"):
            transition(report, "vaststellen", world.beleid, besluit=BESLUIT)
        assert Report.objects.get(pk=report.pk).status == ReportStatus.COLLEGEBESLUIT


def test_the_offerer_is_told_why_there_is_no_form_for_the_raad(world, client):
    report = report_at(world, R.COLLEGEBESLUIT)
    client.force_login(world.beleid)
    page = client.get(f"/rapportages/{report.pk}/").text
    assert "Iemand anders – een collega of de griffie – legt de vaststelling" in page
    assert "vaststellen-kenmerk" not in page
    griffie_page = client.get(f"/rapportages/{report.pk}/raadsbesluit/").text
    assert "vier-ogenprincipe" in griffie_page and "vaststellen-kenmerk" not in griffie_page
    client.force_login(make_user(Role.BELEID, world.vlissingen))
    page = client.get(f"/rapportages/{report.pk}/").text
    assert "vier-ogenprincipe" not in page
    assert "vaststellen-kenmerk" in page


def test_with_college_four_eyes_the_offerer_is_told_why_there_is_no_college_form(
    world, client, settings
):
    settings.REPORT_FOUR_EYES_COLLEGE = True
    report = report_at(world, R.TER_VASTSTELLING)
    client.force_login(world.beleid)
    page = client.get(f"/rapportages/{report.pk}/").text
    assert "Een collega legt het collegebesluit vast (vier-ogenprincipe)" in page
    assert "collegebesluit-datum" not in page
