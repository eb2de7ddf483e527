from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils.translation import gettext

from . import mfa
from .sessions import expiry_reason
from .signals import session_expired

# URL names reachable without logging in. Everything else needs a session (or, for the API,
# a token: the API enforces its own authentication and answers 401 instead of redirecting).
PUBLIC_URL_NAMES = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    # the huisstijl's stylesheet and logo (organisations/theme_views.py)
    "theme_css",
    "theme_logo",
    # the toegankelijkheidsverklaring and privacy statement in every footer (core/pages.py)
    "toegankelijkheid",
    "privacy",
    # single sign-on (only when OIDC_ENABLED)
    "oidc_authentication_init",
    "oidc_authentication_callback",
    # The public dashboard (/openbaar/): only gemeenten that switched it on, only figures of
    # vastgestelde reports (reports.dashboard.urls).
    "openbaar_index",
    "openbaar_gemeente",
    "openbaar_gemeente_export",
    "openbaar_thema",
    "openbaar_thema_export",
    "openbaar_indicator",
    "openbaar_indicator_export",
    "openbaar_indicator_chart",
    "openbaar_begroting",
    "openbaar_begroting_export",
    "openbaar_begroting_chart",
    # The health endpoint, for the load balancer and monitoring (core.health).
    "health",
    "health_web",
}


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.user.is_authenticated:
            return None
        path = request.path_info
        if path.startswith("/api/") or path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.url_name in PUBLIC_URL_NAMES or match.app_name == "admin":
            # The admin has its own login page.
            return None
        return redirect_to_login(request.get_full_path())


# What a logged-in user who still owes a second factor may reach: the second step itself,
# enrolment, logging out and the language switch (passkey ceremonies check for themselves).
SECOND_FACTOR_URL_NAMES = {"login", "logout", "set_language", "mfa_verify", "mfa_setup"}


class SessionLifetimeMiddleware:
    """Ends a session after SESSION_IDLE_MINUTES without a request or SESSION_ABSOLUTE_HOURS after
    logging in (organisations.sessions), and says why on the login page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = expiry_reason(request.session)
            if reason:
                return self.expire(request, reason)
        return self.get_response(request)

    def expire(self, request, reason):
        user = request.user
        logout(request)
        session_expired.send(sender=type(self), request=request, user=user, reason=reason)
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {"detail": gettext("Uw sessie is verlopen. Log opnieuw in.")}, status=401
            )
        if reason == "idle":
            text = gettext(
                "U bent uitgelogd omdat u %(minutes)s minuten niets hebt gedaan. Log opnieuw in."
            ) % {"minutes": f"{settings.SESSION_IDLE_MINUTES:g}"}
        else:
            text = gettext(
                "U bent uitgelogd omdat u langer dan %(hours)s uur ingelogd was. Log opnieuw in."
            ) % {"hours": f"{settings.SESSION_ABSOLUTE_HOURS:g}"}
        messages.info(request, text)
        return redirect_to_login(request.get_full_path())


class SecondFactorMiddleware:
    """With MFA_ENABLED, a logged-in user who has not passed a second factor in this session is
    sent to the second step (or, without a factor and required to have one, to enrolment)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.MFA_ENABLED or not request.user.is_authenticated:
            return None
        if mfa.is_verified(request):
            return None
        path = request.path_info
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.url_name in SECOND_FACTOR_URL_NAMES or match.namespace == "otp_webauthn":
            return None
        if mfa.has_second_factor(request.user):
            target = "mfa_verify"
        elif mfa.mfa_required(request.user):
            target = "mfa_setup"
        else:
            return None
        if path.startswith("/api/"):
            # a session that owes its second factor gets no data (a token is a separate matter)
            return JsonResponse({"detail": gettext("Tweestapsverificatie is vereist.")}, status=403)
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
