"""API for budgets: taakvelden, versions with their lines and workflow, and the figures.

Visibility starts from ``BudgetVersion.objects.visible_to`` like the web UI; lines are written
through ``save_lines`` and actions through ``transition``, so rules and audit are identical.
"""

import django_filters
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from budgets import figures
from budgets.models import BudgetLine, BudgetVersion, Soort, Taakveld
from budgets.services import (
    InvalidLines,
    NotEditable,
    VersionRefused,
    create_version,
    owner_choices,
    save_lines,
    update_version,
)
from budgets.workflow import WORKFLOW, is_opsteller, may_create_for
from core.api import ReviewCycleActionsMixin, review_cycle_schemas
from core.api_input import JSONParser
from indicators.models import SubmissionStatus
from organisations.access import Access

from .serializers import (
    BudgetLineSerializer,
    BudgetVersionSerializer,
    DetailSerializer,
    LinesResultSerializer,
    LinesWriteSerializer,
    OverviewSerializer,
    TaakveldSerializer,
    VersionCreateSerializer,
    VersionUpdateSerializer,
    overview_data,
)


def refused(message: str) -> Response:
    return Response({"detail": message}, status=status.HTTP_400_BAD_REQUEST)


class TaakveldFilter(django_filters.FilterSet):
    jaar = django_filters.NumberFilter(
        method="valid_in", help_text="Alleen taakvelden die in dit jaar gelden."
    )
    hoofdtaakveld = django_filters.CharFilter(
        method="under", help_text="Code van het hoofdtaakveld, bijvoorbeeld 6."
    )

    class Meta:
        model = Taakveld
        fields = ["jaar", "hoofdtaakveld"]

    def valid_in(self, queryset, name, value):
        year = int(value)
        return queryset.exclude(valid_from__gt=year).exclude(valid_to__lt=year)

    def under(self, queryset, name, value):
        return queryset.filter(parent__code=value)


@extend_schema_view(
    list=extend_schema(summary="BBV-taakvelden (met geldigheid en voorganger)"),
    retrieve=extend_schema(summary="Eén taakveld, op code"),
)
@extend_schema(tags=["begroting"])
class TaakveldViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TaakveldSerializer
    filterset_class = TaakveldFilter
    queryset = Taakveld.objects.select_related("predecessor").order_by("order", "code")
    lookup_field = "code"
    lookup_value_regex = r"[0-9a-z.]+"
    pagination_class = None


class VersionFilter(django_filters.FilterSet):
    organisatie = django_filters.CharFilter(
        field_name="owner__code", help_text="Code van de gemeente of uitvoerder."
    )
    jaar = django_filters.NumberFilter(field_name="year", help_text="Begrotingsjaar.")
    soort = django_filters.ChoiceFilter(choices=Soort.choices)
    status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices)

    class Meta:
        model = BudgetVersion
        fields = ["organisatie", "jaar", "soort", "status"]


LINES_RESPONSES = {
    200: LinesResultSerializer,
    400: OpenApiResponse(
        description="Ongeldige bedragen of onbekende codes (per positie), een taakveld dat in "
        "dat jaar niet geldt, of de versie is niet (meer) te wijzigen."
    ),
    403: OpenApiResponse(DetailSerializer, description="Niet de opsteller van deze begroting."),
    404: OpenApiResponse(DetailSerializer, description="Versie niet zichtbaar."),
}


