"""Admin for themes, indicators, periods, uitvragen and submissions.

Statuses are never edited by hand: the workflow actions on the submission list call
:func:`indicators.workflow.transition`, exactly like the web UI and the API. Figures are entered by
suppliers (validation and audit live in :func:`indicators.submissions.services.save_values`), so values are
read-only here; their history shows who changed what.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import EVENT_FIELDS, HistoryOnlyAdmin, transition_action
from core.models import REVIEW_FIELDS
from indicators.quality.rules import rule_formula_errors
from indicators.quality.validation import format_value
from organisations.admin import BaseAdmin, BeheerderPermissionsMixin, ReadOnlyAdmin, ReadOnlyInline

from .models import (
    Indicator,
    Period,
    Streefwaarde,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    Thema,
    TrendOordeel,
    Uitvraag,
    UitvraagRegel,
    ValidatieRegel,
    Value,
)
from .workflow import WORKFLOW

VALUES_ARE_ENTERED_BY_SUPPLIERS = _(
    "Cijfers worden ingevoerd door de uitvoeringsorganisatie via het aanleverformulier of de API; "
    "daar worden ze gecontroleerd en wordt elke wijziging vastgelegd. Hier kunt u ze alleen "
    "bekijken, met hun geschiedenis."
)


@admin.register(Thema)
class ThemaAdmin(BaseAdmin):
    list_display = ["order", "name", "code", "indicator_count"]
    list_display_links = ["name"]
    search_fields = ["name", "code", "description"]
    prepopulated_fields = {"code": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_indicators=Count("indicators"))

    @admin.display(description=_("indicatoren"), ordering="n_indicators")
    def indicator_count(self, obj):
        return obj.n_indicators


class StreefwaardeInline(BeheerderPermissionsMixin, admin.TabularInline):
    model = Streefwaarde
    fields = ["scope", "doelgroep", "year_from", "year_to", "comparison", "value", "note"]
    autocomplete_fields = ["scope", "doelgroep"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("scope", "doelgroep")


@admin.register(Indicator)
class IndicatorAdmin(BaseAdmin):
    list_display = [
        "code",
        "name",
        "thema",
        "soort",
        "aspect",
        "eenheid",
        "period_type",
        "is_ontwikkelindicator",
        "uitvoerder",
    ]
    list_filter = [
        "thema",
        "soort",
        "aspect",
        "eenheid",
        "period_type",
        "is_ontwikkelindicator",
        ("uitvoerder", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["code", "name", "definition"]
    autocomplete_fields = ["thema", "uitvoerder"]
    list_select_related = ["thema", "uitvoerder"]
    prepopulated_fields = {"code": ["name"]}
    fieldsets = [
        (None, {"fields": ["code", "name", "thema", "order"]}),
        (
            _("Soort"),
            {
                "fields": [
                    "soort",
                    "aspect",
                    "is_ontwikkelindicator",
                    "uitvoerder",
                ]
            },
        ),
        (
            _("Meten"),
            {"fields": ["eenheid", "decimals", "period_type", "richting", "definition", "source"]},
        ),
        (
            _("Berekenen en oordelen"),
            {
                "description": _(
                    "Met een formule wordt de indicator berekend uit andere indicatoren (en nooit "
                    "aangeleverd). Verhoudingscijfers worden bij optellen opnieuw berekend uit de "
                    "opgetelde delen."
                ),
                "fields": ["formula", "formula_in_words", "aggregatie", "trend_threshold_pct"],
            },
        ),
    ]
    readonly_fields = ["formula_in_words"]
    inlines = [StreefwaardeInline]

    @admin.display(description=_("formule in woorden"))
    def formula_in_words(self, obj):
        from .engine import describe_formula

        return (describe_formula(obj) if obj is not None else "") or "–"


class PeriodForm(forms.ModelForm):
    """A period is fully described by its code; begin, end and soort follow from it."""

    class Meta:
        model = Period
        fields = ["identifier", "peildatum"]
        help_texts = {"identifier": _("Bijvoorbeeld 2018Q2 (kwartaal), 2018H1 (halfjaar) of 2018.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peildatum"].required = False
        self.fields["peildatum"].help_text = _(
            "Stand per (voor voorraadcijfers). Leeg: de laatste dag van de periode."
        )

    def clean_identifier(self):
        type_, year, number = Period.parse_identifier(self.cleaned_data["identifier"])
        start, end = Period.bounds(type_, year, number)
        instance = self.instance
        instance.type, instance.year, instance.number = type_, year, number
        instance.start, instance.end = start, end
        return Period.canonical_identifier(type_, year, number)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("peildatum") and self.instance.end:
            cleaned["peildatum"] = self.instance.end
        return cleaned


@admin.register(Period)
class PeriodAdmin(BaseAdmin):
    form = PeriodForm
    list_display = ["identifier", "label", "type", "start", "end", "peildatum"]
    list_filter = ["type", "year"]
    search_fields = ["identifier"]
    ordering = ["-start", "type"]
    readonly_fields = ["type", "year", "number", "start", "end"]
    fields = ["identifier", "peildatum", "type", "year", "number", "start", "end"]

    @admin.display(description=_("omschrijving"))
    def label(self, obj):
        return obj.label


class UitvraagRegelInline(BeheerderPermissionsMixin, admin.TabularInline):
    model = UitvraagRegel
    fields = ["order", "indicator", "doelgroep"]
    autocomplete_fields = ["indicator", "doelgroep"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator", "doelgroep")


@admin.register(Uitvraag)
class UitvraagAdmin(BaseAdmin):
    list_display = ["name", "uitvoerder", "area_names", "regel_count", "created_at"]
    list_filter = [("uitvoerder", admin.RelatedOnlyFieldListFilter), "areas"]
    search_fields = ["name", "uitvoerder__name", "description"]
    autocomplete_fields = ["uitvoerder"]
    filter_horizontal = ["areas"]
    list_select_related = ["uitvoerder"]
    inlines = [UitvraagRegelInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("areas")
            .annotate(n_regels=Count("regels", distinct=True))
        )

    @admin.display(description=_("gemeenten en regio's"))
    def area_names(self, obj):
        return ", ".join(a.name for a in obj.areas.all())

    @admin.display(description=_("regels"), ordering="n_regels")
    def regel_count(self, obj):
        return obj.n_regels


class ValueInline(ReadOnlyInline):
    model = Value
    fields = [
        "indicator",
        "doelgroep",
        "area",
        "raw",
        "formatted_value",
        "error",
        "toelichting",
        "status",
        "updated_by",
    ]
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = _("waarden (alleen lezen; ingevoerd door de uitvoeringsorganisatie)")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("indicator", "doelgroep", "area", "updated_by")
            .order_by(
                "indicator__thema__order", "indicator__order", "doelgroep__order", "area__name"
            )
        )

    @admin.display(description=_("waarde"))
    def formatted_value(self, obj):
        return format_value(obj.value, obj.indicator)


class SubmissionEventInline(ReadOnlyInline):
    model = SubmissionEvent
    fields = EVENT_FIELDS
    readonly_fields = fields
    verbose_name_plural = _("geschiedenis van de status")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


# What a submission's name shows, selected with it.
SUBMISSION_NAME = ("uitvraag__uitvoerder", "period")


@admin.register(Submission)
class SubmissionAdmin(BaseAdmin):
    list_display = [
        "uitvraag",
        "period",
        "status",
        "deadline",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
    ]
    list_filter = [
        "status",
        "period",
        ("uitvraag__uitvoerder", admin.RelatedOnlyFieldListFilter),
        "deadline",
    ]
    search_fields = ["uitvraag__name", "uitvraag__uitvoerder__name", "period__identifier"]
    autocomplete_fields = ["uitvraag", "period"]
    list_select_related = ["uitvraag__uitvoerder", "period", "submitted_by", "reviewed_by"]
    date_hierarchy = "deadline"
    fieldsets = [
        (None, {"fields": ["uitvraag", "period", "deadline", "web_links"]}),
        (
            _("Status"),
            {
                "description": _(
                    "De status verandert alleen via de acties (indienen, goedkeuren, "
                    "terugsturen, heropenen), zodat elke stap wordt vastgelegd."
                ),
                "fields": [
                    "status",
                    *REVIEW_FIELDS,
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    readonly_fields = [
        "web_links",
        "status",
        *REVIEW_FIELDS,
        "created_at",
        "updated_at",
    ]
    inlines = [ValueInline, SubmissionEventInline]
    actions = [
        transition_action(WORKFLOW, "goedkeuren", related=SUBMISSION_NAME),
        transition_action(
            WORKFLOW,
            "terugsturen",
            description=_("Terugsturen (met reden)"),
            note=_("De reden wordt vastgelegd en is zichtbaar voor de uitvoeringsorganisatie."),
            related=SUBMISSION_NAME,
        ),
        transition_action(
            WORKFLOW,
            "heropenen",
            description=_("Heropenen (met reden)"),
            note=_("De reden wordt vastgelegd en is zichtbaar voor de uitvoeringsorganisatie."),
            related=SUBMISSION_NAME,
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # Figures belong to this uitvraag and period; moving them would falsify the history.
            readonly += ["uitvraag", "period"]
        return readonly

    @admin.display(description=_("in de monitor"))
    def web_links(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("indicators:submission_detail", args=[obj.pk]),
            gettext("Aanlevering bekijken"),
            reverse("indicators:submission_history", args=[obj.pk]),
            gettext("Geschiedenis (wie wijzigde wat)"),
        )

    def has_delete_permission(self, request, obj=None):
        # Only a concept may disappear; anything submitted is part of the audit trail.
        if obj is not None and obj.status != SubmissionStatus.CONCEPT:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(SubmissionEvent)
class SubmissionEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "submission", "action", "from_status", "to_status", "actor", "via"]
    list_filter = [
        "action",
        "to_status",
        "via",
        ("submission__period", admin.RelatedOnlyFieldListFilter),
        ("submission__uitvraag__uitvoerder", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        "reason",
        "actor__username",
        "actor__last_name",
        "submission__uitvraag__name",
        "submission__uitvraag__uitvoerder__name",
    ]
    list_select_related = [
        "submission__uitvraag__uitvoerder",
        "submission__period",
        "actor",
    ]
    date_hierarchy = "at"


@admin.register(Value)
class ValueAdmin(HistoryOnlyAdmin, BeheerderPermissionsMixin, SimpleHistoryAdmin):
    list_display = [
        "indicator",
        "doelgroep",
        "area",
        "raw",
        "formatted_value",
        "error",
        "status",
        "submission",
        "submission_status",
        "updated_by",
        "updated_at",
    ]
    list_filter = [
        "submission__status",
        "submission__period",
        ("submission__uitvraag__uitvoerder", admin.RelatedOnlyFieldListFilter),
        "indicator__thema",
        ("area", admin.RelatedOnlyFieldListFilter),
        "status",
    ]
    search_fields = ["indicator__code", "indicator__name", "raw", "toelichting", "area__name"]
    list_select_related = [
        "submission__uitvraag__uitvoerder",
        "submission__period",
        "indicator",
        "doelgroep",
        "area",
        "updated_by",
    ]
    list_per_page = 100
    fieldsets = [
        (
            None,
            {
                "description": VALUES_ARE_ENTERED_BY_SUPPLIERS,
                "fields": [
                    "submission",
                    "indicator",
                    "doelgroep",
                    "area",
                    "raw",
                    "value",
                    "error",
                    "toelichting",
                    "status",
                    "updated_by",
                    "updated_at",
                ],
            },
        )
    ]
    readonly_fields = fieldsets[0][1]["fields"]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "help_text": VALUES_ARE_ENTERED_BY_SUPPLIERS}
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("waarde"), ordering="value")
    def formatted_value(self, obj):
        return format_value(obj.value, obj.indicator)

    @admin.display(description=_("status aanlevering"), ordering="submission__status")
    def submission_status(self, obj):
        return obj.submission.get_status_display()


@admin.register(Value.history.model)
class ValueChangeAdmin(ReadOnlyAdmin):
    """Every change to every figure across submissions: who, when, old → new (the audit log)."""

    list_display = [
        "history_date",
        "history_user",
        "history_type",
        "indicator",
        "doelgroep",
        "area",
        "raw",
        "error",
        "submission",
        "history_change_reason",
    ]
    list_filter = [
        "history_type",
        ("submission__period", admin.RelatedOnlyFieldListFilter),
        ("submission__uitvraag__uitvoerder", admin.RelatedOnlyFieldListFilter),
        "indicator__thema",
    ]
    search_fields = [
        "indicator__code",
        "indicator__name",
        "raw",
        "history_user__username",
        "history_user__last_name",
        "history_change_reason",
    ]
    list_select_related = [
        "history_user",
        "indicator",
        "doelgroep",
        "area",
        "submission__uitvraag__uitvoerder",
        "submission__period",
    ]
    date_hierarchy = "history_date"


class ValidatieRegelForm(forms.ModelForm):
    """Both sides must be valid formulas over existing indicators (and doelgroepen)."""

    class Meta:
        model = ValidatieRegel
        fields = [
            "code",
            "name",
            "active",
            "left",
            "operator",
            "right",
            "ernst",
            "bij_ontbreken",
            "message",
            "uitvoerder",
        ]
        help_texts = {
            "left": _(
                "Een formule over indicatorcodes, bijvoorbeeld [uitstroom-werk]. [code@wsw] is de "
                "waarde van doelgroep wsw; [code@*] de som over alle doelgroepen."
            ),
            "right": _("Een formule, bijvoorbeeld [uitstroom-totaal] of [aantal@*]."),
        }

    def clean(self):
        # In clean(), not clean_left(): the doelgroepen are checked against the uitvoerder.
        cleaned = super().clean()
        uitvoerder = cleaned.get("uitvoerder")
        for name in ("left", "right"):
            if name not in cleaned:
                continue
            cleaned[name] = cleaned[name].strip()
            errors = rule_formula_errors(cleaned[name], uitvoerder.pk if uitvoerder else None)
            for error in errors:
                self.add_error(name, error)
        return cleaned


@admin.register(ValidatieRegel)
class ValidatieRegelAdmin(BaseAdmin):
    form = ValidatieRegelForm
    list_display = [
        "code",
        "name",
        "formula",
        "ernst",
        "bij_ontbreken",
        "uitvoerder",
        "active",
    ]
    list_filter = [
        "active",
        "ernst",
        "bij_ontbreken",
        ("uitvoerder", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["code", "name", "left", "right", "message"]
    list_select_related = ["uitvoerder"]
    autocomplete_fields = ["uitvoerder"]
    prepopulated_fields = {"code": ["name"]}
    fieldsets = [
        (None, {"fields": ["code", "name", "active"]}),
        (pgettext_lazy("validation rule", "Regel"), {"fields": ["left", "operator", "right"]}),
        (_("Gevolg"), {"fields": ["ernst", "bij_ontbreken", "message", "uitvoerder"]}),
    ]

    @admin.display(description=_("regel"))
    def formula(self, obj):
        return f"{obj.left} {obj.get_operator_display()} {obj.right}"


@admin.register(Streefwaarde)
class StreefwaardeAdmin(BaseAdmin):
    list_display = [
        "indicator",
        "scope",
        "doelgroep",
        "comparison",
        "value",
        "year_from",
        "year_to",
        "note",
    ]
    list_filter = ["comparison", ("scope", admin.RelatedOnlyFieldListFilter), "year_from"]
    search_fields = ["indicator__code", "indicator__name", "scope__name", "note"]
    autocomplete_fields = ["indicator", "scope", "doelgroep"]
    list_select_related = ["indicator", "scope", "doelgroep"]


@admin.register(TrendOordeel)
class TrendOordeelAdmin(HistoryOnlyAdmin, BeheerderPermissionsMixin, SimpleHistoryAdmin):
    """Judgements are recorded on the figures page (/cijfers/) by beleid; here they are read,
    with their history (the proposal, the judgement and the reason of every change)."""

    list_display = [
        "indicator",
        "area",
        "doelgroep",
        "period",
        "proposal",
        "judgement",
        "decided_by",
        "decided_at",
    ]
    list_filter = ["judgement", "proposal", "period", ("area", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["indicator__code", "indicator__name", "area__name", "reason"]
    list_select_related = ["indicator", "area", "doelgroep", "period", "decided_by"]
    readonly_fields = [
        "indicator",
        "area",
        "doelgroep",
        "period",
        "base_period",
        "proposal",
        "judgement",
        "reason",
        "decided_by",
        "decided_at",
    ]
