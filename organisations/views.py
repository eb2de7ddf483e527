from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.models import ApiToken
from core.tokens import issue_token, revoke_token

from .sessions import end_all_sessions, end_other_sessions


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """Changing one's password ends every other session of the person (a stolen session too)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        end_other_sessions(self.request, reason="password_changed")
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A password reset through the e-mail link ends every session of the person."""

    def form_valid(self, form):
        response = super().form_valid(form)
        end_all_sessions(form.user, reason="password_changed", request=self.request)
        return response


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=100, help_text=_("Waarvoor is de token?"))
    days = forms.IntegerField(
        label=_("Geldig (dagen)"),
        min_value=1,
        max_value=settings.API_TOKEN_MAX_DAYS,
        initial=settings.API_TOKEN_DAYS,
    )


def api_tokens(request):
    """The user's own API tokens: make one (its secret is shown on this response only, never
    stored), see when each expires and was last used, revoke one."""
    new_secret = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, new_secret = issue_token(
            request.user,
            name=form.cleaned_data["name"],
            days=form.cleaned_data["days"],
            request=request,
        )
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    response = render(
        request,
        "registration/api_tokens.html",
        {"form": form, "tokens": tokens, "new_secret": new_secret},
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def revoke_api_token(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if revoke_token(token, by=request.user, request=request):
        messages.success(request, _("De token “%(name)s” is ingetrokken.") % {"name": token.name})
    return redirect("api_tokens")
