"""Questions on one cell: a reviewer of the aanlevering's gemeente asks, the supplier's staff
answer, the reviewer closes. A question is a small workflow on the core (each message an event,
so it is audited and in the history); the aanlevering itself does not change state.

| action        | who                                   | from                        | to         |
|---------------|---------------------------------------|-----------------------------|------------|
| stellen       | beleid of a gemeente the uitvraag is about | nieuw, open, beantwoord, gesloten | open |
| beantwoorden  | staff of the submitting organisation  | open, beantwoord            | beantwoord |
| sluiten       | beleid, as for stellen                | open, beantwoord            | gesloten   |

A supplier only ever sees the questions of its own organisation's aanleveringen: every reader
starts from ``Submission.objects.visible_to``.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.workflow import Action, Transition, Workflow, WorkflowError
from indicators.models import Submission, SubmissionStatus
from indicators.submissions.cells import CellKey, expected_keys
from notifications.models import Event
from notifications.notify import notify
from organisations.access import Access
from organisations.models import Role
from organisations.recipients import beleid_of_areas, members

from .models import CellMessage, CellQuestion, QuestionStatus

Q = QuestionStatus
# A reviewer asks while judging, and may follow up while the figures are being corrected.
ASKING_STATUSES = {SubmissionStatus.INGEDIEND, SubmissionStatus.TERUGGESTUURD}


def asks(access: Access, question: CellQuestion) -> bool:
    if not access.beleid_area_ids:
        return False
    area_ids = {a.pk for a in question.submission.uitvraag.areas.all()}
    return bool(area_ids & access.beleid_area_ids)


def answers(access: Access, question: CellQuestion) -> bool:
    return question.submission.uitvraag.uitvoerder_id in access.uitvoerder_ids


def _may_ask_now(question: CellQuestion, user) -> dict:
    if question.submission.status not in ASKING_STATUSES:
        raise WorkflowError(
            _(
                "Vragen stelt u bij een ingediende of teruggestuurde aanlevering, niet bij status '%(status)s'."
            )
            % {"status": question.submission.get_status_display()}
        )
    return {}


def _tell(done: Transition) -> None:
    """The other side hears of a question or an answer (in-app, and by e-mail as they chose)."""
    question = CellQuestion.objects.select_related(
        "submission__uitvraag__uitvoerder", "submission__period", "indicator", "doelgroep", "area"
    ).get(pk=done.instance.pk)
    submission = question.submission
    if done.action == "stellen":
        users = members(Role.LEVERANCIER, [submission.uitvraag.uitvoerder_id])
        message = _("%(actor)s heeft een vraag gesteld bij %(cell)s in %(what)s.")
    elif done.action == "beantwoorden":
        users = beleid_of_areas(submission.uitvraag.areas.all())
        message = _("%(actor)s heeft een vraag beantwoord bij %(cell)s in %(what)s.")
    else:
        return
    actor = done.actor.get_full_name() or done.actor.username
    what = f"{submission.uitvraag.name}, {submission.period.label}"
    notify(
        Event.VRAAG,
        list(users),
        context={
            "subject": _("Vraag bij een cijfer: %(what)s") % {"what": what},
            "message": message % {"actor": actor, "cell": cell_label(question), "what": what},
            "reason": done.reason,
        },
        url=reverse("indicators:question_detail", args=[submission.pk, question.pk]),
        about=submission,
        exclude=done.actor,
    )


QUESTIONS = Workflow(
    model=CellQuestion,
    actions={
        "stellen": Action("stellen", gettext_lazy("Vraag stellen"), asks, needs_reason=True),
        "beantwoorden": Action(
            "beantwoorden", gettext_lazy("Beantwoorden"), answers, needs_reason=True
        ),
        "sluiten": Action("sluiten", gettext_lazy("Vraag sluiten"), asks),
    },
    transitions={
        (Q.NIEUW, "stellen"): Q.OPEN,
        (Q.OPEN, "stellen"): Q.OPEN,
        (Q.BEANTWOORD, "stellen"): Q.OPEN,
        (Q.GESLOTEN, "stellen"): Q.OPEN,
        (Q.OPEN, "beantwoorden"): Q.BEANTWOORD,
        (Q.BEANTWOORD, "beantwoorden"): Q.BEANTWOORD,
        (Q.OPEN, "sluiten"): Q.GESLOTEN,
        (Q.BEANTWOORD, "sluiten"): Q.GESLOTEN,
    },
    access=Access.for_user,
    not_allowed=gettext_lazy("U mag deze vraag niet stellen, beantwoorden of sluiten."),
    changed_meanwhile=gettext_lazy("De vraag is intussen gewijzigd; probeer het opnieuw."),
    four_eyes="",
    guards={"stellen": _may_ask_now},
    lock=lambda questions: questions.select_for_update().select_related("submission__uitvraag"),
    after=[_tell],
)


# ── asking, answering, closing ────────────────────────────────────────────────────────────────
def ask(submission: Submission, key: CellKey, user, text: str, via: str = "web") -> CellQuestion:
    """Ask about one cell; a cell keeps one thread, so a later question continues it."""
    if key not in set(expected_keys(submission)):
        raise WorkflowError(_("Deze cel hoort niet bij de aanlevering."))
    indicator_id, doelgroep_id, area_id = key
    with transaction.atomic():
        question = (
            CellQuestion.objects.filter(
                submission=submission,
                indicator_id=indicator_id,
                doelgroep_id=doelgroep_id,
                area_id=area_id,
            )
            .order_by("-pk")
            .first()
        )
        if question is None:
            question = CellQuestion.objects.create(
                submission=submission,
                indicator_id=indicator_id,
                doelgroep_id=doelgroep_id,
                area_id=area_id,
            )
        return QUESTIONS.transition(question, "stellen", user, reason=text, via=via)


def answer(question: CellQuestion, user, text: str, via: str = "web") -> CellQuestion:
    return QUESTIONS.transition(question, "beantwoorden", user, reason=text, via=via)


def close(question: CellQuestion, user, text: str = "", via: str = "web") -> CellQuestion:
    return QUESTIONS.transition(question, "sluiten", user, reason=text, via=via)


# ── reading ───────────────────────────────────────────────────────────────────────────────────
def cell_label(question: CellQuestion) -> str:
    label = question.indicator.name
    if question.doelgroep_id:
        label += f" ({question.doelgroep.name})"
    return f"{label}, {question.area.name}"


@dataclass
class Thread:
    question: CellQuestion
    number: int  # 1, 2, … within the aanlevering, in the order asked
    messages: list[CellMessage]

    @property
    def anchor(self) -> str:
        return f"vraag-{self.question.pk}"

    @property
    def label(self) -> str:
        return cell_label(self.question)

    @property
    def input_id(self) -> str:
        """The id of the cell's input on the supplier's grid."""
        indicator_id, doelgroep_id, area_id = self.question.key
        return f"cel-{indicator_id}-{doelgroep_id or 0}-{area_id}-waarde"

    @property
    def status(self) -> str:
        return self.question.status

    @property
    def status_label(self) -> str:
        return self.question.get_status_display()

    @property
    def last_text(self) -> str:
        return self.messages[-1].reason if self.messages else ""


# How a message is named in a thread and in the history.
MESSAGE_LABELS = {
    "stellen": gettext_lazy("vraag"),
    "beantwoorden": gettext_lazy("antwoord"),
    "sluiten": gettext_lazy("gesloten"),
}


def threads(submission: Submission) -> list[Thread]:
    """Every thread of a submission with its messages and authors, in one query. The caller
    got ``submission`` from ``visible_to``: who may see the submission may read its threads."""
    messages = (
        CellMessage.objects.filter(question__submission=submission)
        .select_related("actor", "question__indicator", "question__doelgroep", "question__area")
        .order_by("question__created_at", "question_id", "at", "pk")
    )
    found: dict[int, Thread] = {}
    for message in messages:
        message.kind_label = MESSAGE_LABELS.get(message.action, message.action)
        thread = found.get(message.question_id)
        if thread is None:
            thread = found[message.question_id] = Thread(message.question, len(found) + 1, [])
        thread.messages.append(message)
    return list(found.values())


def threads_by_cell(found: list[Thread]) -> dict[CellKey, Thread]:
    return {thread.question.key: thread for thread in found}


def open_threads(found: list[Thread]) -> list[Thread]:
    return [thread for thread in found if thread.status == Q.OPEN]


def open_question_texts(submission: Submission) -> list[str]:
    """'cell: first question' per open question (for the send-back e-mail)."""
    return [f"{t.label}: {t.last_text}" for t in open_threads(threads(submission))]


def open_counts(submission_ids) -> dict[int, int]:
    """Open questions per submission, in one query."""
    rows = (
        CellQuestion.objects.filter(submission_id__in=list(submission_ids), status=Q.OPEN)
        .values("submission_id")
        .annotate(n=Count("pk"))
    )
    return {row["submission_id"]: row["n"] for row in rows}


def open_counts_for_supplier(access: Access) -> dict[int, int]:
    """Open questions per submission of the person's organisations (what they must answer)."""
    if not access.uitvoerder_ids:
        return {}
    rows = (
        CellQuestion.objects.filter(
            submission__uitvraag__uitvoerder_id__in=access.uitvoerder_ids, status=Q.OPEN
        )
        .values("submission_id")
        .annotate(n=Count("pk"))
    )
    return {row["submission_id"]: row["n"] for row in rows}
