"""Security headers on every page, no inline script or style anywhere, Dutch error pages that
never show a traceback or the URL list, and a clean ``check --deploy`` in production."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

BASE = Path(settings.BASE_DIR)

PAGES = [
    pytest.param(None, "/inloggen/", id="login page"),
    pytest.param("beleid", "/", id="start page"),
    pytest.param("beleid", "/dashboard/GM0718/", id="dashboard"),
    pytest.param("beleid", "/account/tokens/", id="token page"),
    pytest.param("beheerder", "/admin/", id="admin"),
    pytest.param(None, "/api/docs/", id="API docs"),
    pytest.param(None, "/api/v1/organisaties/", id="API (401)"),
    pytest.param(None, "/bestaat-niet/", id="404"),
]


@pytest.mark.parametrize("username, path", PAGES)
def test_every_page_carries_the_security_headers(client, world, username, path):
    if username:
        client.force_login(getattr(world, username))
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'"]:
        assert directive in policy
    assert "frame-ancestors 'none'" in policy
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_a_sane_request_id_from_the_proxy_is_kept(client, db):
    response = client.get("/inloggen/", HTTP_X_REQUEST_ID="proxy-1234abcd")
    assert response["X-Request-ID"] == "proxy-1234abcd"


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=\"|\son[a-z]+=\"|<style(?![^>]*nonce)")


def test_no_template_has_an_inline_script_style_or_event_handler():
    offenders = [
        f"{path.relative_to(BASE)}: {match.group(0).strip()}"
        for path in (BASE / "templates").rglob("*.html")
        for match in INLINE.finditer(path.read_text())
    ]
    assert offenders == []


def test_session_and_csrf_cookies_are_httponly_and_samesite(client, world):
    from tests.factories import PASSWORD

    csrf = client.get(reverse("login")).cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(reverse("login"), {"username": "beleid", "password": PASSWORD})
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["samesite"] == "Lax"


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.core.urls_failing"


@pytest.mark.parametrize(
    "path, status, text",
    [
        ("/bestaat-niet/", 404, "Pagina niet gevonden"),
        ("/kapot/", 500, "Er ging iets mis"),
    ],
)
def test_error_pages_are_dutch_and_show_no_internals(world, production, path, status, text):
    client = Client(raise_request_exception=False)
    client.force_login(world.beleid)
    response = client.get(path)
    body = response.content.decode()
    assert response.status_code == status
    assert text in body
    for leak in ["Traceback", "geheime interne details", "URLconf", "admin/", "Django"]:
        assert leak not in body


def test_a_refused_page_is_dutch(client, world, production):
    client.force_login(world.leverancier)
    response = client.get("/api/v1/publicatie/", {"gemeente": "GM0718", "periode": "2018H1"})
    assert response.status_code == 403
    assert "geen toestemming" in response.json()["detail"]


def test_a_stale_form_gets_a_dutch_page(world, production):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "beleid", "password": "x"})
    assert response.status_code == 403
    assert "Formulier verlopen" in response.content.decode()


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    # Only what production sets (not the test run's DJANGO_* or database variables).
    inherited = {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}
    env = {
        **{name: value for name, value in os.environ.items() if name in inherited},
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "monitor.example.nl",
        "CSRF_TRUSTED_ORIGINS": "https://monitor.example.nl",
        "SITE_URL": "https://monitor.example.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
