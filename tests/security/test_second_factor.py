"""Logging in with a second factor: who must, enrolment, the second step, recovery codes."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from organisations import mfa
from organisations.models import Role
from tests.factories import UserFactory, make_user
from tests.security.conftest import code_for, enrol, give_recovery_codes, log_in, log_in_fully


def setup_url(next_url="/"):
    return f"{reverse('mfa_setup')}?next={next_url.replace('/', '%2F')}"


def verify_url(next_url="/"):
    return f"{reverse('mfa_verify')}?next={next_url.replace('/', '%2F')}"


# -- who must use a second factor -------------------------------------------------------------

REQUIRED_BY_DEFAULT = [
    # (world user, must enrol)
    ("leverancier", True),
    ("beleid", True),
    ("griffie", True),
    ("beheerder", True),
]


@pytest.mark.parametrize(("who", "required"), REQUIRED_BY_DEFAULT)
def test_every_role_must_use_a_second_factor_by_default(world, mfa_on, who, required):
    assert mfa.mfa_required(getattr(world, who)) is required


ONLY_BEHEERDERS_REQUIRED = [
    ("leverancier", False),
    ("beleid", False),
    ("griffie", False),
    ("beheerder", True),
]


@pytest.mark.parametrize(("who", "required"), ONLY_BEHEERDERS_REQUIRED)
def test_mfa_required_roles_narrows_who_must_enrol(world, mfa_on, who, required):
    mfa_on.MFA_REQUIRED_ROLES = ["beheerder"]
    assert mfa.mfa_required(getattr(world, who)) is required


def test_anyone_with_admin_access_must_enrol_whatever_the_roles_setting(db, mfa_on):
    mfa_on.MFA_REQUIRED_ROLES = []
    staff = UserFactory(is_staff=True)
    superuser = UserFactory(is_superuser=True)
    beheerder = make_user(Role.BEHEERDER, None)
    assert mfa.mfa_required(staff)
    assert mfa.mfa_required(superuser)
    assert mfa.mfa_required(beheerder)


def test_a_user_without_any_role_must_enrol_too(db, mfa_on):
    mfa_on.MFA_REQUIRED_ROLES = ["beheerder"]
    assert mfa.mfa_required(UserFactory())


# -- log-in without a second factor is refused ------------------------------------------------


def test_a_password_alone_does_not_open_the_site_when_mfa_is_required(client, world, mfa_on):
    response = log_in(client, "beleid")
    assert response.status_code == 302
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == setup_url("/")


@pytest.mark.parametrize("path", ["/aanleveringen/", "/rapportages/", "/admin/", "/cijfers/"])
def test_no_page_opens_before_the_second_factor(client, world, mfa_on, path):
    log_in(client, "beheerder")
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_setup"))


def test_the_api_refuses_a_session_that_has_not_passed_the_second_factor(client, world, mfa_on):
    log_in(client, "beleid")
    response = client.get(reverse("api:aanlevering-list"))
    assert response.status_code == 403
    assert "Tweestapsverificatie" in response.json()["detail"]


def test_an_enrolled_user_is_asked_for_the_code_after_the_password(client, world, mfa_on):
    enrol(world.beleid)
    log_in(client, "beleid", next_url="/aanleveringen/")
    response = client.get("/aanleveringen/")
    assert response.url == verify_url("/aanleveringen/")
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Tweede stap van inloggen" in page.content.decode()


def test_someone_who_enrolled_is_asked_for_the_code_even_when_the_role_need_not(
    client, world, mfa_on
):
    mfa_on.MFA_REQUIRED_ROLES = ["beheerder"]
    enrol(world.leverancier)
    log_in(client, "orionis")
    assert client.get(reverse("home")).url == verify_url("/")


def test_a_role_outside_mfa_required_roles_logs_in_with_the_password(client, world, mfa_on):
    mfa_on.MFA_REQUIRED_ROLES = ["beheerder"]
    log_in(client, "orionis")
    assert client.get(reverse("home")).status_code == 200


def test_with_mfa_off_the_password_is_enough_and_a_banner_says_so(client, world, settings):
    settings.MFA_ENABLED = False
    log_in(client, "beleid")
    page = client.get(reverse("home"))
    assert page.status_code == 200
    assert "tweestapsverificatie staat uit" in page.content.decode()


def test_with_mfa_on_there_is_no_demo_banner(client, world, mfa_on):
    log_in_fully(client, world.beleid, enrol(world.beleid))
    assert "Demo-modus" not in client.get(reverse("home")).content.decode()


def test_logging_out_stays_possible_before_the_second_factor(client, world, mfa_on):
    log_in(client, "beleid")
    response = client.post(reverse("logout"))
    assert response.url == reverse("login")


# -- enrolment and recovery codes -------------------------------------------------------------


def test_the_enrolment_page_shows_a_qr_code_and_the_key_in_dutch(client, world, mfa_on):
    log_in(client, "beleid")
    page = client.get(reverse("mfa_setup"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html
    assert "Tweestapsverificatie instellen" in html
    device = TOTPDevice.objects.get(user=world.beleid, confirmed=False)
    assert mfa.totp_secret(device) in html
    assert 'autocomplete="one-time-code"' in html


def test_reloading_the_enrolment_page_keeps_the_same_key(client, world, mfa_on):
    log_in(client, "beleid")
    client.get(reverse("mfa_setup"))
    client.get(reverse("mfa_setup"))
    assert TOTPDevice.objects.filter(user=world.beleid).count() == 1


def test_the_first_code_from_the_app_enrols_it_and_shows_ten_recovery_codes(client, world, mfa_on):
    log_in(client, "beleid")
    client.get(reverse("mfa_setup"))
    device = TOTPDevice.objects.get(user=world.beleid)
    response = client.post(
        reverse("mfa_setup"), {"code": code_for(device), "next": "/aanleveringen/"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tweestapsverificatie is ingesteld" in html
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(shown) == 10
    assert set(shown) == set(
        StaticToken.objects.filter(device__user=world.beleid).values_list("token", flat=True)
    )
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/aanleveringen/").status_code == 200


def test_a_wrong_first_code_enrols_nothing(client, world, mfa_on):
    log_in(client, "beleid")
    client.get(reverse("mfa_setup"))
    response = client.post(reverse("mfa_setup"), {"code": "000000"})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert not mfa.has_second_factor(world.beleid)
    assert client.get(reverse("home")).status_code == 302


def test_whoever_has_only_the_password_cannot_replace_the_enrolled_app(client, world, mfa_on):
    enrol(world.beleid)
    log_in(client, "beleid")
    response = client.get(reverse("mfa_setup"))
    assert response.url == reverse("mfa_verify")
    assert TOTPDevice.objects.filter(user=world.beleid).count() == 1


def test_the_right_code_opens_the_page_asked_for(client, world, mfa_on):
    device = enrol(world.beleid)
    log_in(client, "beleid")
    response = client.post(
        reverse("mfa_verify"), {"code": code_for(device), "next": "/aanleveringen/"}
    )
    assert response.url == "/aanleveringen/"
    assert client.get("/aanleveringen/").status_code == 200


def test_a_wrong_code_is_refused_with_a_dutch_message(client, world, mfa_on):
    enrol(world.beleid)
    log_in(client, "beleid")
    response = client.post(reverse("mfa_verify"), {"code": "123 456"})
    assert response.status_code == 200
    assert "Deze code klopt niet of is al gebruikt" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_a_code_from_another_site_does_not_redirect_there(client, world, mfa_on):
    device = enrol(world.beleid)
    log_in(client, "beleid")
    response = client.post(
        reverse("mfa_verify"), {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_wrong_codes_make_the_next_attempt_wait(client, world, mfa_on):
    mfa_on.OTP_TOTP_THROTTLE_FACTOR = 3600
    device = enrol(world.beleid)
    log_in(client, "beleid")
    client.post(reverse("mfa_verify"), {"code": "000000"})
    response = client.post(reverse("mfa_verify"), {"code": code_for(device)})
    assert response.status_code == 200
    assert "Te veel onjuiste codes" in response.content.decode()


def test_a_recovery_code_works_once(client, world, mfa_on):
    enrol(world.beleid)
    give_recovery_codes(world.beleid, "abcdefgh", "ijklmnop")
    log_in(client, "beleid")
    assert client.post(reverse("mfa_verify"), {"code": "ABCD-EFGH"}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    log_in(client, "beleid")
    response = client.post(reverse("mfa_verify"), {"code": "abcdefgh"})
    assert response.status_code == 200
    assert mfa.recovery_codes_left(world.beleid) == 1


def test_new_recovery_codes_replace_the_old_ones(client, world, mfa_on):
    device = enrol(world.beleid)
    give_recovery_codes(world.beleid, "abcdefgh")
    log_in_fully(client, world.beleid, device)
    response = client.post(reverse("mfa_recovery_codes"))
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(shown) == 10
    assert "abcdefgh" not in shown
    assert not StaticToken.objects.filter(token="abcdefgh").exists()


def test_the_overview_shows_what_is_enrolled(client, world, mfa_on):
    device = enrol(world.beleid)
    give_recovery_codes(world.beleid, "abcdefgh", "ijklmnop")
    log_in_fully(client, world.beleid, device)
    html = client.get(reverse("mfa_overview")).content.decode()
    assert "ingesteld" in html
    assert "<dd>2</dd>" in html
    assert 'id="passkey-register-button"' in html


def test_the_admin_needs_the_second_factor_too(client, world, mfa_on):
    device = enrol(world.beheerder)
    log_in(client, "beheerder")
    assert client.get("/admin/").url.startswith(reverse("mfa_verify"))
    client.post(reverse("mfa_verify"), {"code": code_for(device)})
    assert client.get("/admin/").status_code == 200


def test_a_verified_session_costs_one_query_more_than_one_without_mfa(
    client, world, mfa_on, django_assert_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.beleid)
    mfa_on.MFA_ENABLED = False
    cache.clear()  # the start page caches its counts per person: measure both without them
    with CaptureQueriesContext(connection) as without_mfa:
        assert client.get(reverse("home")).status_code == 200
    # counted now: the next request resets the connection's query log
    queries_without_mfa = len(without_mfa)
    mfa_on.MFA_ENABLED = True
    client.post(reverse("logout"))
    log_in_fully(client, world.beleid, enrol(world.beleid))
    # django-otp loads the device that verified the session: one query, nothing per row
    cache.clear()
    with django_assert_num_queries(queries_without_mfa + 1):
        client.get(reverse("home"))


# -- passkeys (WebAuthn) ----------------------------------------------------------------------


def test_a_verified_user_can_start_registering_a_passkey(client, world, mfa_on):
    log_in_fully(client, world.beleid, enrol(world.beleid))
    response = client.post(
        reverse("otp_webauthn:credential-registration-begin"), content_type="application/json"
    )
    assert response.status_code == 200
    options = response.json()
    assert options["rp"]["id"] == "testserver"
    assert options["user"]["name"] == "beleid"


def test_a_passkey_cannot_be_registered_with_only_the_password(client, world, mfa_on):
    enrol(world.beleid)
    log_in(client, "beleid")
    response = client.post(
        reverse("otp_webauthn:credential-registration-begin"), content_type="application/json"
    )
    assert response.status_code == 403


def passkey(user):
    return WebAuthnCredential.objects.create(
        user=user,
        name="Beveiligingssleutel",
        confirmed=True,
        credential_id=b"credential-id",
        public_key=b"public-key",
        sign_count=0,
    )


def test_a_passkey_counts_as_a_second_factor_and_is_offered_at_the_second_step(
    client, world, mfa_on
):
    passkey(world.beleid)
    assert mfa.has_second_factor(world.beleid)
    log_in(client, "beleid")
    page = client.get(reverse("mfa_verify"))
    assert 'id="passkey-verification-button"' in page.content.decode()
    assert "otp_webauthn_auth.js" in page.content.decode()


def test_the_second_step_pages_have_no_inline_script_or_style(client, world, mfa_on):
    passkey(world.beleid)
    log_in(client, "beleid")
    html = client.get(reverse("mfa_verify")).content.decode()
    assert "style=" not in html
    for script in re.findall(r"<script([^>]*)>", html):
        assert "src=" in script or 'type="application/json"' in script


def test_a_user_model_is_untouched_by_enrolment(db):
    # guards the assumption that no custom user model is needed for any of this
    assert User._meta.swapped is None


def test_the_passkey_step_can_start_with_only_the_password(client, world, mfa_on):
    passkey(world.beleid)
    log_in(client, "beleid")
    response = client.post(
        reverse("otp_webauthn:credential-authentication-begin"), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["rpId"] == "testserver"
    assert len(response.json()["allowCredentials"]) == 1


def test_the_security_settings_pass_the_system_checks(db):
    # django-otp-webauthn checks its origins at every manage.py command (migrate in ./scripts/start)
    from django.core.management import call_command

    call_command("check", fail_level="ERROR")
