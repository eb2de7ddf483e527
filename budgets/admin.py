"""Admin for taakvelden, programma's/producten, budget versions and cost-per-unit indicators.

Amounts are entered by the opsteller (grid, import, API), where they are checked and every change
is kept; here lines are read-only, with their history. Statuses change only through the workflow
actions on the version list, which call :func:`budgets.workflow.transition` like the web UI.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import EVENT_FIELDS, HistoryOnlyAdmin, transition_action
from core.models import REVIEW_FIELDS
from organisations.admin import BaseAdmin, BeheerderPermissionsMixin, ReadOnlyAdmin, ReadOnlyInline

from .figures import dutch_number
from .models import (
    BudgetEvent,
    BudgetImport,
    BudgetLine,
    BudgetStatus,
    BudgetVersion,
    KostenPerEenheid,
    Product,
    Programma,
    Taakveld,
)
from .workflow import WORKFLOW


@admin.register(Taakveld)
class TaakveldAdmin(BaseAdmin):
    list_display = ["code", "name", "parent", "predecessor", "valid_from", "valid_to", "order"]
    list_filter = ["parent", "valid_to"]
    search_fields = ["code", "name", "former_name"]
    list_select_related = ["parent", "predecessor"]
    autocomplete_fields = ["parent", "predecessor"]
    ordering = ["order"]


class ProductInline(BeheerderPermissionsMixin, admin.TabularInline):
    model = Product
    fields = ["order", "code", "name"]
    extra = 0


@admin.register(Programma)
class ProgrammaAdmin(BaseAdmin):
    list_display = ["code", "name", "owner", "order"]
    list_filter = [("owner", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["code", "name", "owner__name"]
    autocomplete_fields = ["owner"]
    inlines = [ProductInline]


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine
    fields = ["taakveld", "programma", "product", "lasten", "baten", "thema", "uitvoerder"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("taakveld", "programma", "product", "thema", "uitvoerder")
        )


class BudgetEventInline(ReadOnlyInline):
    model = BudgetEvent
    fields = EVENT_FIELDS
    readonly_fields = fields
    ordering = ["at"]


@admin.register(BudgetVersion)
class BudgetVersionAdmin(BaseAdmin):
    list_display = ["name", "owner", "year", "soort", "datum", "status", "links"]
    list_filter = ["status", "soort", "year", ("owner", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "owner__name", "owner__code"]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner"]
    readonly_fields = [
        "status",
        "created_by",
        *REVIEW_FIELDS,
        "created_at",
        "updated_at",
    ]
    inlines = [BudgetLineInline, BudgetEventInline]
    actions = [
        transition_action(
            WORKFLOW,
            "goedkeuren",
            description=_("Goedkeuren (vier-ogenprincipe)"),
            related=["owner"],
        ),
        transition_action(
            WORKFLOW,
            "heropenen",
            description=_("Heropenen (met reden)"),
            note=_(
                "Een heropende versie staat weer op concept; de bedragen kunnen dan worden "
                "gewijzigd. De reden komt in de geschiedenis."
            ),
            related=["owner"],
        ),
    ]

    def has_change_permission(self, request, obj=None):
        # An approved version is frozen: only a reopen (with reason) makes it editable again.
        if obj is not None and obj.status == BudgetStatus.GOEDGEKEURD:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.status != BudgetStatus.CONCEPT or obj.events.exists()):
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("in de website"))
    def links(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("budgets:version_detail", args=[obj.pk]),
            gettext("bekijken"),
            reverse("budgets:version_history", args=[obj.pk]),
            gettext("geschiedenis"),
        )


@admin.register(BudgetLine)
class BudgetLineAdmin(HistoryOnlyAdmin, BeheerderPermissionsMixin, SimpleHistoryAdmin):
    list_display = ["version", "taakveld", "programma", "product", "lasten_text", "baten_text"]
    list_filter = ["version__year", "version__soort", "taakveld__parent"]
    search_fields = ["version__name", "version__owner__name", "taakveld__code"]
    list_select_related = ["version__owner", "taakveld", "programma", "product"]
    readonly_fields = [
        "version",
        "taakveld",
        "programma",
        "product",
        "lasten",
        "baten",
        "thema",
        "uitvoerder",
        "toelichting",
        "updated_by",
        "updated_at",
    ]
    history_list_display = ["lasten", "baten"]

    @admin.display(description=_("lasten"), ordering="lasten")
    def lasten_text(self, obj):
        return dutch_number(obj.lasten, 2)

    @admin.display(description=_("baten"), ordering="baten")
    def baten_text(self, obj):
        return dutch_number(obj.baten, 2)


@admin.register(BudgetEvent)
class BudgetEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "version", "action", "from_status", "to_status", "actor", "via"]
    list_filter = ["action", "via"]
    search_fields = ["version__name", "reason", "actor__username"]
    list_select_related = ["version__owner", "actor"]


@admin.register(BudgetImport)
class BudgetImportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "version", "filename", "status", "user"]
    list_filter = ["status"]
    list_select_related = ["version__owner", "user"]


@admin.register(KostenPerEenheid)
class KostenPerEenheidAdmin(BaseAdmin):
    list_display = ["name", "indicator", "doelgroep", "bedrag", "basis", "order"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["indicator", "doelgroep"]
    filter_horizontal = ["taakvelden"]
    prepopulated_fields = {"code": ["name"]}
