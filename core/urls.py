from django.urls import path

from . import health

urlpatterns = [
    path("", health.full, name="health"),
    path("web/", health.web, name="health_web"),
]
