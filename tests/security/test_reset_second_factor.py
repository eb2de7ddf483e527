"""A beheerder resets the second factor of someone who lost their phone: audited, and every
session of that person ends."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations import mfa
from organisations.signals import second_factor_reset
from tests.factories import UserFactory
from tests.security.conftest import enrol, give_recovery_codes, log_in, log_in_fully

CHANGELIST = reverse("admin:auth_user_changelist")


def reset(client, user, reason="Telefoon kwijt, gebeld en gecontroleerd"):
    data = {"action": "reset_second_factor", "_selected_action": [user.pk], "confirm": "1"}
    if reason is not None:
        data["reason"] = reason
    return client.post(CHANGELIST, data)


@pytest.fixture
def beheerder_client(world, mfa_on):
    client = Client()
    log_in_fully(client, world.beheerder, enrol(world.beheerder))
    return client


def test_a_beheerder_resets_a_second_factor_with_a_reason(beheerder_client, world):
    enrol(world.beleid)
    give_recovery_codes(world.beleid, "abcdefgh")
    response = reset(beheerder_client, world.beleid)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.beleid).exists()
    assert not StaticDevice.objects.filter(user=world.beleid).exists()
    entry = LogEntry.objects.get(object_id=str(world.beleid.pk))
    assert "Tweede factor gereset: Telefoon kwijt" in entry.get_change_message()
    assert entry.user == world.beheerder


def test_without_a_reason_nothing_is_reset(beheerder_client, world):
    enrol(world.beleid)
    response = reset(beheerder_client, world.beleid, reason="")
    assert response.status_code == 200
    assert "Geef een reden op" in response.content.decode()
    assert mfa.has_second_factor(world.beleid)


def test_a_reset_ends_every_session_of_the_user(beheerder_client, world):
    device = enrol(world.beleid)
    phone = Client()
    log_in_fully(phone, world.beleid, device)
    assert phone.get(reverse("home")).status_code == 200
    reset(beheerder_client, world.beleid)
    response = phone.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_after_a_reset_the_user_enrols_again_at_the_next_log_in(beheerder_client, world):
    enrol(world.beleid)
    reset(beheerder_client, world.beleid)
    client = Client()
    log_in(client, "beleid")
    assert client.get(reverse("home")).url.startswith(reverse("mfa_setup"))


def test_a_reset_sends_a_signal_for_the_security_log(beheerder_client, world):
    received = []
    second_factor_reset.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t")
    try:
        enrol(world.beleid)
        reset(beheerder_client, world.beleid)
    finally:
        second_factor_reset.disconnect(dispatch_uid="t")
    assert len(received) == 1
    assert received[0]["user"] == world.beleid
    assert received[0]["actor"] == world.beheerder
    assert received[0]["reason"].startswith("Telefoon kwijt")


def test_a_beheerder_cannot_reset_a_superuser(beheerder_client, world):
    root = UserFactory(is_superuser=True, is_staff=True)
    device = enrol(root)
    reset(beheerder_client, root)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_beheerder_cannot_reset_their_own_second_factor(beheerder_client, world):
    reset(beheerder_client, world.beheerder)
    assert mfa.has_second_factor(world.beheerder)


def test_staff_without_the_beheerder_role_cannot_reset(world, mfa_on):
    staff = UserFactory(is_staff=True)
    client = Client()
    log_in_fully(client, staff, enrol(staff))
    enrol(world.beleid)
    reset(client, world.beleid)
    assert mfa.has_second_factor(world.beleid)


def test_the_reset_action_is_offered_in_the_user_list(beheerder_client, world):
    html = beheerder_client.get(CHANGELIST).content.decode()
    assert "reset_second_factor" in html
    assert User.objects.count() > 1
