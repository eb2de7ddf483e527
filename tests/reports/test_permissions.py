"""Who may see and do what with a report: role × page/action × own/other gemeente, as one table
(tests/permissions.py). The report is Vlissingen's over 2018H1, written by world.beleid."""

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import Report, ReportStatus
from reports.services import create_report
from reports.workflow import transition
from tests.factories import period
from tests.permissions import Request, matrix, run, status_and_outcome
from tests.reports.conftest import vastgesteld, with_files

PEOPLE = {
    "beleid": "beleidsmedewerker, eigen gemeente (Vlissingen), schreef de rapportage",
    "beheerder": "functioneel beheerder",
    "beleid_veere": "beleidsmedewerker, andere gemeente in de regio (Veere)",
    "other_beleid": "beleidsmedewerker, andere gemeente (Dordrecht)",
    "griffie": "griffie, eigen gemeente (Vlissingen)",
    "griffie_middelburg": "griffie, andere gemeente (Middelburg)",
    "leverancier": "leverancier (Orionis)",
}


def _with_files(ctx):
    ctx.report = with_files(ctx.report)


def _offered(ctx):
    _with_files(ctx)
    ctx.report = transition(ctx.report, "aanbieden", ctx.world.beleid)


def _adopted(ctx):
    _with_files(ctx)
    ctx.report = vastgesteld(ctx.report, ctx.world.beleid)


def on_report(name, method="get", prepare=None, *args):
    return Request(
        method, lambda ctx: reverse(f"reports:{name}", args=[ctx.report.pk, *args]), None, prepare
    )


ACTIONS = {
    "list": Request("get", lambda ctx: reverse("reports:list")),
    "griffie_page": Request("get", lambda ctx: reverse("reports:griffie")),
    "detail": on_report("detail"),
    "detail_vastgesteld": on_report("detail", "get", _adopted),
    "generate": on_report("generate", "post"),
    "aanbieden": on_report("action", "post", None, "aanbieden"),
    "progress": on_report("progress"),
    "download_concept": on_report("download", "get", _with_files, "pdf"),
    "download_ter_vaststelling": on_report("download", "get", _offered, "pdf"),
    "download_pdf": on_report("download", "get", _adopted, "pdf"),
    "download_xlsx": on_report("download", "get", _adopted, "xlsx"),
    "download_csv": on_report("download", "get", _adopted, "csv"),
}
CONCEPT = ReportStatus.CONCEPT
# fmt: off
TABLE = {
    "list": {"beleid": 200, "griffie": 302, "leverancier": 404},  # the griffie: to its own page
    "griffie_page": {"griffie": 200, "beleid": 404, "leverancier": 404},
    #                   beleid beheer veere o.bel  grif   g.mid  lev
    "detail":             (200,   200,   404,  404,   404,   404,   404),
    "detail_vastgesteld": {"griffie": 404},
    "generate":  {"beleid_veere": (404, CONCEPT), "other_beleid": (404, CONCEPT),
                  "griffie": (404, CONCEPT), "leverancier": (404, CONCEPT)},
    "aanbieden": {"beleid_veere": (404, CONCEPT), "other_beleid": (404, CONCEPT),
                  "griffie": (404, CONCEPT), "leverancier": (404, CONCEPT)},
    "progress":  {"beleid_veere": 404, "other_beleid": 404, "griffie": 404, "leverancier": 404},
    "download_concept": {"beleid": 200, "beleid_veere": 404, "griffie": 404, "leverancier": 404},
    "download_ter_vaststelling": {"griffie": 404},
    "download_pdf":  {"beleid": 200, "griffie": 200, "griffie_middelburg": 404, "leverancier": 404},
    # The Excel file holds the exact small counts: not for publication.
    "download_xlsx": {"beleid": 200, "beheerder": 200, "griffie": 404, "griffie_middelburg": 404},
    "download_csv":  {"beleid": 200, "griffie": 200, "leverancier": 404},
}
# fmt: on


@pytest.fixture
def report(world):
    return create_report(world.vlissingen, period("2018H1"), world.beleid)


@pytest.mark.parametrize(("action", "person", "expected"), matrix(PEOPLE, TABLE))
def test_permission_matrix(action, person, expected, world, report):
    status, outcome = status_and_outcome(expected)
    client = Client()
    client.force_login(getattr(world, person))
    response = run(client, ACTIONS[action], SimpleNamespace(world=world, report=report))
    assert response.status_code == status, PEOPLE[person]
    if outcome is not None:
        assert Report.objects.get(pk=report.pk).status == outcome
