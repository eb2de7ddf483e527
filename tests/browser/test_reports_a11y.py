"""The report screens in a real browser (Debian's chromium, headless, driven by Playwright):
axe-core finds no accessibility violations on the list, the detail page of a concept and of a
vastgesteld report with corrections, the texts page, the HTML preview and the griffie page; and
what a user notices works (labels, keyboard, headings, which downloads the griffie gets).

The live server generates the reports in-process (``eager_celery``), with the real PDF.
"""

import re

import pytest

from reports.services import create_report, request_generation
from tests.browser.conftest import AXE, CHROMIUM, log_in, violations
from tests.factories import build_world, period
from tests.reports.conftest import approve_two_periods, vastgesteld
from tests.reports.test_snapshot import correct_wsw

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (run: npm ci)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def world(transactional_db):
    """The world of ``approved_world`` in tests/reports: tables, charts and trends."""
    return approve_two_periods(build_world())


@pytest.fixture
def report(world):
    return create_report(world.vlissingen, period("2018H1"), world.beleid)


def check(page, live_server, path, problems):
    """Open ``path`` (unless the page is already there) and collect axe's violations."""
    if path is not None:
        page.goto(live_server.url + path)
    found = violations(page)
    if found:
        problems[page.url.removeprefix(live_server.url)] = found


def test_the_report_screens_of_a_concept(browser, live_server, eager_celery, world, report):
    page = log_in(browser, live_server, "beleid")
    problems = {}
    detail = f"/rapportages/{report.pk}/"

    # The list.
    check(page, live_server, "/rapportages/", problems)
    assert page.get_by_role("link", name=report.title).count() == 1

    # The texts page: a proposal; every textarea has a visible label.
    check(page, live_server, f"{detail}teksten/", problems)
    textareas = page.locator("textarea")
    assert textareas.count() >= 8
    for i in range(textareas.count()):
        field_id = textareas.nth(i).get_attribute("id")
        label = page.locator(f'label[for="{field_id}"]')
        assert label.count() == 1 and label.is_visible(), field_id
        assert label.inner_text().strip(), field_id
    # With the keyboard alone: Tab passes every text, type in one, Tab on to "Teksten opslaan".
    overige = page.get_by_label("4. Wat zien we? – Overige duiding").get_attribute("id")
    reached = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        active = page.evaluate(
            """() => ({id: document.activeElement.id, tag: document.activeElement.tagName,
                       text: document.activeElement.textContent.trim()})"""
        )
        if active["tag"] == "TEXTAREA":
            reached.add(active["id"])
        if active["id"] == overige:
            page.keyboard.press("Control+A")
            page.keyboard.type("Meer mensen stromen uit naar werk.")
        if active["tag"] == "BUTTON" and active["text"] == "Teksten opslaan":
            break
    else:
        pytest.fail("'Teksten opslaan' cannot be reached with Tab")
    assert reached == {textareas.nth(i).get_attribute("id") for i in range(textareas.count())}
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "De teksten zijn opgeslagen" in page.locator("main").inner_text()
    check(page, live_server, None, problems)

    # The detail page before and after generation.
    check(page, live_server, detail, problems)
    assert page.get_by_role("heading", name="Wat ontbreekt nog?").count() == 1
    page.get_by_role("button", name="Rapportage maken").click()
    page.wait_for_load_state()
    files = page.locator("table", has=page.locator("caption", has_text="Bestanden (concept)"))
    assert files.get_by_role("link", name="Download PDF").count() == 1
    assert files.get_by_role("link", name="Download Excel").count() == 1
    page.get_by_text("Momentopname van de cijfers en teksten").click()
    assert page.get_by_text("Controlegetal cijfers").is_visible()
    assert page.get_by_role("button", name="Ter vaststelling aanbieden").count() == 1
    check(page, live_server, None, problems)

    # The preview: the PDF's own template in the browser.
    page.get_by_role("link", name="Voorbeeld bekijken").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{detail}voorbeeld/")
    assert page.get_by_role("heading", name="Deel 1 Populatie", exact=True).count() == 1
    assert page.get_by_role("heading", name="Wat zien we?").count() >= 1
    assert page.get_by_text("Meer mensen stromen uit naar werk.").count() == 1
    check(page, live_server, None, problems)

    assert problems == {}, problems


