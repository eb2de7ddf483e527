"""Web screens for aanleveringen: list, detail/review, the supplier's grid, actions, history.

Views only parse input, call a service or :func:`indicators.workflow.transition` and render.
Who sees a submission is decided by ``Submission.objects.visible_to``; anything else is a 404.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.views import action_context, take_action
from indicators.models import Submission
from indicators.quality.rules import Finding, check_submission, facts_from_grid, findings_by_cell
from indicators.quality.validation import format_value
from indicators.review.grid import review_context
from indicators.review.questions import open_threads, threads, threads_by_cell
from indicators.workflow import WORKFLOW, WorkflowError, is_supplier_of, transition
from organisations.access import Access

from .audit import audit_trail
from .forms import SubmissionFilterForm, SubmissionValuesForm, cell_prefix, row_label
from .grid_totals import totals_from_grid
from .services import (
    NotEditable,
    save_values,
    submission_grid,
    submission_problems,
)

PAGE_SIZE = 25


def submission_role_required(view):
    """Only supplier staff, beleidsmedewerkers and beheerders work with aanleveringen; for anyone
    else (the griffie) these pages do not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        access = Access.for_user(request.user)
        if not (access.is_leverancier or access.is_beleid or access.is_beheerder):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def get_visible_submission(request, pk) -> Submission:
    queryset = (
        Submission.objects.visible_to(request.user)
        .with_related()
        .prefetch_related("uitvraag__areas")
    )
    return get_object_or_404(queryset, pk=pk)


@submission_role_required
def submission_list(request):
    visible = Submission.objects.visible_to(request.user)
    form = SubmissionFilterForm(request.GET or None, submissions=visible)
    submissions = form.filter(visible).with_related()
    page = Paginator(submissions, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "indicators/submission_list.html",
        {
            "form": form,
            "page": page,
            "submissions": page.object_list,
            # Ingediende rows get a box to approve several at once (review.views.bulk_approve).
            "bulk": Access.for_user(request.user).is_beleid,
        },
    )


@dataclass
class ShownCell:
    """A figure as the review screen shows it: beside the previous period, with the change."""

    area: object
    value: object  # Value | None
    text: str
    previous_text: str
    change: Decimal | None
    key: tuple | None = None
    thread: object = None  # review.questions.Thread on this cell
    changed: object = None  # review.changes.CellChange since the last review

    @property
    def prefix(self) -> str:
        return cell_prefix(self.key)

    @property
    def change_text(self) -> str:
        if self.change is None:
            return ""
        sign = "+" if self.change > 0 else ""
        return f"{sign}{self.change}".replace(".", ",") + " %"


@dataclass
class ShownRow:
    regel: object
    label: str
    cells: list[ShownCell]
    total: object = None  # grid_totals.TotalCell in the total column over gemeenten
    extra_rows: list = field(default_factory=list)  # totals over doelgroepen after this row
    formula_text: str = ""


def shown_grid(submission, with_previous: bool, grid=None):
    """Rows to show read-only, with the totals and computed figures (see grid_totals); returns
    (areas, rows, totals)."""
    areas, grid = grid or submission_grid(submission, with_previous=with_previous)
    totals = totals_from_grid(submission, areas, grid, with_previous=with_previous)
    rows = []
    for index, grid_row in enumerate(grid):
        indicator = grid_row.regel.indicator
        cells = []
        for cell in grid_row.cells:
            computed = totals.computed_cells.get(cell.key)
            if computed is not None and not (cell.value and cell.value.raw):
                # A computed indicator: the value the engine makes from this submission.
                cells.append(
                    ShownCell(
                        cell.area,
                        None,
                        computed.text,
                        computed.previous_text,
                        computed.change,
                        key=cell.key,
                    )
                )
                continue
            cells.append(
                ShownCell(
                    area=cell.area,
                    value=cell.value,
                    text=format_value(cell.value.value, indicator) if cell.value else "",
                    previous_text=format_value(cell.previous, indicator),
                    change=cell.change,
                    key=cell.key,
                )
            )
        key = (grid_row.regel.indicator_id, grid_row.regel.doelgroep_id)
        rows.append(
            ShownRow(
                regel=grid_row.regel,
                label=row_label(grid_row.regel),
                cells=cells,
                total=totals.column.get(key),
                extra_rows=totals.after.get(index, []),
                formula_text=totals.formulas.get(grid_row.regel.indicator_id, ""),
            )
        )
    return areas, rows, totals


def submission_context(request, submission, **extra):
    access = Access.for_user(request.user)
    return {
        "submission": submission,
        "is_supplier": is_supplier_of(access, submission),
        **extra,
    }


def render_detail(request, submission, failed_action=None, failed_form=None, status=200):
    grid = submission_grid(submission, with_previous=True)
    areas, rows, totals = shown_grid(submission, with_previous=True, grid=grid)
    previous_period = submission.period.previous()
    findings = check_submission(
        submission, facts_from_grid(submission, *grid, previous_period, with_previous=True)
    )
    only_changed = request.GET.get("gewijzigd") == "1"
    context = submission_context(
        request,
        submission,
        **review_context(request.user, submission, rows, only_changed),
        areas=areas,
        totals=totals,
        previous_period=previous_period,
        **action_context(WORKFLOW, submission, request.user, failed_action, failed_form),
        findings=shown_findings(findings),
        tab="overzicht",
    )
    return render(request, "indicators/submission_detail.html", context, status=status)


@submission_role_required
def submission_detail(request, pk):
    return render_detail(request, get_visible_submission(request, pk))


