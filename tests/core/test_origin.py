"""Behind a reverse proxy the client's address comes from X-Forwarded-For, but only as far as
the configured number of trusted proxies reaches; lockouts and the security log use it alike."""

import threading

import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from core.audit import record, verify_chain
from core.models import AuditEntry
from core.origin import client_ip


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        pytest.param(0, "203.0.113.7", "10.0.0.1", id="no proxy: the header is ignored"),
        pytest.param(1, "203.0.113.7", "203.0.113.7", id="one proxy"),
        pytest.param(1, "6.6.6.6, 203.0.113.7", "203.0.113.7", id="a forged address is skipped"),
        pytest.param(2, "203.0.113.7, 10.0.0.9", "203.0.113.7", id="two proxies"),
        pytest.param(2, "203.0.113.7", "10.0.0.1", id="fewer addresses than proxies"),
        pytest.param(1, "geen-adres", "10.0.0.1", id="garbage"),
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_lockout_and_log_see_the_client_behind_the_proxy(client, world, settings):
    from axes.models import AccessAttempt

    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        reverse("login"),
        {"username": "beleid", "password": "fout"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert AccessAttempt.objects.get(username="beleid").ip_address == "203.0.113.7"
    assert AuditEntry.objects.get(action="login.failed").ip_address == "203.0.113.7"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain():
    from django.db import connections

    def write(n):
        try:
            for i in range(20):
                record("test.concurrent", writer=n, i=i)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert verify_chain() == (80, None)
