"""The demo with Vlissingen's 2018 tweede halfjaar as in issue 11: Orionis' Halfjaarcijfers klanten
delivered and approved, the Halfjaarcijfers werkleerbedrijf (three more doelgroepen of the same
"aantal cliënten") not yet, so a total over all doelgroepen would cover only part of them."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from indicators.models import Indicator, Submission
from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition
from organisations.models import Organisation

KLANTEN_2018H2 = [
    ("orionis-aantal-clienten", "loopbaanontwikkeling", "505"),
    ("orionis-aantal-clienten", "trajectontwikkeling", "450"),
    ("orionis-aantal-clienten", "arbeidsontwikkeling", "2.260"),
    ("orionis-uitkeringsbestand", "werkzoekenden", "3.215"),
    ("orionis-geen-participatie-aandeel", "arbeidsontwikkeling", "70"),
]


def deliver_klanten_2018h2(approve=True):
    users = get_user_model().objects
    concept = Submission.objects.get(period__identifier="2018H2")
    walcheren = Organisation.objects.get(code="walcheren")
    orionis = concept.uitvraag.uitvoerder
    doelgroepen = {d.code: d.pk for d in orionis.doelgroepen.all()}
    indicators = {i.code: i.pk for i in Indicator.objects.filter(uitvoerder=orionis)}
    cells = [
        CellInput(indicators[code], doelgroepen[dg], walcheren.pk, raw, voorlopig=True)
        for code, dg, raw in KLANTEN_2018H2
    ]
    save_values(concept, users.get(username="leverancier"), cells)
    concept = transition(concept, "indienen", users.get(username="leverancier"))
    if approve:
        concept = transition(concept, "goedkeuren", users.get(username="beleid"))
    return concept


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo once for this module, rolled back at the end (each test in a savepoint)."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = tmp_path_factory.mktemp("totals-media")
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, PASSWORD_HASHERS=fast, MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_once, db, settings):
    settings.DEBUG = True


@pytest.fixture
def vlissingen_2018h2(demo):
    """Klanten delivered and approved; werkleerbedrijf not delivered."""
    return deliver_klanten_2018h2()
