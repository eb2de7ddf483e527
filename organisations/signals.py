"""Security events of this app and their place in the security log (core.audit).

- Logging in with a second factor: signals sent by ``organisations.mfa``, ``sessions`` and the
  middleware (with ``request``, may be None, and ``user``), recorded below.
- Changes of roles and accounts: a membership given or taken away, and an account
  (de)activated or made staff or superuser (a new password: ``core.signals``).
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

from core.audit import record
from core.models import AuditResult

from .models import Membership

# a second factor passed at log-in: device (TOTP, passkey or recovery code)
second_factor_verified = Signal()
# a wrong code at log-in (django-otp throttles further attempts per device)
second_factor_failed = Signal()
# an authenticator app was enrolled: device
second_factor_enrolled = Signal()
# new recovery codes were made (the old ones stop working): count
recovery_codes_created = Signal()
# a beheerder removed every second factor of a user: actor, reason
second_factor_reset = Signal()
# every session of a user was ended: reason ("password_changed", "second_factor_reset"), count
sessions_ended = Signal()
# a session ended by itself: reason ("idle", "absolute")
session_expired = Signal()

User = get_user_model()
WATCHED_USER_FIELDS = ("is_active", "is_staff", "is_superuser")


def _membership_details(membership) -> dict:
    return {
        "user": membership.user_id,
        "role": membership.role,
        "organisation": membership.organisation_id,
    }


@receiver(post_save, sender=Membership)
def membership_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        action = "membership.created" if created else "membership.changed"
        record(action, obj=instance, **_membership_details(instance))


@receiver(post_delete, sender=Membership)
def membership_deleted(sender, instance, **kwargs):
    record("membership.deleted", obj=instance, **_membership_details(instance))


@receiver(pre_save, sender=User)
def remember_watched_fields(sender, instance, raw=False, **kwargs):
    instance._audit_before = None
    if raw or instance.pk is None:
        return
    instance._audit_before = (
        User.objects.filter(pk=instance.pk).values(*WATCHED_USER_FIELDS).first()
    )


@receiver(post_save, sender=User)
def account_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        record(
            "account.created",
            obj=instance,
            is_staff=instance.is_staff,
            is_superuser=instance.is_superuser,
        )
        return
    before = getattr(instance, "_audit_before", None) or {}
    changed = {
        field: getattr(instance, field)
        for field in WATCHED_USER_FIELDS
        if field in before and before[field] != getattr(instance, field)
    }
    if changed:
        record("account.changed", obj=instance, **changed)


# ── the second factor in the security log ──────────────────────────────────────────────────
def _device_kind(device) -> str:
    return type(device).__name__ if device is not None else ""


@receiver(second_factor_verified)
def _verified(sender, request=None, user=None, device=None, **kwargs):
    record("mfa.verified", request=request, actor=user, obj=user, device=_device_kind(device))


@receiver(second_factor_failed)
def _failed(sender, request=None, user=None, **kwargs):
    record("mfa.failed", request=request, actor=user, obj=user, result=AuditResult.FAILED)


@receiver(second_factor_enrolled)
def _enrolled(sender, request=None, user=None, device=None, **kwargs):
    record("mfa.enrolled", request=request, actor=user, obj=user, device=_device_kind(device))


@receiver(recovery_codes_created)
def _recovery_codes(sender, request=None, user=None, count=0, **kwargs):
    record("mfa.recovery_codes", request=request, actor=user, obj=user, count=count)


@receiver(second_factor_reset)
def _reset(sender, request=None, user=None, actor=None, reason="", removed=0, **kwargs):
    record("mfa.reset", request=request, actor=actor, obj=user, reason=reason, removed=removed)


@receiver(sessions_ended)
def _sessions_ended(sender, request=None, user=None, reason="", count=0, **kwargs):
    record("sessions.ended", request=request, obj=user, reason=reason, count=count)


@receiver(session_expired)
def _session_expired(sender, request=None, user=None, reason="", **kwargs):
    record("session.expired", request=request, actor=user, obj=user, reason=reason)
