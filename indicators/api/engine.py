"""API for the engine: a gemeente's overview (computed indicators, totals, targets, trends) and
recording a trend judgement.

Visibility and rules are those of the web screens (:mod:`indicators.engine`,
:mod:`indicators.targets`): beleid sees its own gemeenten, a supplier its own indicators for the
gemeenten it serves, a beheerder everything; only beleid of the gemeente (or a beheerder) judges.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.text import REASON_MAX_LENGTH
from indicators.engine import gemeenten_visible_to, overview
from indicators.models import Indicator, Oordeel, Period
from indicators.overview.judgement import JudgementError, record_judgement
from organisations.models import Doelgroep

from .filters import canonical_period
from .serializers import as_json_number

PRECISION = Decimal("0.000001")  # the precision figures are stored with
# One enum in the schema (OordeelEnum, on the request); responses describe the same values.
OORDEEL_HELP = "positief (voorzichtig positief), negatief (voorzichtig negatief), gelijk of geen."


def number(value: Decimal | None):
    if value is None:
        return None
    return as_json_number(value.quantize(PRECISION))


class AreaSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField(source="name")


class StreefwaardeSerializer(serializers.Serializer):
    vergelijking = serializers.CharField(source="comparison", help_text="'>=', '<=' of '='.")
    waarde = serializers.SerializerMethodField()
    voor = serializers.CharField(
        source="scope.code",
        help_text="Gemeente, regio of uitvoerder waarvoor de streefwaarde geldt.",
    )
    vanaf_jaar = serializers.IntegerField(source="year_from")
    tot_en_met_jaar = serializers.IntegerField(source="year_to", allow_null=True)
    toelichting = serializers.CharField(source="note")

    @extend_schema_field(OpenApiTypes.NUMBER)
    def get_waarde(self, streefwaarde):
        return number(streefwaarde.value)


class OordeelSerializer(serializers.Serializer):
    voorstel = serializers.CharField(source="proposal", help_text=OORDEEL_HELP)
    oordeel = serializers.CharField(source="judgement", help_text=OORDEEL_HELP)
    motivering = serializers.CharField(source="reason")
    basisperiode = serializers.CharField(source="base_period.identifier", allow_null=True)
    door = serializers.CharField(source="decided_by.username", allow_null=True)
    op = serializers.DateTimeField(source="decided_at")


class RegioWaardeSerializer(serializers.Serializer):
    regio = serializers.CharField()
    waarde = serializers.FloatField(allow_null=True)


class RijSerializer(serializers.Serializer):
    doelgroep = serializers.CharField(
        source="doelgroep_code", allow_null=True, help_text="Leeg: alle doelgroepen samen."
    )
    omschrijving = serializers.CharField(source="label")
    totaal = serializers.BooleanField(
        source="is_total", help_text="De totaalregel over de doelgroepen."
    )
    waarde = serializers.SerializerMethodField(help_text="Leeg: geen waarde.")
    weergave = serializers.CharField(source="text", help_text="Zoals getoond, bijv. '1.176'.")
    gebied = serializers.SerializerMethodField(
        help_text="Waar het cijfer over gaat: de gemeente, of de regio als het alleen voor de "
        "regio is aangeleverd."
    )
    berekend_totaal = serializers.BooleanField(
        source="derived", help_text="Door de monitor opgeteld of herberekend, niet aangeleverd."
    )
    voorlopig = serializers.BooleanField(
        source="provisional", help_text="Voorlopig of nader voorlopig (nog niet definitief)."
    )
    onvolledig = serializers.BooleanField(
        source="incomplete",
        help_text="Een totaal waarvan nog niet alle uitgevraagde onderdelen er zijn: geen waarde "
        "en geen verandering.",
    )
    ontbreekt = serializers.CharField(
        source="missing_text", help_text="Bij een onvolledig totaal: wat er nog ontbreekt."
    )
    regio_waarden = serializers.SerializerMethodField(help_text="Het regionale totaal.")
    vorige_waarde = serializers.SerializerMethodField()
    verandering_pct = serializers.SerializerMethodField()
    streefwaarde = StreefwaardeSerializer(allow_null=True)
    streefwaarde_gehaald = serializers.BooleanField(source="target_met", allow_null=True)
    trend_voorstel = serializers.CharField(source="proposal", help_text=OORDEEL_HELP)
    trendoordeel = OordeelSerializer(source="judgement", allow_null=True)

    @extend_schema_field(OpenApiTypes.NUMBER)
    def get_waarde(self, row):
        return number(row.value)

    @extend_schema_field(OpenApiTypes.STR)
    def get_gebied(self, row):
        return row.area.code if row.area else None

    @extend_schema_field(RegioWaardeSerializer(many=True))
    def get_regio_waarden(self, row):
        regios = self.context["regios"]
        return [
            {"regio": regio.code, "waarde": number(value)}
            for regio, value in zip(regios, row.regio_values, strict=True)
        ]

    @extend_schema_field(OpenApiTypes.NUMBER)
    def get_vorige_waarde(self, row):
        return number(row.base_value)

    @extend_schema_field(OpenApiTypes.NUMBER)
    def get_verandering_pct(self, row):
        change = row.change
        return None if change is None else as_json_number(change.quantize(Decimal("0.1")))


class IndicatorBlokSerializer(serializers.Serializer):
    code = serializers.CharField(source="indicator.code")
    naam = serializers.CharField(source="indicator.name")
    eenheid = serializers.CharField(source="indicator.eenheid")
    decimalen = serializers.IntegerField(source="indicator.decimals")
    richting = serializers.CharField(source="indicator.richting")
    ontwikkelindicator = serializers.BooleanField(source="indicator.is_ontwikkelindicator")
    uitvoerder = serializers.CharField(source="indicator.uitvoerder.code", allow_null=True)
    berekend = serializers.BooleanField(source="is_computed")
    formule = serializers.CharField(source="indicator.formula")
    formule_in_woorden = serializers.CharField(source="formula_text")
    optellen = serializers.CharField(
        source="aggregation", help_text="som, stand, formule (herberekend) of geen."
    )
    rijen = RijSerializer(source="rows", many=True)


class ThemaBlokSerializer(serializers.Serializer):
    code = serializers.CharField(source="thema.code")
    naam = serializers.CharField(source="thema.name")
    indicatoren = IndicatorBlokSerializer(source="indicators", many=True)


class OverzichtSerializer(serializers.Serializer):
    gemeente = AreaSerializer()
    periode = serializers.CharField(source="period.identifier")
    periode_omschrijving = serializers.CharField(source="period.label")
    basisperiode = serializers.CharField(source="base_period.identifier", allow_null=True)
    regios = AreaSerializer(many=True)
    mag_oordelen = serializers.BooleanField(source="can_judge")
    themas = ThemaBlokSerializer(many=True)


def find_period(value: str, field: str, required=True) -> Period | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise ValidationError({field: [_("Geef een periode op, bijvoorbeeld 2018H1.")]})
        return None
    found = Period.objects.filter(identifier=canonical_period(value)).first()
    if found is None:
        raise ValidationError({field: [_("Onbekende periode '%(code)s'.") % {"code": value}]})
    return found


def find_gemeente(user, code: str):
    code = (code or "").strip()
    if not code:
        raise ValidationError(
            {"gemeente": [_("Geef de CBS-code van een gemeente op, bijvoorbeeld GM0718.")]}
        )
    gemeente = gemeenten_visible_to(user).filter(code=code).first()
    if gemeente is None:
        raise NotFound(
            _("Onbekende gemeente '%(code)s', of u hebt er geen toegang toe.") % {"code": code}
        )
    return gemeente


class OverzichtView(APIView):
    @extend_schema(
        tags=["cijfers"],
        summary="Overzicht van de cijfers van een gemeente voor een periode",
        description=(
            "Goedgekeurde cijfers per thema → indicator → doelgroep, met het totaal over de "
            "doelgroepen, het regionale totaal, berekende indicatoren (met de formule in woorden), "
            "de streefwaarde en of die gehaald is, het trendvoorstel t.o.v. de basisperiode en het "
            "vastgelegde trendoordeel. Aantallen worden opgeteld; verhoudingscijfers worden "
            "herberekend uit de opgetelde delen."
        ),
        parameters=[
            OpenApiParameter("gemeente", str, required=True, description="CBS-code, bijv. GM0718."),
            OpenApiParameter(
                "periode", str, required=True, description="2018Q2, 2018H1 (of 2018S1) of 2018."
            ),
            OpenApiParameter(
                "basis",
                str,
                required=False,
                description="Vergelijken met deze periode (standaard: de vorige van hetzelfde soort).",
            ),
        ],
        responses={
            200: OverzichtSerializer,
            400: OpenApiResponse(description="Gemeente of periode ontbreekt of is onbekend."),
            404: OpenApiResponse(description="Onbekende gemeente of geen toegang."),
        },
    )
    def get(self, request):
        params = request.query_params
        gemeente = find_gemeente(request.user, params.get("gemeente"))
        period = find_period(params.get("periode"), "periode")
        base = find_period(params.get("basis"), "basis", required=False)
        result = overview(gemeente, period, request.user, base)
        data = OverzichtSerializer(result, context={"regios": result.regios}).data
        return Response(data)


class TrendOordeelInSerializer(serializers.Serializer):
    gemeente = serializers.CharField(help_text="CBS-code, bijv. GM0718.")
    periode = serializers.CharField(help_text="Bijv. 2018H1.")
    basis = serializers.CharField(
        required=False, allow_blank=True, help_text="Standaard: de vorige periode."
    )
    indicator = serializers.CharField(help_text="Code van de indicator.")
    doelgroep = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, help_text="Leeg: alle doelgroepen."
    )
    oordeel = serializers.ChoiceField(choices=Oordeel.choices)
    motivering = serializers.CharField(
        max_length=REASON_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text="Verplicht als het oordeel afwijkt van het voorstel.",
    )


class TrendOordeelOutSerializer(OordeelSerializer):
    indicator = serializers.CharField(source="indicator.code")
    gemeente = serializers.CharField(source="area.code")
    doelgroep = serializers.CharField(source="doelgroep.code", allow_null=True)
    periode = serializers.CharField(source="period.identifier")


class TrendOordeelView(APIView):
    @extend_schema(
        tags=["cijfers"],
        summary="Trendoordeel vastleggen (bevestigen of afwijken van het voorstel)",
        description=(
            "Alleen een beleidsmedewerker van de gemeente (of een functioneel beheerder). Het "
            "voorstel berekent de monitor zelf en wordt naast het oordeel bewaard; wie afwijkt, "
            "geeft een motivering. Ontwikkelindicatoren krijgen geen oordeel."
        ),
        request=TrendOordeelInSerializer,
        responses={
            200: TrendOordeelOutSerializer,
            400: OpenApiResponse(description="Ongeldig verzoek, bijv. motivering ontbreekt."),
            403: OpenApiResponse(description="Geen beleidsmedewerker van deze gemeente."),
            404: OpenApiResponse(description="Onbekende gemeente of geen toegang."),
        },
    )
    def post(self, request):
        incoming = TrendOordeelInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        gemeente = find_gemeente(request.user, data["gemeente"])
        period = find_period(data["periode"], "periode")
        base = find_period(data.get("basis"), "basis", required=False)
        indicator = Indicator.objects.filter(code=data["indicator"]).first()
        if indicator is None:
            raise ValidationError({"indicator": [_("Onbekende indicator.")]})
        doelgroep = None
        if data.get("doelgroep"):
            options = Doelgroep.objects.filter(code=data["doelgroep"])
            doelgroep = (
                options.filter(uitvoerder_id=indicator.uitvoerder_id).first() or options.first()
            )
            if doelgroep is None:
                raise ValidationError({"doelgroep": [_("Onbekende doelgroep.")]})
        try:
            oordeel = record_judgement(
                request.user,
                indicator=indicator,
                gemeente=gemeente,
                period=period,
                judgement=data["oordeel"],
                reason=data.get("motivering", ""),
                doelgroep=doelgroep,
                base_period=base,
            )
        except JudgementError as error:
            raise ValidationError({error.field or "detail": [str(error)]}) from error
        return Response(TrendOordeelOutSerializer(oordeel).data, status=status.HTTP_200_OK)
