"""Multi-factor log-in on django-otp: who must use a second factor, enrolment, recovery codes
and a beheerder's reset.

A second factor is an authenticator app (TOTP, django_otp.plugins.otp_totp) or a passkey
(WebAuthn, django-otp-webauthn); recovery codes (otp_static) are single-use codes for when the
phone is lost. django-otp keeps which device verified the session and throttles wrong codes.
"""

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .models import Role
from .sessions import end_all_sessions
from .signals import (
    recovery_codes_created,
    second_factor_enrolled,
    second_factor_failed,
    second_factor_reset,
    second_factor_verified,
)

# Set in the session by an OpenID Connect log-in whose identity provider did the second factor.
SESSION_MFA_BY_IDP = "msd_mfa_by_idp"
AUTHENTICATOR_APP = "Authenticator-app"
RECOVERY_CODES = "Herstelcodes"


def mfa_required(user) -> bool:
    """Must this person use a second factor? Anyone with admin access must; so must anyone
    holding a role in MFA_REQUIRED_ROLES, and anyone without any role (nothing exempts them)."""
    if user.is_staff or user.is_superuser:
        return True
    roles = set(user.memberships.values_list("role", flat=True))
    required = set(settings.MFA_REQUIRED_ROLES)
    return not roles or bool(roles & required) or Role.BEHEERDER in roles


def has_second_factor(user) -> bool:
    """An enrolled authenticator app or passkey (recovery codes alone do not count)."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def is_verified(request) -> bool:
    user = request.user
    if getattr(user, "is_verified", None) and user.is_verified():
        return True
    return bool(settings.OIDC_MFA_BY_IDP and request.session.get(SESSION_MFA_BY_IDP))


def pending_totp(user) -> TOTPDevice:
    """The authenticator app being enrolled: one unconfirmed device, kept until confirmed so a
    reload of the page shows the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_APP, confirmed=False)


def confirm_totp(request, device: TOTPDevice, code: str) -> bool:
    """The first code from the app proves it was set up; the session then counts as verified."""
    if not device.verify_token(normalise(code)):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    second_factor_enrolled.send(sender=TOTPDevice, request=request, user=device.user, device=device)
    return True


def new_recovery_codes(user, *, request=None) -> list[str]:
    """Replaces the user's recovery codes; the new ones are shown once and never again."""
    count = settings.MFA_RECOVERY_CODES
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_CODES, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(count)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    recovery_codes_created.send(sender=StaticDevice, request=request, user=user, count=count)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalise(code: str) -> str:
    """People type codes with spaces or dashes ("123 456", "abcd-efgh")."""
    return "".join(ch for ch in code.lower() if ch.isalnum())


def verify_code(request, code: str) -> bool:
    """Checks a code from the app (six digits) or a recovery code; on success the session counts
    as verified. Only the device the code is meant for counts a wrong attempt (django-otp then
    makes the next attempt wait, doubling each time)."""
    user = request.user
    token = normalise(code)
    kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    for device in kind.objects.filter(user=user, confirmed=True):
        if token and device.verify_token(token):
            otp_login(request, device)
            second_factor_verified.send(sender=kind, request=request, user=user, device=device)
            return True
    second_factor_failed.send(sender=kind, request=request, user=user)
    return False


def is_throttled(user, code: str) -> bool:
    """Is the device this code is meant for waiting after wrong attempts?"""
    token = normalise(code)
    kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    return any(not d.verify_is_allowed()[0] for d in kind.objects.filter(user=user, confirmed=True))


def reset_second_factor(user, *, actor, reason: str, request=None) -> int:
    """A beheerder removes every second factor of a user (lost phone): the user enrols again at
    the next log-in, and every session of the user ends, so nobody who held one can enrol their
    own app in the user's name."""
    with transaction.atomic():
        removed = 0
        for device in devices_for_user(user, confirmed=None):
            device.delete()
            removed += 1
    end_all_sessions(user, reason="second_factor_reset", request=request)
    second_factor_reset.send(
        sender=TOTPDevice, request=request, user=user, actor=actor, reason=reason, removed=removed
    )
    return removed


def totp_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code (segno: pure Python, no image libraries)."""
    import segno

    return segno.make(device.config_url, error="m").svg_inline(scale=5, title="QR-code")


def totp_secret(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app without a camera."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def webauthn_rp_id(request) -> str:
    """The passkey's relying party: the configured domain, else the host the user sees."""
    return settings.OTP_WEBAUTHN_RP_ID or request.get_host().split(":")[0]
