from django.urls import path

from . import pages

urlpatterns = [
    path("toegankelijkheid/", pages.accessibility, name="toegankelijkheid"),
    path("privacy/", pages.privacy, name="privacy"),
]
