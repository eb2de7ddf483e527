from django.urls import path

from . import views

# Included from indicators/urls.py, so names live in the "indicators" namespace.
urlpatterns: list = [
    path("goedkeuren/", views.bulk_approve, name="bulk_approve"),
    path("<int:pk>/vragen/nieuw/", views.question_new, name="question_new"),
    path("<int:pk>/vragen/<int:question_pk>/", views.question_detail, name="question_detail"),
    path(
        "<int:pk>/vragen/<int:question_pk>/<slug:action>/",
        views.question_action,
        name="question_action",
    ),
]
