"""View helpers of the workflow core: the buttons of a detail page and the POST of one of them,
the same for every workflow whose steps take an optional reason (:class:`core.forms.ReasonForm`)."""

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpResponse

from .forms import ReasonForm
from .workflow import Workflow, WorkflowError


def offered_actions(workflow: Workflow, obj, user, failed_action=None, failed_form=None):
    """(action, reason form or None) per step ``user`` may take now; the step whose reason was
    missing keeps its posted form with the error."""
    result = []
    for action in workflow.available_actions(obj, user):
        form = None
        if action.needs_reason:
            form = failed_form if action.name == failed_action else ReasonForm(required=True)
        result.append((action, form))
    return result


def kept_from_reviewing(workflow: Workflow, obj, user, actions) -> bool:
    """Whether a review step is missing from ``actions`` only because of four-eyes: ``user``
    may review ``obj`` now but submitted it or changed its content (tell them why)."""
    reviews = [
        workflow.actions[name]
        for (state, name) in workflow.transitions
        if state == obj.status and workflow.actions[name].review
    ]
    offered = {action.name for action, _form in actions}
    access = workflow.access(user)
    return any(
        review.name not in offered and review.allowed(access, obj) for review in reviews
    ) and workflow.is_own_work(obj, user)


def action_context(workflow: Workflow, obj, user, failed_action=None, failed_form=None) -> dict:
    """For a detail page and ``core/_actions.html``: ``actions`` (see :func:`offered_actions`)
    and ``own_work`` (:func:`kept_from_reviewing`)."""
    actions = offered_actions(workflow, obj, user, failed_action, failed_form)
    return {"actions": actions, "own_work": kept_from_reviewing(workflow, obj, user, actions)}


def take_action(
    request, workflow: Workflow, obj, name: str, render_detail: Callable, success: dict, status=200
) -> bool | HttpResponse:
    """Run step ``name`` posted from a detail page: True when it was done (with the success
    message), False when it was refused (the refusal is the message), or the detail page again
    (``render_detail(request, obj, name, form, status=status)``) when a reason is missing for a
    step the user may take."""
    spec = workflow.actions.get(name)
    if spec is None:
        raise Http404
    form = ReasonForm(request.POST, required=spec.needs_reason)
    if not form.is_valid():
        if name in {a.name for a in workflow.available_actions(obj, request.user)}:
            # Show the missing reason beside its own textarea.
            return render_detail(request, obj, name, form, status=status)
        reason = ""  # the transition refuses it with its own message
    else:
        reason = form.cleaned_data["reden"]
    try:
        workflow.transition(obj, name, request.user, reason=reason, via="web")
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, str(success[name]))
    return True
