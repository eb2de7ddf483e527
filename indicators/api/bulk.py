"""``POST /api/v1/waarden/bulk/``: a data value set in one request (JSON or CSV).

The work is done by :func:`indicators.importing.import_value_set`; this view only reads the body,
checks that the caller is a supplier's staff member and answers with the import summary.
"""

from dataclasses import replace

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError, PermissionDenied
from rest_framework.parsers import BaseParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_input import BadJSON, loads
from core.text import REASON_MAX_LENGTH, TOELICHTING_MAX_LENGTH, too_long
from indicators.importing import NotAllowed, import_value_set
from indicators.importing.cells import COLUMNS, ColumnMap, FileProblem
from indicators.importing.limits import Clock, Counter, ReadLimits
from indicators.importing.tables import read_csv
from indicators.importing.valueset import MAX_ITEMS, incoming_from_row
from indicators.models import CijferStatus
from organisations.access import Access

from .serializers import DetailSerializer

TRUE_TEXT = {"1", "true", "ja", "yes", "on"}


# A value set is larger than an ordinary request: Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB,
# which DRF's JSONParser enforces) would stop at ~20.000 values. Bodies are only read after
# authentication and the permission check.
MAX_BODY_BYTES = 64 * 1024 * 1024


def read_limited(stream) -> bytes:
    data = stream.read(MAX_BODY_BYTES + 1) if stream is not None else b""
    if len(data) > MAX_BODY_BYTES:
        raise ParseError(
            _("Het verzoek is groter dan %(mb)d MB: verdeel de waarden over meer verzoeken.")
            % {"mb": MAX_BODY_BYTES // (1024 * 1024)}
        )
    return data


class BulkJSONParser(BaseParser):
    """JSON, like DRF's parser, with a limit that fits a value set."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return loads(read_limited(stream))
        except BadJSON as exc:
            raise ParseError(str(exc)) from exc


class CSVValuesParser(BaseParser):
    """A CSV body with the JSON item's names as header (``;`` or ``,``, UTF-8 with or without
    BOM). ``index`` 0 in the answer is the first line after the header."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = read_limited(stream)
            limits = replace(
                ReadLimits.from_settings(),
                upload_bytes=MAX_BODY_BYTES,
                rows=MAX_ITEMS + 1,
                cells=(MAX_ITEMS + 1) * len(COLUMNS),
            )
            table = read_csv(data, limits, Clock(limits.seconds), Counter(limits))
            if not table.header:
                raise FileProblem(_("De CSV is leeg."))
            columns = ColumnMap.from_header(table.header, require_period=True)
        except FileProblem as exc:
            raise ParseError(str(exc)) from exc
        return {
            "waarden": [
                incoming_from_row(number - 2, cells, columns) for number, cells in table.rows
            ]
        }


class BulkValueSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="Code van de indicator.")
    doelgroep = serializers.CharField(
        required=False, allow_null=True, help_text="Code van de doelgroep (leeg: geen doelgroep)."
    )
    gebied = serializers.CharField(help_text="CBS-code van de gemeente (GM0718) of regiocode.")
    periode = serializers.CharField(help_text="2018Q2, 2018H1 (of 2018S1) of 2018.")
    waarde = serializers.JSONField(
        required=False,
        allow_null=True,
        help_text="Getal of tekst zoals in het invulscherm (12,5). Leeg of null wist de waarde; "
        "ontbreekt het veld, dan blijft de opgeslagen waarde staan.",
    )
    toelichting = serializers.CharField(
        max_length=TOELICHTING_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text="Ontbreekt het veld: blijft zoals opgeslagen.",
    )
    status = serializers.ChoiceField(
        choices=CijferStatus.choices,
        required=False,
        help_text="Status van het cijfer zoals CBS: voorlopig, nader_voorlopig of definitief. "
        "Ontbreekt het veld: blijft zoals opgeslagen.",
    )
    voorlopig = serializers.BooleanField(
        required=False,
        help_text="Het oude veld, nog toegestaan: true = voorlopig, false = definitief. "
        "Ontbreekt het veld: blijft zoals opgeslagen.",
    )


class BulkRequestSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField(
        required=False, default=False, help_text="Alleen controleren en rapporteren, niets opslaan."
    )
    reden = serializers.CharField(
        max_length=REASON_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text="Reden in de historie van elk cijfer.",
    )
    waarden = BulkValueSerializer(many=True)


class BulkProblemSerializer(serializers.Serializer):
    index = serializers.IntegerField(
        help_text="Positie in 'waarden' (vanaf 0); bij CSV de regel na de kopregel (vanaf 0)."
    )
    veld = serializers.CharField(help_text="Het veld waar het om gaat; leeg: het hele element.")
    reason = serializers.CharField(help_text="Nederlandse omschrijving.")


class BulkSummarySerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    created = serializers.IntegerField(help_text="Nieuw opgeslagen cijfers.")
    updated = serializers.IntegerField(help_text="Gewijzigde cijfers.")
    unchanged = serializers.IntegerField(help_text="Cijfers gelijk aan wat al was opgeslagen.")
    conflicts = BulkProblemSerializer(
        many=True, help_text="Niet ingelezen elementen, met de reden (per veld)."
    )
    errors = BulkProblemSerializer(
        many=True,
        help_text="Ongeldige waarden: bewaard zoals aangeleverd, met de foutmelding van het "
        "invulscherm; ze houden indienen tegen.",
    )


DESCRIPTION = """
Levert veel cijfers tegelijk aan, geïdentificeerd met codes: indicatorcode, doelgroepcode,
CBS-code of regiocode van het gebied en periodecode (`2018Q2`, `2018H1` of `2018S1`, `2018`).
Elk cijfer wordt gekoppeld aan de eigen aanlevering van uw uitvoeringsorganisatie voor die
periode waarin die cel (uitvraagregel × gebied) voorkomt.

- **Aanmaken of bijwerken**: nieuwe cijfers worden aangemaakt, gewijzigde bijgewerkt, gelijke
  cijfers blijven onaangeroerd. Twee keer hetzelfde sturen verandert niets (de tweede keer is alles
  `unchanged`, er komt geen historie bij).
- **Zoals DHIS2**: geldige elementen worden verwerkt; elementen die niet kunnen (onbekende code,
  cel niet uitgevraagd, aanlevering ingediend of goedgekeurd, dubbel) staan met `index` en reden in
  `conflicts`. Alles wat wordt opgeslagen, wordt in één transactie opgeslagen.
- **Dezelfde controle als het invulscherm**: een ongeldige waarde (bijvoorbeeld een negatief
  aantal) wordt bewaard zoals aangeleverd, met de Nederlandse foutmelding, en staat in `errors`;
  indienen kan pas als ze is verbeterd.
- **`dry_run`** (in de body of als `?dry_run=true`): alles controleren en rapporteren, niets opslaan.
- **CSV**: stuur `Content-Type: text/csv` met de kolommen `indicator;doelgroep;gebied;periode;
  waarde;toelichting;voorlopig` (`;` of `,`). Gebruik dan `?dry_run=true` voor een proefrun.

Alleen voor medewerkers van een uitvoeringsorganisatie; elke wijziging staat in de historie van
het cijfer (gebruiker en reden).
"""

