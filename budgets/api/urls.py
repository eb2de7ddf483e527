from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import BudgetVersionViewSet, OverviewView, TaakveldViewSet

# Included under /api/v1/ from config/api_urls.py (no namespace). A SimpleRouter: the API root
# view belongs to the main router.
router = SimpleRouter()
router.register("taakvelden", TaakveldViewSet, basename="taakveld")
router.register("begrotingsversies", BudgetVersionViewSet, basename="begrotingsversie")

urlpatterns = [
    path("begroting/overzicht/", OverviewView.as_view(), name="api-begroting-overzicht"),
    *router.urls,
]
