from django.urls import path

from .publicatie import PublicatieView

# Included under /api/v1/ from config/api_urls.py (no namespace).
urlpatterns: list = [
    path("publicatie/", PublicatieView.as_view(), name="api-publicatie"),
]
