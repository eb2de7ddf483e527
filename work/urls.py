from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("mijn-werk/tellers/", views.counts, name="work_counts"),
]
