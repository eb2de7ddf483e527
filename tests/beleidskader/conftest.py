from datetime import date
from decimal import Decimal

import pytest

from beleidskader.models import Beleidskader, Doel, Niveau
from budgets.models import Product, Programma, Soort, Taakveld
from budgets.services import LineInput, create_version, save_lines
from budgets.taakvelden import sync_taakvelden
from budgets.workflow import transition as budget_transition
from organisations.models import Role
from tests.factories import make_user


def make_kader(owner, **kwargs):
    fields = {"name": "Ontwikkelagenda", "year_from": 2020, **kwargs}
    return Beleidskader.objects.create(owner=owner, **fields)


def node(kader, niveau, nummer, title, parent=None, **kwargs):
    return Doel.objects.create(
        kader=kader, niveau=niveau, nummer=nummer, title=title, parent=parent, **kwargs
    )


@pytest.fixture
def kader(world):
    kader = make_kader(
        world.vlissingen, inspraak_start=date(2020, 10, 15), inspraak_end=date(2020, 12, 4)
    )
    doelstelling = node(kader, Niveau.DOELSTELLING, "1", "Zelfredzaamheid vergroten")
    node(kader, Niveau.TARGET, "1.1", "Meer inwoners zelfredzaam", parent=doelstelling)
    return kader


@pytest.fixture
def teamleider(world):
    """A second beleidsmedewerker of Vlissingen, for four-eyes."""
    return make_user(Role.BELEID, world.vlissingen, username="teamleider")


D = Decimal


@pytest.fixture
def wmo(world):
    """Vlissingen's programma Sociaal domein with four Wmo product lines."""
    sync_taakvelden()
    programma = Programma.objects.create(owner=world.vlissingen, code="SD", name="Sociaal domein")
    products = [
        Product.objects.create(programma=programma, code=f"WMO-{n}", name=name, order=n)
        for n, name in enumerate(
            ["Huishoudelijke hulp", "Hulpmiddelen", "Begeleiding", "Beschermd wonen"], start=1
        )
    ]
    return programma, products


def budget(world, products, soort, lasten, datum=None, *, by, reviewer):
    taakveld = Taakveld.objects.get(code="6.6")
    version = create_version(world.vlissingen, 2024, soort, by, datum=datum)
    save_lines(
        version,
        by,
        [
            LineInput(
                taakveld_id=taakveld.pk,
                programma_id=product.programma_id,
                product_id=product.pk,
                lasten=D(amount),
            )
            for product, amount in zip(products, lasten, strict=True)
        ],
    )
    budget_transition(version, "indienen", by)
    return budget_transition(version, "goedkeuren", reviewer)


@pytest.fixture
def bestuursrapportage(world, wmo):
    controller = make_user(Role.BELEID, world.vlissingen, username="controller_vlissingen")
    programma, products = wmo
    approve = {"by": controller, "reviewer": world.beleid}
    budget(world, products, Soort.PRIMITIEF, ["1000000", "800000", "500000", "5000000"], **approve)
    budget(
        world,
        products,
        Soort.PROGNOSE,
        ["800000", "800000", "450000", "3750000"],
        date(2024, 6, 30),
        **approve,
    )
    budget(
        world,
        products,
        Soort.TUSSENTIJDS,
        ["400000", "350000", "200000", "2000000"],
        date(2024, 6, 30),
        **approve,
    )
    return programma, products
