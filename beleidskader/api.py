"""API: begroot vs realisatie per programma and product line (``/api/v1/beleid/begroting-per-
lijn/``), with the afwijking and the verwachte afwijking (prognose − actuele begroting) of each
line and their total, in the shape of the taakveld overview's rows."""

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from budgets.api.serializers import FigureRowSerializer, row_data
from budgets.services import owner_choices

from . import lines


class ProgrammaLinesSerializer(serializers.Serializer):
    total = FigureRowSerializer()
    rows = FigureRowSerializer(many=True)


@extend_schema(
    tags=["begroting"],
    summary="Begroot en gerealiseerd per programma en productlijn",
    description="Per programma van de eigen begroting de productlijnen met actuele begroting, "
    "realisatie, prognose, afwijking (realisatie − actuele begroting), verwachte afwijking "
    "(prognose − actuele begroting) en uitputting, met het totaal per programma en overall. "
    "Onafgeronde bedragen, alleen goedgekeurde versies.",
    parameters=[
        OpenApiParameter("organisatie", OpenApiTypes.STR, required=True),
        OpenApiParameter("jaar", OpenApiTypes.INT, required=True),
    ],
    responses={
        200: inline_serializer(
            "LineOverview",
            {
                "organisatie": serializers.CharField(),
                "jaar": serializers.IntegerField(),
                "programmas": ProgrammaLinesSerializer(many=True),
                "zonder_programma": FigureRowSerializer(allow_null=True),
                "total": FigureRowSerializer(),
                "taakveld_opmerking": serializers.CharField(),
            },
        )
    },
)
class LineOverviewView(APIView):
    def get(self, request):
        area = get_object_or_404(
            owner_choices(request.user), code=request.query_params.get("organisatie", "")
        )
        try:
            year = int(request.query_params.get("jaar", ""))
        except ValueError:
            return Response({"detail": _("Geef een jaar op (jaar=2018).")}, status=400)
        view = lines.overview(area, year)
        return Response(
            {
                "organisatie": area.code,
                "jaar": year,
                "programmas": [
                    {"total": row_data(total), "rows": [row_data(r) for r in rows]}
                    for total, rows in view.programmas
                ],
                "zonder_programma": row_data(view.zonder_programma)
                if view.zonder_programma
                else None,
                "total": row_data(view.total),
                # Lines of years before the BBV taakvelden (2017) have none; empty otherwise.
                "taakveld_opmerking": view.zonder_taakveld_note,
            }
        )


urlpatterns = [
    path(
        "beleid/begroting-per-lijn/",
        LineOverviewView.as_view(),
        name="api-beleid-begroting-per-lijn",
    ),
]
