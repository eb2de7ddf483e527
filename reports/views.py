"""Web screens for reports: list and start, detail with duiding and workflow, generation progress,
downloads and the griffie's overview.

Views only parse input, call a service or :func:`reports.workflow.transition` and render. Who sees
a report is decided by ``Report.objects.visible_to``; anything else is a 404.
"""

import logging
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.views import kept_from_reviewing
from organisations.access import Access

from . import services
from .forms import DECISION_FORMS, DECISION_INPUTS, NewReportForm, ReasonForm, ReportTextsForm
from .models import Report, ReportStatus
from .snapshot import changes_since_snapshot, snapshot_of
from .texts import saved_sections
from .workflow import (
    ACTIONS,
    WORKFLOW,
    ReportError,
    available_actions,
    can_manage,
    can_record_adoption,
    college_kept,
    event_label,
    transition,
)

logger = logging.getLogger(__name__)

PAGE_SIZE = 25


def beleid_required(view):
    """Report preparation is for beleidsmedewerkers and beheerders; the griffie has its own page,
    and for anyone else these pages do not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        access = Access.for_user(request.user)
        if not (access.is_beleid or access.is_beheerder):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def get_managed_report(request, pk) -> Report:
    report = get_object_or_404(
        Report.objects.visible_to(request.user).select_related(
            "gemeente", "period", "created_by", "vastgesteld_by", "replaces"
        ),
        pk=pk,
    )
    if not can_manage(Access.for_user(request.user), report):
        raise Http404
    return report


def report_list(request):
    access = Access.for_user(request.user)
    if not (access.is_beleid or access.is_beheerder):
        if access.is_griffie:
            return redirect("reports:griffie")
        raise Http404
    form = NewReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_report(
                form.cleaned_data["gemeente"], form.cleaned_data["period"], request.user
            )
        except ReportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("De rapportage is aangemaakt. Schrijf de duiding en maak de PDF.")
            )
            return redirect("reports:detail", report.pk)
    reports = (
        Report.objects.visible_to(request.user)
        .select_related("gemeente", "period")
        .order_by("-period__start", "gemeente__name", "-version")
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "reports/report_list.html",
        {"form": form, "page": page, "reports": page.object_list},
        status=400 if request.method == "POST" else 200,
    )


def _reason_form(data=None, prefix="terugnemen", **kwargs):
    return ReasonForm(
        data,
        prefix=prefix,
        label=_("Reden van terugnemen (verplicht)"),
        help_text=_("De reden wordt vastgelegd in de geschiedenis."),
        **kwargs,
    )


def _detail_context(request, report, texts_form=None, reason_forms=None):
    reason_forms = reason_forms or {}
    actions = []
    college_four_eyes = False
    for action in available_actions(report, request.user):
        form = None
        if action.name == "collegebesluit" and college_kept(report, request.user):
            college_four_eyes = True
            continue
        if action.name in DECISION_FORMS:
            form = reason_forms.get(action.name) or DECISION_FORMS[action.name](prefix=action.name)
        elif action.needs_reason:
            form = reason_forms.get(action.name) or _reason_form(prefix=action.name)
        actions.append((action, form))
    if report.status == ReportStatus.CONCEPT and texts_form is None:
        texts_form = ReportTextsForm(report=report)
    new_version_form = None
    successor = Report.objects.filter(replaces=report).only("pk", "version").first()
    snapshot = snapshot_of(report)
    # Approved figures that changed since the files were made (None: no snapshot to compare).
    changes = changes_since_snapshot(report, snapshot) if snapshot else None
    if report.is_frozen and successor is None:
        new_version_form = reason_forms.get("nieuwe_versie") or ReasonForm(
            prefix="nieuwe_versie",
            label=_("Reden voor een nieuwe versie (verplicht)"),
            help_text=_(
                "De vastgestelde versie blijft ongewijzigd bewaard; de nieuwe versie begint als "
                "concept met dezelfde duiding."
            ),
            initial={"reden": changes.summary()} if changes else None,
        )
    events = [
        (event, event_label(event.action))
        for event in report.events.select_related("actor").order_by("-at", "-pk")
    ]
    versions = (
        Report.objects.filter(gemeente_id=report.gemeente_id, period_id=report.period_id)
        .exclude(pk=report.pk)
        .select_related("replaces")
        .order_by("-version")
    )
    texts = [] if texts_form else saved_sections(report)
    return {
        "report": report,
        "actions": actions,
        "texts_form": texts_form,
        "texts": texts,
        "can_generate": report.status == ReportStatus.CONCEPT and not report.is_generating,
        "new_version_form": new_version_form,
        "successor": successor,
        "events": events,
        "versions": versions,
        "snapshot": snapshot,
        "changes": changes,
        # Why this beleidsmedewerker has no button for the raad's adoption: they offered the
        # report or wrote texts of it (four-eyes); or, when so configured, for the collegebesluit.
        "adopts_own_texts": kept_from_reviewing(WORKFLOW, report, request.user, actions),
        "college_four_eyes": college_four_eyes,
    }


@beleid_required
def report_detail(request, pk):
    report = get_managed_report(request, pk)
    return render(request, "reports/report_detail.html", _detail_context(request, report))


@beleid_required
@require_POST
def report_texts(request, pk):
    report = get_managed_report(request, pk)
    form = ReportTextsForm(request.POST, report=report)
    if not form.is_valid():
        context = _detail_context(request, report, texts_form=form)
        return render(request, "reports/report_detail.html", context, status=400)
    try:
        changed = services.save_texts(
            report, request.user, form.cleaned_data["introduction"], form.texts()
        )
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        if changed:
            messages.success(request, _("De duiding is opgeslagen."))
        else:
            messages.info(request, _("Er was niets gewijzigd."))
    return redirect("reports:detail", report.pk)


@beleid_required
@require_POST
def report_generate(request, pk):
    report = get_managed_report(request, pk)
    try:
        services.request_generation(report, request.user)
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("De rapportage wordt gemaakt. Dit duurt meestal minder dan een minuut.")
        )
    return redirect("reports:detail", report.pk)


# What each step's confirmation page says will happen (the steps that cannot simply be undone).
CONFIRMATIONS = {
    "aanbieden": {
        "title": gettext_lazy("Ter vaststelling aanbieden bevestigen"),
        "button": gettext_lazy("Ja, ter vaststelling aanbieden"),
        "effects": [
            gettext_lazy(
                "De PDF wordt opnieuw opgemaakt met ‘TER VASTSTELLING’ op elke pagina; de cijfers, "
                "teksten en bestanden liggen vanaf nu vast."
            ),
            gettext_lazy(
                "De beleidsmedewerkers van de gemeente krijgen bericht. Daarna legt u het "
                "collegebesluit vast; tot die tijd kunt u de rapportage terugnemen."
            ),
        ],
    },
    "collegebesluit": {
        "title": gettext_lazy("Collegebesluit vastleggen bevestigen"),
        "button": gettext_lazy("Ja, collegebesluit vastleggen"),
        "effects": [
            gettext_lazy(
                "U legt vast dat het college van B&W heeft besloten de rapportage aan de "
                "gemeenteraad aan te bieden. Dit besluit komt op de voorkant van de vastgestelde "
                "PDF en in de Excel- en CSV-bestanden."
            ),
            gettext_lazy(
                "De griffie en de beleidsmedewerkers krijgen bericht. Daarna legt de griffie of "
                "een beleidsmedewerker de vaststelling door de raad vast."
            ),
        ],
    },
    "vaststellen": {
        "title": gettext_lazy("Vaststelling door de raad vastleggen bevestigen"),
        "button": gettext_lazy("Ja, vaststelling vastleggen"),
        "effects": [
            gettext_lazy(
                "De PDF wordt opnieuw opgemaakt met precies de cijfers en teksten die zijn "
                "aangeboden, met het collegebesluit en het raadsbesluit op de voorkant en het "
                "raadsbesluit onderaan elke pagina. Het Excel- en het CSV-bestand krijgen "
                "dezelfde gegevens."
            ),
            gettext_lazy(
                "Daarna verandert de rapportage niet meer; een correctie kan alleen nog als "
                "nieuwe versie. De griffie krijgt bericht met het SHA-256-controlegetal en kan "
                "de PDF en de CSV downloaden."
            ),
        ],
    },
}


def _precheck(report, action: str, user) -> None:
    """What would refuse the step, before its confirmation page promises it (the transition
    checks all of it again under the lock)."""
    if (report.status, action) not in WORKFLOW.transitions:
        raise ReportError(
            _("'%(action)s' kan niet bij status '%(status)s'.")
            % {"action": ACTIONS[action].label, "status": report.get_status_display()}
        )
    if ACTIONS[action].review and WORKFLOW.is_own_work(report, user):
        raise ReportError(str(WORKFLOW.four_eyes))
    guard = WORKFLOW.guards.get(action)
    if guard is not None:
        guard(report, user)


def _decision_step(request, report, action: str, back_url: str, render_form):
    """A step posted from a page: validate its form, show the confirmation (a page, so it works
    without JavaScript) unless it was confirmed, then take it. Returns a response."""
    reason = ""
    inputs = {}
    form = None
    if action in DECISION_FORMS:
        form = DECISION_FORMS[action](request.POST, prefix=action)
        if not form.is_valid():
            return render_form(form)
        inputs[DECISION_INPUTS[action]] = form.besluit()
    elif ACTIONS[action].needs_reason:
        form = _reason_form(request.POST, prefix=action)
        if not form.is_valid():
            return render_form(form)
        reason = form.cleaned_data["reden"]
    if action in CONFIRMATIONS and not request.POST.get("bevestigd"):
        try:
            _precheck(report, action, request.user)
        except ReportError as exc:
            messages.error(request, str(exc))
            return redirect(back_url)
        besluit = next(iter(inputs.values()), None)
        return render(
            request,
            "reports/step_confirm.html",
            {
                "report": report,
                "action": ACTIONS[action],
                "form": form,
                "besluit": besluit,
                "besluit_line": besluit.describe(decided=action == "collegebesluit")
                if besluit
                else "",
                "college": report.college_description if action == "vaststellen" else "",
                "back_url": back_url,
                **CONFIRMATIONS[action],
            },
        )
    try:
        transition(report, action, request.user, reason=reason, **inputs)
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        report.refresh_from_db()
        messages.success(
            request,
            _("Gelukt: %(action)s. De status is nu '%(status)s'.")
            % {"action": ACTIONS[action].label, "status": report.get_status_display()},
        )
    return redirect(back_url)


@beleid_required
@require_POST
def report_action(request, pk, action):
    report = get_managed_report(request, pk)
    if action not in ACTIONS:
        raise Http404

    def render_form(form):
        context = _detail_context(request, report, reason_forms={action: form})
        return render(request, "reports/report_detail.html", context, status=400)

    back = reverse("reports:detail", args=[report.pk])
    return _decision_step(request, report, action, back, render_form)


def report_raadsbesluit(request, pk):
    """The griffie (or beleid) registers the raad's adoption of a report the college offered; the
    griffie sees no files here, only what the raad decided on."""
    report = get_object_or_404(
        Report.objects.select_related("gemeente", "period", "college_recorded_by"), pk=pk
    )
    access = Access.for_user(request.user)
    if report.status != ReportStatus.COLLEGEBESLUIT or not can_record_adoption(access, report):
        raise Http404
    back = (
        reverse("reports:detail", args=[report.pk])
        if can_manage(access, report)
        else reverse("reports:griffie")
    )

    def render_form(form, status=400):
        return render(
            request,
            "reports/raadsbesluit.html",
            {
                "report": report,
                "form": form,
                "back_url": back,
                "own_work": WORKFLOW.is_own_work(report, request.user),
            },
            status=status,
        )

    if request.method != "POST":
        return render_form(DECISION_FORMS["vaststellen"](prefix="vaststellen"), status=200)
    return _decision_step(request, report, "vaststellen", back, render_form)


@beleid_required
@require_POST
def report_new_version(request, pk):
    report = get_managed_report(request, pk)
    form = ReasonForm(
        request.POST,
        prefix="nieuwe_versie",
        label=_("Reden voor een nieuwe versie (verplicht)"),
    )
    if not form.is_valid():
        context = _detail_context(request, report, reason_forms={"nieuwe_versie": form})
        return render(request, "reports/report_detail.html", context, status=400)
    try:
        fresh = services.new_version(report, request.user, form.cleaned_data["reden"])
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect("reports:detail", report.pk)
    messages.success(
        request,
        _("Versie %(version)s is aangemaakt als concept. Versie %(old)s blijft vastgesteld.")
        % {"version": fresh.version, "old": report.version},
    )
    return redirect("reports:detail", fresh.pk)


@beleid_required
@require_GET
@never_cache
def report_progress(request, pk):
    report = get_managed_report(request, pk)
    return JsonResponse(
        {
            "generation_status": report.generation_status,
            "generation_status_display": str(report.get_generation_status_display()),
            "progress": report.progress,
            "message": report.progress_message,
            "error": report.generation_error,
            "finished": not report.is_generating,
        }
    )


@require_GET
def report_download(request, pk, kind):
    """Stream the PDF, XLSX or CSV. The griffie only reaches vastgestelde reports of its own gemeente
    (``visible_to``) and only their public files (``can_download``); everything else is a 404."""
    report = get_object_or_404(
        Report.objects.visible_to(request.user).select_related("gemeente", "period"), pk=pk
    )
    return services.file_response(report, kind, request.user)


@require_GET
def griffie(request):
    access = Access.for_user(request.user)
    if not (access.is_griffie or access.is_beheerder):
        raise Http404
    # Offered to the raad by the college: the griffie registers the raad's adoption (no files yet).
    awaiting = (
        Report.objects.filter(status=ReportStatus.COLLEGEBESLUIT)
        .select_related("gemeente", "period")
        .order_by("college_besluit_datum", "pk")
    )
    if not access.is_beheerder:
        awaiting = awaiting.filter(gemeente_id__in=access.griffie_gemeente_ids)
    return render(
        request,
        "reports/griffie.html",
        {
            "awaiting": awaiting,
            "years": services.griffie_overview(request.user),
            "disclosure_min": settings.DISCLOSURE_MIN_COUNT,
            "disclosure_max": settings.DISCLOSURE_MAX_COUNT,
        },
    )
