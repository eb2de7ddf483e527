"""API tokens: several named tokens per user, each with an expiry date, stored hashed, shown
once, revocable by the owner (``/account/tokens/``) and by a beheerder (admin).

A small model of our own instead of django-rest-knox: knox cannot name a token or give one token
its own expiry date, and does not stop a token when the password changes; all three are asked for.
Clients keep sending ``Authorization: Token <token>``.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import TokenScheme
from rest_framework import authentication, exceptions

from .audit import record, security_log
from .models import ApiToken, AuditResult

TOKEN_PREFIX = "msd_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(user, *, name: str = "API", days: int | None = None, request=None):
    """Make a token; returns ``(token, secret)``. The secret exists only in this return value."""
    days = days or settings.API_TOKEN_DAYS
    days = min(days, settings.API_TOKEN_MAX_DAYS)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100] or "API",
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        digest=digest(secret),
        expires_at=timezone.now() + timedelta(days=days),
    )
    record(
        "token.created",
        request=request,
        actor=user,
        obj=token,
        token_name=token.name,
        expires=token.expires_at.isoformat(),
    )
    return token, secret


def revoke_all_tokens(user, *, reason: str) -> int:
    """Revoke every usable token of ``user`` (a new password, a deactivated account)."""
    tokens = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True))
    ApiToken.objects.filter(pk__in=[t.pk for t in tokens]).update(revoked_at=timezone.now())
    for token in tokens:
        record("token.revoked", actor=user, obj=token, owner=user.pk, reason=reason)
    return len(tokens)


def revoke_token(token: ApiToken, *, by, request=None) -> bool:
    """Revoke a token (the owner or a beheerder); False when it was already revoked."""
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=by
    )
    if updated:
        record("token.revoked", request=request, actor=by, obj=token, owner=token.user_id)
    return bool(updated)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"
    invalid = _("Ongeldige of verlopen token.")

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(self.invalid)
        try:
            secret = parts[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(self.invalid) from exc
        token = ApiToken.objects.select_related("user").filter(digest=digest(secret)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(self.invalid)
        user = token.user
        if not token.is_usable or not user.is_active:
            # A real token that no longer works: worth knowing (a random one is not logged, so
            # guessing cannot flood the log).
            reason = (
                "revoked"
                if token.revoked_at
                else ("expired" if not token.is_usable else "inactive")
            )
            record(
                "token.refused",
                request=request._request,
                actor=user,
                obj=token,
                result=AuditResult.DENIED,
                reason=reason,
            )
            raise exceptions.AuthenticationFailed(self.invalid)
        now = timezone.now()
        path = request._request.path
        quiet_until = token.last_used_at and token.last_used_at + timedelta(
            seconds=settings.API_TOKEN_USE_LOG_SECONDS
        )
        if quiet_until and now < quiet_until:
            # Every use goes to the JSON log; the security log (one locked, chained write) gets
            # the first use and then one use per interval, so a busy client does not queue on it.
            security_log.info(
                "token.used", actor_id=user.pk, actor=user.get_username(), token=token.pk, path=path
            )
        else:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            record(
                "token.used",
                request=request._request,
                actor=user,
                obj=token,
                method=request.method,
                path=path,
            )
        return user, token

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(TokenScheme):
    """The token in the OpenAPI schema, as DRF's own token was."""

    target_class = "core.tokens.ApiTokenAuthentication"
    priority = 0
