"""Questions on one cell: who may ask, answer, close and read them (declared as a table), the
thread in the grid and the history, the send-back notice and e-mail, and Mijn werk."""

import pytest
from django.core import mail
from django.urls import reverse

from core.models import AuditEntry
from indicators.models import CellQuestion, QuestionStatus
from indicators.review import questions
from indicators.submissions.forms import cell_prefix
from indicators.workflow import transition
from tests.factories import SubmissionFactory, UitvraagFactory, UitvraagRegelFactory, period
from tests.indicators.submissions.test_permissions_web import PEOPLE


def cell_key(world, indicator=None, doelgroep="werkzoekenden"):
    indicator = indicator or world.aantal_clienten
    doelgroep = getattr(world, doelgroep) if doelgroep else None
    return (indicator.pk, doelgroep.pk if doelgroep else None, world.walcheren.pk)


@pytest.fixture
def asked(submitted, world):
    """An open question of Vlissingen's beleidsmedewerker on one cell."""
    return questions.ask(submitted, cell_key(world), world.beleid, "Waarom zo veel meer?")


# ── the permission table ──────────────────────────────────────────────────────────────────────
# Who sees the aanlevering at all (Orionis' staff, beleid of Walcheren's gemeenten, beheerder).
SEES = {"leverancier", "leverancier2", "beleid", "beleid_veere", "beheerder"}
# (action, person, status code, whether it happened)
CAN_ASK = {"beleid", "beleid_veere"}
CAN_ANSWER = {"leverancier", "leverancier2"}
QUESTION_PERMISSIONS = [
    *[
        ("stellen", p, 302 if p in CAN_ASK else 200 if p in SEES else 404, p in CAN_ASK)
        for p in PEOPLE
    ],
    *[("beantwoorden", p, 302 if p in SEES else 404, p in CAN_ANSWER) for p in PEOPLE],
    *[("sluiten", p, 302 if p in SEES else 404, p in CAN_ASK) for p in PEOPLE],
    *[("lezen", p, 200 if p in SEES else 404, p in SEES) for p in PEOPLE],
]


def _do(action, client, submission, world, question):
    if action == "stellen":
        return client.post(
            reverse("indicators:question_new", args=[submission.pk]),
            {"cel": cell_prefix(cell_key(world, doelgroep="wsw")), "reden": "Klopt dit?"},
        )
    if action == "lezen":
        return client.get(reverse("indicators:question_detail", args=[submission.pk, question.pk]))
    return client.post(
        reverse("indicators:question_action", args=[submission.pk, question.pk, action]),
        {"reden": "Dat klopt: een nieuwe instroomregeling."},
    )


def _happened(action, submission, world, question, response):
    question.refresh_from_db()
    if action == "stellen":
        return CellQuestion.objects.filter(
            submission=submission, doelgroep=world.wsw, status=QuestionStatus.OPEN
        ).exists()
    if action == "beantwoorden":
        return question.status == QuestionStatus.BEANTWOORD
    if action == "sluiten":
        return question.status == QuestionStatus.GESLOTEN
    return "Waarom zo veel meer?" in response.content.decode()


@pytest.mark.parametrize(("action", "person", "expected", "happens"), QUESTION_PERMISSIONS)
def test_who_may_ask_answer_close_and_read(
    action, person, expected, happens, asked, submitted, world, client_for
):
    response = _do(action, client_for(getattr(world, person)), submitted, world, asked)
    assert response.status_code == expected, PEOPLE[person]
    assert _happened(action, submitted, world, asked, response) is happens, PEOPLE[person]


def test_a_supplier_never_sees_another_organisations_threads(world, client_for):
    uitvraag = UitvraagFactory(uitvoerder=world.porthos, areas=[world.walcheren])
    UitvraagRegelFactory(uitvraag=uitvraag, indicator=world.aantal_clienten, doelgroep=None)
    porthos = SubmissionFactory(uitvraag=uitvraag, period=period("2018H1"), status="ingediend")
    key = (world.aantal_clienten.pk, None, world.walcheren.pk)
    question = questions.ask(porthos, key, world.beleid, "Vraag aan Porthos")
    orionis = client_for(world.leverancier)
    url = reverse("indicators:question_detail", args=[porthos.pk, question.pk])
    assert orionis.get(url).status_code == 404
    assert client_for(world.porthos_leverancier).get(url).status_code == 200
    # Nor through its own submission's pages.
    other = reverse("indicators:question_detail", args=[world.submission.pk, question.pk])
    assert orionis.get(other).status_code == 404
    page = orionis.get(reverse("home")).content.decode()
    assert "Vraag aan Porthos" not in page


def test_asking_is_only_for_a_submission_under_review(world):
    with pytest.raises(questions.WorkflowError):
        questions.ask(world.submission, cell_key(world), world.beleid, "Te vroeg")
    assert not CellQuestion.objects.exclude(status=QuestionStatus.NIEUW).exists()
    assert not CellQuestion.objects.exists()  # the refused question left nothing behind


