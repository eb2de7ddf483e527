"""Web screens for budgets: the overview (begroot vs realisatie), the multi-year series, the list
of versions, a new version, the grid, the workflow actions, the history and the import.

Views parse input, call a service or :func:`budgets.workflow.transition` and render. Who sees a
version is decided by ``BudgetVersion.objects.visible_to``; anything else is a 404.
"""

from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.views import action_context, take_action
from indicators.importing.cells import FileProblem
from organisations.access import Access

from . import charts, figures
from .audit import audit_trail
from .forms import (
    BudgetGridForm,
    OverviewForm,
    SeriesForm,
    VersionFilterForm,
    VersionForm,
    VersionMetaForm,
)
from .importing import (
    CONTENT_TYPES,
    STATUS_LABELS,
    ImportRefused,
    apply_import,
    create_preview,
    discard_import,
    render_template,
    template_filename,
)
from .models import BudgetImport, BudgetVersion, ImportStatus
from .services import (
    InvalidLines,
    NotEditable,
    VersionRefused,
    create_version,
    not_editable_message,
    save_lines,
    unit_costs,
    update_version,
    validate_lines,
)
from .workflow import WORKFLOW, WorkflowError, is_opsteller, transition

PAGE_SIZE = 25


def budget_role_required(view):
    """Supplier staff, beleidsmedewerkers and beheerders work with budgets; for anyone else
    (the griffie) these pages do not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        access = Access.for_user(request.user)
        if not (access.is_leverancier or access.is_beleid or access.is_beheerder):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def get_visible_version(request, pk) -> BudgetVersion:
    queryset = BudgetVersion.objects.visible_to(request.user).with_related()
    return get_object_or_404(queryset, pk=pk)


# ── overview and series ──────────────────────────────────────────────────────────────────────
@budget_role_required
def overview(request):
    form = OverviewForm(request.GET or None, user=request.user)
    choices = form.values()
    organisation = choices["organisatie"]
    context = {"form": form, "choices": choices}
    if organisation is not None:
        if choices["jaar"] is None:
            years = figures.years_with_versions(figures.owners_of(organisation))
            choices["jaar"] = years[-1] if years else timezone.now().year
        result = figures.overview(
            organisation,
            choices["jaar"],
            choices["peildatum"],
            sociaal_domein_only=not choices["alles"],
        )
        context.update(
            overview=result,
            chart=charts.overview_chart(result, choices["eenheid"]),
            unit_costs=unit_costs(result),
            eenheid=choices["eenheid"],
        )
    return render(request, "budgets/overview.html", context)


@budget_role_required
def series(request):
    form = SeriesForm(request.GET or None, user=request.user)
    choices = form.values()
    organisation = choices["organisatie"]
    context = {"form": form, "choices": choices}
    if organisation is not None:
        if not choices["years"]:
            known = figures.years_with_versions(figures.owners_of(organisation))
            last = known[-1] if known else timezone.now().year
            choices["years"] = list(range(last - 4, last + 1))
        result = figures.series(
            organisation, choices["years"], sociaal_domein_only=not choices["alles"]
        )
        context.update(
            series=result,
            chart=charts.series_chart(result, choices["eenheid"], choices["bedrag"]),
            eenheid=choices["eenheid"],
            bedrag=choices["bedrag"],
        )
    return render(request, "budgets/series.html", context)


# ── versions ─────────────────────────────────────────────────────────────────────────────────
@budget_role_required
def version_list(request):
    visible = BudgetVersion.objects.visible_to(request.user)
    form = VersionFilterForm(request.GET or None, versions=visible)
    versions = form.filter(visible).with_related()
    page = Paginator(versions, PAGE_SIZE).get_page(request.GET.get("pagina"))
    access = Access.for_user(request.user)
    return render(
        request,
        "budgets/version_list.html",
        {
            "form": form,
            "page": page,
            "versions": page.object_list,
            "may_create": bool(access.beleid_gemeente_ids or access.uitvoerder_ids),
        },
    )


@budget_role_required
@require_http_methods(["GET", "POST"])
def version_create(request):
    form = VersionForm(request.POST or None, user=request.user)
    if not form.fields["owner"].queryset.exists():
        messages.error(request, _("U stelt voor geen enkele organisatie een begroting op."))
        return redirect("budgets:version_list")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = create_version(
                data["owner"],
                data["year"],
                data["soort"],
                request.user,
                name=data["name"],
                datum=data["datum"],
                toelichting=data["toelichting"],
            )
        except VersionRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De versie is aangemaakt. Vul nu de bedragen in."))
            return redirect("budgets:version_edit", pk=version.pk)
    return render(request, "budgets/version_form.html", {"form": form})


def version_context(request, version, **extra):
    return {
        "version": version,
        "is_opsteller": is_opsteller(Access.for_user(request.user), version),
        **extra,
    }


def render_detail(request, version, failed_action=None, failed_form=None, status=200):
    lines = version.lines.select_related("taakveld", "programma", "product", "thema", "uitvoerder")
    lines = list(lines)
    total = figures.Amounts()
    for line in lines:
        total += figures.Amounts(line.lasten, line.baten)
    context = version_context(
        request,
        version,
        lines=lines,
        total=total,
        **action_context(WORKFLOW, version, request.user, failed_action, failed_form),
        tab="overzicht",
    )
    return render(request, "budgets/version_detail.html", context, status=status)


@budget_role_required
def version_detail(request, pk):
    return render_detail(request, get_visible_version(request, pk))


@budget_role_required
@require_http_methods(["GET", "POST"])
def version_edit(request, pk):
    version = get_visible_version(request, pk)
    if not is_opsteller(Access.for_user(request.user), version):
        messages.error(
            request, _("Alleen de opsteller van deze begroting kan de bedragen invullen.")
        )
        return redirect("budgets:version_detail", pk=version.pk)
    if not version.is_editable:
        messages.error(request, not_editable_message(version))
        return redirect("budgets:version_detail", pk=version.pk)
    show_all = request.GET.get("alle") == "1" or request.POST.get("alle") == "1"
    initial = {"name": version.name, "datum": version.datum, "toelichting": version.toelichting}
    meta = VersionMetaForm(request.POST or None, initial=initial, prefix="versie")
    meta.fields["datum"].label = version.date_label
    grid = BudgetGridForm(version, data=request.POST or None, show_all=show_all)
    if request.method == "POST" and meta.is_valid():
        # Valid amounts are saved even when others are wrong (as in the figures grid); the
        # wrong ones stay on the page with their error and the version is not submitted.
        inputs = grid.line_inputs()
        inputs = grid.refuse(inputs, validate_lines(version, inputs))
        try:
            with transaction.atomic():
                update_version(version, request.user, **meta.cleaned_data)
                result = save_lines(version, request.user, inputs)
        except (NotEditable, VersionRefused, InvalidLines) as exc:
            messages.error(request, str(exc))
        else:
            if grid.errors:
                messages.warning(
                    request,
                    _(
                        "De juiste bedragen zijn opgeslagen (%(n)d regel(s) gewijzigd). "
                        "%(wrong)d bedrag(en) kloppen nog niet en zijn niet opgeslagen; ze "
                        "staan hieronder met de fout."
                    )
                    % {"n": result.changed, "wrong": len(grid.errors)},
                )
                context = version_context(
                    request, version, meta=meta, grid=grid, show_all=show_all, tab="invullen"
                )
                return render(request, "budgets/version_edit.html", context, status=400)
            messages.success(
                request,
                _("De bedragen zijn opgeslagen (%(n)d regel(s) gewijzigd).")
                % {"n": result.changed},
            )
            if request.POST.get("actie") == "indienen":
                try:
                    transition(version, "indienen", request.user)
                except WorkflowError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, str(SUCCESS_MESSAGES["indienen"]))
                    return redirect("budgets:version_detail", pk=version.pk)
            url = redirect("budgets:version_edit", pk=version.pk).url
            return redirect(url + ("?alle=1" if show_all else ""))
    context = version_context(
        request, version, meta=meta, grid=grid, show_all=show_all, tab="invullen"
    )
    return render(request, "budgets/version_edit.html", context, status=400 if grid.errors else 200)


SUCCESS_MESSAGES = {
    "indienen": gettext_lazy("De versie is ingediend ter beoordeling."),
    "intrekken": gettext_lazy("De versie is ingetrokken en staat weer op concept."),
    "goedkeuren": gettext_lazy("De versie is goedgekeurd. De bedragen liggen nu vast."),
    "terugsturen": gettext_lazy("De versie is teruggestuurd. De opsteller ziet uw reden."),
    "heropenen": gettext_lazy("De versie is heropend en staat weer op concept."),
}


@require_POST
@budget_role_required
def version_action(request, pk, action):
    version = get_visible_version(request, pk)
    done = take_action(request, WORKFLOW, version, action, render_detail, SUCCESS_MESSAGES, 400)
    if isinstance(done, HttpResponse):
        return done
    return redirect("budgets:version_detail", pk=version.pk)


@budget_role_required
def version_history(request, pk):
    version = get_visible_version(request, pk)
    context = version_context(request, version, entries=audit_trail(version), tab="geschiedenis")
    return render(request, "budgets/version_history.html", context)


# ── import ───────────────────────────────────────────────────────────────────────────────────
@budget_role_required
def template_download(request, pk, file_format):
    version = get_visible_version(request, pk)
    if file_format not in CONTENT_TYPES:
        raise Http404
    response = HttpResponse(
        render_template(version, file_format), content_type=CONTENT_TYPES[file_format]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{template_filename(version, file_format)}"'
    )
    return response


@budget_role_required
@require_http_methods(["GET", "POST"])
def import_upload(request, pk):
    version = get_visible_version(request, pk)
    if not is_opsteller(Access.for_user(request.user), version):
        raise Http404
    error = ""
    if request.method == "POST":
        uploaded = request.FILES.get("bestand")
        if uploaded is None:
            error = _("Kies een bestand.")
        else:
            try:
                job = create_preview(version, request.user, uploaded)
            except (FileProblem, NotEditable) as exc:
                error = str(exc)
            else:
                return redirect("budgets:import_preview", pk=version.pk, import_pk=job.pk)
    context = version_context(request, version, error=error, tab="importeren")
    return render(request, "budgets/import_upload.html", context, status=400 if error else 200)


@budget_role_required
@require_http_methods(["GET", "POST"])
def import_preview(request, pk, import_pk):
    version = get_visible_version(request, pk)
    job = get_object_or_404(BudgetImport, pk=import_pk, version=version, user=request.user)
    if request.method == "POST":
        if request.POST.get("actie") == "verwerken":
            try:
                result = apply_import(job, request.user)
            except ImportRefused as exc:
                messages.error(request, str(exc))
                return redirect("budgets:import_preview", pk=version.pk, import_pk=job.pk)
            messages.success(
                request,
                _("Het bestand is verwerkt: %(n)d regel(s) gewijzigd.") % {"n": result.changed},
            )
            return redirect("budgets:version_detail", pk=version.pk)
        discard_import(job)
        messages.success(request, _("De import is verworpen; er is niets gewijzigd."))
        return redirect("budgets:import_upload", pk=version.pk)
    if job.status in (ImportStatus.QUEUED, ImportStatus.READING) or "refused" in job.summary:
        # Still in a worker's queue, or refused (or mislukt) while reading: its own page.
        context = version_context(request, version, job=job, tab="importeren")
        return render(request, "budgets/import_reading.html", context)
    rows = [{**row, "status_label": STATUS_LABELS[row["status"]]} for row in job.rows]
    context = version_context(
        request,
        version,
        job=job,
        rows=rows,
        summary=[(STATUS_LABELS[k], n) for k, n in job.summary.items() if n],
        can_apply=job.status == ImportStatus.PREVIEW and not job.summary.get("fout"),
        tab="importeren",
    )
    return render(request, "budgets/import_preview.html", context)
