from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from indicators.api.views import (
    IndicatorViewSet,
    PeriodViewSet,
    SubmissionViewSet,
    ThemaViewSet,
    UitvraagViewSet,
)
from organisations.api.views import DoelgroepViewSet, OrganisationViewSet, TokenView
from reports.api.views import ReportViewSet

router = DefaultRouter()
router.register("organisaties", OrganisationViewSet, basename="organisatie")
router.register("doelgroepen", DoelgroepViewSet, basename="doelgroep")
router.register("themas", ThemaViewSet, basename="thema")
router.register("indicatoren", IndicatorViewSet, basename="indicator")
router.register("periodes", PeriodViewSet, basename="periode")
router.register("uitvragen", UitvraagViewSet, basename="uitvraag")
router.register("aanleveringen", SubmissionViewSet, basename="aanlevering")
router.register("rapportages", ReportViewSet, basename="rapportage")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/token/", TokenView.as_view(), name="api-token"),
    path("v1/", include((router.urls, "api"), namespace="api")),
    path("v1/", include("indicators.api.urls_engine")),
    path("v1/", include("indicators.api.urls_quality")),
    path("v1/", include("indicators.api.urls_bulk")),
    path("v1/", include("indicators.api.urls_publicatie")),
    path("v1/", include("budgets.api.urls")),
    path("v1/", include("beleidskader.api")),
]
