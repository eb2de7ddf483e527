from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import mfa_views, theme_views, views

urlpatterns = [
    path("huisstijl/<str:key>/stijl.css", theme_views.theme_css, name="theme_css"),
    path("huisstijl/<int:pk>/logo", theme_views.theme_logo, name="theme_logo"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("account/tokens/", views.api_tokens, name="api_tokens"),
    path("account/tokens/<int:pk>/intrekken/", views.revoke_api_token, name="api_token_revoke"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "wachtwoord-wijzigen/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "wachtwoord-wijzigen/klaar/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("inloggen/tweede-stap/", mfa_views.verify, name="mfa_verify"),
    path("tweestapsverificatie/", mfa_views.overview, name="mfa_overview"),
    path("tweestapsverificatie/instellen/", mfa_views.setup, name="mfa_setup"),
    path(
        "tweestapsverificatie/herstelcodes/",
        mfa_views.recovery_codes,
        name="mfa_recovery_codes",
    ),
    path("passkey/", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
