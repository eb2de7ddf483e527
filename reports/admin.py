"""Admin for reports and their audit trail.

Everything goes through :mod:`reports.services` and :mod:`reports.workflow`, exactly like the web
UI: creating a report (version and title), editing its duiding (audited, marks the PDF outdated),
generation and the status actions. Only a concept can be edited; a vastgesteld report is frozen.
"""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from organisations.admin import BaseAdmin, BeheerderPermissionsMixin, ReadOnlyAdmin, ask_reason

from .models import Report, ReportEvent, ReportStatus, ReportText


class ReportTextInline(BeheerderPermissionsMixin, admin.StackedInline):
    model = ReportText
    fields = ["thema", "wat_zien_we", "updated_by", "updated_at"]
    readonly_fields = ["updated_by", "updated_at"]
    autocomplete_fields = ["thema"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("thema", "updated_by")

    # ``obj`` is the report: only a concept's duiding can change, like in the web UI.
    def has_add_permission(self, request, obj=None):
        return is_editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return is_editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_editable(obj) and super().has_delete_permission(request, obj)


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
                    "generated_at",
                    "texts_updated_at",
                    "pdf",
                    "pdf_sha256",
                    "xlsx",
                    "xlsx_sha256",
                    "created_by",
                    "created_at",
                    "vastgesteld_by",
                    "vastgesteld_at",
                ],
            },
        ),
    ]
    readonly_fields = fieldsets[1][1]["fields"]
    actions = ["maken", "aanbieden", "terugnemen", "vaststellen", "nieuwe_versie"]

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # A version belongs to one gemeente and period; a new version is a new report.
            readonly += ["gemeente", "period", "version", "replaces", "replacement_reason"]
        return readonly

    def get_inlines(self, request, obj):
        return [ReportTextInline] if obj is not None else []

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
        from .services import save_texts

        if not change:
            return
        texts = {}
        for formset in formsets:
            # The service saves the texts; the admin's change message only needs these lists.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            for text_form in formset.forms:
                data = getattr(text_form, "cleaned_data", None)
                if not data or data.get("thema") is None:
                    continue
                if "thema" in text_form.changed_data and text_form.instance.pk:
                    texts[text_form.initial["thema"]] = ""  # moved to another thema
                deleted = formset.can_delete and formset._should_delete_form(text_form)
                texts[data["thema"].pk] = "" if deleted else data.get("wat_zien_we", "")
        save_texts(form.instance, request.user, form.cleaned_data["introduction"], texts)

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

    def run_transition(self, request, queryset, action_name, reason=""):
        from .workflow import transition

        self.report_outcomes(
            request,
            queryset,
            lambda report: transition(report, action_name, request.user, reason=reason),
            lambda report: (
                gettext("de status is nu ‘%(status)s’.") % {"status": report.get_status_display()}
            ),
        )

    @admin.action(description=_("Aanbieden ter vaststelling"))
    def aanbieden(self, request, queryset):
        self.run_transition(request, queryset, "aanbieden")

    @admin.action(description=_("Terugnemen (met reden)"))
    def terugnemen(self, request, queryset):
        from .workflow import ACTIONS

        return ask_reason(
            self,
            request,
            queryset,
            action_name="terugnemen",
            action_label=ACTIONS["terugnemen"].label,
            note=_("De reden wordt vastgelegd in de geschiedenis van de rapportage."),
            run=lambda reason: self.run_transition(request, queryset, "terugnemen", reason),
        )

    @admin.action(description=_("Vaststellen"))
    def vaststellen(self, request, queryset):
        self.run_transition(request, queryset, "vaststellen")

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
