import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

NEW_PASSWORD = "Nieuw-wachtwoord-voor-2025"


def log_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.mark.parametrize(
    "path", [pytest.param("home", id="home"), "/aanleveringen/", "/rapportages/"]
)
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, path):
    path = reverse(path) if not path.startswith("/") else path
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={path}"


def test_the_login_page_is_public_and_in_dutch(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Gebruikersnaam" in response.content.decode()


def test_logging_in_with_username_and_password_opens_the_site(client, world):
    response = log_in(client, "beleid")
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_logging_in_returns_to_the_page_asked_for(client, world):
    response = client.post(
        reverse("login"), {"username": "beleid", "password": PASSWORD, "next": "/aanleveringen/"}
    )
    assert response.url == "/aanleveringen/"


def test_a_wrong_password_is_refused_with_a_dutch_message(client, world):
    response = log_in(client, "beleid", "fout")
    assert response.status_code == 200
    assert "wachtwoord" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_logging_out_takes_a_post_and_ends_the_session(client, world):
    log_in(client, "beleid")
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, world):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _attempt in range(4):
        assert log_in(client, "beleid", "fout").status_code == 200
    log_in(client, "beleid", "fout")
    response = log_in(client, "beleid")
    assert response.status_code == 429
    assert "Account tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_of_one_account_leaves_other_accounts_alone(client, world):
    for _attempt in range(5):
        log_in(client, "beleid", "fout")
    response = log_in(client, "beleid_veere")
    assert response.status_code == 302


def reset_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/wachtwoord-herstellen/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_a_password_reset_sends_an_email_with_a_link(client, world):
    response = client.post(reverse("password_reset"), {"email": world.beleid.email})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.beleid.email]
    assert "beleid" in message.body
    assert reset_link(message).startswith("/wachtwoord-herstellen/")


def test_the_reset_link_lets_the_user_set_a_new_password(client, world):
    client.post(reverse("password_reset"), {"email": world.beleid.email})
    form_page = client.get(reset_link(mail.outbox[0]), follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    assert log_in(client, "beleid", NEW_PASSWORD).status_code == 302


def test_a_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, world):
    response = client.post(reverse("password_reset"), {"email": "onbekend@example.nl"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_the_api_answers_anonymous_requests_with_401_json_instead_of_a_redirect(client, world):
    response = client.get(reverse("api:aanlevering-list"))
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()
