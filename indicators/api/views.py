"""API for themes, indicators, periods, uitvragen and aanleveringen with their figures and workflow.

Visibility starts from the same querysets as the web UI; writing figures goes through
``save_values`` and workflow actions through ``transition``, so rules and audit are identical.
"""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response

from core.api import ReviewCycleActionsMixin, review_cycle_schemas
from core.api_input import JSONParser
from indicators.models import Indicator, Period, Submission, Thema, Uitvraag, UitvraagRegel, Value
from indicators.submissions.services import NotEditable, save_values, values_by_key
from indicators.workflow import WORKFLOW, is_supplier_of
from organisations.access import Access

from .filters import (
    IndicatorFilter,
    PeriodFilter,
    SubmissionFilter,
    UitvraagFilter,
    ValueFilter,
    canonical_period,
)
from .serializers import (
    DetailSerializer,
    IndicatorSerializer,
    PeriodSerializer,
    SubmissionSerializer,
    SubmissionWithValuesSerializer,
    ThemaSerializer,
    UitvraagSerializer,
    ValueSerializer,
    ValuesWriteResultSerializer,
    ValuesWriteSerializer,
    value_data,
    value_rows,
)


@extend_schema_view(
    list=extend_schema(summary="Maatschappelijke resultaten (thema's)"),
    retrieve=extend_schema(summary="Eén thema"),
)
@extend_schema(tags=["indicatoren"])
class ThemaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ThemaSerializer
    queryset = Thema.objects.order_by("order", "name", "pk")


@extend_schema_view(
    list=extend_schema(summary="Indicatoren"),
    retrieve=extend_schema(summary="Eén indicator"),
)
@extend_schema(tags=["indicatoren"])
class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    queryset = Indicator.objects.select_related("thema", "uitvoerder").order_by(
        "thema__order", "soort", "order", "name", "pk"
    )


@extend_schema_view(
    list=extend_schema(summary="Periodes"),
    retrieve=extend_schema(summary="Eén periode, op code (2018Q2, 2018H1 of 2018S1, 2018)"),
)
@extend_schema(tags=["periodes"])
class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PeriodSerializer
    filterset_class = PeriodFilter
    queryset = Period.objects.order_by("start", "type", "pk")
    lookup_field = "identifier"
    lookup_value_regex = r"[0-9A-Za-z]+"

    def get_object(self):
        self.kwargs[self.lookup_field] = canonical_period(self.kwargs[self.lookup_field])
        return super().get_object()


def visible_uitvragen(user):
    """Uitvragen visible like their submissions: the supplier's own, beleid's areas, or all."""
    access = Access.for_user(user)
    if access.is_beheerder:
        return Uitvraag.objects.all()
    condition = Q(pk__in=[])
    if access.uitvoerder_ids:
        condition |= Q(uitvoerder_id__in=access.uitvoerder_ids)
    if access.beleid_area_ids:
        condition |= Q(
            pk__in=Uitvraag.objects.filter(areas__in=access.beleid_area_ids).values("pk")
        )
    return Uitvraag.objects.filter(condition)


@extend_schema_view(
    list=extend_schema(summary="Uitvragen: wat een uitvoerder moet aanleveren"),
    retrieve=extend_schema(summary="Eén uitvraag met haar regels"),
)
@extend_schema(tags=["aanleveringen"])
class UitvraagViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UitvraagSerializer
    filterset_class = UitvraagFilter
    queryset = Uitvraag.objects.none()  # the model for the schema; see get_queryset

    def get_queryset(self):
        regels = UitvraagRegel.objects.select_related("indicator", "doelgroep").order_by(
            "order", "pk"
        )
        return (
            visible_uitvragen(self.request.user)
            .select_related("uitvoerder")
            .prefetch_related("areas", Prefetch("regels", queryset=regels))
            .order_by("uitvoerder__name", "name", "pk")
        )


class IsSupplierOfSubmission(BasePermission):
    """Only staff of the submission's own uitvoerder change its figures (others may read)."""

    message = gettext_lazy("U mag de cijfers van deze aanlevering niet wijzigen.")

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or is_supplier_of(Access.for_user(request.user), obj)


VALUES_WRITE_RESPONSES = {
    200: ValuesWriteResultSerializer,
    400: OpenApiResponse(
        description="Onbekende cellen (per positie in de lijst) of aanlevering niet wijzigbaar."
    ),
    403: OpenApiResponse(DetailSerializer, description="Niet de eigen uitvoeringsorganisatie."),
    404: OpenApiResponse(DetailSerializer, description="Aanlevering niet zichtbaar."),
}


class ValuePagination(CursorPagination):
    """Values come in pages of 1.000 (``?page_size=`` up to 10.000): a supplier's quarter can
    hold tens of thousands, too many for one answer. Since API 1.2 a page is found by a cursor
    (``next``/``previous``), in the order of the values' ids, which the index
    ``waarde_aanlevering_id`` (submission, id) serves: the 36th page costs what the first does,
    and no page counts the whole submission (in 1.1 ordering and counting 36.120 values took
    ~0,3 s a page)."""

    page_size = 1000
    page_size_query_param = "page_size"
    max_page_size = 10000
    ordering = "pk"


EXPAND_VALUES = OpenApiParameter(
    "expand",
    str,
    enum=["values"],
    description="`values`: ook alle waarden van de aanlevering meesturen (in één antwoord, "
    "ongepagineerd; voor grote aanleveringen liever `waarden/`).",
)


def wants_values(request) -> bool:
    return "values" in request.query_params.get("expand", "").split(",")