JSON_EXAMPLE = {
    "dry_run": False,
    "waarden": [
        {
            "indicator": "orionis-aantal-clienten",
            "doelgroep": "werkzoekenden",
            "gebied": "walcheren",
            "periode": "2018H1",
            "waarde": 510,
            "toelichting": "",
            "voorlopig": False,
        },
        {
            "indicator": "orionis-uitstroom-werk",
            "doelgroep": "werkzoekenden",
            "gebied": "walcheren",
            "periode": "2018S1",
            "waarde": "12,5",
            "voorlopig": True,
        },
    ],
}
CSV_EXAMPLE = (
    "indicator;doelgroep;gebied;periode;waarde;toelichting;voorlopig\n"
    "orionis-aantal-clienten;werkzoekenden;walcheren;2018H1;510;;nee\n"
    "orionis-uitstroom-werk;werkzoekenden;walcheren;2018H1;12,5;;ja\n"
)
RESPONSE_EXAMPLE = {
    "dry_run": False,
    "created": 1,
    "updated": 1,
    "unchanged": 0,
    "conflicts": [
        {"index": 2, "veld": "indicator", "reason": "Onbekende indicator 'aantal-klanten'."}
    ],
    "errors": [{"index": 1, "veld": "waarde", "reason": "Een percentage ligt tussen 0 en 100."}],
}


def overlong_text(reason: str, items: list) -> str:
    """The Dutch message for a reden or a toelichting over its limit (core.text), or ''."""
    if problem := too_long(reason, REASON_MAX_LENGTH, _("De reden")):
        return problem
    for index, value in enumerate(items):
        text = value.get("toelichting") if isinstance(value, dict) else None
        if isinstance(text, str) and (
            problem := too_long(text, TOELICHTING_MAX_LENGTH, _("De toelichting"))
        ):
            return _("Waarde %(index)d: %(problem)s") % {"index": index, "problem": problem}
    return ""


def wants_dry_run(request, body: dict) -> bool:
    if str(request.query_params.get("dry_run", "")).strip().lower() in TRUE_TEXT:
        return True
    value = body.get("dry_run", False)
    return value is True or str(value).strip().lower() in TRUE_TEXT


class BulkValuesView(APIView):
    parser_classes = [BulkJSONParser, CSVValuesParser]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["aanleveringen"],
        operation_id="waarden_bulk",
        summary="Waarden in bulk aanleveren (JSON of CSV)",
        description=DESCRIPTION,
        parameters=[
            OpenApiParameter(
                "dry_run",
                OpenApiTypes.BOOL,
                OpenApiParameter.QUERY,
                description="Alleen controleren en rapporteren, niets opslaan.",
            )
        ],
        request={"application/json": BulkRequestSerializer, "text/csv": OpenApiTypes.STR},
        responses={
            200: BulkSummarySerializer,
            400: OpenApiResponse(DetailSerializer, description="De body is onleesbaar."),
            401: OpenApiResponse(DetailSerializer, description="Niet aangemeld."),
            403: OpenApiResponse(
                DetailSerializer, description="Geen medewerker van een uitvoeringsorganisatie."
            ),
        },
        examples=[
            OpenApiExample("JSON", value=JSON_EXAMPLE, request_only=True),
            OpenApiExample("CSV", value=CSV_EXAMPLE, request_only=True, media_type="text/csv"),
            OpenApiExample("Samenvatting", value=RESPONSE_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request):
        if not Access.for_user(request.user).is_leverancier:
            raise PermissionDenied(
                _("Alleen medewerkers van een uitvoeringsorganisatie kunnen cijfers aanleveren.")
            )
        body = request.data
        if isinstance(body, list):
            body = {"waarden": body}
        if not isinstance(body, dict) or not isinstance(body.get("waarden"), list):
            return refused(_("Stuur een object met een lijst 'waarden'."))
        items = body["waarden"]
        if len(items) > MAX_ITEMS:
            return refused(_("Stuur hoogstens %(max)d waarden per verzoek.") % {"max": MAX_ITEMS})
        reason = body.get("reden") if isinstance(body.get("reden"), str) else ""
        if problem := overlong_text(reason, items):
            # Malformed input, not a conflict of one figure: the whole request is refused.
            return refused(problem)
        try:
            summary = import_value_set(
                request.user,
                items,
                dry_run=wants_dry_run(request, body),
                reason=reason,
                file_format="csv" if request.content_type.startswith("text/csv") else "json",
            )
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        return Response(summary.as_dict())


def refused(message: str) -> Response:
    return Response({"detail": message}, status=status.HTTP_400_BAD_REQUEST)
