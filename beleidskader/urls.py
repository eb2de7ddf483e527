from django.urls import path

from . import tree_views, views

app_name = "beleidskader"

urlpatterns = [
    path("", views.kader_list, name="list"),
    path("nieuw/", tree_views.kader_create, name="create"),
    path("begroting-per-lijn/", views.line_overview, name="lines"),
    path("<int:pk>/", views.kader_detail, name="detail"),
    path("<int:pk>/wijzigen/", tree_views.kader_edit, name="edit"),
    path("<int:pk>/besluit/", tree_views.decision_dates, name="decision"),
    path("<int:pk>/addendum/", tree_views.addendum_create, name="addendum"),
    path("<int:pk>/actie/<str:action>/", views.kader_action, name="action"),
    path("<int:pk>/reactie/", views.reactie_add, name="reactie"),
    path("<int:pk>/nieuwe-versie/", views.new_version, name="new_version"),
    path("<int:pk>/voortgang/", views.kader_voortgang, name="voortgang"),
    path("<int:pk>/voortgang/<int:doel_pk>/duiding/", views.duiding_save, name="duiding"),
    path("<int:pk>/onderdelen/nieuw/", tree_views.node_create, name="node_create"),
    path("<int:pk>/onderdelen/<int:doel_pk>/", tree_views.node_edit, name="node_edit"),
    path(
        "<int:pk>/onderdelen/<int:doel_pk>/verwijderen/",
        tree_views.node_delete,
        name="node_delete",
    ),
    path(
        "<int:pk>/onderdelen/<int:doel_pk>/indicatoren/",
        tree_views.indicator_add,
        name="indicator_add",
    ),
    path(
        "<int:pk>/onderdelen/<int:doel_pk>/indicatoren/<int:link_pk>/verwijderen/",
        tree_views.indicator_remove,
        name="indicator_remove",
    ),
    path(
        "<int:pk>/onderdelen/<int:doel_pk>/indicatoren/<int:link_pk>/streefwaarde/",
        tree_views.streefwaarde_set,
        name="streefwaarde",
    ),
    path("<int:pk>/onderdelen/<int:doel_pk>/budgetten/", tree_views.budget_add, name="budget_add"),
    path(
        "<int:pk>/onderdelen/<int:doel_pk>/budgetten/<int:budget_pk>/verwijderen/",
        tree_views.budget_remove,
        name="budget_remove",
    ),
]