@extend_schema_view(
    list=extend_schema(summary="Begrotingsversies (filter op organisatie, jaar, soort, status)"),
    retrieve=extend_schema(summary="Eén begrotingsversie met haar regels"),
    create=extend_schema(
        summary="Nieuwe begrotingsversie (concept)",
        request=VersionCreateSerializer,
        responses={
            201: BudgetVersionSerializer,
            400: OpenApiResponse(DetailSerializer),
            403: OpenApiResponse(DetailSerializer),
        },
    ),
    partial_update=extend_schema(
        summary="Naam, datum of toelichting wijzigen (alleen concept/teruggestuurd)",
        request=VersionUpdateSerializer,
        responses={200: BudgetVersionSerializer, 400: OpenApiResponse(DetailSerializer)},
    ),
    **review_cycle_schemas(
        BudgetVersionSerializer,
        refusals="Kan nu niet: verkeerde status, geen regels, reden ontbreekt of "
        "vier-ogenprincipe.",
        not_visible="Versie niet zichtbaar.",
        steps={
            "indienen": ("Indienen", "De opsteller dient een versie met regels in."),
            "intrekken": ("Intrekken", "De opsteller haalt een ingediende versie terug."),
            "goedkeuren": (
                "Goedkeuren",
                "Een beleidsmedewerker van de gemeente (of van een gemeente die de uitvoerder "
                "bedient) keurt goed; niet wie indiende of regels wijzigde.",
            ),
            "terugsturen": (
                "Terugsturen",
                "Een beoordelaar stuurt terug; de reden is verplicht.",
            ),
            "heropenen": (
                "Heropenen",
                "Een functioneel beheerder heropent een goedgekeurde versie, met reden.",
            ),
        },
    ),
)
@extend_schema(tags=["begroting"])
class BudgetVersionViewSet(
    ReviewCycleActionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    workflow = WORKFLOW
    serializer_class = BudgetVersionSerializer
    filterset_class = VersionFilter
    queryset = BudgetVersion.objects.none()  # the model for the schema; see get_queryset

    def get_queryset(self):
        lines = BudgetLine.objects.select_related(
            "taakveld", "programma", "product", "thema", "uitvoerder"
        ).order_by("taakveld__order", "programma__order", "product__order", "pk")
        return (
            BudgetVersion.objects.visible_to(self.request.user)
            .with_related()
            .prefetch_related("owner__gemeenten", Prefetch("lines", queryset=lines))
            .order_by("owner__name", "-year", F("datum").asc(nulls_first=True), "pk")
        )

    def create(self, request):
        serializer = VersionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not may_create_for(Access.for_user(request.user), data["owner"]):
            raise PermissionDenied(_("U mag geen begroting opstellen voor deze organisatie."))
        try:
            version = create_version(
                data["owner"],
                data["year"],
                data["soort"],
                request.user,
                name=data.get("name", ""),
                datum=data.get("datum"),
                toelichting=data.get("toelichting", ""),
            )
        except VersionRefused as exc:
            return refused(str(exc))
        return Response(
            self.get_serializer(self.get_queryset().get(pk=version.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    def partial_update(self, request, pk=None):
        version = self.get_object()
        if not is_opsteller(Access.for_user(request.user), version):
            raise PermissionDenied(_("U mag deze begrotingsversie niet wijzigen."))
        serializer = VersionUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            update_version(version, request.user, **serializer.validated_data)
        except (NotEditable, VersionRefused) as exc:
            return refused(str(exc))
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        methods=["GET"], summary="Regels van een versie", responses=BudgetLineSerializer(many=True)
    )
    @extend_schema(
        methods=["PUT"],
        summary="Alle regels vervangen",
        description="De meegestuurde regels worden de regels van de versie; regels die niet "
        "worden genoemd, worden verwijderd. Bedragen als getal of als tekst (1.234.567,89). "
        "Alles of niets: bij een fout wordt niets opgeslagen.",
        request=LinesWriteSerializer,
        responses=LINES_RESPONSES,
    )
    @extend_schema(
        methods=["PATCH"],
        summary="Regels toevoegen of wijzigen",
        description="Als PUT, maar regels die niet worden genoemd, blijven staan. Een regel met "
        "lege lasten en baten (en zonder toelichting) wordt verwijderd.",
        request=LinesWriteSerializer,
        responses=LINES_RESPONSES,
    )
    @action(
        detail=True,
        methods=["get", "put", "patch"],
        url_path="regels",
        parser_classes=[JSONParser],
        filter_backends=[],
        pagination_class=None,
    )
    def lines(self, request, pk=None):
        version = self.get_object()
        if request.method == "GET":
            return Response(BudgetLineSerializer(version.lines.all(), many=True).data)
        if not is_opsteller(Access.for_user(request.user), version):
            raise PermissionDenied(_("U mag de bedragen van deze begrotingsversie niet wijzigen."))
        serializer = LinesWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        inputs = serializer.line_inputs(version)
        try:
            result = save_lines(
                version,
                request.user,
                inputs,
                reason=serializer.validated_data.get("reden", ""),
                replace=request.method == "PUT",
            )
        except NotEditable as exc:
            return refused(str(exc))
        except InvalidLines as exc:
            raise ValidationError(
                {"lines": {str(position): [error] for position, error in exc.errors.items()}}
            ) from exc
        return Response(LinesResultSerializer.of(result))


@extend_schema(
    tags=["begroting"],
    summary="Begroot en gerealiseerd per taakveld",
    description="Actuele begroting (primitief + goedgekeurde wijzigingen tot en met de "
    "peildatum), realisatie, prognose, afwijking (realisatie − actuele begroting, in euro's en "
    "in % van de actuele begroting) en uitputting, per taakveld met totalen per hoofdtaakveld. "
    "Onafgeronde bedragen, alleen goedgekeurde versies. Voor een regio: de som van de gemeenten.",
    parameters=[
        OpenApiParameter("organisatie", OpenApiTypes.STR, required=True),
        OpenApiParameter("jaar", OpenApiTypes.INT, required=True),
        OpenApiParameter("peildatum", OpenApiTypes.DATE, description="Stand per (optioneel)."),
    ],
    responses={200: OverviewSerializer, 400: OpenApiResponse(DetailSerializer)},
)
class OverviewView(APIView):
    def get(self, request):
        code = request.query_params.get("organisatie", "")
        area = get_object_or_404(owner_choices(request.user), code=code)
        try:
            year = int(request.query_params.get("jaar", ""))
        except ValueError:
            return refused(_("Geef een jaar op (jaar=2018)."))
        peildatum = None
        if request.query_params.get("peildatum"):
            try:
                peildatum = parse_date(request.query_params["peildatum"])
            except ValueError:
                peildatum = None
            if peildatum is None:
                return refused(_("Geef de peildatum op als JJJJ-MM-DD."))
        result = figures.overview(area, year, peildatum)
        return Response(overview_data(result))
