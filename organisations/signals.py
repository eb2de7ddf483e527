"""Changes of roles and accounts into the security log: a membership given or taken away, and
an account (de)activated or made staff or superuser (a new password: ``core.signals``)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from core.audit import record

from .models import Membership

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
