"""API for the publishable table: approved figures with disclosure control applied.

Like the web page (:mod:`reports.publication.views`), for beleidsmedewerkers (their own gemeenten)
and beheerders only; this is the only endpoint that hides or rounds figures.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from indicators.disclosure.publication import PublicatieForm, Publication, may_publish

from .serializers import as_json_number


class PublicatieCellSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="Code van de indicator.")
    indicator_name = serializers.CharField()
    unit = serializers.CharField(help_text="Eenheid, bijvoorbeeld 'aantal' of '%'.")
    doelgroep = serializers.CharField(
        allow_blank=True, help_text="Code van de doelgroep; 'totaal' voor de som over doelgroepen."
    )
    doelgroep_name = serializers.CharField()
    total = serializers.BooleanField(help_text="Een totaalregel over de doelgroepen.")
    area = serializers.CharField(help_text="Code van de gemeente of regio.")
    value = serializers.DecimalField(
        max_digits=20,
        decimal_places=6,
        coerce_to_string=False,
        allow_null=True,
        help_text="Het gepubliceerde (eventueel afgeronde) cijfer; null als de cel geheim is.",
    )
    status = serializers.ChoiceField(
        choices=["geheim", "afgerond", ""],
        help_text="geheim: niet gepubliceerd vanwege onthullingsrisico (een klein aantal, een "
        "cel waaruit een klein aantal terug te rekenen is, of een verhoudingscijfer uit een "
        "geheim aantal; welke van deze drie wordt bewust niet vermeld); afgerond: afgerond "
        "aantal.",
    )
    voorlopig = serializers.BooleanField()


class PublicatieRulesSerializer(serializers.Serializer):
    min_count = serializers.IntegerField(help_text="Kleinste aantal dat geheim is.")
    max_count = serializers.IntegerField(help_text="Grootste aantal dat geheim is.")
    round_to = serializers.IntegerField(allow_null=True, help_text="Afronden op 5 of 10, of niet.")
    symbol = serializers.CharField(help_text="Zo wordt een geheime cel weergegeven.")


class PublicatieSerializer(serializers.Serializer):
    gemeente = serializers.CharField(help_text="CBS-code van de gemeente.")
    period = serializers.CharField(help_text="Code van de periode, bijvoorbeeld 2018H1.")
    rules = PublicatieRulesSerializer()
    areas = serializers.ListField(
        child=serializers.DictField(), help_text="De kolommen: code, naam en soort per gebied."
    )
    cells = PublicatieCellSerializer(many=True, help_text="Eén element per gepubliceerde cel.")
    footnotes = serializers.ListField(
        child=serializers.CharField(), help_text="Voetnoten van de toegepaste regels."
    )

    def to_representation(self, publication: Publication):
        rules = publication.rules
        return {
            "gemeente": publication.gemeente.code,
            "period": publication.period.identifier,
            "rules": {
                "min_count": rules.min_count,
                "max_count": rules.max_count,
                "round_to": rules.round_to,
                "symbol": rules.symbol,
            },
            "areas": [{"code": a.code, "name": a.name, "kind": a.kind} for a in publication.areas],
            "cells": [
                {
                    "indicator": row.indicator.code,
                    "indicator_name": row.indicator.name,
                    "unit": str(row.indicator.get_eenheid_display()),
                    "doelgroep": row.doelgroep_code,
                    "doelgroep_name": row.label,
                    "total": row.is_totaal,
                    "area": cell.area.code,
                    "value": as_json_number(cell.cell.value),
                    "status": cell.status,
                    "voorlopig": cell.voorlopig,
                }
                for row, cell in publication.records()
            ],
            "footnotes": publication.footnotes,
        }


@extend_schema(
    tags=["publicatie"],
    summary="Publiceerbare cijfers van een gemeente met geheimhouding",
    description="De goedgekeurde cijfers van een gemeente (en de regio's waartoe zij behoort) "
    "voor één periode, zoals ze gepubliceerd mogen worden: kleine aantallen geheim, secundaire "
    "geheimhouding, verhoudingscijfers uit geheime aantallen geheim en eventueel afronding. "
    "Voor beleidsmedewerkers (eigen gemeenten) en functioneel beheerders.",
    parameters=[
        OpenApiParameter("gemeente", OpenApiTypes.STR, required=True, description="CBS-code."),
        OpenApiParameter(
            "periode", OpenApiTypes.STR, required=True, description="2018H1, 2018S1, 2018Q2, 2018"
        ),
        OpenApiParameter(
            "afronden", OpenApiTypes.INT, enum=[5, 10], description="Aantallen afronden op 5 of 10."
        ),
    ],
    responses={
        200: PublicatieSerializer,
        400: OpenApiResponse(description="Onbekende of niet toegankelijke gemeente of periode."),
        403: OpenApiResponse(description="Alleen voor beleidsmedewerkers en beheerders."),
    },
)
class PublicatieView(APIView):
    def get(self, request):
        if not may_publish(request.user):
            raise PermissionDenied
        form = PublicatieForm(request.query_params, user=request.user)
        if not form.is_valid():
            raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
        return Response(PublicatieSerializer(form.publication()).data)
