from django.conf import settings

from .access import Access


def roles(request):
    user = getattr(request, "user", None)
    return {"access": Access.for_user(user) if user is not None else None}


def security(request):
    """The banner when MFA is off (embedded demo) and the SSO button on the login page."""
    return {
        "mfa_enabled": settings.MFA_ENABLED,
        "oidc_enabled": settings.OIDC_ENABLED,
        "oidc_login_label": settings.OIDC_LOGIN_LABEL,
    }
