"""Web screens for the figures of a gemeente (/cijfers/).

- the overview: per thema the indicators with their approved figures, totals over doelgroepen, the
  regional total, computed indicators with their formula in words, targets and the trend proposal,
  with a small form for the beleidsmedewerker to confirm or overrule the trend;
- the distribution of an indicator over the gemeenten of a regio: each cell as a share of its
  column, with the regional total.

Views parse input, call :mod:`indicators.engine` / :mod:`indicators.targets` and render. Who sees
which gemeente is decided by ``engine.gemeenten_visible_to``; anything else is a 404.
"""

import re
from contextlib import suppress
from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from indicators.engine import (
    compute_period,
    figure_table,
    gemeenten_visible_to,
    overview,
    shares,
    uitvoerders_visible_for,
)
from indicators.models import Indicator, Oordeel, Period, SubmissionStatus
from indicators.overview.judgement import JudgementError, record_judgement
from indicators.quality.validation import format_value
from organisations.access import Access
from organisations.models import Doelgroep, Organisation

ROW_PREFIX = re.compile(r"^rij-\d+-(\d+|totaal)$")


def cijfers_role_required(view):
    """Beleid, suppliers and beheerders look at figures; for anyone else the pages do not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        access = Access.for_user(request.user)
        if not (access.is_leverancier or access.is_beleid or access.is_beheerder):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


class PeriodField(forms.ModelChoiceField):
    """A period by its code; 2018S1 and 2018h1 mean 2018H1."""

    def to_python(self, value):
        if value not in self.empty_values:
            with suppress(ValidationError):  # unknown text: the field says it is not a choice
                value = Period.canonical_identifier(*Period.parse_identifier(str(value)))
        return super().to_python(value)


def period_field(**kwargs):
    return PeriodField(
        queryset=Period.objects.order_by("-start", "type"), to_field_name="identifier", **kwargs
    )


class SelectionForm(forms.Form):
    """Which gemeente and period to show, and what to compare with (via GET)."""

    gemeente = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        to_field_name="code",
        label=gettext_lazy("Gemeente"),
        empty_label=None,
    )
    periode = period_field(label=gettext_lazy("Periode"), empty_label=None)
    basis = period_field(
        label=gettext_lazy("Vergelijken met"),
        required=False,
        empty_label=gettext_lazy("de vorige periode"),
    )

    # The thema shown (its code, or "alle"; empty: the first), chosen in the thema menu and kept
    # when another gemeente or period is chosen: one thema is a page that renders in time.
    thema = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten.order_by("name")

    def query(self, thema: str | None = None) -> dict:
        data = self.cleaned_data
        query = {"gemeente": data["gemeente"].code, "periode": data["periode"].identifier}
        if data.get("basis"):
            query["basis"] = data["basis"].identifier
        thema = data.get("thema") if thema is None else thema
        if thema:
            query["thema"] = thema
        return query

    @property
    def chosen_thema(self) -> str | None:
        """What :func:`indicators.engine.overview` takes: None for every thema."""
        asked = self.cleaned_data.get("thema") or ""
        return None if asked == ALL_THEMAS else asked


class JudgementForm(forms.Form):
    indicator = forms.IntegerField(widget=forms.HiddenInput)
    doelgroep = forms.IntegerField(widget=forms.HiddenInput, required=False)
    oordeel = forms.ChoiceField(label=gettext_lazy("Oordeel"), choices=Oordeel.choices)
    motivering = forms.CharField(
        label=gettext_lazy("Motivering"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Verplicht als u afwijkt van het voorstel."),
    )


def latest_period_with_figures():
    approved = Period.objects.filter(submissions__status=SubmissionStatus.GOEDGEKEURD)
    return (approved.order_by("-end", "-type").first()) or Period.objects.order_by("-end").first()


def selection_data(request, gemeenten, source=None):
    """The GET parameters, with the first visible gemeente and the latest period as defaults."""
    data = (source if source is not None else request.GET).copy()
    if not data.get("gemeente"):
        first = gemeenten.order_by("name").first()
        if first is not None:
            data["gemeente"] = first.code
    if not data.get("periode"):
        latest = latest_period_with_figures()
        if latest is not None:
            data["periode"] = latest.identifier
    return data


ALL_ROWS = "alle"
ALL_THEMAS = "alle"


def attach_forms(result, bound_prefix=None, bound_form=None, asked=""):
    """Give the judgeable row that is being judged (``?beoordelen=<row>``, or every row with
    ``?beoordelen=alle``) its form: initially the judgement recorded (or the proposal). The other
    rows get a link to it: 1.200 forms made the page seconds of template rendering."""
    if not result.can_judge:
        return
    for row in result.rows:
        if not row.is_judgeable:
            continue
        if row.anchor == bound_prefix:
            row.form = bound_form
            continue
        if asked not in (ALL_ROWS, row.anchor):
            continue
        judgement = row.judgement
        row.form = JudgementForm(
            prefix=row.anchor,
            initial={
                "indicator": row.indicator.pk,
                "doelgroep": row.doelgroep.pk if row.doelgroep else None,
                "oordeel": judgement.judgement if judgement else row.proposal,
                "motivering": judgement.reason if judgement else "",
            },
        )


def render_overview(request, form, result=None, status=200):
    context = {"form": form, "overview": result, "all_themas": ALL_THEMAS}
    if result is not None:
        chosen = result.chosen_thema.code if result.chosen_thema else ALL_THEMAS
        url = reverse("cijfers:overview") + "?"
        context["selection"] = form.query(chosen)  # carried along by each judgement form
        context["judge_url"] = url + urlencode(form.query(chosen))
        context["thema_url"] = url + urlencode(form.query(""))
    return render(request, "indicators/cijfers/overview.html", context, status=status)


@require_GET
@cijfers_role_required
def overview_view(request):
    gemeenten = gemeenten_visible_to(request.user)
    form = SelectionForm(selection_data(request, gemeenten), gemeenten=gemeenten)
    if not form.is_valid():
        return render_overview(request, form)
    data = form.cleaned_data
    result = overview(
        data["gemeente"], data["periode"], request.user, data.get("basis"), thema=form.chosen_thema
    )
    attach_forms(result, asked=request.GET.get("beoordelen", ""))
    return render_overview(request, form, result)


@require_POST
@cijfers_role_required
def judgement_view(request):
    """Confirm or overrule one trend proposal, then back to the overview at that row."""
    gemeenten = gemeenten_visible_to(request.user)
    selection = SelectionForm(request.POST, gemeenten=gemeenten)
    prefix = request.POST.get("rij", "")
    if not selection.is_valid() or not ROW_PREFIX.match(prefix):
        raise Http404
    data = selection.cleaned_data
    gemeente, period, base = data["gemeente"], data["periode"], data.get("basis")
    form = JudgementForm(request.POST, prefix=prefix)
    if form.is_valid():
        indicator = get_object_or_404(Indicator, pk=form.cleaned_data["indicator"])
        doelgroep = None
        if form.cleaned_data["doelgroep"]:
            doelgroep = get_object_or_404(Doelgroep, pk=form.cleaned_data["doelgroep"])
        try:
            oordeel = record_judgement(
                request.user,
                indicator=indicator,
                gemeente=gemeente,
                period=period,
                judgement=form.cleaned_data["oordeel"],
                reason=form.cleaned_data["motivering"],
                doelgroep=doelgroep,
                base_period=base,
            )
        except JudgementError as error:
            if error.field in form.fields:
                form.add_error(error.field, str(error))
            else:  # e.g. an ontwikkelindicator: its row has no form to show the error in
                messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Trendoordeel vastgelegd voor %(indicator)s: %(oordeel)s.")
                % {"indicator": indicator.name, "oordeel": oordeel.get_judgement_display()},
            )
            url = reverse("cijfers:overview") + "?" + urlencode(selection.query())
            return redirect(f"{url}#{prefix}")
    result = overview(gemeente, period, request.user, base, thema=selection.chosen_thema)
    attach_forms(result, prefix, form)
    return render_overview(request, selection, result, status=400)


# --- distribution over the gemeenten of a regio ------------------------------------------------------


def regios_visible_to(user):
    """Regio's with at least one gemeente the user may see."""
    return (
        Organisation.objects.regios()
        .filter(gemeenten__in=gemeenten_visible_to(user).values("pk"))
        .distinct()
        .order_by("name")
    )


