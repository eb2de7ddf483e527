from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import DetailSerializer, ReasonSerializer  # noqa: F401 (shared by the APIs)
from core.models import REVIEW_FIELDS
from core.text import REASON_MAX_LENGTH, TOELICHTING_MAX_LENGTH
from indicators.models import (
    CijferStatus,
    Indicator,
    Period,
    Submission,
    Thema,
    Uitvraag,
    UitvraagRegel,
    Value,
    is_provisional,
    status_from,
)
from indicators.quality.rules import check_submission, load_facts
from indicators.submissions.services import (
    CellInput,
    CellKey,
    SaveResult,
    expected_keys,
    submission_problems,
)
from indicators.workflow import available_actions
from organisations.models import Doelgroep, Organisation

from .quality import FindingSerializer, findings_data


def as_json_number(number: Decimal | None):
    """Figures leave the API as JSON numbers without the database's trailing zeros."""
    if number is None:
        return None
    number = number.normalize()
    return int(number) if number == number.to_integral_value() else number


class ThemaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Thema
        fields = ["id", "code", "name", "description", "order"]


class IndicatorSerializer(serializers.ModelSerializer):
    thema = serializers.SlugRelatedField(slug_field="code", read_only=True)
    uitvoerder = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "thema",
            "soort",
            "aspect",
            "eenheid",
            "decimals",
            "definition",
            "source",
            "period_type",
            "richting",
            "is_ontwikkelindicator",
            "uitvoerder",
            "order",
        ]


class PeriodSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True, help_text="Bijvoorbeeld '2018 eerste halfjaar'.")

    class Meta:
        model = Period
        fields = ["identifier", "label", "type", "year", "number", "start", "end", "peildatum"]


class UitvraagRegelSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    doelgroep = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = UitvraagRegel
        fields = ["indicator", "doelgroep", "order"]


class UitvraagSerializer(serializers.ModelSerializer):
    uitvoerder = serializers.SlugRelatedField(slug_field="code", read_only=True)
    areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    regels = UitvraagRegelSerializer(many=True, read_only=True)

    class Meta:
        model = Uitvraag
        fields = ["id", "name", "description", "uitvoerder", "areas", "regels", "created_at"]


class ValueSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    doelgroep = serializers.SlugRelatedField(slug_field="code", read_only=True)
    area = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="Code van de gemeente of regio."
    )
    value = serializers.SerializerMethodField(
        help_text="Het getal; leeg als er niets of iets ongeldigs is ingevoerd."
    )
    updated_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Value
        fields = [
            "indicator",
            "doelgroep",
            "area",
            "value",
            "raw",
            "error",
            "toelichting",
            "status",
            "voorlopig",
            "updated_by",
            "updated_at",
        ]

    @extend_schema_field({"type": "number", "nullable": True})
    def get_value(self, obj):
        return as_json_number(obj.value)


# A page of values (1.000, up to 10.000) is read as rows and made into the ValueSerializer's
# output by value_data: DRF's serialising of model instances field by field took most of a page's
# time (the schema and the tests keep ValueSerializer as the definition).
VALUE_COLUMNS = [
    "indicator__code",
    "doelgroep__code",
    "area__code",
    "value",
    "raw",
    "error",
    "toelichting",
    "status",  # voorlopig too
    "updated_by__username",
    "updated_at",
]


def value_rows(values):
    """``values`` (a queryset of Value) as the rows :func:`value_data` takes; the cursor
    pagination reads its position from "pk"."""
    return values.values("pk", *VALUE_COLUMNS)


def value_data(rows) -> list[dict]:
    """As ``ValueSerializer(values, many=True).data``, from :func:`value_rows`."""
    # DRF's own representation; the time zone looked up once, not per value (half the time).
    when = serializers.DateTimeField(default_timezone=timezone.get_current_timezone())
    when = when.to_representation
    return [
        {
            "indicator": row["indicator__code"],
            "doelgroep": row["doelgroep__code"],
            "area": row["area__code"],
            "value": as_json_number(row["value"]),
            "raw": row["raw"],
            "error": row["error"],
            "toelichting": row["toelichting"],
            "status": row["status"],
            "voorlopig": is_provisional(row["status"]),
            "updated_by": row["updated_by__username"],
            "updated_at": when(row["updated_at"]),
        }
        for row in rows
    ]