@extend_schema_view(
    list=extend_schema(
        summary="Aanleveringen (zonder waarden)",
        description="Sinds API-versie 1.1 zonder de waarden: die staan per aanlevering onder "
        "`values_url` (`waarden/`, gepagineerd en filterbaar) of in één aanlevering met "
        "`?expand=values`.",
    ),
    retrieve=extend_schema(
        summary="Eén aanlevering; met ?expand=values ook haar waarden",
        parameters=[EXPAND_VALUES],
        responses=SubmissionWithValuesSerializer,
    ),
    **review_cycle_schemas(
        SubmissionSerializer,
        refusals="Kan nu niet: verkeerde status, onvolledig, reden ontbreekt of vier-ogenprincipe.",
        not_visible="Aanlevering niet zichtbaar.",
        steps={
            "indienen": (
                "Indienen",
                "De leverancier dient een complete aanlevering in (ontbrekende waarden hebben "
                "een toelichting nodig).",
            ),
            "intrekken": ("Intrekken", "De leverancier haalt een ingediende aanlevering terug."),
            "goedkeuren": (
                "Goedkeuren",
                "Een beleidsmedewerker van een betrokken gemeente keurt goed; niet wie indiende "
                "of cijfers wijzigde.",
            ),
            "terugsturen": (
                "Terugsturen",
                "Een beleidsmedewerker stuurt terug; de reden is verplicht.",
            ),
            "heropenen": (
                "Heropenen",
                "Een functioneel beheerder heropent een goedgekeurde aanlevering, met reden.",
            ),
        },
    ),
)
@extend_schema(tags=["aanleveringen"])
class SubmissionViewSet(ReviewCycleActionsMixin, viewsets.ReadOnlyModelViewSet):
    workflow = WORKFLOW
    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter
    queryset = Submission.objects.none()  # the model for the schema; see get_queryset

    def expands_values(self) -> bool:
        return self.action == "retrieve" and wants_values(self.request)

    def get_serializer_class(self):
        return SubmissionWithValuesSerializer if self.expands_values() else SubmissionSerializer

    def get_queryset(self):
        submissions = (
            Submission.objects.visible_to(self.request.user)
            .with_related()
            .prefetch_related("uitvraag__areas")
            .order_by("-period__start", "uitvraag__uitvoerder__name", "uitvraag__name", "pk")
        )
        if self.expands_values():
            submissions = submissions.prefetch_related(
                Prefetch("values", queryset=ordered_values())
            )
        return submissions

    @extend_schema(
        methods=["GET"],
        summary="Waarden van een aanlevering (gepagineerd, filterbaar)",
        description="Per pagina 1.000 waarden (`page_size` tot 10.000), te filteren op "
        "indicator, doelgroep, gebied en status.",
        parameters=[
            OpenApiParameter(name, str, description=str(f.extra.get("help_text", "")))
            for name, f in ValueFilter.base_filters.items()
        ]
        + [OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
        responses=ValueSerializer(many=True),
    )
    @extend_schema(
        methods=["PUT", "POST"],
        summary="Waarden opslaan (per cel volledig)",
        description="Slaat de meegestuurde cellen op zoals het webformulier: geldige waarden "
        "worden bewaard, ongeldige invoer wordt met een Nederlandse foutmelding bewaard. "
        "Velden die bij een cel ontbreken, worden leeggemaakt. Niet-genoemde cellen blijven "
        "ongewijzigd. Alleen voor de eigen uitvoeringsorganisatie, bij status concept of "
        "teruggestuurd.",
        request=ValuesWriteSerializer,
        responses=VALUES_WRITE_RESPONSES,
    )
    @extend_schema(
        methods=["PATCH"],
        summary="Waarden deels wijzigen",
        description="Als PUT, maar velden die bij een cel ontbreken, houden hun opgeslagen inhoud.",
        # The same body as PUT (the list itself is required), not an all-optional "Patched" copy.
        request={"application/json": {"$ref": "#/components/schemas/ValuesWrite"}},
        responses=VALUES_WRITE_RESPONSES,
    )
    @action(
        detail=True,
        methods=["get", "put", "patch", "post"],
        permission_classes=[IsAuthenticated, IsSupplierOfSubmission],
        parser_classes=[JSONParser],
        filter_backends=[],
        filterset_class=ValueFilter,
        pagination_class=ValuePagination,
    )
    def waarden(self, request, pk=None):
        submission = self.get_object()
        if request.method in SAFE_METHODS:
            values = DjangoFilterBackend().filter_queryset(
                request, Value.objects.filter(submission=submission), self
            )
            page = self.paginate_queryset(value_rows(values))  # in the order of the ids
            return self.get_paginated_response(value_data(page))
        if not submission.is_editable:
            return refused(
                _("De aanlevering heeft status '%(status)s' en kan niet meer worden gewijzigd.")
                % {"status": submission.get_status_display()}
            )
        serializer = ValuesWriteSerializer(
            data=request.data,
            context={"submission": submission, "partial": request.method == "PATCH"},
        )
        serializer.is_valid(raise_exception=True)
        try:
            result = save_values(
                submission,
                request.user,
                serializer.cells(values_by_key(submission)),
                reason=serializer.validated_data.get("reden", ""),
            )
        except NotEditable as exc:  # changed status meanwhile
            return refused(str(exc))
        return Response(serializer.result(result))


def ordered_values():
    return Value.objects.select_related("indicator", "doelgroep", "area", "updated_by").order_by(
        "indicator__order", "indicator__code", "doelgroep__order", "area__code", "pk"
    )


def refused(message: str) -> Response:
    return Response({"detail": message}, status=status.HTTP_400_BAD_REQUEST)
