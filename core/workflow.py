"""The workflow core: one table of (state, action) → new state per workflow, and one
:meth:`Workflow.transition` that every app uses (web UI, admin actions, API and commands alike).

A transition locks the row, checks permission, the reason, the four-eyes rule and the action's
guards, updates with compare-and-swap, writes the event and schedules follow-up work with
``transaction.on_commit``. Apps declare their workflow as a :class:`Workflow`; the aanlevering and
the budget version share the review cycle of :func:`review_cycle`.

Follow-ups are written once for every workflow: connect to the :data:`transitioned` signal (sent
after the commit, for every workflow) or append to a workflow's ``after`` list. What must change
together with the status (a report's snapshot freezing) goes in ``within``.
"""

import contextvars
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django.db.models import DateTimeField, Subquery, Value
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ReviewStatus
from .text import reason_problem

# Before anything was ever approved.
NEVER = datetime(1970, 1, 1, tzinfo=UTC)

# Sent after the commit of every transition of every workflow: sender is the model, ``transition``
# the :class:`Transition`. For follow-ups that concern all workflows (notifications, security log).
transitioned = Signal()
# Sent when a transition is refused (permission, state, reason, four-eyes, a guard): sender is
# the model; ``instance``, ``action``, ``actor``, ``via`` and ``error`` (the message shown).
refused = Signal()


class WorkflowError(Exception):
    """A transition that is not allowed; the message is shown to the user as is."""


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    # Permission: (the user's access, the object) → may this person take this action at all.
    allowed: Callable[[Any, Any], bool]
    needs_reason: bool = False
    # A review (approving): never by whoever submitted or changed the content (four-eyes).
    review: bool = False
    # Whether to offer the action now (a hint for buttons; the guards decide on execution).
    offered: Callable[[Any], bool] | None = None
    style: str = "button"


@dataclass
class Transition:
    """What happened, for the follow-ups."""

    workflow: "Workflow"
    instance: Any
    action: str
    from_status: str
    to_status: str
    actor: Any
    reason: str
    via: str
    event: Any


Hook = Callable[[Transition], None]


