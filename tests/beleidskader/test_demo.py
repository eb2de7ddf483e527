"""The demo beleidskaders: the Vlissingen doelenboom adopted on its dated steps, and a programma
in the Deventer form marked as another gemeente's document."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from beleidskader.models import Beleidskader, KaderStatus, Niveau, PrestatieBudget


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_once, db):
    return None


@pytest.fixture
def agenda(demo):
    return Beleidskader.objects.get(name="Ontwikkelagenda Sociaal Domein Vlissingen")


def numbers(kader, niveau):
    return list(kader.doelen.filter(niveau=niveau).values_list("nummer", flat=True))


def test_the_ontwikkelagenda_holds_visie_ksf_doelstellingen_and_numbered_targets(agenda):
    assert numbers(agenda, Niveau.VISIE) == ["1", "2", "3"]
    assert numbers(agenda, Niveau.KSF) == ["1", "2", "3", "4", "5", "6", "7"]
    assert numbers(agenda, Niveau.DOELSTELLING) == ["1", "2", "3", "4"]
    targets = numbers(agenda, Niveau.TARGET)
    assert targets[:8] == [f"1.{n}" for n in range(1, 9)]
    assert {"2.12", "3.5", "4.4"} <= set(targets)
    target = agenda.doelen.get(nummer="1.1", niveau=Niveau.TARGET)
    assert target.parent.nummer == "1"
    assert {link.indicator.code for link in target.indicators.all()} == {
        "mi-zelfstandig-huishouden",
        "mi-zichzelf-verzorgen",
        "mi-sociale-contacten",
        "mi-arbeidsparticipatie",
    }


def test_the_ontwikkelagenda_was_adopted_on_the_dates_of_its_table(agenda):
    assert agenda.status == KaderStatus.VASTGESTELD
    assert (agenda.inspraak_start, agenda.inspraak_end) == (date(2020, 10, 15), date(2020, 12, 4))
    assert agenda.collegebesluit_date == date(2020, 12, 15)
    assert agenda.raadsbesluit_date.year == 2021 and agenda.raadsbesluit_date.month == 1
    steps = agenda.events.order_by("at", "pk").values_list("action", "actor__username")
    assert list(steps) == [
        ("inspraak", "beleid"),
        ("collegebesluit", "beleid"),
        ("vaststellen", "teamleider"),
    ]
    assert agenda.reacties.count() == 1


def test_the_programma_meedoen_is_marked_as_another_gemeentes_document(demo):
    meedoen = Beleidskader.objects.get(name__startswith="Programma Meedoen")
    assert "andere gemeente" in meedoen.source_note
    assert meedoen.status == KaderStatus.CONCEPT
    budgets = PrestatieBudget.objects.filter(doel__kader=meedoen)
    assert budgets.filter(amount=Decimal("4486000")).exists()
    assert budgets.get(amount=Decimal("981000")).label == "budget Wij Deventer"
    assert numbers(meedoen, Niveau.DOELSTELLING) == ["1", "2"]


def test_loading_the_demo_again_adds_no_second_kader(demo):
    before = Beleidskader.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Beleidskader.objects.count() == before


def test_the_programma_meedoen_has_the_deventer_begroting(demo, client):
    from beleidskader import begroting

    kader = Beleidskader.objects.get(name="Programma Meedoen (voorbeeld Deventer)")
    chapter = begroting.of_kader(kader)
    saldi = [(row.year, row.saldo) for row in chapter.exploitatie]
    assert saldi[0] == (2016, Decimal("-64125000")) and saldi[-1] == (2020, Decimal("-64758000"))
    assert [p.name for p in chapter.verbonden_partijen] == [
        "Gemeentelijke Gezondheidsdienst (GGD) IJsselland",
        "Sportbedrijf Deventer",
        "Vervoerscentrale Stedendriehoek",
    ]
    wmo = next(row for row in chapter.bbv if row.nummer == 32)
    assert (wmo.value, wmo.source, wmo.from_document) == ("705", "GMSD", True)
    assert "Beschermd Wonen" in chapter.toelichting
