from django.urls import path

from . import views_publicatie

app_name = "publicatie"
urlpatterns = [
    path("", views_publicatie.index, name="index"),
    path("cijfers.csv", views_publicatie.download, {"kind": "csv"}, name="csv"),
    path("voetnoten.csv", views_publicatie.download, {"kind": "voetnoten"}, name="voetnoten"),
    path("cijfers.xlsx", views_publicatie.download, {"kind": "xlsx"}, name="xlsx"),
]
