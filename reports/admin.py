"""Admin for reports and their audit trail.

Everything goes through :mod:`reports.services`, :mod:`reports.texts` and :mod:`reports.workflow`,
exactly like the web UI: creating a report (version and title), editing its texts (the inleiding,
Deel 1 per thema, Deel 2 per supplier: audited, marks the PDF outdated), generation and the status
actions. Only a concept can be edited; a vastgesteld report is frozen.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import ask_reason, transition_action
from organisations.admin import BaseAdmin, BeheerderPermissionsMixin, ReadOnlyAdmin

from .models import Report, ReportEvent, ReportProfile, ReportStatus, ReportSupplierText, ReportText
from .texts import SUPPLIER_FIELDS, THEMA_FIELDS, Narrative
from .texts import save as save_narrative
from .workflow import WORKFLOW

# What a report's name and messages show, selected with it.
REPORT_NAME = ("gemeente", "period")


class ConceptTextsInline(BeheerderPermissionsMixin, admin.StackedInline):
    """A report's texts. ``obj`` is the report: only a concept's texts change, like in the web UI;
    they are saved through :func:`reports.texts.save` (see ``ReportAdmin.save_related``)."""

    readonly_fields = ["updated_by", "updated_at"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return is_editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return is_editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_editable(obj) and super().has_delete_permission(request, obj)


class ReportTextInline(ConceptTextsInline):
    model = ReportText
    verbose_name_plural = _("Deel 1 Populatie: teksten per maatschappelijk resultaat")
    # In the order of the report.
    fields = ["thema", *THEMA_FIELDS, "updated_by", "updated_at"]
    autocomplete_fields = ["thema"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("thema", "updated_by")


class ReportSupplierTextInline(ConceptTextsInline):
    model = ReportSupplierText
    verbose_name_plural = _("Deel 2 Prestaties: teksten per uitvoeringsorganisatie")
    fields = ["thema", "uitvoerder", *SUPPLIER_FIELDS, "updated_by", "updated_at"]
    autocomplete_fields = ["thema", "uitvoerder"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("thema", "uitvoerder", "updated_by")


# Per text table: the fields that say what a row is about, and its texts.
TEXT_TABLES = {
    ReportText: (("thema",), THEMA_FIELDS),
    ReportSupplierText: (("thema", "uitvoerder"), SUPPLIER_FIELDS),
}


def formset_texts(formset) -> dict:
    """The texts of an inline formset as :class:`reports.texts.Narrative` has them: per thema pk
    (per (thema pk, uitvoerder pk) for the suppliers) the texts by field name. A deleted row and
    a row moved to another thema or supplier leave their old place empty."""
    key_fields, text_fields = TEXT_TABLES[formset.model]

    def key(values):
        pks = tuple(getattr(values[name], "pk", values[name]) for name in key_fields)
        return pks[0] if len(pks) == 1 else pks

    empty = dict.fromkeys(text_fields, "")
    cleared, texts = {}, {}
    for text_form in formset.forms:
        data = getattr(text_form, "cleaned_data", None) or {}
        deleted = formset.can_delete and formset._should_delete_form(text_form)
        moved = any(name in text_form.changed_data for name in key_fields)
        if text_form.instance.pk and (deleted or moved):
            cleared[key(text_form.initial)] = empty
        if not deleted and data and all(data.get(name) is not None for name in key_fields):
            texts[key(data)] = {name: data.get(name, "") for name in text_fields}
    return {**cleared, **texts}


def is_editable(report) -> bool:
    return report is None or report.status == ReportStatus.CONCEPT


@admin.register(Report)
class ReportAdmin(BaseAdmin):
    list_display = [
        "title",
        "gemeente",
        "period",
        "version",
        "status",
        "generation_status",
        "progress",
        "vastgesteld_at",
    ]
    list_filter = [
        "status",
        "generation_status",
        "period",
        ("gemeente", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "gemeente__name", "gemeente__code", "period__identifier"]
    autocomplete_fields = ["gemeente", "period"]
    list_select_related = ["gemeente", "period"]
    add_fieldsets = [
        (
            None,
            {
                "description": _(
                    "Kies gemeente en periode; versienummer en titel volgen daaruit. "
                    "Daarna vult u de duiding in en maakt u de rapportage met de actie "
                    "‘Rapport (opnieuw) maken’."
                ),
                "fields": ["gemeente", "period"],
            },
        )
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "gemeente",
                    "period",
                    "version",
                    "replaces",
                    "replacement_reason",
                    "title",
                    "kernboodschappen",
                    "introduction",
                ]
            },
        ),
        (
            _("Status en bestanden"),
            {
                "description": _(
                    "Status en bestanden veranderen alleen via de acties (maken, aanbieden, "
                    "vaststellen), zodat elke stap wordt vastgelegd. Alleen een concept kan "
                    "worden gewijzigd; een vastgestelde rapportage blijft zoals hij is."
                ),
                "fields": [
                    "status",
                    "generation_status",
                    "progress",
                    "progress_message",
                    "generation_error",
                    "generation_requested_at",
                    "heartbeat_at",
                    "attempts",
                    "generated_at",
                    "texts_updated_at",
                    "pdf",
                    "pdf_sha256",
                    "xlsx",
                    "xlsx_sha256",
                    "created_by",
                    "created_at",
                    "offered_by",
                    "offered_at",
                    "college_besluit_datum",
                    "college_besluit_kenmerk",
                    "college_recorded_by",
                    "college_recorded_at",
                    "besluit_orgaan",
                    "besluit_datum",
                    "besluit_kenmerk",
                    "vastgesteld_by",
                    "vastgesteld_at",
                ],
            },
        ),
    ]
    readonly_fields = fieldsets[1][1]["fields"]
    actions = [
        "maken",
        transition_action(
            WORKFLOW,
            "aanbieden",
            description=_("Aanbieden ter vaststelling"),
            related=REPORT_NAME,
        ),
        transition_action(
            WORKFLOW,
            "terugnemen",
            description=_("Terugnemen (met reden)"),
            note=_("De reden wordt vastgelegd in de geschiedenis van de rapportage."),
            related=REPORT_NAME,
        ),
        "collegebesluit",
        "vaststellen",
        "nieuwe_versie",
    ]

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # A version belongs to one gemeente and period; a new version is a new report.
            readonly += ["gemeente", "period", "version", "replaces", "replacement_reason"]
        return readonly

    def get_inlines(self, request, obj):
        return [ReportTextInline, ReportSupplierTextInline] if obj is not None else []

    def has_change_permission(self, request, obj=None):
        if not is_editable(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if not is_editable(obj):
            return False
        return super().has_delete_permission(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        from .workflow import ReportError

        # The services refuse what the web UI refuses; show their message instead of an error page.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ReportError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        from .services import create_report

        if not change:
            # Version number, title and the audit event come from the same service as the web UI.
            report = create_report(obj.gemeente, obj.period, request.user)
            obj.pk = report.pk
            obj.refresh_from_db()
            return
        # The introduction is part of the duiding and is saved with it in save_related.
        Report.objects.filter(pk=obj.pk).update(title=obj.title)

    def save_related(self, request, form, formsets, change):
        if not change:
            return
        for formset in formsets:
            # The service saves the texts; the admin's change message only needs these lists.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if not {"introduction", "kernboodschappen"} & set(form.changed_data) and not any(
            f.has_changed() for f in formsets
        ):
            # Nothing to save (a new title only): the texts page keeps offering its proposal.
            return
        narrative = Narrative(
            introduction=form.cleaned_data["introduction"],
            kernboodschappen=form.cleaned_data["kernboodschappen"],
        )
        for formset in formsets:
            if formset.model is ReportText:
                narrative.themas.update(formset_texts(formset))
            elif formset.model is ReportSupplierText:
                narrative.suppliers.update(formset_texts(formset))
        save_narrative(form.instance, request.user, narrative)

    def report_outcomes(self, request, queryset, do, success):
        """Run ``do(report)`` per report; show each success or the ReportError's message."""
        from .workflow import ReportError

        for report in queryset.select_related("gemeente", "period"):
            try:
                result = do(report)
            except ReportError as error:
                self.message_user(request, f"{report}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{report}: {success(result)}", messages.SUCCESS)

    @admin.action(description=_("Rapport (opnieuw) maken"))
    def maken(self, request, queryset):
        from .services import request_generation

        self.report_outcomes(
            request,
            queryset,
            lambda report: request_generation(report, request.user),
            lambda report: (
                gettext("het maken is aangevraagd (%(status)s).")
                % {"status": report.get_generation_status_display().lower()}
            ),
        )

    def record_decision(self, request, queryset, step: str, note):
        """An intermediate page asks for the decision (date, kenmerk or number) printed on the
        final PDF, as the web UI does; its submit button is the confirmation."""
        from .forms import DECISION_FORMS, DECISION_INPUTS
        from .workflow import ACTIONS, transition

        form = DECISION_FORMS[step](request.POST if request.POST.get("confirm") else None)
        if form.is_valid():
            inputs = {DECISION_INPUTS[step]: form.besluit()}
            self.report_outcomes(
                request,
                queryset,
                lambda report: transition(report, step, request.user, via="admin", **inputs),
                lambda report: (
                    gettext("de status is nu ‘%(status)s’.")
                    % {"status": report.get_status_display()}
                ),
            )
            return None
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "title": ACTIONS[step].label,
            "subtitle": None,
            "form": form,
            "step": step,
            "step_label": ACTIONS[step].label,
            "step_note": note,
            "queryset": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/reports/besluit.html", context)

    @admin.action(description=_("Collegebesluit vastleggen (datum, kenmerk)"))
    def collegebesluit(self, request, queryset):
        return self.record_decision(
            request,
            queryset,
            "collegebesluit",
            _(
                "U legt vast dat het college van B&W heeft besloten deze rapportages aan de "
                "gemeenteraad aan te bieden. Het besluit komt op de vastgestelde PDF."
            ),
        )

    @admin.action(description=_("Vaststelling door de raad vastleggen (datum, raadsbesluit)"))
    def vaststellen(self, request, queryset):
        return self.record_decision(
            request,
            queryset,
            "vaststellen",
            _(
                "U legt vast dat de gemeenteraad deze rapportages heeft vastgesteld. De PDF wordt "
                "opnieuw opgemaakt met dezelfde cijfers en teksten en met het collegebesluit en het "
                "raadsbesluit; daarna verandert hij niet meer."
            ),
        )

    @admin.action(description=_("Nieuwe versie van een vastgestelde rapportage (met reden)"))
    def nieuwe_versie(self, request, queryset):
        from .services import new_version

        def run(reason):
            self.report_outcomes(
                request,
                queryset,
                lambda report: new_version(report, request.user, reason),
                lambda fresh: (
                    gettext("versie %(version)s is aangemaakt als concept.")
                    % {"version": fresh.version}
                ),
            )

        return ask_reason(
            self,
            request,
            queryset,
            action_name="nieuwe_versie",
            action_label=_("Nieuwe versie"),
            note=_(
                "De vastgestelde versie blijft ongewijzigd bewaard; de reden staat in de nieuwe "
                "versie en in de geschiedenis."
            ),
            run=run,
        )


@admin.register(ReportEvent)
class ReportEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "report", "action", "from_status", "to_status", "actor"]
    list_filter = [
        "action",
        "to_status",
        ("report__gemeente", admin.RelatedOnlyFieldListFilter),
        ("report__period", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["reason", "actor__username", "actor__last_name", "report__title"]
    list_select_related = ["report", "actor"]
    date_hierarchy = "at"


@admin.register(ReportProfile)
class ReportProfileAdmin(BaseAdmin):
    """What a gemeente's reports show (also on the page /rapportages/profiel/<gemeente>/)."""

    list_display = ["gemeente", "charts", "compare_gemeenten", "updated_at"]
    list_select_related = ["gemeente"]
    filter_horizontal = ["themas", "indicators", "uitvoerders"]
    readonly_fields = ["updated_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
