from django.urls import path

from . import views

app_name = "beleidskader"

urlpatterns = [
    path("", views.kader_list, name="list"),
    path("begroting-per-lijn/", views.line_overview, name="lines"),
    path("<int:pk>/", views.kader_detail, name="detail"),
    path("<int:pk>/actie/<str:action>/", views.kader_action, name="action"),
    path("<int:pk>/reactie/", views.reactie_add, name="reactie"),
    path("<int:pk>/nieuwe-versie/", views.new_version, name="new_version"),
    path("<int:pk>/voortgang/", views.kader_voortgang, name="voortgang"),
    path("<int:pk>/voortgang/<int:doel_pk>/duiding/", views.duiding_save, name="duiding"),
]
