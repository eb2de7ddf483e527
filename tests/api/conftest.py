import pytest
from rest_framework.test import APIClient

from tests.factories import in_use_token


@pytest.fixture
def api_client():
    """An API client signed in with a token (``api_client(None)``: anonymous)."""

    def make(user):
        client = APIClient()
        if user is not None:
            secret = in_use_token(user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
        return client

    return make


def cell(indicator, doelgroep, area, value, **extra):
    return {
        "indicator": indicator.code,
        "doelgroep": doelgroep.code if doelgroep else None,
        "area": area.code,
        "value": value,
        **extra,
    }


def all_cells(world, **values):
    """The three cells of the world's uitvraag (all for regio Walcheren)."""
    return [
        cell(world.aantal_clienten, world.werkzoekenden, world.walcheren, values.get("werk", 510)),
        cell(world.aantal_clienten, world.wsw, world.walcheren, values.get("wsw", 666)),
        cell(world.uitstroom_pct, world.werkzoekenden, world.walcheren, values.get("pct", "12,5")),
    ]


def url(submission, suffix=""):
    return f"/api/v1/aanleveringen/{submission.pk}/" + (f"{suffix}/" if suffix else "")
