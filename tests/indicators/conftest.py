import pytest
from django.test import Client

from indicators.workflow import transition
from tests.factories import fill_submission


@pytest.fixture
def client_for(db):
    """A logged-in browser for a user."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def submitted(world):
    """The world's submission, complete and submitted by Orionis' first staff member."""
    fill_submission(world)
    return transition(world.submission, "indienen", world.leverancier)
