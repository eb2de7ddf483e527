"""Quality screens: completeness per period and the checks over all submissions of a period.

Both start from ``Submission.objects.visible_to``: a beleidsmedewerker sees the submissions about
their gemeenten, a beheerder all of them, a supplier (completeness only) its own.
"""

from contextlib import suppress
from functools import wraps

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from indicators.models import Period, Submission
from indicators.submissions.views import shown_findings
from organisations.access import Access

from .completeness import period_completeness, totals
from .rules import check_period


def quality_access(*, suppliers: bool):
    """Beleid and beheerders always; suppliers only where ``suppliers``; anyone else gets a 404."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            access = Access.for_user(request.user)
            if not (
                access.is_beleid or access.is_beheerder or (suppliers and access.is_leverancier)
            ):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class PeriodChoiceForm(forms.Form):
    """Choose one of the periods with visible submissions (2018H1, 2018S1 and 2018h1 all work)."""

    periode = forms.ChoiceField(label=_("Periode"), required=False)

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {p.identifier: p for p in periods}
        self.fields["periode"].choices = [(p.identifier, p.label) for p in periods]

    def full_clean(self):
        # Normalise the spelling before the choice is validated.
        if self.is_bound and self.data.get("periode"):
            data = self.data.copy()
            with suppress(ValidationError):  # unknown text stays, and is refused as a choice
                data["periode"] = Period.canonical_identifier(
                    *Period.parse_identifier(data["periode"])
                )
            self.data = data
        super().full_clean()

    @property
    def period(self) -> Period | None:
        """The chosen period, or else the most recent one."""
        chosen = self.is_valid() and self.cleaned_data.get("periode")
        if chosen:
            return self.periods[chosen]
        return next(iter(self.periods.values()), None)


def period_form(request, submissions) -> PeriodChoiceForm:
    periods = list(
        Period.objects.filter(pk__in=submissions.values("period_id")).order_by("-start", "type")
    )
    data = request.GET if "periode" in request.GET else None
    form = PeriodChoiceForm(data, periods=periods)
    if form.period is not None and not form.is_bound:
        form.initial["periode"] = form.period.identifier
    return form


@quality_access(suppliers=True)
def volledigheid(request):
    visible = Submission.objects.visible_to(request.user)
    form = period_form(request, visible)
    period = form.period
    rows = period_completeness(request.user, period) if period else []
    return render(
        request,
        "indicators/kwaliteit/volledigheid.html",
        {
            "form": form,
            "period": period,
            "rows": rows,
            "totals": totals(rows),
            "tab": "volledigheid",
        },
    )


@quality_access(suppliers=False)
def controle(request):
    visible = Submission.objects.visible_to(request.user)
    form = period_form(request, visible)
    period = form.period
    checks = check_period(period, visible) if period else []
    for check in checks:
        check.shown = shown_findings(check.findings)
    return render(
        request,
        "indicators/kwaliteit/controle.html",
        {
            "form": form,
            "period": period,
            "checks": checks,
            "errors": sum(c.errors for c in checks),
            "warnings": sum(c.warnings for c in checks),
            "with_findings": sum(1 for c in checks if c.findings),
            "tab": "controle",
        },
    )
