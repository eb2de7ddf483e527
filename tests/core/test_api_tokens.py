"""API tokens: named, hashed, shown once, with an expiry date; revoked by their owner or a
beheerder, by a new password or by deactivating the account; the token endpoint is throttled
and locked out like the log-in page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import ApiToken, AuditEntry
from core.tokens import digest, issue_token
from tests.factories import PASSWORD

LIST = "/api/v1/organisaties/"


def token_client(secret):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def test_the_token_endpoint_gives_a_named_token_once_and_stores_only_its_hash(world):
    response = APIClient().post(
        "/api/v1/token/",
        {"username": "orionis", "password": PASSWORD, "name": "koppeling", "days": 30},
        format="json",
    )
    body = response.json()
    token = ApiToken.objects.get()
    assert (token.name, token.user) == ("koppeling", world.leverancier)
    assert token.digest == digest(body["token"])
    assert body["token"] not in str(ApiToken.objects.values().get())
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert token_client(body["token"]).get(LIST).status_code == 200


def test_each_request_for_a_token_makes_a_new_one(world):
    for _request in range(2):
        APIClient().post(
            "/api/v1/token/", {"username": "orionis", "password": PASSWORD}, format="json"
        )
    assert ApiToken.objects.filter(user=world.leverancier).count() == 2


def test_a_token_lives_no_longer_than_the_maximum(world, settings):
    settings.API_TOKEN_MAX_DAYS = 10
    token, _secret = issue_token(world.leverancier, days=400)
    assert token.expires_at - timezone.now() <= timedelta(days=10)


@pytest.mark.parametrize(
    "stop",
    [
        pytest.param(
            lambda token: ApiToken.objects.filter(pk=token.pk).update(
                expires_at=timezone.now() - timedelta(seconds=1)
            ),
            id="expired",
        ),
        pytest.param(
            lambda token: ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now()),
            id="revoked",
        ),
        pytest.param(
            lambda token: type(token.user).objects.filter(pk=token.user_pk).update(is_active=False),
            id="account deactivated",
        ),
        pytest.param(
            lambda token: (token.user.set_password("Een-nieuw-wachtwoord-2026"), token.user.save()),
            id="password changed",
        ),
    ],
)
def test_a_token_stops_working_when(world, stop):
    token, secret = issue_token(world.leverancier)
    token.user_pk = token.user.pk
    assert token_client(secret).get(LIST).status_code == 200
    stop(token)
    assert token_client(secret).get(LIST).status_code == 401
    assert AuditEntry.objects.filter(action__in=["token.refused", "token.revoked"]).exists()


def test_a_hash_upgrade_at_log_in_does_not_revoke_tokens(world, settings):
    token, secret = issue_token(world.leverancier)
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    world.leverancier.refresh_from_db()
    assert world.leverancier.check_password(PASSWORD)  # rehashes and saves
    assert token_client(secret).get(LIST).status_code == 200


def test_creation_first_use_and_revocation_are_in_the_security_log(client, world):
    client.force_login(world.leverancier)
    response = client.post(reverse("api_tokens"), {"name": "Excel-koppeling", "days": 7})
    secret = response.context["new_secret"]
    assert secret in response.content.decode()
    token_client(secret).get(LIST)
    token_client(secret).get(LIST)  # within the interval: JSON log only
    token = ApiToken.objects.get()
    client.post(reverse("api_token_revoke", args=[token.pk]))
    logged = AuditEntry.objects.filter(object_type="core.apitoken").order_by("seq")
    assert list(logged.values_list("action", flat=True)) == [
        "token.created",
        "token.used",
        "token.revoked",
    ]
    assert token_client(secret).get(LIST).status_code == 401


def test_the_token_page_never_shows_a_secret_again(client, world):
    client.force_login(world.leverancier)
    client.post(reverse("api_tokens"), {"name": "Excel-koppeling", "days": 7})
    page = client.get(reverse("api_tokens")).content.decode()
    token = ApiToken.objects.get()
    assert "Excel-koppeling" in page and token.prefix in page
    assert "Uw nieuwe token" not in page


def test_nobody_revokes_another_persons_token_from_the_page(client, world):
    token, secret = issue_token(world.leverancier)
    client.force_login(world.leverancier2)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    assert token_client(secret).get(LIST).status_code == 200


def test_the_token_endpoint_is_throttled(world, settings):
    client = APIClient()
    rate = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"].split("/")[0])
    statuses = [
        client.post("/api/v1/token/", {"username": "x", "password": "y"}).status_code
        for _request in range(rate + 1)
    ]
    assert statuses[-1] == 429 and 429 not in statuses[:-1]


def test_a_locked_out_token_request_is_in_the_security_log(world):
    client = APIClient()
    for _attempt in range(5):
        client.post("/api/v1/token/", {"username": "orionis", "password": "fout"}, format="json")
    results = list(
        AuditEntry.objects.filter(actor_name="orionis", action__startswith="login.")
        .order_by("seq")
        .values_list("action", "details__via")
    )
    assert results[0] == ("login.failed", "api")
    assert ("login.locked_out", "api") in results
