from django.urls import path

from . import views

app_name = "publicatie"
urlpatterns = [
    path("", views.index, name="index"),
    path("cijfers.csv", views.download, {"kind": "csv"}, name="csv"),
    path("voetnoten.csv", views.download, {"kind": "voetnoten"}, name="voetnoten"),
    path("cijfers.xlsx", views.download, {"kind": "xlsx"}, name="xlsx"),
]
