"""The dashboard in a real browser (Debian's chromium, headless, driven by Playwright): axe-core
finds no accessibility violations on the dashboard, thema, indicator, compare, budget and public
pages, and the compare flow works with the keyboard alone.

axe-core comes from npm (package.json at the repository root; ``npm ci`` installs it into
node_modules). Without chromium or node_modules/axe-core these tests are skipped.
"""

import re

import pytest

from tests.browser.conftest import AXE, CHROMIUM, log_in, new_page, violations
from tests.factories import build_world
from tests.reports.dashboard.conftest import build_dash

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (run: npm ci)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _fresh_caches():
    """The live server runs in this process: it shares the dashboard's caches with the tests."""
    from django.core.cache import cache

    from reports.dashboard import figures

    cache.clear()
    figures.memo.clear()
    yield
    cache.clear()
    figures.memo.clear()


@pytest.fixture
def dash(transactional_db):
    return build_dash(build_world())


@pytest.fixture
def public(dash):
    """Vlissingen publishes its dashboard; its report over 2018H1 is vastgesteld; a small count
    makes disclosure control show "geheim"."""
    from decimal import Decimal

    from indicators.models import Value
    from tests.reports.dashboard.conftest import vaststellen

    Value.objects.filter(
        submission=dash.submission, indicator=dash.aantal_clienten, doelgroep=dash.wsw
    ).update(value=Decimal(5), raw="5")
    dash.vlissingen.public_dashboard = True
    dash.vlissingen.save()
    vaststellen(dash.vlissingen, "2018H1", dash.beleid)
    return dash


LOGGED_IN_PAGES = [
    "/dashboard/GM0718/",
    "/dashboard/GM0718/thema/iedereen-doet-mee/",
    "/dashboard/GM0718/indicator/orionis-uitstroom-werk/",
    "/dashboard/GM0718/thema/iedereen-doet-mee/?vergelijk=walcheren",
    "/dashboard/GM0718/indicator/mi-arbeidsparticipatie/?vergelijk=gemiddelde",
    "/dashboard/GM0718/begroting/",
]
PUBLIC_PAGES = [
    "/openbaar/",
    "/openbaar/GM0718/",
    "/openbaar/GM0718/thema/iedereen-doet-mee/?vergelijk=walcheren",
    "/openbaar/GM0718/indicator/orionis-aantal-clienten/?vergelijk=gemiddelde",
]


def test_axe_finds_no_violations_on_the_dashboard_pages(browser, live_server, dash):
    page = log_in(browser, live_server, "beleid")
    problems = {}
    for path in LOGGED_IN_PAGES:
        page.goto(live_server.url + path)
        assert page.locator("h1").count() == 1, path
        found = violations(page)
        if found:
            problems[path] = found
    assert problems == {}, problems


def test_axe_finds_no_violations_on_the_public_pages(browser, live_server, public):
    page = new_page(browser)
    problems = {}
    for path in PUBLIC_PAGES:
        page.goto(live_server.url + path)
        found = violations(page)
        if found:
            problems[path] = found
    assert problems == {}, problems
    page.goto(live_server.url + "/openbaar/GM0718/thema/iedereen-doet-mee/")
    assert page.locator(".geheim").count() >= 1


def test_the_compare_flow_works_with_the_keyboard_alone(browser, live_server, dash):
    page = log_in(browser, live_server, "beleid")
    page.goto(live_server.url + "/dashboard/GM0718/indicator/mi-arbeidsparticipatie/")
    assert page.locator("figure.chart img").count() == 1
    assert page.get_by_role("columnheader", name="Regio Walcheren").count() == 0

    # Tab to "Vergelijken met", choose with the arrow keys, Tab to "Toon", press Enter.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "vergelijk":
            break
    else:
        pytest.fail("'Vergelijken met' cannot be reached with Tab")
    page.keyboard.press("ArrowDown")
    assert page.locator("#vergelijk").input_value() == "walcheren"
    page.keyboard.press("ArrowDown")
    assert page.locator("#vergelijk").input_value() == "gemiddelde"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Toon":
            break
    else:
        pytest.fail("the submit button cannot be reached with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert re.search(r"[?&]vergelijk=gemiddelde(&|$)", page.url)
    series = page.locator("table", has=page.locator("caption", has_text="per periode"))
    assert series.get_by_role("columnheader", name="Gemiddelde van de gemeenten").count() == 1
    # 2017: (63,5 + 67,0 + 65,0) / 3
    assert series.get_by_role("row", name="2017").get_by_role("cell").nth(1).inner_text() == "65,2"
    assert "vergelijk=gemiddelde" in page.locator("figure.chart img").get_attribute("src")
    # The URL holds the selection: someone else with access sees the same view.
    other = log_in(browser, live_server, "beheerder")
    other.goto(page.url)
    assert other.locator("#vergelijk").input_value() == "gemiddelde"


def test_focus_is_visible_on_keyboard_navigation(browser, live_server, dash):
    page = log_in(browser, live_server, "beleid")
    page.goto(live_server.url + "/dashboard/GM0718/")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_the_landing_tiles_are_accessible_open_and_fit_a_small_screen(browser, live_server, public):
    """The landing page's tiles: a sparkline with its text alternative, met / not met in words,
    the data tables opened; axe finds nothing and nothing scrolls sideways at 320 px (the
    secret figures: tests/reports/dashboard/test_landing.py)."""
    for path, page in (
        ("/dashboard/GM0718/", log_in(browser, live_server, "beleid")),
        ("/openbaar/GM0718/", new_page(browser)),
    ):
        page.set_viewport_size({"width": 320, "height": 800})
        page.goto(live_server.url + path)
        assert page.locator(".kpi").count() >= 2, path
        assert page.locator("img.sparkline[alt^='Verloop van']").count() >= 1, path
        assert page.get_by_text(re.compile("Streefwaarde .* gehaald")).count() >= 1, path
        for summary in page.locator(".kpi details summary").all():
            summary.click()
        assert violations(page) == [], path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
