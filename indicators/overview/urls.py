from django.urls import path

from . import views

app_name = "cijfers"
urlpatterns = [
    path("", views.overview_view, name="overview"),
    path("oordeel/", views.judgement_view, name="oordeel"),
    path("verdeling/", views.distribution_view, name="verdeling"),
]
