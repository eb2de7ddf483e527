from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .models import Delivery, Event, Notification, Preference
from .notify import changed


def notification_list(request):
    notifications = Notification.objects.filter(user=request.user)
    unread_only = request.GET.get("ongelezen") == "1"
    if unread_only:
        notifications = notifications.unread()
    page = Paginator(notifications, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread_only": unread_only},
    )


def open_notification(request, pk: int):
    """Mark the notification read and go where the work is done."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
        changed()
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect("notifications:list")
    return redirect(target)


@require_POST
def mark_all_read(request):
    Notification.objects.filter(user=request.user).unread().update(read_at=timezone.now())
    changed()
    messages.success(request, _("Alle meldingen zijn gelezen."))
    return redirect("notifications:list")


class PreferencesForm(forms.Form):
    """One choice per event: directly by e-mail, in the daily digest, or only in the list."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for event, label in Event.choices:
            self.fields[event] = forms.ChoiceField(
                label=label,
                choices=Delivery.choices,
                initial=current.get(event, Delivery.DIRECT),
                widget=forms.RadioSelect,
            )


PREFERENCES_SAVED = gettext_lazy("Uw keuzes zijn bewaard.")


def preferences(request):
    current = dict(Preference.objects.filter(user=request.user).values_list("event", "delivery"))
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for event, delivery in form.cleaned_data.items():
            Preference.objects.update_or_create(
                user=request.user, event=event, defaults={"delivery": delivery}
            )
        messages.success(request, PREFERENCES_SAVED)
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
