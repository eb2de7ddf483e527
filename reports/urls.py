"""The pages of everything that leaves the system: the monitor report (namespace "reports"), the
dashboard (:mod:`reports.dashboard.urls`) and /publicatie/ (:mod:`reports.publication.urls`)."""

from django.urls import include, path

from . import views, views_profile, views_texts
from .dashboard import urls as dashboard_urls

report_pages = [
    path("", views.report_list, name="list"),
    path("griffie/", views.griffie, name="griffie"),
    path("profiel/<int:gemeente_pk>/", views_profile.report_profile, name="profile"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/duiding/", views.report_texts, name="texts"),
    path("<int:pk>/teksten/", views_texts.report_narrative, name="texts_edit"),
    path("<int:pk>/voorbeeld/", views_texts.report_preview, name="preview"),
    path("<int:pk>/maken/", views.report_generate, name="generate"),
    path("<int:pk>/actie/<slug:action>/", views.report_action, name="action"),
    path("<int:pk>/raadsbesluit/", views.report_raadsbesluit, name="raadsbesluit"),
    path("<int:pk>/nieuwe-versie/", views.report_new_version, name="new_version"),
    path("<int:pk>/voortgang/", views.report_progress, name="progress"),
    path("<int:pk>/download/<str:kind>/", views.report_download, name="download"),
]

urlpatterns = [
    path("rapportages/", include((report_pages, "reports"))),
    path("dashboard/", include("reports.dashboard.urls")),
    path("openbaar/", include(dashboard_urls.openbaar)),
    path("publicatie/", include("reports.publication.urls")),
]
