"""Every menu page of every role at 320, 375, 768 and 1280 px: the page never scrolls sideways
(wide tables scroll in their own region) and axe-core finds no violations. One logged-in context
per role, resized from width to width; the pages are the ones the role's own menu links to."""

import pytest

from indicators.workflow import transition
from organisations.theme import Huisstijl
from tests.browser.conftest import AXE, CHROMIUM, log_in, new_page, violations
from tests.factories import build_world, fill_submission

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (run: npm ci)"),
    pytest.mark.django_db(transaction=True),
]

WIDTHS = (320, 375, 768, 1280)
# The Django admin and the Swagger UI are not the product's own pages: the toegankelijkheids-
# verklaring lists them as known gaps.
NOT_CHECKED = ("/admin/", "/api/docs/")
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
MENU_LINKS = """() => [...document.querySelectorAll('.msd-nav--wide a, .msd-footer a')]
    .map(a => new URL(a.href)).filter(u => u.origin === location.origin).map(u => u.pathname)"""


@pytest.fixture
def world(transactional_db):
    world = build_world()
    fill_submission(world)
    transition(world.submission, "indienen", world.leverancier)
    # Vlissingen wears its own huisstijl: its colour must pass axe's contrast checks as well.
    Huisstijl.objects.create(
        organisation=world.vlissingen, name="Gemeente Vlissingen", primary_colour="#8A1538"
    )
    return world


def check_pages(page, base_url, paths) -> dict[str, list[str]]:
    problems = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for path in paths:
            response = page.goto(base_url + path)
            assert response.status == 200, path
            found = violations(page)
            overflow = page.evaluate(OVERFLOW)
            if overflow > 0:
                found.append(f"de pagina scrolt {overflow}px opzij")
            if found:
                problems[f"{path} @ {width}px"] = found
    return problems


@pytest.mark.parametrize("username", ["orionis", "beleid", "griffie", "beheerder"])
def test_every_menu_page_of_the_role_fits_every_width_without_violations(
    browser, live_server, world, username
):
    page = log_in(browser, live_server, username)
    paths = sorted({p for p in page.evaluate(MENU_LINKS) if not p.startswith(NOT_CHECKED)})
    assert len(paths) >= 4  # the menu (at least Meldingen) and the footer's pages
    assert check_pages(page, live_server.url, paths) == {}


def test_the_pages_without_log_in_fit_every_width_without_violations(browser, live_server, db):
    page = new_page(browser)
    paths = ["/inloggen/", "/toegankelijkheid/", "/privacy/", "/openbaar/"]
    assert check_pages(page, live_server.url, paths) == {}


def test_the_menu_is_one_row_on_a_wide_screen_and_a_disclosure_on_a_small_one(
    browser, live_server, world
):
    page = log_in(browser, live_server, "beheerder")
    wide_menu = page.locator(".msd-nav--wide .msd-nav__list")
    tops = {round(link.bounding_box()["y"]) for link in wide_menu.get_by_role("link").all()}
    assert len(tops) == 1  # one row, all eleven links of a beheerder
    page.set_viewport_size({"width": 375, "height": 800})
    assert not wide_menu.is_visible()
    menu = page.locator("details.msd-nav--small")
    aanleveringen = menu.get_by_role("link", name="Aanleveringen")
    assert not aanleveringen.is_visible()
    menu.locator("summary").click()
    assert aanleveringen.is_visible()
    # The header stays one row (logo and name): the person's links and the language are in the Menu.
    assert menu.get_by_role("button", name="Uitloggen").is_visible()
    assert page.locator(".msd-header").bounding_box()["height"] < 90


def test_a_wide_table_scrolls_in_its_own_region_and_keeps_its_first_column(
    browser, live_server, world
):
    page = log_in(browser, live_server, "beleid")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/aanleveringen/")
    region = page.locator(".table-scroll").first
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    first_cell = region.locator("tbody tr th, tbody tr td").first
    before = first_cell.bounding_box()["x"]
    region.evaluate("el => { el.scrollLeft = 200; }")
    assert first_cell.bounding_box()["x"] == before
    assert page.evaluate(OVERFLOW) <= 0


def test_the_error_pages_are_dutch_and_in_the_same_look(browser, live_server, world):
    page = log_in(browser, live_server, "beleid")
    response = page.goto(f"{live_server.url}/bestaat-niet/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Pagina niet gevonden").count() == 1
    assert page.locator(".msd-header .msd-brand").inner_text().startswith("Gemeente Vlissingen")
    assert page.locator(".msd-footer").get_by_role("link", name="Toegankelijkheid").count() == 1
    assert violations(page) == []
