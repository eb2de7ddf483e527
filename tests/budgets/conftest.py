"""Budgets in the Walcheren test world: taakvelden loaded, a controller per gemeente, helpers to
make versions with lines and take them through the workflow."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from budgets.models import Taakveld
from budgets.services import LineInput, create_version, save_lines
from budgets.taakvelden import sync_taakvelden
from budgets.workflow import transition
from organisations.models import Role
from tests.factories import make_user


@pytest.fixture(autouse=True)
def taakvelden(db):
    """The BBV list (the data migration loads it; a transactional test elsewhere may have
    flushed it)."""
    sync_taakvelden()


@pytest.fixture
def controller(world):
    """A second beleidsmedewerker of Vlissingen: enters Vlissingen's budget, so ``world.beleid``
    can approve it (four-eyes)."""
    return make_user(Role.BELEID, world.vlissingen, username="controller_vlissingen")


@pytest.fixture
def client_for(db):
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


def tv(code: str) -> Taakveld:
    return Taakveld.objects.get(code=code)


def lines(**amounts) -> list[LineInput]:
    """``lines(**{"6.3": (1000, 50)})`` → LineInput for taakveld 6.3 with lasten 1000, baten 50."""
    result = []
    for code, (lasten, baten) in amounts.items():
        result.append(
            LineInput(
                taakveld_id=tv(code).pk,
                lasten=Decimal(str(lasten)) if lasten is not None else None,
                baten=Decimal(str(baten)) if baten is not None else None,
            )
        )
    return result


def make_version(owner, year, soort, user, amounts, datum=None, name=""):
    version = create_version(owner, year, soort, user, name=name, datum=datum)
    save_lines(version, user, lines(**amounts))
    return version


def approve(version, submitter, reviewer):
    transition(version, "indienen", submitter)
    return transition(version, "goedkeuren", reviewer)


def approved(owner, year, soort, submitter, reviewer, amounts, datum=None, name=""):
    version = make_version(owner, year, soort, submitter, amounts, datum=datum, name=name)
    return approve(version, submitter, reviewer)


D = Decimal


def day(y, m, d):
    return date(y, m, d)
