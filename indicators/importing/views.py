"""Screens of the spreadsheet import: template download, upload, preview, apply and discard.

Only the submission's own supplier staff import, and only while it is concept or
teruggestuurd; a preview (ImportJob) is seen and applied only by whoever uploaded it.
The work is done in :mod:`indicators.importing`.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from indicators.models import ImportJob, ImportStatus
from indicators.submissions.views import (
    get_visible_submission,
    not_editable_message,
    submission_context,
    submission_role_required,
)
from indicators.workflow import is_supplier_of
from organisations.access import Access

from .cells import FileProblem
from .forms import UploadForm
from .template import CONTENT_TYPES, render_template, template_filename
from .upload import ImportRefused, apply_job, discard_job, is_stale, start_preview

TEMPLATE_FORMATS = [
    ("xlsx", "Excel (.xlsx)"),
    ("ods", "OpenDocument (.ods)"),
    ("csv", "CSV (.csv)"),
]


@submission_role_required
def import_template(request, pk, fmt):
    """The submission's template with its current figures (anyone who sees the submission)."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    submission = get_visible_submission(request, pk)
    response = HttpResponse(render_template(submission, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{template_filename(submission, fmt)}"'
    return response


def only_suppliers(request, submission):
    """A redirect with an explanation for anyone but the submission's own supplier staff."""
    if is_supplier_of(Access.for_user(request.user), submission):
        return None
    messages.error(
        request,
        _("Alleen medewerkers van %(organisation)s kunnen cijfers importeren.")
        % {"organisation": submission.uitvoerder.name},
    )
    return redirect("indicators:submission_detail", pk=submission.pk)


@submission_role_required
@require_http_methods(["GET", "POST"])
def import_upload(request, pk):
    submission = get_visible_submission(request, pk)
    if refused := only_suppliers(request, submission):
        return refused
    form = UploadForm()
    if request.method == "POST":
        if not submission.is_editable:
            messages.error(request, not_editable_message(submission))
            return redirect("indicators:import_upload", pk=submission.pk)
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = start_preview(submission, request.user, form.cleaned_data["bestand"])
            except FileProblem as exc:
                form.add_error("bestand", str(exc))
            else:
                return redirect("indicators:import_preview", pk=job.pk)
    context = submission_context(
        request,
        submission,
        form=form,
        formats=TEMPLATE_FORMATS,
        recent=ImportJob.objects.filter(submission=submission, user=request.user)[:5],
        notice=None if submission.is_editable else not_editable_message(submission),
        tab="importeren",
    )
    return render(request, "indicators/import/upload.html", context)


def get_own_job(request, pk):
    """The user's own import of a submission they (still) supply; anything else is a 404."""
    job = get_object_or_404(
        ImportJob.objects.filter(user=request.user, submission__isnull=False), pk=pk
    )
    submission = get_visible_submission(request, job.submission_id)
    if not is_supplier_of(Access.for_user(request.user), submission):
        raise Http404
    job.submission = submission
    return job, submission


# The preview page lists at most this many problems, changes and unchanged figures each (the
# counts are always complete); a file of 50.000 rows stays a page a browser can show.
PREVIEW_ROWS = 500


@submission_role_required
def import_preview(request, pk):
    job, submission = get_own_job(request, pk)
    summary = job.summary
    if job.is_reading or "counts" not in summary:
        # Still in the worker's queue, or refused while reading: the page refreshes itself.
        return render(
            request,
            "indicators/import/reading.html",
            submission_context(request, submission, job=job, summary=summary, tab="importeren"),
        )
    is_preview = job.status == ImportStatus.PREVIEW
    stale = is_preview and is_stale(job)
    blocked = summary["counts"]["geblokkeerd"] > 0
    shown = {
        name: summary.get(name, [])[:PREVIEW_ROWS] for name in ("problems", "changes", "unchanged")
    }
    hidden = {name: len(summary.get(name, [])) - len(rows) for name, rows in shown.items()}
    context = submission_context(
        request,
        submission,
        job=job,
        summary=summary,
        shown=shown,
        hidden=hidden,
        counts=summary["counts"],
        is_preview=is_preview,
        stale=stale,
        blocked=blocked,
        can_apply=is_preview and submission.is_editable and not stale and not blocked,
        notice=None if submission.is_editable else not_editable_message(submission),
        tab="importeren",
    )
    return render(request, "indicators/import/preview.html", context)


@require_POST
@submission_role_required
def import_apply(request, pk):
    job, submission = get_own_job(request, pk)
    try:
        result = apply_job(job, request.user)
    except ImportRefused as exc:
        messages.error(request, str(exc))
        return redirect("indicators:import_preview", pk=job.pk)
    text = _("De import is verwerkt: %(created)d nieuw, %(updated)d gewijzigd.") % {
        "created": result.created,
        "updated": result.updated,
    }
    if result.errors:
        messages.warning(
            request,
            text
            + " "
            + _(
                "%(n)d cijfer(s) zijn nog niet juist; ze zijn bewaard zoals ze in het bestand "
                "stonden. Verbeter ze voordat u indient."
            )
            % {"n": len(result.errors)},
        )
    else:
        messages.success(request, text)
    return redirect("indicators:submission_edit", pk=submission.pk)


@require_POST
@submission_role_required
def import_discard(request, pk):
    job, submission = get_own_job(request, pk)
    if discard_job(job):
        messages.success(request, _("De import is verworpen; er is niets opgeslagen."))
    return redirect("indicators:import_upload", pk=submission.pk)
