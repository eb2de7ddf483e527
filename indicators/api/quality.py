"""API for quality: the checks on one submission and completeness per period.

Visibility is that of ``Submission.objects.visible_to``, exactly as on the web pages.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from indicators.models import Period, Submission
from indicators.quality.completeness import Expected, period_completeness
from indicators.quality.rules import Facts, Finding, check_submission, load_facts


class FindingCellSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="Code van de indicator.")
    doelgroep = serializers.CharField(allow_null=True, help_text="Code van de doelgroep.")
    area = serializers.CharField(help_text="Code van de gemeente of regio.")


class FindingSerializer(serializers.Serializer):
    """A finding; needs ``context["codes"]`` from :func:`cell_codes`."""

    kind = serializers.ChoiceField(
        choices=["regel", "ontbreekt", "grens", "uitschieter"],
        help_text="regel: een validatieregel klopt niet; ontbreekt: een regel kon niet worden "
        "gecontroleerd; grens: buiten minimum/maximum; uitschieter: grote verandering t.o.v. de "
        "vorige periode.",
    )
    severity = serializers.ChoiceField(
        choices=["fout", "waarschuwing"],
        help_text="Een fout houdt indienen tegen; een waarschuwing alleen zolang geen van de "
        "betrokken cijfers een toelichting heeft.",
    )
    rule = serializers.CharField(allow_null=True, help_text="Code van de validatieregel.")
    area = serializers.CharField(help_text="Code van de gemeente of regio.")
    doelgroep = serializers.CharField(allow_null=True)
    message = serializers.CharField(help_text="Melding in het Nederlands, met beide waarden.")
    explained = serializers.BooleanField(help_text="Een betrokken cijfer heeft een toelichting.")
    blocks_submit = serializers.BooleanField()
    cells = FindingCellSerializer(many=True, help_text="De betrokken cellen.")

    def to_representation(self, finding: Finding):
        indicators, doelgroepen, areas = self.context["codes"]
        return {
            "kind": finding.kind,
            "severity": finding.severity,
            "rule": finding.rule.code if finding.rule else None,
            "area": finding.area.code,
            "doelgroep": finding.doelgroep.code if finding.doelgroep else None,
            "message": finding.message,
            "explained": finding.explained,
            "blocks_submit": finding.blocks_submit,
            "cells": [
                {
                    "indicator": indicators[indicator_id],
                    "doelgroep": doelgroepen.get(doelgroep_id),
                    "area": areas[area_id],
                }
                for indicator_id, doelgroep_id, area_id in finding.cells
            ],
        }


def cell_codes(facts: Facts):
    """Codes by id of the indicators, doelgroepen and areas of a submission."""
    indicators = {r.indicator_id: r.indicator.code for r in facts.rows}
    doelgroepen = {r.doelgroep_id: r.doelgroep.code for r in facts.rows if r.doelgroep_id}
    areas = {a.pk: a.code for a in facts.areas}
    return indicators, doelgroepen, areas


def findings_data(facts: Facts, findings: list[Finding]) -> list[dict]:
    return FindingSerializer(findings, many=True, context={"codes": cell_codes(facts)}).data


class ControleSerializer(serializers.Serializer):
    aanlevering = serializers.IntegerField()
    period = serializers.CharField()
    errors = serializers.IntegerField(help_text="Aantal fouten.")
    warnings = serializers.IntegerField(help_text="Aantal waarschuwingen.")
    blocking = serializers.IntegerField(help_text="Bevindingen die indienen nu tegenhouden.")
    findings = FindingSerializer(many=True)


class SubmissionControleView(APIView):
    @extend_schema(
        tags=["kwaliteit"],
        summary="Controles van een aanlevering",
        description="Alle bevindingen van de actieve validatieregels, de grenzen per indicator "
        "en de vergelijking met de vorige periode. Dezelfde controles als bij indienen.",
        responses={200: ControleSerializer, 404: OpenApiResponse(description="Niet zichtbaar.")},
    )
    def get(self, request, pk):
        submission = get_object_or_404(
            Submission.objects.visible_to(request.user)
            .with_related()
            .prefetch_related("uitvraag__areas"),
            pk=pk,
        )
        facts = load_facts(submission)
        findings = check_submission(submission, facts)
        return Response(
            {
                "aanlevering": submission.pk,
                "period": submission.period.identifier,
                "errors": sum(1 for f in findings if f.is_error),
                "warnings": sum(1 for f in findings if not f.is_error),
                "blocking": sum(1 for f in findings if f.blocks_submit),
                "findings": findings_data(facts, findings),
            }
        )


class CompletenessSerializer(serializers.Serializer):
    """One row of :func:`indicators.quality.completeness.expectations`: an uitvraag in a period, with or
    without a submission (the fields of the submission are then null)."""

    aanlevering = serializers.IntegerField(source="submission.pk", allow_null=True)
    uitvoerder = serializers.CharField(source="uitvraag.uitvoerder.code")
    uitvraag = serializers.IntegerField(source="uitvraag.pk")
    uitvraag_name = serializers.CharField(source="uitvraag.name")
    period = serializers.CharField(source="submission.period.identifier", allow_null=True)
    status = serializers.CharField(source="submission.status", allow_null=True)
    deadline = serializers.DateField(source="submission.deadline", allow_null=True)
    submitted_at = serializers.DateTimeField(source="submission.submitted_at", allow_null=True)
    expected = serializers.IntegerField(help_text="Verwachte cijfers: regels × gebieden.")
    filled = serializers.IntegerField(help_text="Ingevulde cijfers.")
    submitted = serializers.IntegerField(
        help_text="Ingevulde cijfers in een ingediende of goedgekeurde aanlevering."
    )
    approved = serializers.IntegerField(
        help_text="Ingevulde cijfers in een goedgekeurde aanlevering."
    )
    explained = serializers.IntegerField(help_text="Ontbrekende cijfers met een toelichting.")
    percentage = serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, coerce_to_string=False
    )
    timeliness = serializers.ChoiceField(
        choices=["op_tijd", "te_laat", "over_deadline", "niet_ingediend"],
        help_text="op_tijd / te_laat (ingediend of goedgekeurd, vergeleken met de uiterste "
        "leverdatum); over_deadline / niet_ingediend (nog niet ingediend).",
    )
    timeliness_label = serializers.CharField()


class VolledigheidView(APIView):
    @extend_schema(
        tags=["kwaliteit"],
        summary="Volledigheid per periode",
        description="Per zichtbare uitvraag en aanlevering waarvan de periode in deze periode "
        "eindigt: verwachte, ingevulde, ingediende en goedgekeurde cijfers, status en of ze op "
        "tijd is ingediend. Een uitvraag zonder aanlevering staat er ook in (aanlevering null). "
        "Dezelfde telling als /kwaliteit/ en 'Wat ontbreekt nog?' van een rapportage.",
        parameters=[
            OpenApiParameter(
                "periode",
                OpenApiTypes.STR,
                required=True,
                description="Bijvoorbeeld 2018H1 (of 2018S1), 2018Q2 of 2018.",
            )
        ],
        responses={
            200: CompletenessSerializer(many=True),
            400: OpenApiResponse(description="Periode ontbreekt of is onbekend."),
        },
    )
    def get(self, request):
        text = request.query_params.get("periode", "")
        if not text:
            return refused(_("Geef een periode op, bijvoorbeeld ?periode=2018H1."))
        try:
            type_, year, number = Period.parse_identifier(text)
        except ValidationError:
            return refused(
                _("Onbekende periode '%(code)s': gebruik bijvoorbeeld 2018Q2, 2018H1 of 2018.")
                % {"code": text}
            )
        period = Period.objects.filter(type=type_, year=year, number=number).first()
        rows: list[Expected] = period_completeness(request.user, period) if period else []
        return Response(CompletenessSerializer(rows, many=True).data)


def refused(message: str) -> Response:
    return Response({"detail": message}, status=status.HTTP_400_BAD_REQUEST)
