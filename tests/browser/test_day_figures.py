"""A day with the figures, walked in a real browser (Debian's chromium, Playwright): the supplier
gets a reminder, fills (the live check speaks while typing) and submits; the reviewer gets the
mail and the task, asks a question on one cell and sends back; the supplier answers and
resubmits; the reviewer sees only the changed cell highlighted and approves, and approves a
second aanlevering from the list in bulk. The counts in the navigation follow; axe-core finds no
violations on any page visited. (The report half of the day: tests/browser/test_day_reports.py.)
"""

import re
from datetime import date

import pytest
from django.core import mail

from indicators.models import Submission
from indicators.workflow import transition
from reports.tasks import remind_suppliers
from tests.browser.conftest import AXE, CHROMIUM, log_in, violations
from tests.factories import (
    SubmissionFactory,
    UitvraagFactory,
    UitvraagRegelFactory,
    build_world,
    fill_submission,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (run: npm ci)"),
    pytest.mark.django_db(transaction=True),
]


class Axe:
    """axe-core on every page visited; the test asserts none had violations at the end."""

    def __init__(self):
        self.problems = {}

    def check(self, page, name=None):
        found = violations(page)
        if found:
            self.problems[name or page.url] = found


def nav_count(page, name: str) -> str:
    """The count in the navigation ("" when hidden): filled in by a script after the page loaded."""
    page.wait_for_load_state("networkidle")
    badge = page.locator(f'[data-count="{name}"]').first
    if badge.get_attribute("hidden") is not None:
        return ""
    return badge.locator(".nav-count-number").inner_text()


def mails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


@pytest.fixture
def day(transactional_db, settings):
    world = build_world()
    # A second aanlevering of Orionis, already submitted: the reviewer approves it in bulk.
    uitvraag = UitvraagFactory(
        uitvoerder=world.orionis, name="Wsw-cijfers", areas=[world.walcheren]
    )
    UitvraagRegelFactory(uitvraag=uitvraag, indicator=world.aantal_clienten, doelgroep=world.wsw)
    second = SubmissionFactory(uitvraag=uitvraag, deadline=date(2018, 8, 15))
    fill_submission(world, second, values={(world.aantal_clienten.pk, world.wsw.pk): "120"})
    transition(second, "indienen", world.leverancier2)
    return world, second


