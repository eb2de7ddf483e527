"""The broker is down when a report is requested: a clear Dutch message, nothing half-saved."""

import pytest
from django.urls import reverse

from reports.models import GenerationStatus, Report, ReportEvent
from reports.services import create_report, request_generation
from reports.workflow import ReportError
from tests.factories import build_world, period
from tests.reports.conftest import approve

MESSAGE = "De rapportage kan nu niet worden gemaakt; probeer het over enkele minuten opnieuw."


@pytest.fixture
def broker_down(monkeypatch):
    """Celery pointed at a port where nothing listens (never the shared Redis)."""
    from config.celery import app

    # Celery prefers the environment variable to its configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")

    previous = (app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_read_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:9/0"
    app.conf.broker_read_url = app.conf.broker_write_url = None
    app._pool = None
    app.amqp._producer_pool = None
    yield
    app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_read_url = previous
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def world_with_report(db):
    world = build_world()
    approve(world, world.submission)
    world.report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    return world


@pytest.mark.django_db(transaction=True)
def test_requesting_a_report_while_the_broker_is_down_says_to_try_again_later(
    broker_down, world_with_report
):
    world = world_with_report
    with pytest.raises(ReportError) as raised:
        request_generation(world.report, world.beleid)
    assert str(raised.value) == MESSAGE


@pytest.mark.django_db(transaction=True)
def test_a_request_the_broker_could_not_take_leaves_the_report_as_it_was(
    broker_down, world_with_report
):
    world = world_with_report
    with pytest.raises(ReportError):
        request_generation(world.report, world.beleid)
    report = Report.objects.get(pk=world.report.pk)
    assert report.generation_status == GenerationStatus.NONE
    assert report.generation_requested_at is None
    assert list(
        ReportEvent.objects.filter(report=report).values_list("action", flat=True).order_by("pk")
    ) == ["aangemaakt", "genereren", "niet_gestart"]


@pytest.mark.django_db(transaction=True)
def test_the_page_shows_the_message_and_the_button_stays(client, broker_down, world_with_report):
    world = world_with_report
    client.force_login(world.beleid)
    response = client.post(reverse("reports:generate", args=[world.report.pk]), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert MESSAGE in page
    assert "Rapportage maken</button>" in page