class DistributionForm(forms.Form):
    regio = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        to_field_name="code",
        label=gettext_lazy("Regio"),
        empty_label=None,
    )
    indicator = forms.ModelChoiceField(
        queryset=Indicator.objects.none(),
        to_field_name="code",
        label=gettext_lazy("Indicator"),
        empty_label=None,
    )
    periode = period_field(label=gettext_lazy("Periode"), empty_label=None)
    totaal = forms.ModelChoiceField(
        queryset=Doelgroep.objects.none(),
        to_field_name="code",
        required=False,
        label=gettext_lazy("Aandeel van"),
        empty_label=gettext_lazy("alle doelgroepen samen"),
        help_text=gettext_lazy(
            "Bijvoorbeeld de werkzoekenden, om hun verdeling naar arbeidsvermogen te zien."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regio"].queryset = regios_visible_to(user)
        indicators = Indicator.objects.select_related("uitvoerder").order_by("name")
        access = Access.for_user(user)
        if not (access.is_beheerder or access.is_beleid):
            indicators = indicators.filter(uitvoerder_id__in=sorted(access.uitvoerder_ids))
        self.fields["indicator"].queryset = indicators
        self.fields["totaal"].queryset = Doelgroep.objects.select_related("uitvoerder")


@require_GET
@cijfers_role_required
def distribution_view(request):
    data = request.GET.copy()
    if not data.get("periode"):
        latest = latest_period_with_figures()
        if latest is not None:
            data["periode"] = latest.identifier
    form = DistributionForm(data if request.GET else None, user=request.user)
    context = {"form": form}
    if request.GET and form.is_valid():
        context.update(distribution(request.user, **form.cleaned_data))
    return render(request, "indicators/cijfers/verdeling.html", context)


def distribution(user, regio, indicator, periode, totaal=None):
    """The figures of one indicator per doelgroep × gemeente of a regio, and their shares."""
    members = list(regio.gemeenten.order_by("name"))
    visible = set(
        gemeenten_visible_to(user)
        .filter(pk__in=[g.pk for g in members])
        .values_list("pk", flat=True)
    )
    # Only gemeenten the user may see get a column; the regional total covers them all.
    gemeenten = [g for g in members if g.pk in visible]
    if not gemeenten:
        raise Http404
    uitvoerders = uitvoerders_visible_for(user, gemeenten[0])
    if uitvoerders is not None and indicator.uitvoerder_id not in uitvoerders:
        raise Http404
    figures = compute_period(periode, gemeenten)
    doelgroep_ids = {
        dg
        for (ind, area, dg) in figures.values
        if ind == indicator.pk and dg is not None and area in {regio.pk, *visible}
    }
    if totaal is not None:
        doelgroep_ids.discard(totaal.pk)
    doelgroepen = list(
        Doelgroep.objects.filter(pk__in=sorted(doelgroep_ids)).order_by("order", "name", "pk")
    )
    table = figure_table(figures, indicator, doelgroepen, gemeenten, regio, totaal)
    percentages = shares(table)

    def texts(values, as_share=False):
        if as_share:
            return [format_share(v) for v in values]
        return [format_value(v, indicator) if v is not None else "" for v in values]

    rows = [
        {
            "doelgroep": dg,
            "values": texts(table.cells[r]),
            "shares": texts(percentages.cells[r], True),
            "total": texts([table.row_totals[r]])[0],
            "total_share": format_share(percentages.row_totals[r]),
        }
        for r, dg in enumerate(doelgroepen)
    ]
    return {
        "regio": regio,
        "indicator": indicator,
        "period": periode,
        "totaal": totaal,
        "gemeenten": gemeenten,
        "rows": rows,
        "column_totals": texts(table.column_totals),
        "total": texts([table.total])[0],
    }


def format_share(value) -> str:
    if value is None:
        return ""
    return f"{value:.1f}".replace(".", ",") + " %"
