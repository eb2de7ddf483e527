"""The security records in the admin: looked at, searched and filtered, never added, changed or
deleted, also not by a superuser (the BIO asks that nobody can rewrite them through the
application). ``organisations.admin`` lets a functioneel beheerder view them."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, AuditEntry
from .tokens import revoke_token


class UndeletableMixin:
    """No add, change or delete, and no bulk-delete action."""

    def has_add_permission(self, request, *args, **kwargs):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class AuditEntryAdmin(UndeletableMixin, admin.ModelAdmin):
    list_display = ["seq", "at", "actor_name", "action", "object_repr", "result", "ip_address"]
    list_filter = ["result", "action"]
    search_fields = ["actor_name", "action", "object_repr", "object_id", "ip_address", "request_id"]
    date_hierarchy = "at"
    list_per_page = 100
    show_full_result_count = False


class ApiTokenAdmin(UndeletableMixin, admin.ModelAdmin):
    """Tokens of every user, by name and first characters only: the secret is never stored.
    A beheerder revokes them; only their owner makes them (``/account/tokens/``)."""

    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    list_select_related = ["user"]
    fields = [
        "user",
        "name",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    readonly_fields = fields
    actions = ["revoke"]

    @admin.action(description=_("Geselecteerde tokens intrekken"), permissions=["view"])
    def revoke(self, request, queryset):
        revoked = sum(revoke_token(token, by=request.user, request=request) for token in queryset)
        self.message_user(
            request, gettext("%(n)d token(s) ingetrokken.") % {"n": revoked}, messages.SUCCESS
        )


class ReadOnlyAccessAttemptAdmin(UndeletableMixin, AccessAttemptAdmin):
    pass


class ReadOnlyAccessLogAdmin(UndeletableMixin, AccessLogAdmin):
    pass


class ReadOnlyAccessFailureLogAdmin(UndeletableMixin, AccessFailureLogAdmin):
    pass


admin.site.register(AuditEntry, AuditEntryAdmin)
admin.site.register(ApiToken, ApiTokenAdmin)
for model, model_admin in [
    (AccessAttempt, ReadOnlyAccessAttemptAdmin),
    (AccessLog, ReadOnlyAccessLogAdmin),
    (AccessFailureLog, ReadOnlyAccessFailureLogAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
