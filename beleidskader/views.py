"""Pages of the beleidskader: the list, a kader with its doelenboom and adoption, its voortgang
with the duiding, and begroot vs realisatie per programma and product line. Thin: the rules are
in ``workflow``, ``services``, ``voortgang`` and ``lines``."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from budgets import figures
from budgets.forms import OverviewForm
from core.views import action_context, take_action
from organisations.access import Access

from . import begroting, lines, services, tree, voortgang
from .forms import DecisionForm, DuidingForm, ReactieForm, YearForm
from .models import Beleidskader, Doel
from .workflow import WORKFLOW, KaderError, can_manage

SUCCESS_MESSAGES = {
    "inspraak": gettext_lazy("Het beleidskader is vrijgegeven voor inspraak."),
    "collegebesluit": gettext_lazy("Het collegebesluit is vastgelegd."),
    "vaststellen": gettext_lazy("De vaststelling door de raad is vastgelegd."),
    "terugnemen": gettext_lazy("Het beleidskader staat weer op concept."),
}


def beleid_required(view):
    """Beleidsmedewerkers, the griffie and beheerders; for suppliers these pages do not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        access = Access.for_user(request.user)
        if not (access.is_beleid or access.is_griffie or access.is_beheerder):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def visible_kader(request, pk) -> Beleidskader:
    queryset = Beleidskader.objects.visible_to(request.user).select_related("owner")
    return get_object_or_404(queryset, pk=pk)


def tree_of(kader: Beleidskader) -> list[tuple[Doel, int]]:
    """The nodes in document order with their depth (one query)."""
    nodes = list(kader.doelen.order_by("order", "pk"))
    children: dict[int | None, list[Doel]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    ids = {node.pk for node in nodes}
    result = []

    def walk(parent_id, depth):
        for node in children.get(parent_id, []):
            result.append((node, depth))
            walk(node.pk, depth + 1)

    # Top: no parent, or (in an addendum) a parent in the kader it adds to.
    for node in nodes:
        if node.parent_id is None or node.parent_id not in ids:
            result.append((node, 0))
            walk(node.pk, 1)
    return result


@beleid_required
def kader_list(request):
    kaders = Beleidskader.objects.visible_to(request.user).select_related("owner", "addendum_of")
    context = {"kaders": kaders, "may_create": tree.owner_choices(request.user).exists()}
    return render(request, "beleidskader/list.html", context)


def _render_detail(request, kader, failed_action=None, failed_form=None, status=200, form=None):
    access = Access.for_user(request.user)
    context = {
        "kader": kader,
        "tree": tree_of(kader),
        "events": kader.events.select_related("actor").order_by("at", "pk"),
        "reacties": kader.reacties.select_related("recorded_by"),
        "may_manage": can_manage(access, kader),
        "reactie_form": form or ReactieForm(),
        "addenda": kader.addenda.all(),
        "begroting": begroting.of_kader(kader),
        "editable": can_manage(access, kader) and not kader.is_frozen,
        "decision_form": DecisionForm(
            status=kader.status,
            initial={
                "collegebesluit_date": kader.collegebesluit_date,
                "raadsbesluit_date": kader.raadsbesluit_date,
                "raadsbesluit": kader.raadsbesluit,
            },
        ),
        "may_decide": can_manage(access, kader)
        or (kader.status == "collegebesluit" and kader.owner_id in access.griffie_gemeente_ids),
        **action_context(WORKFLOW, kader, request.user, failed_action, failed_form),
    }
    return render(request, "beleidskader/detail.html", context, status=status)


@beleid_required
def kader_detail(request, pk):
    return _render_detail(request, visible_kader(request, pk))


@beleid_required
@require_POST
def kader_action(request, pk, action):
    kader = visible_kader(request, pk)
    outcome = take_action(request, WORKFLOW, kader, action, _render_detail, SUCCESS_MESSAGES)
    if outcome is True or outcome is False:
        return redirect("beleidskader:detail", pk=kader.pk)
    return outcome


@beleid_required
@require_POST
def reactie_add(request, pk):
    kader = visible_kader(request, pk)
    form = ReactieForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, kader, form=form, status=400)
    try:
        services.record_reactie(kader, request.user, **form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except KaderError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("De reactie is vastgelegd."))
    return redirect("beleidskader:detail", pk=kader.pk)


@beleid_required
@require_POST
def new_version(request, pk):
    kader = visible_kader(request, pk)
    try:
        copy = services.new_version(kader, request.user)
    except PermissionDenied as exc:
        raise Http404 from exc
    except KaderError as exc:
        messages.error(request, str(exc))
        return redirect("beleidskader:detail", pk=kader.pk)
    messages.success(request, _("Er is een nieuwe versie in concept gemaakt."))
    return redirect("beleidskader:detail", pk=copy.pk)


def default_year(kader: Beleidskader) -> int:
    this_year = timezone.now().year
    last = kader.year_to or this_year
    return max(kader.year_from, min(this_year, last))


@beleid_required
def kader_voortgang(request, pk):
    kader = visible_kader(request, pk)
    form = YearForm(request.GET or None)
    year = form.cleaned_data["jaar"] if form.is_valid() and form.cleaned_data["jaar"] else None
    year = year or default_year(kader)
    result = voortgang.compute(kader, year)
    access = Access.for_user(request.user)
    context = {
        "kader": kader,
        "year": year,
        "form": form,
        "voortgang": result,
        "may_manage": can_manage(access, kader),
        "counts": {status: result.count(status) for status in voortgang.STATUS_LABELS},
    }
    return render(request, "beleidskader/voortgang.html", context)


@beleid_required
@require_POST
def duiding_save(request, pk, doel_pk):
    kader = visible_kader(request, pk)
    doel = get_object_or_404(Doel, pk=doel_pk, kader__in=[kader, *kader.addenda.all()])
    form = DuidingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een jaar."))
        return redirect("beleidskader:voortgang", pk=kader.pk)
    year = form.cleaned_data["jaar"]
    try:
        services.save_duiding(doel, year, request.user, form.cleaned_data["duiding"])
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("De duiding is opgeslagen."))
    url = reverse("beleidskader:voortgang", args=[kader.pk])
    return redirect(f"{url}?jaar={year}#doel-{doel.pk}")


@beleid_required
def line_overview(request):
    form = OverviewForm(request.GET or None, user=request.user)
    choices = form.values()
    organisation = choices["organisatie"]
    context = {"form": form, "choices": choices, "eenheid": choices["eenheid"]}
    if organisation is not None:
        if choices["jaar"] is None:
            years = figures.years_with_versions(figures.owners_of(organisation))
            choices["jaar"] = years[-1] if years else timezone.now().year
        context["overview"] = lines.overview(organisation, choices["jaar"], choices["peildatum"])
    return render(request, "beleidskader/lines.html", context)