def test_a_cell_keeps_one_thread(asked, submitted, world):
    questions.answer(asked, world.leverancier, "Nieuwe regeling")
    again = questions.ask(submitted, cell_key(world), world.beleid, "Welke regeling?")
    assert again.pk == asked.pk
    assert again.status == QuestionStatus.OPEN
    (thread,) = questions.threads(submitted)
    assert [m.reason for m in thread.messages] == [
        "Waarom zo veel meer?",
        "Nieuwe regeling",
        "Welke regeling?",
    ]


# ── audit and history ─────────────────────────────────────────────────────────────────────────
def test_each_message_is_in_the_security_log_and_the_history(
    submitted, world, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = questions.ask(submitted, cell_key(world), world.beleid, "Waarom zo veel meer?")
        questions.answer(asked, world.leverancier, "Nieuwe regeling")
    actions = list(
        AuditEntry.objects.filter(object_type="indicators.cellquestion")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["workflow.stellen", "workflow.beantwoorden"]
    page = client_for(world.beleid).get(
        reverse("indicators:submission_history", args=[asked.submission_id])
    )
    text = page.content.decode()
    assert "Vraag stellen" in text and "Waarom zo veel meer?" in text
    assert "Beantwoorden" in text and "Nieuwe regeling" in text


# ── the grid ──────────────────────────────────────────────────────────────────────────────────
def test_the_cell_is_marked_in_words_and_links_to_its_thread(asked, submitted, world, client_for):
    page = client_for(world.beleid).get(
        reverse("indicators:submission_detail", args=[submitted.pk])
    )
    text = page.content.decode()
    thread_url = reverse("indicators:question_detail", args=[submitted.pk, asked.pk])
    assert f'href="{thread_url}" class="cell-question cell-question-open"' in text
    assert "Vraag 1 (open)" in text
    assert f'id="vraag-{asked.pk}"' in text  # the thread beside the grid
    # Every other cell offers to ask, named for a screen reader.
    assert 'Vraag stellen<span class="visually-hidden">: Aantal cliënten (Wsw), Walcheren' in text


def test_the_supplier_sees_the_question_on_the_grid_after_sending_back(
    asked, submitted, world, client_for
):
    transition(submitted, "terugsturen", world.beleid, reason="Zie de vraag")
    page = client_for(world.leverancier).get(
        reverse("indicators:submission_edit", args=[submitted.pk])
    )
    text = page.content.decode()
    assert "Vraag 1 (open)" in text
    assert "Waarom zo veel meer?" in text
    assert "Beantwoorden<span" in text


# ── sending back lists the open questions ─────────────────────────────────────────────────────
def test_the_send_back_form_lists_the_open_questions(asked, submitted, world, client_for):
    page = client_for(world.beleid).get(
        reverse("indicators:submission_detail", args=[submitted.pk])
    )
    form = page.content.decode().split('action="/aanleveringen/')[-1]
    assert "Deze open vraag gaat mee" in form
    assert "Aantal cliënten (Werkzoekenden), Walcheren" in form


def test_the_send_back_email_lists_the_open_questions(
    asked, submitted, world, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://monitor.walcheren.nl"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(submitted, "terugsturen", world.beleid, reason="Zie de vraag")
    sent = [m for m in mail.outbox if "Teruggestuurd" in m.subject]
    assert sorted(m.to[0] for m in sent) == sorted(
        [world.leverancier.email, world.leverancier2.email]
    )
    body = sent[0].body
    assert "Open vragen bij cellen:" in body
    assert "- Aantal cliënten (Werkzoekenden), Walcheren: Waarom zo veel meer?" in body
    assert f"https://monitor.walcheren.nl/aanleveringen/{submitted.pk}/" in body


def test_the_supplier_is_told_of_a_question_and_the_reviewer_of_the_answer(
    submitted, world, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        question = questions.ask(submitted, cell_key(world), world.beleid, "Waarom?")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.leverancier.email, world.leverancier2.email]
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        questions.answer(question, world.leverancier, "Daarom.")
    told = {m.to[0] for m in mail.outbox}
    assert world.beleid.email in told and world.beleid_veere.email in told
    assert world.leverancier.email not in told


# ── Mijn werk ─────────────────────────────────────────────────────────────────────────────────
def test_open_questions_count_on_my_work_for_who_must_answer(asked, world, client_for):
    supplier = client_for(world.leverancier).get(reverse("home")).content.decode()
    assert "Vragen bij uw cijfers" in supplier
    assert "1 open vraag te beantwoorden" in supplier
    reviewer = client_for(world.beleid).get(reverse("home")).content.decode()
    assert "open vraag te beantwoorden" not in reviewer
    questions.answer(asked, world.leverancier, "Daarom.")
    after = client_for(world.leverancier).get(reverse("home")).content.decode()
    assert "open vraag te beantwoorden" not in after
