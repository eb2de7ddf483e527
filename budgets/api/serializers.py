from decimal import Decimal

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from budgets.figures import FIELDS, NO_TAAKVELD_TEXT, Amounts, Row
from budgets.models import (
    BudgetLine,
    BudgetStatus,
    BudgetVersion,
    Product,
    Programma,
    Soort,
    Taakveld,
)
from budgets.services import LineInput, SaveResult, parse_amount
from budgets.workflow import available_actions
from core.models import REVIEW_FIELDS
from core.text import TOELICHTING_MAX_LENGTH
from indicators.api.serializers import DetailSerializer, ReasonSerializer
from indicators.models import Thema
from organisations.models import Organisation

MONEY = {"max_digits": 16, "decimal_places": 2}


def inline_enum(choices, description: str):
    """An enum written out in place. ``soort`` and ``status`` have other choice sets elsewhere in
    the API; inline they need no (colliding) component name."""
    return extend_schema_field(
        {"type": "string", "enum": [value for value, _label in choices], "description": description}
    )


@inline_enum(Soort.choices, "primitief, wijziging, tussentijds, prognose of realisatie.")
class SoortField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Soort.choices, **kwargs)


@inline_enum(BudgetStatus.choices, "concept, ingediend, teruggestuurd of goedgekeurd.")
class StatusField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=BudgetStatus.choices, **kwargs)


class TaakveldSerializer(serializers.ModelSerializer):
    hoofdtaakveld = serializers.SerializerMethodField()
    predecessor = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        help_text="Het oude taakveld waaruit dit taakveld in 2023 is ontstaan.",
    )

    class Meta:
        model = Taakveld
        fields = [
            "code",
            "name",
            "hoofdtaakveld",
            "predecessor",
            "valid_from",
            "valid_to",
            "former_name",
            "renamed_in",
        ]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_hoofdtaakveld(self, obj):
        return None if obj.is_hoofdtaakveld else obj.hoofdtaakveld_code


class BudgetLineSerializer(serializers.ModelSerializer):
    taakveld = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        help_text="Leeg (null) vóór 2017: toen waren er geen BBV-taakvelden; zie taakveld_opmerking.",
    )
    taakveld_opmerking = serializers.SerializerMethodField(
        help_text="Waarom een regel geen taakveld heeft (alleen vóór 2017), anders leeg."
    )
    programma = serializers.SlugRelatedField(slug_field="code", read_only=True)
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)
    thema = serializers.SlugRelatedField(slug_field="code", read_only=True)
    uitvoerder = serializers.SlugRelatedField(slug_field="code", read_only=True)
    saldo = serializers.DecimalField(read_only=True, help_text="Baten − lasten.", **MONEY)

    class Meta:
        model = BudgetLine
        fields = [
            "taakveld",
            "taakveld_opmerking",
            "programma",
            "product",
            "lasten",
            "baten",
            "saldo",
            "thema",
            "uitvoerder",
            "toelichting",
        ]

    def get_taakveld_opmerking(self, obj) -> str:
        return "" if obj.taakveld_id else str(NO_TAAKVELD_TEXT)


class AmountsSerializer(serializers.Serializer):
    lasten = serializers.DecimalField(**MONEY)
    baten = serializers.DecimalField(**MONEY)
    saldo = serializers.DecimalField(**MONEY)


class BudgetVersionSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="Code van de gemeente of uitvoerder."
    )
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    soort = serializers.CharField(
        read_only=True, help_text="primitief, wijziging, tussentijds, prognose of realisatie."
    )
    status = StatusField(read_only=True)
    available_actions = serializers.SerializerMethodField(
        help_text="Workflowacties die u nu kunt uitvoeren."
    )
    lines = BudgetLineSerializer(many=True, read_only=True)
    totals = serializers.SerializerMethodField(help_text="Som van de regels (onafgerond).")

    class Meta:
        model = BudgetVersion
        fields = [
            "id",
            "owner",
            "year",
            "soort",
            "name",
            "datum",
            "toelichting",
            "status",
            "created_by",
            *REVIEW_FIELDS,
            "created_at",
            "updated_at",
            "available_actions",
            "totals",
            "lines",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_available_actions(self, obj):
        return [action.name for action in available_actions(obj, self.context["request"].user)]

    @extend_schema_field(AmountsSerializer)
    def get_totals(self, obj):
        total = sum((Amounts(line.lasten, line.baten) for line in obj.lines.all()), Amounts())
        return AmountsSerializer(total).data


class VersionCreateSerializer(serializers.Serializer):
    owner = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.all(),
        help_text="Code van de gemeente (GM0718) of de uitvoerder.",
    )
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    soort = SoortField()
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    datum = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Verplicht voor een begrotingswijziging (besluitdatum), prognose en "
        "realisatie tot en met peildatum (peildatum).",
    )
    toelichting = serializers.CharField(
        max_length=TOELICHTING_MAX_LENGTH, required=False, allow_blank=True
    )


class VersionUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    datum = serializers.DateField(required=False, allow_null=True)
    toelichting = serializers.CharField(
        max_length=TOELICHTING_MAX_LENGTH, required=False, allow_blank=True
    )


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string"}], "nullable": True})
class AmountField(serializers.Field):
    """An amount in euros as a JSON number or as text typed like in the web form
    (``1.234.567,89``); at most two decimals."""

    def to_internal_value(self, data) -> Decimal | None:
        if isinstance(data, list | dict):
            raise serializers.ValidationError(_("Geef een getal of tekst op."))
        amount, error = parse_amount(data)
        if error:
            raise serializers.ValidationError(error)
        return amount

    def to_representation(self, value):
        return None if value is None else str(value)


class LineWriteSerializer(serializers.Serializer):
    taakveld = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Code, bijvoorbeeld 6.3 of 6.71a. Leeg alleen vóór 2017, met een programma.",
    )
    programma = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    product = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    lasten = AmountField(required=False, allow_null=True)
    baten = AmountField(required=False, allow_null=True)
    thema = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Code van het maatschappelijk resultaat.",
    )
    uitvoerder = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, help_text="Code van de uitvoerder."
    )
    toelichting = serializers.CharField(
        max_length=TOELICHTING_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


class LinesWriteSerializer(serializers.Serializer):
    """Lines by codes; resolved against the version's organisation."""

    lines = LineWriteSerializer(many=True, allow_empty=True)
    reden = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text="Reden in de geschiedenis.",
    )

    def line_inputs(self, version: BudgetVersion) -> list[LineInput]:
        """Codes → ids; raises ValidationError listing unknown codes per position."""
        items = self.validated_data["lines"]
        taakvelden = {t.code: t.pk for t in Taakveld.objects.all()}
        programmas = {p.code: p.pk for p in Programma.objects.filter(owner=version.owner)}
        products = {
            (p.programma.code, p.code): (p.pk, p.programma_id)
            for p in Product.objects.filter(programma__owner=version.owner).select_related(
                "programma"
            )
        }
        themas = {t.code: t.pk for t in Thema.objects.all()}
        uitvoerders = {o.code: o.pk for o in Organisation.objects.uitvoerders()}
        errors, inputs = {}, []
        for position, item in enumerate(items):
            problems = []

            def find(name, table, key, problems=problems, item=item):
                if not key or key == ("", ""):
                    return None
                found = table.get(key)
                if found is None:
                    problems.append(
                        _("onbekend: %(field)s '%(code)s'")
                        % {"field": name, "code": item.get(name)}
                    )
                return found

            product = (
                find("product", products, (item.get("programma") or "", item.get("product") or ""))
                if item.get("product")
                else None
            )
            line = LineInput(
                taakveld_id=find("taakveld", taakvelden, item.get("taakveld")),
                programma_id=find("programma", programmas, item.get("programma")),
                product_id=product[0] if product else None,
                lasten=item.get("lasten"),
                baten=item.get("baten"),
                thema_id=find("thema", themas, item.get("thema")),
                uitvoerder_id=find("uitvoerder", uitvoerders, item.get("uitvoerder")),
                toelichting=item.get("toelichting") or "",
            )
            if problems:
                errors[str(position)] = problems
            else:
                inputs.append(line)
        if errors:
            raise serializers.ValidationError({"lines": errors})
        return inputs


class LinesResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    deleted = serializers.IntegerField()
    unchanged = serializers.IntegerField()

    @classmethod
    def of(cls, result: SaveResult):
        return cls(result).data


# ── figures ──────────────────────────────────────────────────────────────────────────────────
def _amounts(amounts: Amounts | None):
    if amounts is None:
        return None
    return {name: str(amounts.get(name)) for name in FIELDS}


def _per_field(function):
    values = {name: function(name) for name in FIELDS}
    return {name: (None if v is None else str(v)) for name, v in values.items()}


def row_data(row: Row) -> dict:
    return {
        "code": row.code,
        "label": row.label,
        "primitief": _amounts(row.primitief),
        "wijzigingen": _amounts(row.wijzigingen),
        "actueel": _amounts(row.actueel),
        "realisatie": _amounts(row.realisatie),
        "prognose": _amounts(row.prognose),
        "afwijking": _per_field(row.afwijking),
        "afwijking_pct": _per_field(row.afwijking_pct),
        "uitputting_pct": _per_field(row.uitputting),
        "verwachte_afwijking": _per_field(row.prognose_afwijking),
    }


class FigureAmountsSerializer(serializers.Serializer):
    lasten = serializers.CharField(allow_null=True)
    baten = serializers.CharField(allow_null=True)
    saldo = serializers.CharField(allow_null=True)


class FigureRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    primitief = FigureAmountsSerializer(allow_null=True)
    wijzigingen = FigureAmountsSerializer(allow_null=True)
    actueel = FigureAmountsSerializer(allow_null=True, help_text="Primitief + wijzigingen.")
    realisatie = FigureAmountsSerializer(allow_null=True)
    prognose = FigureAmountsSerializer(allow_null=True)
    afwijking = FigureAmountsSerializer(help_text="Realisatie − actuele begroting.")
    afwijking_pct = FigureAmountsSerializer(
        help_text="Afwijking in % van de actuele begroting (één decimaal)."
    )
    uitputting_pct = FigureAmountsSerializer(
        help_text="Realisatie in % van de actuele begroting (één decimaal)."
    )
    verwachte_afwijking = FigureAmountsSerializer(
        help_text="Prognose − actuele begroting (leeg zonder prognose)."
    )


class FigureGroupSerializer(serializers.Serializer):
    hoofdtaakveld = serializers.CharField()
    rows = FigureRowSerializer(many=True)
    total = FigureRowSerializer()


class OverviewSerializer(serializers.Serializer):
    organisatie = serializers.CharField()
    jaar = serializers.IntegerField()
    peildatum = serializers.DateField(allow_null=True)
    groups = FigureGroupSerializer(many=True)
    sociaal_domein = FigureRowSerializer(allow_null=True)
    zonder_taakveld = FigureRowSerializer(
        allow_null=True, help_text="Regels zonder taakveld (vóór 2017), in het totaal."
    )
    total = FigureRowSerializer()
    toelichting = serializers.CharField()


def overview_data(overview) -> dict:
    return {
        "organisatie": overview.area.code,
        "jaar": overview.year,
        "peildatum": overview.peildatum,
        "groups": [
            {
                "hoofdtaakveld": group.hoofdtaakveld.code,
                "rows": [row_data(row) for row in group.rows],
                "total": row_data(group.total),
            }
            for group in overview.groups
        ],
        "sociaal_domein": row_data(overview.sociaal_domein) if overview.sociaal_domein else None,
        "zonder_taakveld": (
            row_data(overview.zonder_taakveld) if overview.zonder_taakveld else None
        ),
        "total": row_data(overview.total),
        "toelichting": " ".join(
            [
                str(
                    _(
                        "Onafgeronde bedragen in euro's uit goedgekeurde versies. Afwijking = "
                        "realisatie − actuele begroting; percentages ten opzichte van de actuele "
                        "begroting."
                    )
                ),
                str(overview.zonder_taakveld_note) if overview.zonder_taakveld else "",
            ]
        ).strip(),
    }


__all__ = ["DetailSerializer", "ReasonSerializer"]  # shared with the figures API
