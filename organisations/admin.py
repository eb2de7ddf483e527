"""Admin for organisations, doelgroepen and roles, plus the shared base classes of every admin.

A functioneel beheerder (Membership with role beheerder, and staff) manages everything here
without having to be given Django permissions model by model; other staff users keep Django's
ordinary permission checks.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Count
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import admin as core_admin
from core.admin import ask_reason  # noqa: F401 (the apps' admins import it from here)
from core.audit import user_has_acted

from .access import Access
from .models import Doelgroep, Membership, Organisation, OrganisationKind, Role
from .theme import Huisstijl

User = get_user_model()


def is_beheerder(request) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and Access.for_user(user).is_beheerder)


class BeheerderPermissionsMixin:
    """Gives a functioneel beheerder every admin permission; subclasses may still narrow it
    (read-only audit models, frozen objects) by overriding and returning False first."""

    def has_module_permission(self, request):
        return is_beheerder(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_beheerder(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args, **kwargs):
        return is_beheerder(request) or super().has_add_permission(request, *args, **kwargs)

    def has_change_permission(self, request, obj=None):
        return is_beheerder(request) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_beheerder(request) or super().has_delete_permission(request, obj)


class BaseAdmin(BeheerderPermissionsMixin, admin.ModelAdmin):
    list_per_page = 50


class ReadOnlyAdmin(BaseAdmin):
    """Audit trails: looked at, searched and filtered, never written by hand."""

    def has_add_permission(self, request, *args, **kwargs):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(BeheerderPermissionsMixin, admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def make_beheerders_staff(users) -> None:
    """A beheerder works in the admin, so holding that role makes a person staff."""
    ids = [u.pk for u in users if u.memberships.filter(role=Role.BEHEERDER).exists()]
    User.objects.filter(pk__in=ids, is_staff=False).update(is_staff=True)


class DoelgroepInline(BeheerderPermissionsMixin, admin.TabularInline):
    model = Doelgroep
    fields = ["order", "code", "name", "description"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(BaseAdmin):
    list_display = [
        "name",
        "code",
        "kind",
        "gemeenten_count",
        "doelgroepen_count",
        "public_dashboard",
    ]
    list_filter = ["kind", "public_dashboard"]
    search_fields = ["name", "code"]
    filter_horizontal = ["gemeenten"]
    fieldsets = [
        (None, {"fields": ["kind", "code", "name", "description"]}),
        (_("Gemeenten"), {"fields": ["gemeenten"]}),
        (_("Dashboard"), {"fields": ["public_dashboard"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_gemeenten=Count("gemeenten", distinct=True),
                n_doelgroepen=Count("doelgroepen", distinct=True),
            )
        )

    @admin.display(description=_("gemeenten"), ordering="n_gemeenten")
    def gemeenten_count(self, obj):
        return obj.n_gemeenten if obj.kind != OrganisationKind.GEMEENTE else "–"

    @admin.display(description=_("doelgroepen"), ordering="n_doelgroepen")
    def doelgroepen_count(self, obj):
        return obj.n_doelgroepen if obj.kind == OrganisationKind.UITVOERDER else "–"

    def get_inlines(self, request, obj):
        # Only an uitvoeringsorganisatie has doelgroepen; save a new one first to add them.
        if obj is not None and obj.kind == OrganisationKind.UITVOERDER:
            return [DoelgroepInline]
        return []


@admin.register(Huisstijl)
class HuisstijlAdmin(BaseAdmin):
    """The look of the deployment and of each gemeente (organisations/theme.py)."""

    list_display = ["__str__", "organisation", "primary_colour", "logo", "updated"]
    list_select_related = ["organisation"]
    fields = ["organisation", "name", "primary_colour", "logo"]


@admin.register(Doelgroep)
class DoelgroepAdmin(BaseAdmin):
    list_display = ["name", "code", "uitvoerder", "order"]
    list_filter = [("uitvoerder", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "code", "uitvoerder__name"]
    autocomplete_fields = ["uitvoerder"]
    list_select_related = ["uitvoerder"]


@admin.register(Membership)
class MembershipAdmin(BaseAdmin):
    list_display = ["user", "role", "organisation"]
    list_filter = ["role", "organisation__kind", ("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "organisation__name",
        "organisation__code",
    ]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        make_beheerders_staff([obj.user])


class MembershipInline(BeheerderPermissionsMixin, admin.TabularInline):
    model = Membership
    fields = ["role", "organisation"]
    autocomplete_fields = ["organisation"]
    extra = 0
    verbose_name = _("rol")
    verbose_name_plural = _("rollen in de monitor")


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BeheerderPermissionsMixin, DjangoUserAdmin):
    """Django's user admin with the person's roles, so a beheerder can hand them out."""

    inlines = [MembershipInline]
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]
    actions = ["reset_second_factor"]

    @admin.action(description=_("Tweede factor resetten (telefoon kwijt)"))
    def reset_second_factor(self, request, queryset):
        """Removes the app, passkeys and recovery codes and ends every session; the person
        enrols again at the next log-in. Needs a reason, which is kept in the admin's history."""
        from . import mfa

        if not is_beheerder(request) and not request.user.is_superuser:
            self.message_user(request, gettext("Alleen een beheerder mag dit."), "error")
            return None
        queryset = queryset.exclude(pk=request.user.pk)
        if not request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)

        def run(reason):
            for user in queryset:
                mfa.reset_second_factor(user, actor=request.user, reason=reason, request=request)
                self.log_change(
                    request,
                    user,
                    gettext("Tweede factor gereset: %(reason)s") % {"reason": reason},
                )
            self.message_user(
                request,
                gettext(
                    "Tweede factor gereset voor %(count)d gebruiker(s); hun sessies zijn beëindigd."
                )
                % {"count": len(queryset)},
            )

        return ask_reason(
            self,
            request,
            queryset,
            action_name="reset_second_factor",
            action_label=gettext("Tweede factor resetten"),
            note=_(
                "De authenticator-app, passkeys en herstelcodes worden verwijderd en alle "
                "sessies van de gebruiker worden beëindigd. Controleer eerst wie erom vraagt."
            ),
            run=run,
        )

    list_filter = ["is_staff", "is_superuser", "is_active", "memberships__role"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # A beheerder hands out roles, not superuser powers or raw Django permissions.
            readonly += ["is_superuser", "user_permissions", "last_login", "date_joined"]
        return readonly

    def has_change_permission(self, request, obj=None):
        # Only a superuser changes (or resets the password of) another superuser.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        # Someone who acted is deactivated instead, so the history keeps its actor.
        if obj is not None and user_has_acted(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Bulk deletion would bypass the per-user check above.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        make_beheerders_staff([form.instance])


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BeheerderPermissionsMixin, DjangoGroupAdmin):
    pass


class BeheerderMayView:
    """Lets a functioneel beheerder look at (only look at) what another admin shows."""

    def has_module_permission(self, request):
        return is_beheerder(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_beheerder(request) or super().has_view_permission(request, obj)


# The security records (core.admin) stay read-only; a beheerder may look at them.
for _model, _model_admin in [
    (core_admin.AuditEntry, core_admin.AuditEntryAdmin),
    (core_admin.ApiToken, core_admin.ApiTokenAdmin),
    (core_admin.AccessAttempt, core_admin.ReadOnlyAccessAttemptAdmin),
    (core_admin.AccessLog, core_admin.ReadOnlyAccessLogAdmin),
    (core_admin.AccessFailureLog, core_admin.ReadOnlyAccessFailureLogAdmin),
]:
    admin.site.unregister(_model)
    admin.site.register(_model, type(_model_admin.__name__, (BeheerderMayView, _model_admin), {}))
