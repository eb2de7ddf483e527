"""The second step of logging in, enrolling an authenticator app, recovery codes and passkeys.

Thin views over organisations.mfa; the screens are in templates/registration/mfa_*.html.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp_webauthn.models import WebAuthnCredential

from . import mfa


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


def next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return "/"


@never_cache
def verify(request):
    """Second step of logging in: a code from the app, a recovery code or a passkey."""
    user = request.user
    if mfa.is_verified(request):
        return redirect(next_url(request))
    if not mfa.has_second_factor(user):
        return redirect("mfa_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mfa.verify_code(request, form.cleaned_data["code"]):
            return redirect(next_url(request))
        if mfa.is_throttled(user, form.cleaned_data["code"]):
            form.add_error(
                "code", gettext("Te veel onjuiste codes. Wacht even en probeer het opnieuw.")
            )
        else:
            form.add_error("code", gettext("Deze code klopt niet of is al gebruikt."))
    context = {
        "form": form,
        "next": next_url(request),
        "has_passkey": WebAuthnCredential.objects.filter(user=user, confirmed=True).exists(),
    }
    return render(request, "registration/mfa_verify.html", context)


@never_cache
def setup(request):
    """Enrolment: scan the QR code, type the first code; then the recovery codes, once."""
    user = request.user
    if mfa.has_second_factor(user) and not mfa.is_verified(request):
        # whoever has only the password must not replace the factor the user enrolled
        return redirect("mfa_verify")
    device = mfa.pending_totp(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mfa.confirm_totp(request, device, form.cleaned_data["code"]):
            codes = mfa.new_recovery_codes(user, request=request)
            return render(
                request,
                "registration/mfa_recovery_codes.html",
                {"codes": codes, "next": next_url(request), "first_time": True},
            )
        form.add_error("code", gettext("Deze code klopt niet. Controleer de tijd op uw telefoon."))
    context = {
        "form": form,
        "next": next_url(request),
        "qr_svg": mfa.totp_qr_svg(device),
        "secret": mfa.totp_secret(device),
        "replacing": mfa.has_second_factor(user),
    }
    return render(request, "registration/mfa_setup.html", context)


@never_cache
def overview(request):
    """The person's own second factors: the app, passkeys and how many recovery codes are left."""
    user = request.user
    context = {
        "has_app": user.totpdevice_set.filter(confirmed=True).exists(),
        "passkeys": WebAuthnCredential.objects.filter(user=user, confirmed=True),
        "recovery_codes_left": mfa.recovery_codes_left(user),
        "verified": mfa.is_verified(request),
    }
    return render(request, "registration/mfa_overview.html", context)


@never_cache
@require_POST
def recovery_codes(request):
    """New recovery codes (the old ones stop working), shown once in the response."""
    if not mfa.is_verified(request):
        messages.error(request, gettext("Log eerst in met uw tweede factor."))
        return redirect("mfa_overview")
    codes = mfa.new_recovery_codes(request.user, request=request)
    return render(
        request,
        "registration/mfa_recovery_codes.html",
        {"codes": codes, "next": "/", "first_time": False},
    )
