from django.urls import path

from .engine import OverzichtView, TrendOordeelView

# Included under /api/v1/ from config/api_urls.py (no namespace).
urlpatterns: list = [
    path("overzicht/", OverzichtView.as_view(), name="api-overzicht"),
    path("trendoordelen/", TrendOordeelView.as_view(), name="api-trendoordeel"),
]
