from django.urls import path

from . import views

# Included from indicators/submissions/urls.py, so names live in the "indicators" namespace.
urlpatterns: list = [
    path("<int:pk>/importeren/", views.import_upload, name="import_upload"),
    path(
        "<int:pk>/importeren/sjabloon.<slug:fmt>",
        views.import_template,
        name="import_template",
    ),
    path("importen/<int:pk>/", views.import_preview, name="import_preview"),
    path("importen/<int:pk>/verwerken/", views.import_apply, name="import_apply"),
    path("importen/<int:pk>/verwerpen/", views.import_discard, name="import_discard"),
]
