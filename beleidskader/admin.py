"""Admin for beleidskaders: the functioneel beheerder enters a gemeente's doelenboom here (nodes
with their indicators and budgets); the steps of the adoption are admin actions that call the
same :data:`beleidskader.workflow.WORKFLOW` as the website. Past concept the tree is read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import EVENT_FIELDS, transition_action
from organisations.admin import BaseAdmin, BeheerderPermissionsMixin, ReadOnlyInline

from .models import (
    BBVEenheid,
    BBVIndicator,
    Beleidskader,
    BeleidskaderEvent,
    Doel,
    DoelIndicator,
    ExploitatieJaar,
    KaderBBVIndicator,
    PrestatieBudget,
    Reactie,
    VerbondenPartij,
)
from .workflow import WORKFLOW


class FrozenInline(BeheerderPermissionsMixin, admin.TabularInline):
    extra = 0

    def _frozen(self, obj):
        kader = obj if isinstance(obj, Beleidskader) else getattr(obj, "kader", None)
        return kader is not None and kader.is_frozen

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


class DoelInline(FrozenInline):
    model = Doel
    fk_name = "kader"
    fields = ["order", "niveau", "level_label", "nummer", "title", "parent", "eigenaar"]
    show_change_link = True


class ExploitatieInline(FrozenInline):
    model = ExploitatieJaar
    fields = ["year", "lasten", "baten"]


class VerbondenPartijInline(FrozenInline):
    model = VerbondenPartij
    fields = ["order", "rechtsvorm", "name", "toelichting"]


class KaderBBVInline(FrozenInline):
    model = KaderBBVIndicator
    fields = ["bbv", "document_value", "document_year"]


class ReactieInline(ReadOnlyInline):
    model = Reactie
    fields = ["indiener", "received_on", "text", "recorded_by", "recorded_at"]
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = BeleidskaderEvent
    fields = EVENT_FIELDS
    readonly_fields = fields
    ordering = ["at"]


@admin.register(Beleidskader)
class BeleidskaderAdmin(BaseAdmin):
    list_display = ["name", "owner", "version", "year_from", "status", "raadsbesluit_date"]
    list_filter = ["status", ("owner", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "owner__name"]
    list_select_related = ["owner"]
    autocomplete_fields = ["owner"]
    readonly_fields = ["status", "submitted_by", "submitted_at", "adopted_by", "created_at"]
    inlines = [
        DoelInline,
        KaderBBVInline,
        ExploitatieInline,
        VerbondenPartijInline,
        ReactieInline,
        EventInline,
    ]
    actions = [
        transition_action(WORKFLOW, "inspraak", related=["owner"]),
        transition_action(WORKFLOW, "collegebesluit", related=["owner"]),
        transition_action(
            WORKFLOW,
            "vaststellen",
            description=_("Vaststelling door de raad vastleggen (vier-ogenprincipe)"),
            related=["owner"],
        ),
        transition_action(
            WORKFLOW,
            "terugnemen",
            description=_("Terugnemen naar concept (met reden)"),
            related=["owner"],
        ),
    ]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.is_frozen or obj.events.exists()):
            return False
        return super().has_delete_permission(request, obj)


class DoelIndicatorInline(FrozenInline):
    model = DoelIndicator
    autocomplete_fields = ["indicator"]


class PrestatieBudgetInline(FrozenInline):
    model = PrestatieBudget
    fields = ["year", "amount", "label", "programma", "product", "taakveld", "uitvoerder"]


@admin.register(Doel)
class DoelAdmin(BeheerderPermissionsMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "niveau", "kader", "eigenaar"]
    list_filter = ["niveau", "kader__owner"]
    search_fields = ["title", "nummer", "kader__name"]
    list_select_related = ["kader", "kader__owner"]
    inlines = [DoelIndicatorInline, PrestatieBudgetInline]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.kader.is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.kader.is_frozen:
            return False
        return super().has_delete_permission(request, obj)


class BBVEenheidInline(BeheerderPermissionsMixin, admin.TabularInline):
    model = BBVEenheid
    extra = 0


@admin.register(BBVIndicator)
class BBVIndicatorAdmin(BaseAdmin):
    list_display = ["name", "nummer", "hoofdtaakveld", "source", "indicator"]
    list_filter = ["hoofdtaakveld"]
    search_fields = ["name"]
    autocomplete_fields = ["indicator"]
    inlines = [BBVEenheidInline]
