from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render

from .access import Access
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


def home(request):
    """Start page: what this person has to do now, by role."""
    access = Access.for_user(request.user)
    if access.only_griffie:
        return redirect("reports:griffie")
    context = {}
    if access.is_leverancier or access.is_beleid or access.is_beheerder:
        from indicators.models import Submission, SubmissionStatus

        submissions = Submission.objects.visible_to(request.user).with_related()
        if access.is_leverancier:
            context["open_submissions"] = submissions.filter(
                uitvraag__uitvoerder_id__in=access.uitvoerder_ids,
                status__in=[SubmissionStatus.CONCEPT, SubmissionStatus.TERUGGESTUURD],
            )
        if access.is_beleid or access.is_beheerder:
            context["to_review"] = submissions.filter(status=SubmissionStatus.INGEDIEND)
    if access.is_beleid or access.is_beheerder:
        from reports.models import Report

        context["reports"] = Report.objects.visible_to(request.user).select_related(
            "gemeente", "period"
        )[:10]
    return render(request, "home.html", context)
