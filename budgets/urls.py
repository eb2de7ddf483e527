from django.urls import path

from . import views

app_name = "budgets"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("reeks/", views.series, name="series"),
    path("versies/", views.version_list, name="version_list"),
    path("versies/nieuw/", views.version_create, name="version_create"),
    path("versies/<int:pk>/", views.version_detail, name="version_detail"),
    path("versies/<int:pk>/invullen/", views.version_edit, name="version_edit"),
    path("versies/<int:pk>/geschiedenis/", views.version_history, name="version_history"),
    path("versies/<int:pk>/actie/<slug:action>/", views.version_action, name="version_action"),
    path(
        "versies/<int:pk>/sjabloon.<str:file_format>",
        views.template_download,
        name="template_download",
    ),
    path("versies/<int:pk>/importeren/", views.import_upload, name="import_upload"),
    path(
        "versies/<int:pk>/importeren/<int:import_pk>/",
        views.import_preview,
        name="import_preview",
    ),
]
