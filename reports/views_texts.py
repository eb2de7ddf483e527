"""Screens for the narrative of a report and its HTML preview.

The texts page edits every text of the report at once (Inleiding, Deel 1 per thema, Deel 2 per
supplier); a report whose texts were never saved starts from a proposal (:mod:`reports.texts`).
The preview renders the PDF's own template from the same content, so what the beleidsmedewerker
reads in the browser is what the council gets.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import texts
from .content import collect
from .forms import NarrativeForm
from .models import ReportStatus
from .views import beleid_required, get_managed_report
from .workflow import ReportError


@beleid_required
def report_narrative(request, pk):
    report = get_managed_report(request, pk)
    if report.status != ReportStatus.CONCEPT:
        messages.info(
            request,
            _("De teksten van een aangeboden of vastgestelde rapportage veranderen niet meer."),
        )
        return redirect("reports:detail", report.pk)
    themas = texts.themas()
    slots = texts.supplier_slots(report)
    proposal = None
    if request.method == "POST":
        form = NarrativeForm(
            request.POST, themas=themas, slots=slots, initial_narrative=texts.saved(report)
        )
        if form.is_valid():
            try:
                changed = texts.save(report, request.user, form.narrative())
            except ReportError as exc:
                messages.error(request, str(exc))
                return redirect("reports:detail", report.pk)
            if changed:
                messages.success(
                    request,
                    _("De teksten zijn opgeslagen. Gewijzigd: %(parts)s.")
                    % {"parts": ", ".join(changed)},
                )
            else:
                messages.info(request, _("De teksten zijn opgeslagen; er was niets gewijzigd."))
            return redirect("reports:texts_edit", report.pk)
    else:
        if texts.is_new(report):
            proposal = texts.proposal(report, slots)
        form = NarrativeForm(
            themas=themas,
            slots=slots,
            initial_narrative=proposal.narrative if proposal else texts.current(report),
        )
    return render(
        request,
        "reports/texts_edit.html",
        {"report": report, "form": form, "proposal": proposal},
        status=400 if request.method == "POST" else 200,
    )


@beleid_required
@require_GET
@never_cache
def report_preview(request, pk):
    """The report as HTML, from the current approved figures and saved texts."""
    # Imported here: the charts need matplotlib, which other pages never load.
    from .pdf import render_html

    report = get_managed_report(request, pk)
    content = collect(report, timezone.now().replace(microsecond=0))
    return HttpResponse(render_html(content, preview=True, csp_nonce=str(request.csp_nonce)))
