"""Mijn werk and Meldingen in a real browser: axe-core finds no violations, the counts appear in
the navigation (fetched after the page loaded), the search form works with the keyboard."""

import re

import pytest

from indicators.workflow import transition
from tests.browser.conftest import AXE, CHROMIUM, log_in, violations
from tests.factories import build_world, fill_submission

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (run: npm ci)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def world(transactional_db):
    world = build_world()
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)  # committed: beleid is told
    return world


def test_the_reviewer_finds_the_submitted_figures_and_the_notification(
    browser, live_server, eager_celery, world
):
    page = log_in(browser, live_server, "beleid")
    problems = {}
    assert page.get_by_role("heading", name="Te beoordelen (1)").count() == 1
    found = violations(page)
    if found:
        problems["/"] = found
    # Search with the keyboard only.
    page.get_by_label("Zoeken (organisatie, periode, indicator, status)").fill("uitstroom")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=uitstroom**")
    link = page.get_by_role("link", name=re.compile(r"^Beoordelen\s*: Halfjaarcijfers Orionis"))
    assert link.count() == 1

    page.goto(f"{live_server.url}/meldingen/")
    # The badge is filled in by the script after the page loaded.
    page.locator('[data-count="unread"]:not([hidden])').first.wait_for()
    assert (
        page.locator('[data-count="unread"] .nav-count-label').first.inner_text() == "1 ongelezen"
    )
    found = violations(page)
    if found:
        problems["/meldingen/"] = found
    page.get_by_role("link", name="Nieuw: Ter beoordeling").click()
    page.wait_for_load_state()
    assert f"/aanleveringen/{world.submission.pk}/" in page.url

    page.goto(f"{live_server.url}/meldingen/instellingen/")
    found = violations(page)
    if found:
        problems["/meldingen/instellingen/"] = found
    assert problems == {}
