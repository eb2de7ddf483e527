"""Entering a beleidskader on the website: a new kader, its nodes with numbering, text, owner and
validity, a target's indicators with streefwaarden per year, a prestatie's budget lines; only by
beleid of the gemeente while concept. The permissions are a declared table; each row is a test."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from beleidskader.models import Beleidskader, Doel, DoelIndicator, Niveau, PrestatieBudget
from budgets.models import Product, Programma
from core.models import AuditEntry
from indicators.models import Streefwaarde

from .conftest import node
from .test_adoption import adopt

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def target(kader):
    return kader.doelen.get(nummer="1.1")


@pytest.fixture
def prestatie(kader, target):
    return node(kader, Niveau.PRESTATIE, "", "Sociale teams in alle wijken", parent=target)


@pytest.fixture
def link(target, world):
    return DoelIndicator.objects.create(doel=target, indicator=world.uitstroom_pct)


def new_node(kader, target, prestatie, link):
    return reverse("beleidskader:node_create", args=[kader.pk]), {
        "niveau": "target",
        "parent": target.parent_id,
        "nummer": "1.2",
        "title": "Minder huishoudens in armoede",
    }


def edit_node(kader, target, prestatie, link):
    return reverse("beleidskader:node_edit", args=[kader.pk, target.pk]), {
        "niveau": "target",
        "parent": target.parent_id,
        "nummer": "1.1",
        "title": "Nieuwe titel",
    }


def delete_node(kader, target, prestatie, link):
    return reverse("beleidskader:node_delete", args=[kader.pk, prestatie.pk]), {}


def add_indicator(kader, target, prestatie, link):
    return reverse("beleidskader:indicator_add", args=[kader.pk, target.pk]), {
        "indicator": link.indicator.pk
    }


def set_streefwaarde(kader, target, prestatie, link):
    prefix = f"sw{link.pk}"
    return reverse("beleidskader:streefwaarde", args=[kader.pk, target.pk, link.pk]), {
        f"{prefix}-year_from": 2021,
        f"{prefix}-comparison": ">=",
        f"{prefix}-value": "40",
    }


def add_budget(kader, target, prestatie, link):
    return reverse("beleidskader:budget_add", args=[kader.pk, prestatie.pk]), {
        "year": 2021,
        "amount": "4.486.000",
    }


def edit_kader(kader, target, prestatie, link):
    return reverse("beleidskader:edit", args=[kader.pk]), {
        "name": "Ontwikkelagenda",
        "year_from": 2020,
        "description": "Gewijzigd",
    }


ACTIONS = [
    new_node,
    edit_node,
    delete_node,
    add_indicator,
    set_streefwaarde,
    add_budget,
    edit_kader,
]

# (user, may change a concept kader of Vlissingen). Nobody changes an adopted one.
PERMISSIONS = [
    ("beleid", True),
    ("beheerder", True),
    ("griffie", False),
    ("beleid_veere", False),
    ("leverancier", False),
]


def changed(kader, target, prestatie, before) -> bool:
    return snapshot(kader) != before


def snapshot(kader):
    kader = Beleidskader.objects.get(pk=kader.pk)
    return (
        kader.description,
        sorted(Doel.objects.filter(kader=kader).values_list("nummer", "title", "niveau")),
        DoelIndicator.objects.filter(doel__kader=kader).count(),
        PrestatieBudget.objects.filter(doel__kader=kader).count(),
        sorted(Streefwaarde.objects.values_list("year_from", "value")),
    )


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.__name__)
@pytest.mark.parametrize("user, allowed", PERMISSIONS)
def test_who_may_change_a_concept_tree(
    world, kader, target, prestatie, link, action, user, allowed
):
    url, data = action(kader, target, prestatie, link)
    before = snapshot(kader)
    response = client_for(getattr(world, user)).post(url, data)
    assert changed(kader, target, prestatie, before) is allowed
    if not allowed:
        assert response.status_code == 404


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.__name__)
def test_an_adopted_tree_is_frozen_on_the_website(
    world, kader, target, prestatie, link, teamleider, action
):
    adopt(kader, world.beleid, teamleider)
    url, data = action(kader, target, prestatie, link)
    before = snapshot(kader)
    response = client_for(world.beleid).post(url, data, follow=True)
    assert snapshot(kader) == before
    assert "niet meer in concept" in response.content.decode()


def test_a_beleidsmedewerker_enters_a_whole_tree_without_javascript(world):
    client = client_for(world.beleid)
    response = client.post(
        reverse("beleidskader:create"),
        {"owner": world.vlissingen.pk, "name": "Programma Meedoen", "year_from": 2017},
    )
    kader = Beleidskader.objects.get(name="Programma Meedoen")
    assert response.status_code == 302 and kader.status == "concept"
    add = reverse("beleidskader:node_create", args=[kader.pk])
    client.post(add, {"niveau": "visie", "level_label": "Ambitie", "title": "Iedereen doet mee"})
    client.post(add, {"niveau": "doelstelling", "nummer": "1", "title": "Maximale participatie"})
    doelstelling = kader.doelen.get(nummer="1")
    client.post(
        add,
        {
            "niveau": "target",
            "parent": doelstelling.pk,
            "nummer": "1.1",
            "title": "2,5% minder gebruik van individuele voorzieningen",
            "eigenaar": "Team Wmo",
            "year_from": 2017,
            "year_to": 2020,
        },
    )
    target = kader.doelen.get(nummer="1.1")
    assert (target.eigenaar, target.year_from, target.year_to) == ("Team Wmo", 2017, 2020)
    client.post(
        add,
        {"niveau": "prestatie", "parent": target.pk, "title": "Sociale teams in 9 wijken"},
    )
    prestatie = kader.doelen.get(niveau="prestatie")
    client.post(
        reverse("beleidskader:indicator_add", args=[kader.pk, target.pk]),
        {"indicator": world.uitstroom_pct.pk},
    )
    link = target.indicators.get()
    client.post(
        reverse("beleidskader:streefwaarde", args=[kader.pk, target.pk, link.pk]),
        {
            f"sw{link.pk}-year_from": 2017,
            f"sw{link.pk}-comparison": ">=",
            f"sw{link.pk}-value": "25",
        },
    )
    programma = Programma.objects.create(owner=world.vlissingen, code="P2", name="Meedoen")
    product = Product.objects.create(programma=programma, code="P2.1", name="Sociale teams")
    client.post(
        reverse("beleidskader:budget_add", args=[kader.pk, prestatie.pk]),
        {
            "year": 2017,
            "amount": "4.486.000",
            "label": "budget sociale teams",
            "product": product.pk,
        },
    )
    budget = prestatie.budgets.get()
    assert (budget.amount, budget.programma, budget.product) == (
        Decimal("4486000"),
        programma,
        product,
    )
    streefwaarde = Streefwaarde.objects.get(indicator=world.uitstroom_pct, scope=world.vlissingen)
    assert streefwaarde.value == 25
    assert AuditEntry.objects.filter(action="streefwaarde.gewijzigd").exists()
    page = client.get(reverse("beleidskader:detail", args=[kader.pk])).content.decode()
    assert "Ambitie" in page and "1.1" in page and "Team Wmo" in page
    assert target.history.filter(history_user=world.beleid).exists()


def test_a_target_cannot_hang_at_the_top_and_says_so_at_its_field(world, kader):
    response = client_for(world.beleid).post(
        reverse("beleidskader:node_create", args=[kader.pk]),
        {"niveau": "target", "nummer": "9.9", "title": "Los target"},
    )
    assert response.status_code == 400
    assert "kan hier niet onder hangen" in response.content.decode()
    assert not kader.doelen.filter(nummer="9.9").exists()


def test_a_budget_on_another_gemeentes_programma_is_refused(world, kader, prestatie):
    other = Programma.objects.create(owner=world.veere, code="PV", name="Veere")
    response = client_for(world.beleid).post(
        reverse("beleidskader:budget_add", args=[kader.pk, prestatie.pk]),
        {"year": 2021, "amount": "10", "programma": other.pk},
    )
    assert response.status_code == 400
    assert not prestatie.budgets.exists()


def test_the_decision_dates_are_entered_on_the_website(world, kader, teamleider):
    client = client_for(world.beleid)
    client.post(reverse("beleidskader:action", args=[kader.pk, "inspraak"]))
    client.post(
        reverse("beleidskader:decision", args=[kader.pk]),
        {"collegebesluit_date": "2020-12-15", "raadsbesluit_date": "2021-01-01"},
    )
    kader.refresh_from_db()
    # In inspraak only the collegebesluit's date: the raad has not decided yet.
    assert (kader.collegebesluit_date, kader.raadsbesluit_date) == (date(2020, 12, 15), None)
    client.post(reverse("beleidskader:action", args=[kader.pk, "collegebesluit"]))
    client_for(world.griffie).post(
        reverse("beleidskader:decision", args=[kader.pk]),
        {"raadsbesluit_date": "2021-01-28", "raadsbesluit": "RB 2021/3"},
    )
    kader.refresh_from_db()
    assert (kader.raadsbesluit_date, kader.raadsbesluit) == (date(2021, 1, 28), "RB 2021/3")


def test_an_addendum_is_made_on_the_website_and_its_target_hangs_under_a_doelstelling(
    world, kader, teamleider
):
    adopt(kader, world.beleid, teamleider)
    client = client_for(world.beleid)
    client.post(reverse("beleidskader:addendum", args=[kader.pk]), {"name": "Integrale targets"})
    addendum = Beleidskader.objects.get(addendum_of=kader)
    doelstelling = kader.doelen.get(niveau="doelstelling")
    client.post(
        reverse("beleidskader:node_create", args=[addendum.pk]),
        {"niveau": "target", "parent": doelstelling.pk, "nummer": "1.9", "title": "Integraal"},
    )
    assert addendum.doelen.get().parent == doelstelling


def test_a_gemeente_loads_its_own_kader_from_yaml_in_concept(world, tmp_path):
    from django.core.management import call_command

    source = tmp_path / "agenda.yaml"
    source.write_text(
        f"""
beleidskaders:
  - owner: GM0718
    opsteller: {world.beleid.username}
    name: Eigen agenda
    year_from: 2024
    nodes:
      - niveau: doelstelling
        nummer: "1"
        title: Iedereen doet mee
        children:
          - nummer: "1.1"
            title: Meer inwoners aan het werk
            prestaties:
              - title: Werkgeversdienstverlening
                budget: {{year: 2024, amount: "250000"}}
    exploitatie:
      - {{year: 2024, lasten: "1000000", baten: "50000"}}
    verbonden_partijen:
      - {{rechtsvorm: GR, name: Werkbedrijf}}
""",
        encoding="utf-8",
    )
    call_command("load_dataset", str(source), stdout=io.StringIO())
    kader = Beleidskader.objects.get(name="Eigen agenda")
    assert kader.status == "concept"
    assert list(kader.doelen.values_list("nummer", flat=True)) == ["1", "1.1", ""]
    assert PrestatieBudget.objects.get(doel__kader=kader).amount == 250000
    assert kader.exploitatie.get().saldo == -950000
    assert kader.verbonden_partijen.get().name == "Werkbedrijf"
