"""Admin pieces of the core:

- the workflow core: one admin action per workflow step, which asks for a reason where the step
  needs one and calls the workflow's transition per selected object (the same rules and audit as
  the web UI and the API), reporting each outcome;
- the security records: looked at, searched and filtered, never added, changed or deleted, also
  not by a superuser (the BIO asks that nobody can rewrite them through the application).
  ``organisations.admin`` lets a functioneel beheerder view them;
- the workers seen (the health endpoint), read-only.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, AuditEntry, WorkerHeartbeat
from .tokens import revoke_token
from .workflow import Workflow, WorkflowError


class HistoryOnlyAdmin:
    """For content that only the services change (figures, budget lines, trend judgements,
    validated and audited there): looked at here with its django-simple-history, never written.
    Put it before the permission mixins: ``class X(HistoryOnlyAdmin, …, SimpleHistoryAdmin)``."""

    def has_add_permission(self, request, *args, **kwargs):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history saves a posted revert form without asking has_change_permission.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


# The columns of an event in an inline or list: the one event shape of core.models.
EVENT_FIELDS = ["at", "action", "from_status", "to_status", "actor", "reason", "via"]


def ask_reason(modeladmin, request, queryset, *, action_name, action_label, note, run):
    """An admin action that needs a reason: show an intermediate page with a reason field (like
    Django's delete confirmation); once a reason is posted, ``run(reason)`` does the work."""
    reason = request.POST.get("reason", "").strip()
    error = ""
    if request.POST.get("confirm"):
        if reason:
            run(reason)
            return None  # back to the changelist, with run's messages
        error = gettext("Geef een reden op.")
    request.current_app = modeladmin.admin_site.name
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": gettext("%(action)s: geef een reden") % {"action": action_label},
        "subtitle": None,
        "action_name": action_name,
        "action_label": action_label,
        "note": note,
        "queryset": queryset,
        "reason": reason,
        "error": error,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/action_reason.html", context)


def run_transition(workflow: Workflow, modeladmin, request, objects, name: str, reason=""):
    """Carry out the step per object and report each outcome, success or refusal."""
    for obj in objects:
        try:
            workflow.transition(obj, name, request.user, reason=reason, via="admin")
        except WorkflowError as error:
            modeladmin.message_user(request, f"{obj}: {error}", messages.ERROR)
        else:
            modeladmin.message_user(
                request,
                gettext("%(object)s: de status is nu ‘%(status)s’.")
                % {"object": obj, "status": obj.get_status_display()},
                messages.SUCCESS,
            )


def transition_action(workflow: Workflow, name: str, *, description=None, note="", related=()):
    """The admin action for step ``name`` of ``workflow`` (``actions = [transition_action(…)]``).

    ``note`` is shown on the page that asks for the reason; ``related`` is passed to
    ``select_related`` so that each object's name costs no query."""
    step = workflow.actions[name]

    def act(modeladmin, request, queryset):
        objects = queryset.select_related(*related) if related else queryset

        def run(reason=""):
            run_transition(workflow, modeladmin, request, objects, name, reason)

        if not step.needs_reason:
            return run()
        return ask_reason(
            modeladmin,
            request,
            queryset,
            action_name=name,
            action_label=step.label,
            note=note,
            run=run,
        )

    # The admin knows an action by its function's name, also when it asks for the reason.
    act.__name__ = name
    if description is None:
        description = step.label
    return admin.action(description=description)(act)


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    """Which Celery workers were seen when (the health endpoint's "worker seen"); read-only."""

    list_display = ["hostname", "seen_at"]
    ordering = ["-seen_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
