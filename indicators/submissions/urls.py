from django.urls import include, path

from . import live_check, views

app_name = "indicators"
urlpatterns = [
    path("", views.submission_list, name="submission_list"),
    path("<int:pk>/", views.submission_detail, name="submission_detail"),
    path("<int:pk>/invullen/", views.submission_edit, name="submission_edit"),
    path("<int:pk>/geschiedenis/", views.submission_history, name="submission_history"),
    path("<int:pk>/actie/<slug:action>/", views.submission_action, name="submission_action"),
    path("<int:pk>/controleren/", live_check.check_cells, name="submission_check"),
    path("", include("indicators.importing.urls")),
    path("", include("indicators.review.urls")),
]
