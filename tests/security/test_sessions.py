"""Sessions end after idle time and at their absolute lifetime, and all at once on a password
change or a reset of the second factor."""

import re
import time

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from organisations.models import UserSession
from organisations.sessions import LAST_SEEN, STARTED
from tests.factories import PASSWORD
from tests.security.conftest import log_in

NEW_PASSWORD = "een lange zin als nieuw wachtwoord"


def age_session(client, *, idle_minutes=0.0, since_login_hours=0.0):
    """Pretends the last request was ``idle_minutes`` ago and the log-in ``since_login_hours``."""
    session = client.session
    now = time.time()
    session[LAST_SEEN] = now - idle_minutes * 60
    session[STARTED] = now - since_login_hours * 3600
    session.save()


def is_logged_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


def test_logging_in_records_the_session_for_its_user(client, world):
    log_in(client, "beleid")
    assert UserSession.objects.filter(
        user=world.beleid, session_key=client.session.session_key
    ).exists()


def test_logging_out_forgets_the_session(client, world):
    log_in(client, "beleid")
    client.post(reverse("logout"))
    assert not UserSession.objects.filter(user=world.beleid).exists()


# -- idle timeout and absolute lifetime -------------------------------------------------------


def test_a_session_idle_for_just_under_30_minutes_continues(client, world):
    log_in(client, "beleid")
    age_session(client, idle_minutes=29)
    assert is_logged_in(client)


def test_a_session_idle_for_more_than_30_minutes_ends_with_a_dutch_message(client, world):
    log_in(client, "beleid")
    age_session(client, idle_minutes=31)
    response = client.get("/aanleveringen/")
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/aanleveringen/"
    page = client.get(response.url)
    assert "30 minuten niets hebt gedaan" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_activity_keeps_a_session_alive_past_the_idle_timeout(client, world):
    log_in(client, "beleid")
    age_session(client, idle_minutes=20, since_login_hours=1)
    assert is_logged_in(client)  # this request counts as activity
    session = client.session
    assert time.time() - session[LAST_SEEN] < 60


def test_the_idle_timeout_is_configurable(client, world, settings):
    settings.SESSION_IDLE_MINUTES = 5
    log_in(client, "beleid")
    age_session(client, idle_minutes=6)
    assert not is_logged_in(client)


def test_a_session_ends_after_12_hours_even_when_active(client, world):
    log_in(client, "beleid")
    age_session(client, idle_minutes=1, since_login_hours=12.01)
    response = client.get(reverse("home"))
    assert response.url.startswith(reverse("login"))
    assert "langer dan 12 uur" in client.get(response.url).content.decode()


def test_a_session_just_under_12_hours_old_continues(client, world):
    log_in(client, "beleid")
    age_session(client, idle_minutes=1, since_login_hours=11.9)
    assert is_logged_in(client)


def test_the_absolute_lifetime_is_configurable(client, world, settings):
    settings.SESSION_ABSOLUTE_HOURS = 2
    log_in(client, "beleid")
    age_session(client, since_login_hours=2.5)
    assert not is_logged_in(client)


def test_an_expired_session_gets_401_json_from_the_api(client, world):
    log_in(client, "beleid")
    age_session(client, idle_minutes=45)
    response = client.get(reverse("api:aanlevering-list"))
    assert response.status_code == 401
    assert "sessie is verlopen" in response.json()["detail"]


def test_the_session_cookie_does_not_outlive_the_absolute_lifetime(settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


# -- every session ends on a password change --------------------------------------------------


def two_sessions(world):
    """The same person logged in on two devices."""
    laptop, phone = Client(), Client()
    log_in(laptop, "beleid")
    log_in(phone, "beleid")
    assert is_logged_in(laptop) and is_logged_in(phone)
    return laptop, phone


def test_changing_the_password_ends_every_other_session_and_keeps_this_one(world):
    laptop, phone = two_sessions(world)
    response = laptop.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert is_logged_in(laptop)
    assert not is_logged_in(phone)
    assert list(
        UserSession.objects.filter(user=world.beleid).values_list("session_key", flat=True)
    ) == [laptop.session.session_key]


def test_a_password_reset_by_e_mail_ends_every_session(client, world):
    laptop, phone = two_sessions(world)
    client.post(reverse("password_reset"), {"email": world.beleid.email})
    link = re.search(r"https?://[^/\s]+(/wachtwoord-herstellen/[^\s]+/)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert not is_logged_in(laptop)
    assert not is_logged_in(phone)
    assert not UserSession.objects.filter(user=world.beleid).exists()


def test_a_password_set_by_a_beheerder_ends_the_users_sessions(world):
    laptop, _phone = two_sessions(world)
    user = User.objects.get(pk=world.beleid.pk)
    user.set_password(NEW_PASSWORD)
    user.save()
    # Django's session hash: a session made with the old password no longer counts
    assert not is_logged_in(laptop)


def test_every_page_offers_a_link_to_change_the_password(client, world):
    log_in(client, "beleid")
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("password_change")}"' in html
    assert "Wachtwoord wijzigen" in html


@pytest.mark.parametrize("password_page", ["password_change"])
def test_the_password_page_explains_the_rules_and_the_end_of_other_sessions(
    client, world, password_page
):
    log_in(client, "beleid")
    html = client.get(reverse(password_page)).content.decode()
    assert "andere sessies" in html
    assert "lange zin" in html
