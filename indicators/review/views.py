"""Web screens of the review: a question on one cell and its thread, and approving several
aanleveringen at once. Thin: they parse input, call :mod:`.questions` or the aanlevering's
``transition()`` and render. Who sees a submission is ``Submission.objects.visible_to``."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import ReasonForm
from core.workflow import WorkflowError
from indicators.models import Submission, SubmissionStatus
from indicators.quality.validation import format_value
from indicators.submissions.forms import row_label
from indicators.submissions.services import submission_grid
from indicators.submissions.views import (
    get_visible_submission,
    submission_context,
    submission_role_required,
)
from indicators.workflow import WORKFLOW, is_reviewer_of, transition
from organisations.access import Access

from . import questions
from .cells import parse_cell
from .models import CellQuestion

QUESTION_DONE = {
    "stellen": gettext_lazy("Uw vraag is gesteld. De leverancier ziet hem bij de cel."),
    "beantwoorden": gettext_lazy("Uw antwoord is verstuurd. De beoordelaar ziet het bij de cel."),
    "sluiten": gettext_lazy("De vraag is gesloten."),
}


def _cell_of(submission, key):
    """The grid cell for ``key`` (with the previous period's value), or 404."""
    _areas, grid = submission_grid(submission, with_previous=True)
    for grid_row in grid:
        for cell in grid_row.cells:
            if cell.key == key:
                indicator = grid_row.regel.indicator
                return {
                    "label": f"{row_label(grid_row.regel)}, {cell.area.name}",
                    "value": cell.value,
                    "text": format_value(cell.value.value, indicator) if cell.value else "",
                    "previous_text": format_value(cell.previous, indicator),
                }
    raise Http404


@submission_role_required
@require_http_methods(["GET", "POST"])
def question_new(request, pk):
    submission = get_visible_submission(request, pk)
    key = parse_cell(request.GET.get("cel") or request.POST.get("cel") or "")
    if key is None:
        raise Http404
    cell = _cell_of(submission, key)
    form = ReasonForm(request.POST or None, required=True)
    if request.method == "POST" and form.is_valid():
        try:
            question = questions.ask(submission, key, request.user, form.cleaned_data["reden"])
        except WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, str(QUESTION_DONE["stellen"]))
            return redirect(
                reverse("indicators:submission_detail", args=[submission.pk])
                + f"#vraag-{question.pk}"
            )
    context = submission_context(
        request,
        submission,
        cell=cell,
        cel=request.GET.get("cel") or request.POST.get("cel"),
        form=form,
        may_ask=is_reviewer_of(Access.for_user(request.user), submission)
        and submission.status in questions.ASKING_STATUSES,
        tab="overzicht",
    )
    return render(request, "indicators/review/question_new.html", context)


def _thread_of(submission, question_pk) -> questions.Thread:
    for thread in questions.threads(submission):
        if thread.question.pk == question_pk:
            return thread
    raise Http404


@submission_role_required
def question_detail(request, pk, question_pk, failed=None, form=None, status=200):
    submission = get_visible_submission(request, pk)
    thread = _thread_of(submission, question_pk)
    offered = questions.QUESTIONS.available_actions(thread.question, request.user)
    forms = [
        (action, form if failed == action.name else ReasonForm(required=action.needs_reason))
        for action in offered
    ]
    context = submission_context(
        request,
        submission,
        thread=thread,
        cell=_cell_of(submission, thread.question.key),
        forms=forms,
        tab="overzicht",
    )
    return render(request, "indicators/review/question_detail.html", context, status=status)


@require_POST
@submission_role_required
def question_action(request, pk, question_pk, action):
    submission = get_visible_submission(request, pk)
    question = get_object_or_404(CellQuestion, pk=question_pk, submission=submission)
    spec = questions.QUESTIONS.actions.get(action)
    if spec is None:
        raise Http404
    form = ReasonForm(request.POST, required=spec.needs_reason)
    if not form.is_valid():
        return question_detail(request, pk, question_pk, action, form, status=400)
    try:
        questions.QUESTIONS.transition(
            question, action, request.user, reason=form.cleaned_data["reden"], via="web"
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("indicators:question_detail", pk=submission.pk, question_pk=question.pk)
    messages.success(request, str(QUESTION_DONE[action]))
    if action == "beantwoorden" and submission.is_editable:
        return redirect("indicators:submission_edit", pk=submission.pk)
    return redirect(
        reverse("indicators:submission_detail", args=[submission.pk]) + f"#vraag-{question.pk}"
    )


# ── approving several at once ─────────────────────────────────────────────────────────────────
@dataclass
class BulkItem:
    submission: Submission
    problem: str = ""  # why it may not be approved (before) or was not (after)
    done: bool = False


def _refusal(submission, user) -> str:
    """Why ``user`` may not approve ``submission`` now ('' when they may)."""
    if submission.status != SubmissionStatus.INGEDIEND:
        return _(
            "De status is '%(status)s'; alleen ingediende aanleveringen worden goedgekeurd."
        ) % {"status": submission.get_status_display()}
    if not WORKFLOW.may("goedkeuren", user, submission):
        return str(WORKFLOW.not_allowed)
    if WORKFLOW.is_own_work(submission, user):
        return str(WORKFLOW.four_eyes)
    return ""


@require_POST
@submission_role_required
def bulk_approve(request):
    """Step 1 (without ``bevestigd``): the chosen aanleveringen and whether each may be
    approved. Step 2: each approved through ``transition()`` (four-eyes and audit each); a
    refusal is reported and the others proceed."""
    ids = [int(i) for i in request.POST.getlist("aanlevering") if i.isdigit()][:200]
    chosen = list(
        Submission.objects.visible_to(request.user)
        .with_related()
        .prefetch_related("uitvraag__areas")
        .filter(pk__in=ids)
    )
    if not chosen:
        messages.error(request, _("Kies eerst een of meer aanleveringen om goed te keuren."))
        return redirect("indicators:submission_list")
    confirmed = request.POST.get("bevestigd") == "1"
    items = []
    for submission in chosen:
        item = BulkItem(submission, _refusal(submission, request.user))
        if confirmed and not item.problem:
            try:
                transition(submission, "goedkeuren", request.user, via="web")
            except WorkflowError as exc:
                item.problem = str(exc)
            else:
                item.done = True
        items.append(item)
    context = {
        "items": items,
        "confirmed": confirmed,
        "approvable": [i for i in items if not i.problem],
        "approved": [i for i in items if i.done],
        "refused": [i for i in items if i.problem],
    }
    return render(request, "indicators/review/bulk_approve.html", context)
