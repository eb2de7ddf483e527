from django.urls import path

from . import views_import

# Included from indicators/urls.py, so names live in the "indicators" namespace.
urlpatterns: list = [
    path("<int:pk>/importeren/", views_import.import_upload, name="import_upload"),
    path(
        "<int:pk>/importeren/sjabloon.<slug:fmt>",
        views_import.import_template,
        name="import_template",
    ),
    path("importen/<int:pk>/", views_import.import_preview, name="import_preview"),
    path("importen/<int:pk>/verwerken/", views_import.import_apply, name="import_apply"),
    path("importen/<int:pk>/verwerpen/", views_import.import_discard, name="import_discard"),
]
