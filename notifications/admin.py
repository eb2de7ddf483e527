from django.contrib import admin

from .models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "event", "subject", "read_at", "mail_state"]
    list_filter = ["event", "mail_state"]
    search_fields = ["subject", "user__username", "user__email"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "delivery"]
    list_filter = ["event", "delivery"]