def test_a_day_with_the_figures(browser, live_server, eager_celery, settings, day):
    world, second = day
    settings.SITE_URL = live_server.url
    axe = Axe()
    submission = world.submission
    edit_url = f"{live_server.url}/aanleveringen/{submission.pk}/invullen/"
    detail_url = f"{live_server.url}/aanleveringen/{submission.pk}/"

    # 1. The schedule reminds the supplier of the deadline (in-app, and by mail).
    mail.outbox.clear()
    assert remind_suppliers(today=date(2018, 8, 12)) == [submission]
    supplier = log_in(browser, live_server, "orionis")
    assert nav_count(supplier, "unread") == "1"
    axe.check(supplier, "/ (leverancier)")
    supplier.goto(f"{live_server.url}/meldingen/")
    axe.check(supplier)
    supplier.get_by_role("link", name=re.compile("Herinnering")).first.click()
    supplier.wait_for_load_state()

    # 2. ... fills the grid: the live check speaks while typing, then submits.
    supplier.goto(edit_url)
    inputs = supplier.locator("input.grid-input")
    inputs.nth(0).fill("510")
    inputs.nth(1).press_sequentially("66x6")
    live = supplier.locator(".live-check").nth(1)
    live.get_by_text("is geen getal").wait_for()
    assert inputs.nth(1).get_attribute("aria-invalid") == "true"
    axe.check(supplier, "invullen (live check)")
    inputs.nth(1).fill("666")
    inputs.nth(2).fill("12,5")
    mail.outbox.clear()
    supplier.get_by_role("button", name="Opslaan en indienen").click()
    supplier.wait_for_load_state()
    assert "De aanlevering is ingediend ter beoordeling." in supplier.content()

    # 3. The reviewer got the mail, with a link on the site's address, and the task.
    (sent,) = [m for m in mails_to(world.beleid) if "Ter beoordeling" in m.subject]
    assert f"{live_server.url}/aanleveringen/{submission.pk}/" in sent.body
    reviewer = log_in(browser, live_server, "beleid")
    assert reviewer.get_by_role("heading", name="Te beoordelen (2)").count() == 1
    assert nav_count(reviewer, "work") == "2"
    axe.check(reviewer, "/ (beleid)")

    # 4. ... asks a question on one cell and sends back; the form lists the open question.
    reviewer.goto(detail_url)
    axe.check(reviewer, "aanlevering (beoordelen)")
    # (chromium puts a space before the visually hidden part of a link's name)
    ask = re.compile(r"^Vraag stellen\s*: Aantal cliënten \(Wsw\), Walcheren$")
    reviewer.get_by_role("link", name=ask).click()
    reviewer.wait_for_load_state()
    axe.check(reviewer, "vraag stellen")
    reviewer.get_by_label("Uw vraag of opmerking (verplicht)").fill("Waarom 666 Wsw'ers?")
    reviewer.get_by_role("button", name="Vraag stellen").click()
    reviewer.wait_for_load_state()
    assert reviewer.get_by_text("Vraag 1 (open)").count() >= 1
    assert "Deze open vraag gaat mee" in reviewer.content()
    axe.check(reviewer, "aanlevering (met vraag)")
    mail.outbox.clear()
    reviewer.get_by_label("Reden van terugsturen (verplicht)").fill("Zie de vraag bij Wsw.")
    reviewer.get_by_role("button", name="Terugsturen").click()
    reviewer.wait_for_load_state()
    (sent,) = [m for m in mails_to(world.leverancier) if "Teruggestuurd" in m.subject]
    assert "Waarom 666 Wsw'ers?" in sent.body
    assert f"{live_server.url}/aanleveringen/{submission.pk}/" in sent.body

    # 5. The supplier sees the question, answers it and resubmits a corrected figure.
    supplier.goto(f"{live_server.url}/")
    assert "1 open vraag te beantwoorden" in supplier.content()
    axe.check(supplier, "/ (teruggestuurd)")
    supplier.goto(edit_url)
    assert supplier.get_by_text("Waarom 666 Wsw'ers?").count() >= 1  # notice and thread
    supplier.get_by_role("link", name=re.compile(r"^Beantwoorden\s*: vraag 1")).click()
    supplier.wait_for_load_state()
    axe.check(supplier, "vraag beantwoorden")
    supplier.get_by_label("Uw antwoord (verplicht)").fill("Een typefout: het zijn er 66.")
    supplier.get_by_role("button", name="Beantwoorden").click()
    supplier.wait_for_load_state()
    assert supplier.url.startswith(edit_url)
    supplier.locator("input.grid-input").nth(1).fill("66")
    supplier.get_by_role("button", name="Opslaan en indienen").click()
    supplier.wait_for_load_state()
    assert "De aanlevering is ingediend ter beoordeling." in supplier.content()
    supplier.context.close()

    # 6. The reviewer sees only the changed cell highlighted, filters on it and approves.
    reviewer.goto(detail_url)
    changed = reviewer.locator("td.cell-changed")
    assert changed.count() == 1
    assert "gewijzigd" in changed.inner_text() and "was 666" in changed.inner_text()
    assert "Een typefout: het zijn er 66." in reviewer.content()
    axe.check(reviewer, "aanlevering (gewijzigd)")
    reviewer.get_by_label("Alleen gewijzigde cellen").check()
    reviewer.get_by_role("button", name="Toon").click()
    reviewer.wait_for_load_state()
    shown = reviewer.locator("table").first.locator("tbody th[scope=row]").all_inner_texts()
    assert any("Wsw" in row for row in shown)
    assert not any("Werkzoekenden" in row for row in shown)
    reviewer.get_by_role("button", name="Goedkeuren").click()
    reviewer.wait_for_load_state()
    assert Submission.objects.get(pk=submission.pk).status == "goedgekeurd"
    assert nav_count(reviewer, "work") == "1"

    # 7. ... and approves the second aanlevering from the list, after confirming.
    reviewer.goto(f"{live_server.url}/aanleveringen/")
    axe.check(reviewer, "aanleveringen")
    reviewer.get_by_label(re.compile(r"^Wsw-cijfers, .* kiezen$")).check()
    reviewer.get_by_role("button", name="Gekozen aanleveringen goedkeuren…").click()
    reviewer.wait_for_load_state()
    axe.check(reviewer, "goedkeuren bevestigen")
    reviewer.get_by_role("button", name="Deze aanlevering goedkeuren").click()
    reviewer.wait_for_load_state()
    assert "1 aanlevering goedgekeurd." in reviewer.content()
    axe.check(reviewer, "goedgekeurd")
    assert Submission.objects.get(pk=second.pk).status == "goedgekeurd"
    assert nav_count(reviewer, "work") == ""
    reviewer.context.close()

    assert axe.problems == {}
