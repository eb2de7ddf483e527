"""The pages of the figures: aanleveringen with their grid and import (namespace "indicators"),
the figures of a gemeente (/cijfers/, "cijfers") and their quality (/kwaliteit/, "kwaliteit")."""

from django.urls import include, path

urlpatterns = [
    path("aanleveringen/", include("indicators.submissions.urls")),
    path("cijfers/", include("indicators.overview.urls")),
    path("kwaliteit/", include("indicators.quality.urls")),
]