@submission_role_required
@require_http_methods(["GET", "POST"])
def submission_edit(request, pk):
    submission = get_visible_submission(request, pk)
    access = Access.for_user(request.user)
    if not is_supplier_of(access, submission):
        messages.error(
            request,
            _("Alleen medewerkers van %(organisation)s kunnen deze cijfers invullen.")
            % {"organisation": submission.uitvoerder.name},
        )
        return redirect("indicators:submission_detail", pk=submission.pk)
    problems = None
    if request.method == "POST":
        if not submission.is_editable:
            messages.error(request, not_editable_message(submission))
            return redirect("indicators:submission_edit", pk=submission.pk)
        areas, grid = submission_grid(submission)
        posted = SubmissionValuesForm(areas, grid, data=request.POST)
        try:
            result = save_values(submission, request.user, posted.cell_inputs())
        except NotEditable as exc:
            messages.error(request, str(exc))
            return redirect("indicators:submission_edit", pk=submission.pk)
        if request.POST.get("actie") != "indienen":
            report_saved(request, result)
            return redirect("indicators:submission_edit", pk=submission.pk)
        findings = check_submission(submission)
        # The findings are listed on their own; the summary only names what is missing or invalid.
        problems = submission_problems(submission, findings=[])
        blocking = sum(1 for finding in findings if finding.blocks_submit)
        if not problems and not blocking:
            try:
                transition(submission, "indienen", request.user)
            except WorkflowError as exc:
                messages.error(request, str(exc))
                return redirect("indicators:submission_edit", pk=submission.pk)
            messages.success(request, str(SUCCESS_MESSAGES["indienen"]))
            return redirect("indicators:submission_detail", pk=submission.pk)
    context = submission_context(request, submission, problems=problems, tab="invullen")
    if submission.is_editable:
        areas, grid = submission_grid(submission, with_previous=True)
        previous_period = submission.period.previous()
        form = SubmissionValuesForm(areas, grid)
        form.add_totals(totals_from_grid(submission, areas, grid))
        findings = check_submission(
            submission,
            facts_from_grid(submission, areas, grid, previous_period, with_previous=True),
        )
        annotate_cells(form, findings)
        found = threads(submission)
        form.add_threads(threads_by_cell(found))
        context.update(
            areas=areas,
            form=form,
            findings=shown_findings(findings),
            previous_period=previous_period,
            open_threads=open_threads(found),
            threads=found,
        )
        if problems is not None:
            context.update(submit_refused=True, blocking=blocking)
    else:
        context["areas"], context["rows"], context["totals"] = shown_grid(
            submission, with_previous=False
        )
        context["notice"] = not_editable_message(submission)
    return render(request, "indicators/submission_edit.html", context)


@dataclass
class ShownFinding:
    """A finding with the id of the first cell it concerns (to jump to it in the grid)."""

    finding: Finding
    anchor: str


def shown_findings(findings: list[Finding]) -> list[ShownFinding]:
    return [
        ShownFinding(f, f"{cell_prefix(f.cells[0])}-waarde" if f.cells else "") for f in findings
    ]


def annotate_cells(form: SubmissionValuesForm, findings: list[Finding]):
    """Give each grid cell the findings about it, with ids for aria-describedby."""
    per_cell = findings_by_cell(findings)
    for cell in form.cells:
        cell.findings = [
            (f"{cell.prefix}-controle-{n}", finding)
            for n, finding in enumerate(per_cell.get(cell.key, []), start=1)
        ]
        cell.findings_ids = " ".join(finding_id for finding_id, _f in cell.findings)
        cell.has_error_finding = any(finding.is_error for _id, finding in cell.findings)


def not_editable_message(submission) -> str:
    return _(
        "Deze aanlevering heeft status '%(status)s'. De cijfers kunnen alleen worden gewijzigd "
        "zolang de aanlevering concept of teruggestuurd is."
    ) % {"status": submission.get_status_display()}


def report_saved(request, result):
    for problem in sorted(set(result.not_stored.values())):
        messages.error(request, _("Een cel is niet opgeslagen: %(problem)s") % {"problem": problem})
    if result.errors:
        messages.warning(
            request,
            _(
                "Het concept is opgeslagen. %(n)d cijfer(s) zijn nog niet juist; ze zijn bewaard "
                "zoals u ze invulde. Verbeter ze voordat u indient."
            )
            % {"n": len(result.errors)},
        )
    else:
        messages.success(request, _("Het concept is opgeslagen."))


SUCCESS_MESSAGES = {
    "indienen": gettext_lazy("De aanlevering is ingediend ter beoordeling."),
    "intrekken": gettext_lazy("De aanlevering is ingetrokken en staat weer op concept."),
    "goedkeuren": gettext_lazy("De aanlevering is goedgekeurd. De cijfers liggen nu vast."),
    "terugsturen": gettext_lazy("De aanlevering is teruggestuurd. De leverancier ziet uw reden."),
    "heropenen": gettext_lazy("De aanlevering is heropend en staat weer op concept."),
}


@require_POST
@submission_role_required
def submission_action(request, pk, action):
    submission = get_visible_submission(request, pk)
    done = take_action(request, WORKFLOW, submission, action, render_detail, SUCCESS_MESSAGES)
    if isinstance(done, HttpResponse):
        return done
    if not done and action == "indienen" and submission.is_editable:
        return redirect("indicators:submission_edit", pk=submission.pk)
    return redirect("indicators:submission_detail", pk=submission.pk)


@submission_role_required
def submission_history(request, pk):
    submission = get_visible_submission(request, pk)
    context = submission_context(
        request, submission, entries=audit_trail(submission), tab="geschiedenis"
    )
    return render(request, "indicators/submission_history.html", context)
