"""Reference data: organisations and doelgroepen, readable by every signed-in user."""

from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.settings import api_settings

from organisations.models import Doelgroep, Organisation

from .filters import DoelgroepFilter, OrganisationFilter
from .serializers import DoelgroepSerializer, OrganisationSerializer


@extend_schema_view(
    list=extend_schema(summary="Organisaties (gemeenten, regio's, uitvoerders)"),
    retrieve=extend_schema(summary="Eén organisatie"),
)
@extend_schema(tags=["organisaties"])
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    queryset = Organisation.objects.prefetch_related("gemeenten").order_by("kind", "name", "pk")


@extend_schema_view(
    list=extend_schema(summary="Doelgroepen van uitvoeringsorganisaties"),
    retrieve=extend_schema(summary="Eén doelgroep"),
)
@extend_schema(tags=["organisaties"])
class DoelgroepViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DoelgroepSerializer
    filterset_class = DoelgroepFilter
    queryset = Doelgroep.objects.select_related("uitvoerder").order_by(
        "uitvoerder__name", "order", "name", "pk"
    )


@extend_schema(tags=["authenticatie"])
@extend_schema_view(
    post=extend_schema(
        summary="Token ophalen",
        auth=[],
        description="Wissel gebruikersnaam en wachtwoord in voor een token en stuur dat mee "
        "als `Authorization: Token <token>`. Te veel mislukte pogingen blokkeren het account "
        "tijdelijk, net als bij het inloggen op de website.",
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            400: OpenApiResponse(description="Onjuiste gebruikersnaam of wachtwoord."),
        },
    )
)
class TokenView(ObtainAuthToken):
    """DRF's token endpoint, documented in the schema; JSON read like every other endpoint."""

    parser_classes = api_settings.DEFAULT_PARSER_CLASSES
