from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .access import Access
from .theme import theme_for


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


def theme(request):
    """The huisstijl of the user's gemeente when they work for exactly one, else the
    deployment's. A view showing one gemeente (the public dashboard) passes its own ``theme``.
    Lazy: pages that show no huisstijl (the admin) never read it."""

    def current():
        user = getattr(request, "user", None)
        access = Access.for_user(user) if user is not None else None
        gemeenten = (access.beleid_gemeente_ids | access.griffie_gemeente_ids) if access else ()
        return theme_for(next(iter(gemeenten)) if len(gemeenten) == 1 else None)

    return {"theme": SimpleLazyObject(current)}