@dataclass
class Workflow:
    # The model has a ``status`` field and ``events``: a concrete core.models.WorkflowEvent.
    model: type
    actions: dict[str, Action]
    transitions: dict[tuple[str, str], str]
    # The user's permissions as the actions' ``allowed`` expect them (organisations.Access).
    access: Callable[[Any], Any]
    not_allowed: str
    changed_meanwhile: str
    four_eyes: str
    # The state of an approved object: changes after the last event into it are what count.
    approved_status: str = ReviewStatus.GOEDGEKEURD
    # (object, when it was last approved: an expression, see approved_since) → ids of the users
    # who changed its content since; they do not review it (four-eyes).
    changers: Callable[[Any, Any], Iterable[int]] | None = None
    # Per action: (locked object, user) → extra fields to update, or raise WorkflowError.
    guards: dict[str, Callable[[Any, Any], dict]] = field(default_factory=dict)
    # (action, user, now, reason) → fields recording who did it (the review fields).
    stamps: Callable[[str, Any, Any, str], dict] | None = None
    # Fields beyond the status that must be unchanged for the update to go through.
    swap_fields: Callable[[Any], dict] = lambda locked: {}
    lock: Callable[[Any], Any] = lambda queryset: queryset.select_for_update()
    # Work before the row is locked, e.g. printing a report's final PDF: (object, action,
    # inputs) → a context manager around the transaction that yields more inputs (a dict) and
    # cleans up when the transition fails. ``inputs`` are the extra keyword arguments of
    # :meth:`transition` (a report's ``besluit``).
    prepare: Callable[[Any, str, dict], Any] | None = None
    # Under the lock, after the guards: (locked object, action, inputs) → more fields to update.
    extra: Callable[[Any, str, dict], dict] | None = None
    # (action, reason, inputs) → what the event records as its reason (default: the reason).
    event_reason: Callable[[str, str, dict], str] | None = None
    within: list[Hook] = field(default_factory=list)
    after: list[Hook] = field(default_factory=list)
    error: type[Exception] = WorkflowError

    def __post_init__(self):
        events = self.model._meta.get_field("events")
        self.event_model = events.related_model
        # The event's foreign key to the model (``submission``, ``version``, ``report``).
        self.event_field = events.field.name

    def action(self, name: str) -> Action:
        action = self.actions.get(name)
        if action is None:
            raise self.error(_("Onbekende actie."))
        return action

    def may(self, name: str, user, obj) -> bool:
        """Whether ``user`` holds the permission for the action (not its state or guards)."""
        return name in self.actions and self.actions[name].allowed(self.access(user), obj)

    def available_actions(self, obj, user) -> list[Action]:
        """Actions this user could take now (guards such as completeness are checked on
        execution; the four-eyes rule already hides a review this user may not do)."""
        access = self.access(user)
        permitted = {}  # per permission function: the review actions share theirs
        own_work = None
        result = []
        for (state, name), _target in self.transitions.items():
            action = self.actions[name]
            if state != obj.status:
                continue
            if action.allowed not in permitted:
                permitted[action.allowed] = action.allowed(access, obj)
            if not permitted[action.allowed]:
                continue
            if action.offered is not None and not action.offered(obj):
                continue
            if action.review:
                if own_work is None:
                    own_work = self.is_own_work(obj, user)
                if own_work:
                    continue
            result.append(action)
        return result

    def is_own_work(self, obj, user) -> bool:
        """Whether ``user`` submitted ``obj`` or changed its content since its last approval."""
        if getattr(obj, "submitted_by_id", None) == user.pk:
            return True
        return self.changers is not None and user.pk in set(
            self.changers(obj, self.approved_since(obj))
        )

    def approved_since(self, obj):
        """When ``obj`` was last approved, as an expression for the changers' query (the start
        of time when it never was): one query answers who changed it since."""
        last = (
            self.event_model.objects.filter(
                **{self.event_field: obj.pk},
                to_status=self.approved_status,
            )
            .order_by("-at")
            .values("at")[:1]
        )
        return Coalesce(Subquery(last), Value(NEVER), output_field=DateTimeField())

    def transition(self, obj, action_name: str, user, reason: str = "", via: str = "web", **inputs):
        """Carry out ``action_name`` on ``obj`` as ``user``; return the refreshed object."""
        try:
            action = self.action(action_name)
            reason = (reason or "").strip()
            access = self.access(user)
            if self.prepare is None:
                return self._transition(obj, action, user, reason, via, access, inputs)
            # Checked before the preparation too: nobody without the right makes the system work.
            if not action.allowed(access, obj):
                raise self.error(str(self.not_allowed))
            with self.prepare(obj, action_name, inputs) as prepared:
                return self._transition(
                    obj, action, user, reason, via, access, {**inputs, **(prepared or {})}
                )
        except WorkflowError as error:
            refused.send(
                sender=self.model,
                instance=obj,
                action=action_name,
                actor=user,
                via=via,
                error=str(error),
            )
            raise

    def _transition(self, obj, action: Action, user, reason: str, via: str, access, inputs):
        action_name = action.name
        with transaction.atomic():
            locked = self.lock(self.model.objects).get(pk=obj.pk)
            if not action.allowed(access, locked):
                raise self.error(str(self.not_allowed))
            target = self.transitions.get((locked.status, action_name))
            if target is None:
                raise self.error(
                    _("'%(action)s' kan niet bij status '%(status)s'.")
                    % {"action": action.label, "status": locked.get_status_display()}
                )
            if action.needs_reason and not reason:
                raise self.error(_("Geef een reden op."))
            if problem := reason_problem(reason):
                raise self.error(problem)
            if action.review and self.is_own_work(locked, user):
                raise self.error(str(self.four_eyes))
            guard = self.guards.get(action_name)
            changes = dict(guard(locked, user)) if guard else {}
            if self.extra is not None:
                changes.update(self.extra(locked, action_name, inputs))
            now = timezone.now()
            changes["status"] = target
            if self.stamps is not None:
                changes.update(self.stamps(action_name, user, now, reason))
            if any(f.name == "updated_at" for f in self.model._meta.concrete_fields):
                changes["updated_at"] = now
            # Compare-and-swap: only succeeds if nobody changed the status in the meantime.
            updated = self.model.objects.filter(
                pk=locked.pk, status=locked.status, **self.swap_fields(locked)
            ).update(**changes)
            if updated != 1:
                raise self.error(str(self.changed_meanwhile))
            event = self.event_model.objects.create(
                **{self.event_field: locked},
                action=action_name,
                from_status=locked.status,
                to_status=target,
                actor=user,
                reason=self.event_reason(action_name, reason, inputs)
                if self.event_reason
                else reason,
                via=via,
            )
            done = Transition(
                self, locked, action_name, locked.status, target, user, reason, via, event
            )
            for hook in self.within:
                hook(done)
            self._schedule(done)
        obj.refresh_from_db()
        return obj

    def _schedule(self, done: Transition) -> None:
        # The follow-ups run after the commit in the context of the transition (so a caller's
        # ``notifications.silenced()`` still holds when they run).
        context = contextvars.copy_context()

        def follow_up():
            for hook in self.after:
                hook(done)
            transitioned.send(sender=self.model, transition=done)

        transaction.on_commit(lambda: context.run(follow_up))


