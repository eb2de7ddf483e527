"""Read-only API for reports: the griffie sees only vastgestelde reports of its own gemeente."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from reports.models import Report

from .filters import ReportFilter
from .serializers import ReportSerializer


@extend_schema_view(
    list=extend_schema(summary="Rapportages met downloadlinks"),
    retrieve=extend_schema(summary="Eén rapportage"),
)
@extend_schema(tags=["rapportages"])
class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    queryset = Report.objects.none()  # the model for the schema; see get_queryset

    def get_queryset(self):
        return (
            Report.objects.visible_to(self.request.user)
            .select_related("gemeente", "period")
            .order_by("-period__start", "gemeente__name", "-version", "pk")
        )
