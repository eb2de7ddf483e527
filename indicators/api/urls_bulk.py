from django.urls import path

from .bulk import BulkValuesView

# Included under /api/v1/ from config/api_urls.py (no namespace).
urlpatterns: list = [
    path("waarden/bulk/", BulkValuesView.as_view(), name="api-waarden-bulk"),
]
