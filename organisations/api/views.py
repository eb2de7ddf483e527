"""Reference data: organisations and doelgroepen, readable by every signed-in user."""

from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from core.tokens import issue_token
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


class TokenRequestSerializer(AuthTokenSerializer):
    name = serializers.CharField(required=False, max_length=100, default="API")
    days = serializers.IntegerField(required=False, min_value=1, default=None, allow_null=True)


@extend_schema(tags=["authenticatie"])
@extend_schema_view(
    post=extend_schema(
        summary="Token ophalen",
        auth=[],
        request=TokenRequestSerializer,
        description="Wissel gebruikersnaam en wachtwoord in voor een nieuwe token en stuur die mee "
        "als `Authorization: Token <token>`. De token wordt alleen in dit antwoord getoond; hij "
        "verloopt na `days` dagen (standaard API_TOKEN_DAYS) en werkt niet meer na intrekken, "
        "een nieuw wachtwoord of het uitschakelen van het account. Te veel mislukte pogingen "
        "blokkeren het account tijdelijk, net als bij het inloggen op de website.",
        responses={
            200: inline_serializer(
                "Token",
                {
                    "token": serializers.CharField(),
                    "name": serializers.CharField(),
                    "expires": serializers.DateTimeField(),
                },
            ),
            400: OpenApiResponse(description="Onjuiste gebruikersnaam of wachtwoord."),
            429: OpenApiResponse(description="Te veel verzoeken."),
        },
    )
)
class TokenView(APIView):
    """A new named token for username and password; locked out by django-axes like the log-in
    page (the serializer authenticates through the axes backend) and throttled."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"
    serializer_class = TokenRequestSerializer

    def post(self, request):
        serializer = self.serializer_class(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        token, secret = issue_token(
            data["user"], name=data["name"], days=data["days"], request=request._request
        )
        return Response({"token": secret, "name": token.name, "expires": token.expires_at})