def test_a_correction_after_vaststelling_and_the_new_version_for_the_griffie(
    browser, live_server, eager_celery, world, report
):
    request_generation(report, world.beleid)  # runs inline: eager Celery, autocommit
    report.refresh_from_db()
    assert report.generation_status == "done"
    vastgesteld(report, world.beleid)
    correct_wsw(world)

    page = log_in(browser, live_server, "beleid")
    problems = {}

    # The vastgesteld report tells of the correction and offers a new version.
    check(page, live_server, f"/rapportages/{report.pk}/", problems)
    notice = page.locator("#correcties")
    assert (
        notice.get_by_role("heading", name="Er zijn correcties sinds de vaststelling").count() == 1
    )
    assert "666" in notice.inner_text() and "670" in notice.inner_text()
    files = page.locator("table", has=page.locator("caption", has_text="Vastgestelde bestanden"))
    assert files.get_by_role("link").count() == 3

    # ... the beleidsmedewerker makes version 2, generates it, offers it and adopts it.
    reason = page.get_by_label("Reden voor een nieuwe versie (verplicht)")
    assert reason.input_value()  # proposed from the corrections
    reason.fill("Wsw-cijfer gecorrigeerd")
    page.get_by_role("button", name="Nieuwe versie maken").click()
    page.wait_for_load_state()
    fresh = re.search(r"/rapportages/(\d+)/$", page.url)
    assert fresh and int(fresh[1]) != report.pk
    page.get_by_role("button", name="Rapportage maken").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ter vaststelling aanbieden").click()
    page.wait_for_load_state()
    check(page, live_server, None, problems)
    page.get_by_role("button", name="Ja, ter vaststelling aanbieden").click()
    page.wait_for_load_state()
    # The collegebesluit, then the confirmation step.
    page.get_by_label("Datum van het collegebesluit").fill("2018-09-04")
    page.get_by_role("button", name="Collegebesluit vastleggen").click()
    page.wait_for_load_state()
    check(page, live_server, None, problems)
    page.get_by_role("button", name="Ja, collegebesluit vastleggen").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Versie 1").count() == 1
    check(page, live_server, None, problems)
    page.context.close()

    # The griffie registers the raad's adoption of version 2 from its page.
    page = log_in(browser, live_server, "griffie")
    check(page, live_server, None, problems)
    page.get_by_role("link", name="Vaststelling door de raad vastleggen").click()
    page.wait_for_load_state()
    check(page, live_server, None, problems)
    page.get_by_label("Datum van het raadsbesluit").fill("2018-09-20")
    page.get_by_label("Nummer van het raadsbesluit").fill("RB 2018/42")
    page.get_by_role("button", name="Vaststelling door de raad vastleggen").click()
    page.wait_for_load_state()
    check(page, live_server, None, problems)
    page.get_by_role("button", name="Ja, vaststelling vastleggen").click()
    page.wait_for_load_state()
    page.context.close()

    # The griffie sees both versions: PDF and CSV, never the internal Excel file.
    page = log_in(browser, live_server, "griffie")
    assert page.url.endswith("/rapportages/griffie/")
    check(page, live_server, None, problems)
    main = page.locator("main")
    assert main.get_by_role("link", name="PDF").count() == 2
    assert main.get_by_role("link", name="CSV").count() == 2
    assert main.get_by_role("link", name="Excel").count() == 0
    assert page.locator("a[href$='/download/xlsx/']").count() == 0
    assert "Vervangt versie 1. Wsw-cijfer gecorrigeerd" in main.inner_text()
    page.context.close()

    assert problems == {}, problems
