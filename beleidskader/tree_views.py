"""Pages to enter a beleidskader on the website (plain forms, no JavaScript needed): a new kader,
its own fields, its nodes, a target's indicators and streefwaarden, a prestatie's budget lines,
the decision dates and an addendum. Thin: the rules are in :mod:`beleidskader.tree`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators.models import Streefwaarde
from organisations.access import Access

from . import services, tree
from .forms import (
    BudgetForm,
    DecisionForm,
    IndicatorLinkForm,
    KaderForm,
    NodeForm,
    StreefwaardeForm,
)
from .models import Doel, DoelIndicator, KaderFrozen, PrestatieBudget
from .views import beleid_required, visible_kader
from .workflow import KaderError, can_manage


def _editable_kader(request, pk):
    """The kader, if the user may change it; a frozen one sends the user back with the reason."""
    kader = visible_kader(request, pk)
    if not can_manage(Access.for_user(request.user), kader):
        raise Http404
    return kader


def _refused(request, kader, exc):
    messages.error(request, " ".join(exc.messages) if hasattr(exc, "messages") else str(exc))
    return redirect("beleidskader:detail", pk=kader.pk)


def _form_errors(form) -> str:
    return "; ".join(
        f"{form.fields[name].label}: {' '.join(errors)}"
        if name in form.fields
        else " ".join(errors)
        for name, errors in form.errors.items()
    )


def _errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@beleid_required
def kader_create(request):
    if not tree.owner_choices(request.user).exists():
        raise Http404
    form = KaderForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            kader = tree.create_kader(request.user, **form.cleaned_data)
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Het beleidskader is gemaakt. Voeg nu de onderdelen toe."))
            return redirect("beleidskader:detail", pk=kader.pk)
    status = 400 if form.errors else 200
    return render(request, "beleidskader/kader_form.html", {"form": form}, status=status)


@beleid_required
def kader_edit(request, pk):
    kader = _editable_kader(request, pk)
    if kader.is_frozen:
        return _refused(request, kader, KaderFrozen(_("Dit kader is niet meer in concept.")))
    form = KaderForm(request.POST or None, instance=kader, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "owner"}
        try:
            tree.update_kader(kader, request.user, **data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Het beleidskader is opgeslagen."))
            return redirect("beleidskader:detail", pk=kader.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "kader": kader}
    return render(request, "beleidskader/kader_form.html", context, status=status)


@beleid_required
@require_POST
def decision_dates(request, pk):
    kader = visible_kader(request, pk)
    form = DecisionForm(request.POST, status=kader.status)
    if not form.is_valid():
        messages.error(request, _("Controleer de datum."))
        return redirect("beleidskader:detail", pk=kader.pk)
    try:
        tree.record_decision_dates(kader, request.user, **form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("De datum van het besluit is opgeslagen."))
    return redirect("beleidskader:detail", pk=kader.pk)


@beleid_required
@require_POST
def addendum_create(request, pk):
    kader = visible_kader(request, pk)
    name = request.POST.get("name", "").strip()[:200]
    if not name:
        messages.error(request, _("Geef het addendum een naam."))
        return redirect("beleidskader:detail", pk=kader.pk)
    try:
        addendum = services.addendum(kader, request.user, name)
    except PermissionDenied as exc:
        raise Http404 from exc
    except KaderError as exc:
        return _refused(request, kader, exc)
    messages.success(request, _("Het addendum is gemaakt; voeg de targets toe."))
    return redirect("beleidskader:detail", pk=addendum.pk)


def _node_of(kader, doel_pk) -> Doel:
    return get_object_or_404(Doel, pk=doel_pk, kader=kader)


@beleid_required
def node_create(request, pk):
    kader = _editable_kader(request, pk)
    if kader.is_frozen:
        return _refused(request, kader, KaderFrozen(_("Dit kader is niet meer in concept.")))
    initial = {}
    parent_pk = request.GET.get("onder", "")
    if parent_pk.isdigit():
        parent = tree.parent_choices(kader).filter(pk=int(parent_pk)).first()
        if parent is not None:
            initial["parent"] = parent
            initial["niveau"] = CHILD_NIVEAU.get(parent.niveau, "")
    form = NodeForm(request.POST or None, kader=kader, initial=initial)
    return _save_node(request, kader, form, None)


CHILD_NIVEAU = {"visie": "doelstelling", "doelstelling": "target", "target": "prestatie"}


@beleid_required
def node_edit(request, pk, doel_pk):
    kader = _editable_kader(request, pk)
    doel = _node_of(kader, doel_pk)
    if kader.is_frozen and request.method == "POST":
        return _refused(request, kader, KaderFrozen(_("Dit kader is niet meer in concept.")))
    form = NodeForm(request.POST or None, kader=kader, instance=doel)
    return _save_node(request, kader, form, doel)


def _save_node(request, kader, form, doel):
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        parent = data.pop("parent")
        try:
            saved = tree.save_node(kader, request.user, doel, parent=parent, **data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Het onderdeel is opgeslagen."))
            return redirect("beleidskader:node_edit", pk=kader.pk, doel_pk=saved.pk)
    return _render_node(request, kader, form, doel, status=400 if form.errors else 200)


def _render_node(request, kader, form, doel, status=200, link_form=None, budget_form=None):
    links = []
    if doel is not None:
        links = list(doel.indicators.select_related("indicator", "doelgroep"))
        targets = Streefwaarde.objects.filter(
            scope=kader.owner, indicator_id__in=[link.indicator_id for link in links]
        )
        per_link = {}
        for target in targets:
            per_link.setdefault((target.indicator_id, target.doelgroep_id), []).append(target)
        links = [
            (
                link,
                per_link.get((link.indicator_id, link.doelgroep_id), []),
                StreefwaardeForm(prefix=f"sw{link.pk}"),
            )
            for link in links
        ]
    context = {
        "kader": kader,
        "doel": doel,
        "form": form,
        "links": links,
        "budgets": list(
            doel.budgets.select_related(
                "programma", "product", "taakveld", "uitvoerder", "uitvraag"
            )
            if doel
            else []
        ),
        "link_form": link_form or IndicatorLinkForm(),
        "budget_form": budget_form or BudgetForm(kader=kader),
        "editable": not kader.is_frozen,
    }
    return render(request, "beleidskader/node_form.html", context, status=status)


@beleid_required
@require_POST
def node_delete(request, pk, doel_pk):
    kader = _editable_kader(request, pk)
    doel = _node_of(kader, doel_pk)
    try:
        tree.delete_node(doel, request.user)
    except ValidationError as exc:
        return _refused(request, kader, exc)
    messages.success(request, _("Het onderdeel en alles eronder is verwijderd."))
    return redirect("beleidskader:detail", pk=kader.pk)


@beleid_required
@require_POST
def indicator_add(request, pk, doel_pk):
    kader = _editable_kader(request, pk)
    doel = _node_of(kader, doel_pk)
    form = IndicatorLinkForm(request.POST)
    if form.is_valid():
        try:
            tree.add_indicator(doel, request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("De indicator is gekoppeld."))
            return redirect("beleidskader:node_edit", pk=kader.pk, doel_pk=doel.pk)
    node_form = NodeForm(kader=kader, instance=doel)
    return _render_node(request, kader, node_form, doel, status=400, link_form=form)


@beleid_required
@require_POST
def indicator_remove(request, pk, doel_pk, link_pk):
    kader = _editable_kader(request, pk)
    link = get_object_or_404(DoelIndicator, pk=link_pk, doel=_node_of(kader, doel_pk))
    try:
        tree.remove_indicator(link, request.user)
    except ValidationError as exc:
        return _refused(request, kader, exc)
    messages.success(request, _("De indicator is ontkoppeld."))
    return redirect("beleidskader:node_edit", pk=kader.pk, doel_pk=doel_pk)


@beleid_required
@require_POST
def streefwaarde_set(request, pk, doel_pk, link_pk):
    kader = _editable_kader(request, pk)
    link = get_object_or_404(DoelIndicator, pk=link_pk, doel=_node_of(kader, doel_pk))
    form = StreefwaardeForm(request.POST, prefix=f"sw{link.pk}")
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    else:
        try:
            tree.set_streefwaarde(link, request.user, **form.cleaned_data)
        except ValidationError as exc:
            return _refused(request, kader, exc)
        messages.success(request, _("De streefwaarde is opgeslagen."))
    return redirect("beleidskader:node_edit", pk=kader.pk, doel_pk=doel_pk)


@beleid_required
@require_POST
def budget_add(request, pk, doel_pk):
    kader = _editable_kader(request, pk)
    doel = _node_of(kader, doel_pk)
    form = BudgetForm(request.POST, kader=kader)
    if form.is_valid():
        try:
            tree.add_budget(doel, request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Het budget is toegevoegd."))
            return redirect("beleidskader:node_edit", pk=kader.pk, doel_pk=doel.pk)
    node_form = NodeForm(kader=kader, instance=doel)
    return _render_node(request, kader, node_form, doel, status=400, budget_form=form)


@beleid_required
@require_POST
def budget_remove(request, pk, doel_pk, budget_pk):
    kader = _editable_kader(request, pk)
    budget = get_object_or_404(PrestatieBudget, pk=budget_pk, doel=_node_of(kader, doel_pk))
    try:
        tree.remove_budget(budget, request.user)
    except ValidationError as exc:
        return _refused(request, kader, exc)
    messages.success(request, _("Het budget is verwijderd."))
    return redirect("beleidskader:node_edit", pk=kader.pk, doel_pk=doel_pk)
