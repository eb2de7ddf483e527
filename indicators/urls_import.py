from django.urls import path

# Included from indicators/urls.py, so names live in the "indicators" namespace.
urlpatterns: list = []
