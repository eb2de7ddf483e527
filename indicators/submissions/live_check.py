"""The live check of the supplier's grid: ``static/js/live-check.js`` posts the grid as typed
(debounced) and shows, per cell, what saving would say (:func:`.services.typed_fields`)
and what the checks say (:func:`indicators.quality.rules.check_submission`: bounds, validatieregels,
the change against the previous period). Nothing is stored; without JavaScript the same
messages appear after saving."""

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from indicators.models import Value
from indicators.quality.rules import check_submission, facts_from_grid, findings_by_cell
from indicators.workflow import is_supplier_of
from organisations.access import Access

from .forms import SubmissionValuesForm
from .services import submission_grid, typed_fields
from .views import get_visible_submission, submission_role_required


@require_POST
@submission_role_required
def check_cells(request, pk):
    submission = get_visible_submission(request, pk)
    if not (is_supplier_of(Access.for_user(request.user), submission) and submission.is_editable):
        return JsonResponse({"cells": {}}, status=403)
    areas, grid = submission_grid(submission, with_previous=True)
    posted = SubmissionValuesForm(areas, grid, data=request.POST)
    indicators = {grid_row.regel.indicator_id: grid_row.regel.indicator for grid_row in grid}
    typed, not_stored = {}, {}
    for cell in posted.cell_inputs():
        fields, problem = typed_fields(cell, indicators[cell.indicator_id])
        if fields is None:
            not_stored[cell.key] = problem
            continue
        typed[cell.key] = Value(
            submission=submission,
            indicator_id=cell.indicator_id,
            doelgroep_id=cell.doelgroep_id,
            area_id=cell.area_id,
            **fields,
        )
    for grid_row in grid:
        for cell in grid_row.cells:
            if cell.key in typed:
                cell.value = typed[cell.key]
    facts = facts_from_grid(
        submission, areas, grid, submission.period.previous(), with_previous=True
    )
    per_cell = findings_by_cell(check_submission(submission, facts))
    cells = {}
    for cell in posted.cells:
        if cell.key not in typed and cell.key not in not_stored:
            continue
        value = typed.get(cell.key)
        cells[cell.prefix] = {
            "error": not_stored.get(cell.key) or (value.error if value else ""),
            "findings": [
                {
                    "message": f"{finding.severity_label}: {finding.message}",
                    "error": finding.is_error,
                }
                for finding in per_cell.get(cell.key, [])
            ],
        }
    return JsonResponse({"cells": cells})
