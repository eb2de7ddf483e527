"""The report profile of a gemeente: what its reports show (:mod:`reports.profile`).

Edited by the gemeente's beleidsmedewerkers (and beheerders) on one page, audited; the next
generation of a concept report follows it (its content, and so its fingerprint, changes).
"""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core import audit
from indicators.models import Indicator, Thema
from organisations.access import Access
from organisations.models import Organisation

from .profile import ReportProfile
from .views import beleid_required
from .workflow import can_manage_gemeente


class ReportProfileForm(forms.ModelForm):
    class Meta:
        model = ReportProfile
        fields = ["charts", "compare_gemeenten", "themas", "indicators", "uitvoerders"]
        widgets = {
            "charts": forms.RadioSelect,
            "themas": forms.CheckboxSelectMultiple,
            "indicators": forms.SelectMultiple(attrs={"size": 12}),
            "uitvoerders": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themas"].queryset = Thema.objects.order_by("order", "name")
        self.fields["indicators"].queryset = Indicator.objects.select_related("thema").order_by(
            "thema__order", "soort", "order", "name"
        )
        self.fields["uitvoerders"].queryset = Organisation.objects.uitvoerders().order_by("name")


@beleid_required
def report_profile(request, gemeente_pk):
    gemeente = get_object_or_404(Organisation.objects.gemeenten(), pk=gemeente_pk)
    if not can_manage_gemeente(Access.for_user(request.user), gemeente.pk):
        raise Http404
    profile = ReportProfile.objects.filter(gemeente=gemeente).first() or ReportProfile(
        gemeente=gemeente
    )
    form = ReportProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            saved.updated_by = request.user
            saved.save()
            form.save_m2m()
            audit.record(
                "rapportprofiel.changed",
                request=request,
                obj=saved,
                changed=sorted(form.changed_data),
            )
        messages.success(
            request,
            _(
                "Het rapportprofiel is opgeslagen; het geldt voor de volgende rapportage die u maakt."
            ),
        )
        return redirect("reports:profile", gemeente.pk)
    return render(request, "reports/profile_edit.html", {"form": form, "gemeente": gemeente})
