"""The dashboard, logged in (``/dashboard/``, namespace "dashboard") and public (``/openbaar/``,
namespace "openbaar": :data:`openbaar`, included by reports/urls.py).

The public names start with ``openbaar_`` because the login middleware lets URL names through,
not namespaces (organisations.middleware.PUBLIC_URL_NAMES lists them)."""

from django.urls import path

from . import views

PAGES = [
    ("", views.index, "index"),
    ("<str:code>/", views.gemeente, "gemeente"),
    ("<str:code>/cijfers.<str:fmt>", views.gemeente_export, "gemeente_export"),
    ("<str:code>/thema/<slug:thema_code>/", views.thema, "thema"),
    ("<str:code>/thema/<slug:thema_code>/cijfers.<str:fmt>", views.thema_export, "thema_export"),
    ("<str:code>/indicator/<slug:indicator_code>/", views.indicator, "indicator"),
    (
        "<str:code>/indicator/<slug:indicator_code>/cijfers.<str:fmt>",
        views.indicator_export,
        "indicator_export",
    ),
    (
        "<str:code>/indicator/<slug:indicator_code>/grafiek.<str:fmt>",
        views.indicator_chart,
        "indicator_chart",
    ),
    ("<str:code>/begroting/", views.begroting, "begroting"),
    ("<str:code>/begroting/cijfers.<str:fmt>", views.begroting_export, "begroting_export"),
    ("<str:code>/begroting/grafiek.<str:fmt>", views.begroting_chart, "begroting_chart"),
]

# Every public URL name, for the login middleware.
PUBLIC_NAMES = frozenset(f"openbaar_{name}" for _route, _view, name in PAGES)

app_name = "dashboard"
urlpatterns = [path(route, view, name=name) for route, view, name in PAGES]

openbaar = (
    [path(route, view, {"public": True}, name=f"openbaar_{name}") for route, view, name in PAGES],
    "openbaar",
)
