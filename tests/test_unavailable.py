"""A database that is down or a query that ran too long: a Dutch 503, not a bare 500."""

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from reports import services
from reports.models import Report
from reports.services import create_report
from tests.factories import build_world, period

MESSAGE = "Probeer het over enkele minuten opnieuw."


@pytest.fixture
def world_with_report(db):
    world = build_world()
    world.report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    return world


def test_a_database_that_is_down_during_a_request_gives_a_dutch_503_page(
    client, world_with_report, monkeypatch
):
    world = world_with_report

    def down(report, user):
        raise OperationalError("connection refused")

    monkeypatch.setattr(services, "request_generation", down)
    client.force_login(world.beleid)
    response = client.post(reverse("reports:generate", args=[world.report.pk]))
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    page = response.content.decode()
    assert "Even niet beschikbaar" in page
    assert MESSAGE in page


def test_the_api_answers_503_with_a_dutch_detail(client, world_with_report, monkeypatch):
    from tests.factories import in_use_token

    def down(*args, **kwargs):
        raise OperationalError("query canceled")

    monkeypatch.setattr(Report.objects, "visible_to", down)
    token = in_use_token(world_with_report.beleid)
    response = client.get("/api/v1/rapportages/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 503
    assert MESSAGE in response.json()["detail"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_cancels_a_statement_after_the_statement_timeout(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "30s"
        cursor.execute("SET LOCAL statement_timeout = 100")
        with pytest.raises(OperationalError, match="statement timeout"):
            cursor.execute("SELECT pg_sleep(2)")
