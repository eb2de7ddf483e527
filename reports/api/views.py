"""Read-only API for reports: the griffie sees only vastgestelde reports of its own gemeente.

The files come from ``/api/v1/rapportages/<id>/download/<pdf|xlsx|csv>/``, with the same
authentication as the rest of the API (token or session) and the same rules as the web page
(``reports.services.file_response``: the griffie gets the PDF and the CSV, not the Excel file).
"""

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer

from reports import services
from reports.models import Report

from .filters import ReportFilter
from .serializers import ReportSerializer


class AnyFileRenderer(BaseRenderer):
    """Lets a client that asks for ``application/pdf`` (or anything) reach the download; an error
    on the way is still JSON."""

    media_type = "*/*"
    format = "bestand"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data).encode() if data is not None else b""


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

    @extend_schema(
        summary="Een bestand van de rapportage downloaden",
        description=(
            "De PDF, het Excel-bestand of het CSV-bestand (open data). De griffie krijgt de PDF en "
            "het CSV-bestand van vastgestelde rapportages; het Excel-bestand met de exacte cijfers "
            "is alleen voor beleidsmedewerkers en beheerders. Controleer het bestand met het "
            "SHA-256-controlegetal uit de rapportage."
        ),
        parameters=[
            OpenApiParameter(
                "bestand",
                str,
                OpenApiParameter.PATH,
                enum=list(services.DOWNLOAD_KINDS),
                description="pdf, xlsx of csv",
            )
        ],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Het bestand"
            ),
            404: OpenApiResponse(description="Geen rapportage, geen bestand of geen toegang"),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"download/(?P<bestand>pdf|xlsx|csv)",
        renderer_classes=[JSONRenderer, AnyFileRenderer],
        filterset_class=None,
    )
    def download(self, request, pk=None, bestand=None):
        return services.file_response(self.get_object(), bestand, request.user)
