"""The Walcheren budget demo: seed amounts where the sources give them, illustrative otherwise."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from budgets import figures
from budgets.models import BudgetStatus, BudgetVersion
from budgets.services import unit_costs
from organisations.models import Organisation

# The toelichting of every invented amount (datasets/demo/begroting.yaml).
ILLUSTRATIEF = "Illustratief: verzonnen bedragen voor de demo, niet uit een bron."


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """load_demo once for the module, rolled back at the end (like tests/test_demo_data.py)."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_once, db):
    return demo_once


def version(owner_code, year, soort):
    return BudgetVersion.objects.get(owner__code=owner_code, year=year, soort=soort)


def test_vlissingens_jaarrekening_2018_holds_the_seed_amounts(demo):
    jaarrekening = version("GM0718", 2018, "realisatie")
    assert jaarrekening.status == BudgetStatus.GOEDGEKEURD
    assert "Ontwikkelagenda" in jaarrekening.toelichting
    amounts = {
        (line.taakveld.code, line.programma.code if line.programma else ""): line.lasten
        for line in jaarrekening.lines.select_related("taakveld", "programma")
    }
    assert amounts[("6.3", "")] == Decimal("29180000.00")
    assert amounts[("6.81", "CT")] == Decimal("53810000.00")
    # The seed's rows (rounded to € 10.000) add up to 81,17 mln; the source prints 81,16.
    assert sum(v for (code, programma), v in amounts.items() if not programma) == Decimal(
        "81170000"
    )


def test_porthos_delivered_its_own_jaarbegroting_of_6_1_mln(demo):
    porthos = version("porthos", 2018, "primitief")
    assert porthos.lines.get().lasten == Decimal("6100000.00")
    assert porthos.submitted_by.username == "leverancier-porthos"
    assert porthos.reviewed_by.username == "beleid-middelburg"


def test_illustrative_versions_say_so(demo):
    illustrative = BudgetVersion.objects.filter(toelichting__startswith=ILLUSTRATIEF[:12])
    assert version("GM0687", 2018, "primitief") in illustrative
    assert version("GM0718", 2023, "primitief") in illustrative
    assert version("GM0718", 2020, "primitief") not in illustrative


def test_the_demo_series_runs_over_the_2023_split(demo):
    series = figures.series(Organisation.objects.get(code="GM0718"), list(range(2018, 2024)))
    jeugd = next(r for g in series.groups for r in g.rows if r.code == "6.72")
    assert jeugd.per_year[2023].actueel.lasten == Decimal("16500000.00")  # 6.72a-6.74c


def test_one_wijziging_is_left_open_for_the_controller(demo):
    open_version = BudgetVersion.objects.get(status=BudgetStatus.CONCEPT)
    assert open_version.name == "2e bestuursrapportage 2019"


def test_walcheren_shows_the_cost_per_wsw_employee(demo):
    overview = figures.overview(Organisation.objects.get(code="walcheren"), 2018)
    costs = {c.config.code: c for c in unit_costs(overview)}
    wsw = costs["kosten-per-wsw-medewerker"]
    assert wsw.value.value == 666
    assert wsw.result == (wsw.amount / 666).quantize(Decimal("0.01"))


def test_loading_twice_adds_no_versions(demo):
    before = BudgetVersion.objects.count()
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=StringIO())
    assert BudgetVersion.objects.count() == before
