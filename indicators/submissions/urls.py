from django.urls import include, path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.submission_list, name="submission_list"),
    path("<int:pk>/", views.submission_detail, name="submission_detail"),
    path("<int:pk>/invullen/", views.submission_edit, name="submission_edit"),
    path("<int:pk>/geschiedenis/", views.submission_history, name="submission_history"),
    path("<int:pk>/actie/<slug:action>/", views.submission_action, name="submission_action"),
    path("", include("indicators.importing.urls")),
]
