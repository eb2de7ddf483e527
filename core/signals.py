"""Log-in, log-out and lockout events, and every workflow step (done or refused), into the
security log."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from .audit import record
from .models import AuditResult
from .tokens import revoke_all_tokens
from .workflow import refused, transitioned


def _via(request) -> str:
    path = getattr(request, "path", "") or ""
    return "api" if path.startswith("/api/") else ("admin" if "/admin/" in path else "web")


def _django_request(request):
    # The API's token endpoint passes DRF's Request; the log wants Django's.
    return getattr(request, "_request", request)


@receiver(user_logged_in)
def log_in_succeeded(sender, request, user, **kwargs):
    record("login.success", request=_django_request(request), actor=user, via=_via(request))


@receiver(user_login_failed)
def log_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password in ``credentials`` with stars; keep the name only.
    record(
        "login.failed",
        request=_django_request(request),
        result=AuditResult.FAILED,
        actor_name=str(credentials.get("username", ""))[:150],
        via=_via(request),
    )


@receiver(user_logged_out)
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record("logout", request=request, actor=user)


@receiver(user_locked_out)
def locked_out(sender, request, username, ip_address, **kwargs):
    record(
        "login.locked_out",
        request=_django_request(request),
        result=AuditResult.DENIED,
        actor_name=str(username or "")[:150],
        via=_via(request),
    )


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def new_password_revokes_tokens(sender, instance, created, raw=False, **kwargs):
    # ``_password`` holds the new raw password between set_password() and the end of save();
    # a hash upgrade at log-in leaves it empty, so it does not count as a new password.
    if raw or created or getattr(instance, "_password", None) is None:
        return
    record("account.password_changed", obj=instance)
    revoke_all_tokens(instance, reason="password_changed")


@receiver(transitioned)
def workflow_step_done(sender, transition, **kwargs):
    """Every step of every workflow (aanlevering, begrotingsversie, rapportage), once, after the
    commit: who, what, from which state to which, why, and through which door."""
    record(
        f"workflow.{transition.action}",
        actor=transition.actor,
        obj=transition.instance,
        from_status=transition.from_status,
        to_status=transition.to_status,
        reason=transition.reason,
        via=transition.via,
    )


@receiver(refused)
def workflow_step_refused(sender, instance, action, actor, via, error, **kwargs):
    record(
        f"workflow.{action}",
        actor=actor,
        obj=instance,
        result=AuditResult.DENIED,
        error=error,
        via=via,
    )
