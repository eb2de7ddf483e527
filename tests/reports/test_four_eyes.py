"""Four-eyes on reports: whoever wrote or changed texts of a report does not adopt it
(vaststellen); making the files and offering it do not count (issue 13)."""

import pytest

from organisations.models import Role
from reports.models import ReportStatus
from reports.services import create_report, save_texts
from reports.workflow import ReportError, available_actions, transition
from tests.factories import make_user, period
from tests.reports.conftest import BESLUIT, with_files

# Who wrote texts and who offered the report before world.beleid tries to adopt it: (story, may
# beleid adopt?). "collega" is a second beleidsmedewerker of Vlissingen.
STORIES = {
    "beleid only created and offered it": ({"texts": "collega", "offers": "beleid"}, True),
    "beleid wrote the texts": ({"texts": "beleid", "offers": "collega"}, False),
    "beleid and a colleague wrote texts": ({"texts": "both", "offers": "collega"}, False),
    "nobody wrote texts": ({"texts": None, "offers": "beleid"}, True),
}


@pytest.mark.parametrize("story", STORIES)
def test_whoever_wrote_texts_of_a_report_cannot_adopt_it(world, story):
    steps, may_adopt = STORIES[story]
    people = {"beleid": world.beleid, "collega": make_user(Role.BELEID, world.vlissingen)}
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    thema = world.aantal_clienten.thema_id
    writers = {"both": ["beleid", "collega"], None: []}.get(steps["texts"], [steps["texts"]])
    for n, writer in enumerate(writers):
        save_texts(report, people[writer], "", {thema: f"Duiding {n}"})
    with_files(report)
    transition(report, "aanbieden", people[steps["offers"]])
    offered = "vaststellen" in [a.name for a in available_actions(report, world.beleid)]
    assert offered is may_adopt
    if may_adopt:
        assert (
            transition(report, "vaststellen", world.beleid, besluit=BESLUIT).status
            == ReportStatus.VASTGESTELD
        )
    else:
        with pytest.raises(ReportError, match="teksten.*vier-ogenprincipe"):
            transition(report, "vaststellen", world.beleid, besluit=BESLUIT)
        report.refresh_from_db()
        assert report.status == ReportStatus.TER_VASTSTELLING


def test_the_writer_of_the_texts_is_told_why_there_is_no_vaststellen_button(world, client):
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    save_texts(report, world.beleid, "", {world.aantal_clienten.thema_id: "Duiding"})
    transition(with_files(report), "aanbieden", world.beleid)
    client.force_login(world.beleid)
    page = client.get(f"/rapportages/{report.pk}/").content.decode()
    assert "Een andere beleidsmedewerker stelt haar vast (vier-ogenprincipe)" in page
    assert ">Vaststellen</button>" not in page
    colleague = make_user(Role.BELEID, world.vlissingen)
    client.force_login(colleague)
    page = client.get(f"/rapportages/{report.pk}/").content.decode()
    assert "vier-ogenprincipe" not in page
    assert ">Vaststellen</button>" in page