class SubmissionSerializer(serializers.ModelSerializer):
    uitvoerder = serializers.SerializerMethodField()
    period = serializers.SlugRelatedField(slug_field="identifier", read_only=True)
    areas = serializers.SerializerMethodField(help_text="Gemeenten en regio's van de uitvraag.")
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    available_actions = serializers.SerializerMethodField(
        help_text="Workflowacties die u nu kunt uitvoeren."
    )
    values_url = serializers.SerializerMethodField(
        help_text="De waarden van deze aanlevering, gepagineerd en filterbaar."
    )

    class Meta:
        model = Submission
        fields = [
            "id",
            "uitvraag",
            "uitvoerder",
            "period",
            "areas",
            "deadline",
            "status",
            *REVIEW_FIELDS,
            "created_at",
            "updated_at",
            "available_actions",
            "values_url",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_uitvoerder(self, obj):
        return obj.uitvraag.uitvoerder.code

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_areas(self, obj):
        return [area.code for area in obj.uitvraag.areas.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_available_actions(self, obj):
        return [action.name for action in available_actions(obj, self.context["request"].user)]

    @extend_schema_field(OpenApiTypes.URI)
    def get_values_url(self, obj):
        path = reverse("api:aanlevering-waarden", kwargs={"pk": obj.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class SubmissionWithValuesSerializer(SubmissionSerializer):
    """One submission with every value embedded (``?expand=values``)."""

    values = ValueSerializer(many=True, read_only=True)

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "values"]


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string"}], "nullable": True})
class FigureField(serializers.Field):
    """A figure as a JSON number (exact) or as text typed like in the web form (``1.234,5``)."""

    default_error_messages = {"invalid": gettext_lazy("Geef een getal of tekst op.")}

    def to_internal_value(self, data) -> str:
        if data is None:
            return ""
        if isinstance(data, bool) or not isinstance(data, int | float | Decimal | str):
            self.fail("invalid")
        if isinstance(data, str):
            return data
        if isinstance(data, float) and data != data:  # NaN
            self.fail("invalid")
        # Write numbers with a decimal comma: the parser reads "1.234" as Dutch thousands.
        return format(Decimal(repr(data) if isinstance(data, float) else data), "f").replace(
            ".", ","
        )

    def to_representation(self, value):
        return value


class ValueInputSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="Code van de indicator.")
    doelgroep = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, help_text="Code van de doelgroep."
    )
    area = serializers.CharField(help_text="Code van de gemeente of regio.")
    value = FigureField(required=False, help_text="Leeg of null wist de waarde.")
    toelichting = serializers.CharField(
        max_length=TOELICHTING_MAX_LENGTH, required=False, allow_blank=True
    )
    status = serializers.ChoiceField(
        choices=CijferStatus.choices,
        required=False,
        help_text="voorlopig, nader_voorlopig of definitief (zoals CBS).",
    )
    voorlopig = serializers.BooleanField(
        required=False,
        help_text="Het oude veld, nog toegestaan: true = voorlopig, false = definitief. "
        "'status' gaat voor.",
    )


def _status_of(item: dict, current: Value | None) -> str:
    """``status`` wins; else the old ``voorlopig`` flag; else what is stored (PATCH)."""
    if item.get("status"):
        return item["status"]
    if "voorlopig" in item:
        return status_from(item["voorlopig"])
    return current.status if current else CijferStatus.DEFINITIEF


class ValuesWriteSerializer(serializers.Serializer):
    """Translates cells identified by codes into the ``CellInput`` the web form also uses.

    Context: ``submission`` and ``partial`` (PATCH: omitted fields keep their stored content).
    """

    waarden = serializers.ListField(child=ValueInputSerializer(), allow_empty=False)
    reden = serializers.CharField(
        max_length=REASON_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text="Waarom de cijfers wijzigen (in de historie).",
    )

    def validate_waarden(self, items):
        submission = self.context["submission"]
        codes = {
            name: {item.get(name) for item in items} for name in ("indicator", "doelgroep", "area")
        }
        indicators = dict(
            Indicator.objects.filter(code__in=codes["indicator"]).values_list("code", "pk")
        )
        doelgroepen = dict(
            Doelgroep.objects.filter(
                uitvoerder_id=submission.uitvraag.uitvoerder_id,
                code__in=codes["doelgroep"] - {None},
            ).values_list("code", "pk")
        )
        areas = dict(Organisation.objects.filter(code__in=codes["area"]).values_list("code", "pk"))
        allowed = set(expected_keys(submission))
        errors, keys, seen = {}, [], {}
        for index, item in enumerate(items):
            doelgroep_code = item.get("doelgroep") or None
            problem = {}
            if item["indicator"] not in indicators:
                problem["indicator"] = [
                    _("Onbekende indicator '%(code)s'.") % {"code": item["indicator"]}
                ]
            if doelgroep_code and doelgroep_code not in doelgroepen:
                problem["doelgroep"] = [
                    _("Onbekende doelgroep '%(code)s'.") % {"code": doelgroep_code}
                ]
            if item["area"] not in areas:
                problem["area"] = [
                    _("Onbekende gemeente of regio '%(code)s'.") % {"code": item["area"]}
                ]
            key = None
            if not problem:
                key = (
                    indicators[item["indicator"]],
                    doelgroepen.get(doelgroep_code),
                    areas[item["area"]],
                )
                if key not in allowed:
                    problem["non_field_errors"] = [
                        _(
                            "Deze combinatie van indicator, doelgroep en gebied hoort niet bij "
                            "de uitvraag."
                        )
                    ]
                elif key in seen:
                    problem["non_field_errors"] = [
                        _("Deze cel staat al eerder in de lijst (positie %(index)d).")
                        % {"index": seen[key]}
                    ]
                else:
                    seen[key] = index
            if problem:
                errors[index] = problem
            keys.append(key)
        if errors:
            raise serializers.ValidationError(errors)
        return [dict(item, key=key) for item, key in zip(items, keys, strict=True)]

    def cells(self, existing: dict[CellKey, Value]) -> list[CellInput]:
        partial = self.context.get("partial", False)
        cells = []
        for item in self.validated_data["waarden"]:
            current = existing.get(item["key"]) if partial else None
            cells.append(
                CellInput(
                    *item["key"],
                    raw=item.get("value", current.raw if current else ""),
                    toelichting=item.get("toelichting", current.toelichting if current else ""),
                    status=_status_of(item, current),
                )
            )
        return cells

    def result(self, result: SaveResult) -> dict:
        """Counts, the Dutch error per invalid cell at its position in the request, and what
        still stands in the way of submitting."""
        items = self.validated_data["waarden"]
        index_of = {item["key"]: index for index, item in enumerate(items)}
        errors = []
        for key, message in result.errors.items():
            item = items[index_of[key]]
            errors.append(
                {
                    "index": index_of[key],
                    "indicator": item["indicator"],
                    "doelgroep": item.get("doelgroep") or None,
                    "area": item["area"],
                    "error": message,
                }
            )
        # A fresh instance: the one in the context holds the values from before saving.
        submission = Submission.objects.select_related("uitvraag", "period").get(
            pk=self.context["submission"].pk
        )
        facts = load_facts(submission)
        findings = check_submission(submission, facts)
        return {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "errors": sorted(errors, key=lambda error: error["index"]),
            "problems": submission_problems(submission, findings=findings),
            "findings": findings_data(facts, findings),
        }


class ValuesWriteErrorSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="Positie in de meegestuurde lijst (vanaf 0).")
    indicator = serializers.CharField()
    doelgroep = serializers.CharField(allow_null=True)
    area = serializers.CharField()
    error = serializers.CharField(help_text="Foutmelding; de invoer is wel bewaard.")


class ValuesWriteResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = ValuesWriteErrorSerializer(many=True)
    problems = serializers.ListField(
        child=serializers.CharField(),
        help_text="Wat nog ontbreekt of fout is voordat de aanlevering kan worden ingediend.",
    )
    findings = FindingSerializer(
        many=True,
        help_text="Bevindingen van de controles (validatieregels, grenzen, uitschieters); ze "
        "houden opslaan nooit tegen.",
    )
