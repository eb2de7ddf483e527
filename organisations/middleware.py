from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import resolve
from django.urls.exceptions import Resolver404

# URL names reachable without logging in. Everything else needs a session (or, for the API,
# a token: the API enforces its own authentication and answers 401 instead of redirecting).
PUBLIC_URL_NAMES = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    # The public dashboard (/openbaar/): only gemeenten that switched it on, only figures of
    # vastgestelde reports (indicators.urls_dashboard).
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
