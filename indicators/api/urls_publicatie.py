from django.urls import path

# Included under /api/v1/ from config/api_urls.py (no namespace).
urlpatterns: list = []
