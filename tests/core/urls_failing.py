"""The site's URLs plus one view that fails, to see the 500 page."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def failing_view(request):
    raise RuntimeError("geheime interne details")


urlpatterns = [path("kapot/", failing_view), *site_urlpatterns]