# ── the review cycle of aanleveringen and budget versions ─────────────────────────────────────
R = ReviewStatus
REVIEW_TRANSITIONS: dict[tuple[str, str], str] = {
    (R.CONCEPT, "indienen"): R.INGEDIEND,
    (R.TERUGGESTUURD, "indienen"): R.INGEDIEND,
    (R.INGEDIEND, "intrekken"): R.CONCEPT,
    (R.INGEDIEND, "goedkeuren"): R.GOEDGEKEURD,
    (R.INGEDIEND, "terugsturen"): R.TERUGGESTUURD,
    (R.GOEDGEKEURD, "heropenen"): R.CONCEPT,
}


def is_beheerder(access, obj) -> bool:
    return access.is_beheerder


def review_workflow(model, *, opsteller, beoordelaar, complete, changed_in, **options) -> Workflow:
    """The review cycle for ``model`` (with :class:`core.models.ReviewFields`): the opsteller
    submits (when ``complete(obj, user)`` does not refuse) and withdraws; a beoordelaar who did
    not submit nor change any of the ``changed_in`` rows since the last approval approves or
    sends back; a functioneel beheerder reopens. ``changed_in`` is (model with
    django-simple-history, its foreign key to ``model``)."""
    content, key = changed_in

    def changers(obj, since):
        return history_users(content.history.filter(**{f"{key}_id": obj.pk}), since)

    actions = {
        "indienen": Action("indienen", gettext_lazy("Indienen"), opsteller),
        "intrekken": Action("intrekken", gettext_lazy("Intrekken"), opsteller),
        "goedkeuren": Action("goedkeuren", gettext_lazy("Goedkeuren"), beoordelaar, review=True),
        "terugsturen": Action(
            "terugsturen", gettext_lazy("Terugsturen"), beoordelaar, True, review=True
        ),
        "heropenen": Action("heropenen", gettext_lazy("Heropenen"), is_beheerder, True),
    }
    return Workflow(
        model=model,
        actions=actions,
        transitions=REVIEW_TRANSITIONS,
        changers=changers,
        guards={"indienen": complete},
        stamps=review_stamps,
        **options,
    )


def review_stamps(action: str, user, now, reason: str) -> dict:
    """The review fields (:class:`core.models.ReviewFields`) an action of the cycle sets."""
    if action == "indienen":
        return {"submitted_by": user, "submitted_at": now}
    if action == "goedkeuren":
        return {"reviewed_by": user, "reviewed_at": now}
    if action == "terugsturen":
        return {"reviewed_by": user, "reviewed_at": now, "send_back_reason": reason}
    return {}


def history_users(records, since) -> set[int]:
    """Who changed simple-history ``records`` after ``since`` (see ``approved_since``)."""
    records = records.filter(history_date__gt=since).exclude(history_user=None)
    return set(records.values_list("history_user_id", flat=True).distinct())


# How the audit trail names the channel of an event.
VIA_LABELS = {
    "web": gettext_lazy("website"),
    "api": gettext_lazy("API"),
    "admin": gettext_lazy("beheer"),
}
