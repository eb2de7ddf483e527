from django.urls import path

from . import views_cijfers

app_name = "cijfers"
urlpatterns = [
    path("", views_cijfers.overview_view, name="overview"),
    path("oordeel/", views_cijfers.judgement_view, name="oordeel"),
    path("verdeling/", views_cijfers.distribution_view, name="verdeling"),
]
