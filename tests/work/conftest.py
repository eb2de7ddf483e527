import pytest
from django.core.cache import cache
from django.test import Client

from indicators.workflow import transition
from tests.factories import fill_submission


@pytest.fixture(autouse=True)
def _fresh_counts():
    """The navigation's counts are cached per person; a test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client_for(db):
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def step(django_capture_on_commit_callbacks):
    """Take a workflow step as a person would: committed, so its follow-ups run."""

    def run(workflow_transition, obj, action, user, reason=""):
        with django_capture_on_commit_callbacks(execute=True):
            return workflow_transition(obj, action, user, reason=reason)

    return run


@pytest.fixture
def submitted(world, step):
    fill_submission(world)
    return step(transition, world.submission, "indienen", world.leverancier)
