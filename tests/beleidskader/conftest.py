from datetime import date

import pytest

from beleidskader.models import Beleidskader, Doel, Niveau
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
