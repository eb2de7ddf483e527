"""The health endpoint for the load balancer and monitoring (core.health)."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from core.models import WorkerHeartbeat

BROKER = "redis://127.0.0.1:6379/6"
CLOSED = "redis://127.0.0.1:9/0"

pytestmark = pytest.mark.django_db(transaction=True)


def health(client, path="/gezondheid/"):
    return client.get(path, HTTP_ACCEPT="application/json")


def test_the_health_endpoint_needs_no_login_and_answers_json(client):
    response = health(client, "/gezondheid/web/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    checks = response.json()
    assert set(checks.values()) == {"OK"}
    assert {name.split("(")[0] for name in checks} == {"Database", "Cache", "Storage", "MediaDisk"}


@override_settings(CELERY_BROKER_URL="")
def test_the_embedded_mode_is_healthy_without_broker_or_worker(client):
    response = health(client)
    assert response.status_code == 200
    assert any(name.startswith("WorkerSeen") for name in response.json())


@override_settings(HEALTH_MEDIA_MIN_FREE_PERCENT=100.1)
def test_a_full_media_disk_makes_the_web_node_unavailable(client):
    response = health(client, "/gezondheid/web/")
    assert response.status_code == 503
    assert "free on the media disk" in response.json()["MediaDisk()"]


@override_settings(CELERY_BROKER_URL=BROKER, HEALTH_WORKER_MAX_AGE_SECONDS=300)
def test_no_worker_seen_lately_is_a_problem_for_monitoring_but_not_for_the_load_balancer(client):
    WorkerHeartbeat.objects.create(
        hostname="celery@oud", seen_at=timezone.now() - timedelta(minutes=6)
    )
    response = health(client)
    assert response.status_code == 503
    assert "no worker seen in the last 300 seconds" in response.json()["WorkerSeen()"]
    assert health(client, "/gezondheid/web/").status_code == 200


@override_settings(CELERY_BROKER_URL=BROKER, HEALTH_WORKER_MAX_AGE_SECONDS=300)
def test_a_worker_seen_lately_is_healthy(client):
    WorkerHeartbeat.objects.create(hostname="celery@nu", seen_at=timezone.now())
    assert health(client).json()["WorkerSeen()"] == "OK"


def test_an_unreachable_broker_is_reported(client, settings, monkeypatch):
    from config.celery import app

    settings.CELERY_BROKER_URL = CLOSED
    monkeypatch.setenv("CELERY_BROKER_URL", CLOSED)  # Celery prefers it to its configuration
    previous = app.conf.broker_url
    app.conf.broker_url = CLOSED
    app._pool = None
    try:
        response = health(client)
    finally:
        app.conf.broker_url = previous
        app._pool = None
    assert response.status_code == 503
    assert response.json()["Broker()"] == "Unavailable: broker unreachable"
