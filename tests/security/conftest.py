"""Shared by the log-in security tests: MFA switched on, enrolled users, codes from the app."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD


@pytest.fixture
def mfa_on(settings):
    settings.MFA_ENABLED = True
    # No waiting after a wrong code, unless a test is about exactly that.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    return settings


def enrol(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)


def give_recovery_codes(user, *codes) -> StaticDevice:
    device = StaticDevice.objects.create(user=user, name="Herstelcodes", confirmed=True)
    for code in codes:
        StaticToken.objects.create(device=device, token=code)
    return device


def code_for(device: TOTPDevice) -> str:
    """The six digits the authenticator app shows right now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def log_in(client, username, password=PASSWORD, next_url=None):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def log_in_fully(client, user, device):
    """Password, then the code: a session that has passed both steps."""
    log_in(client, user.username)
    response = client.post(reverse("mfa_verify"), {"code": code_for(device)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response
