"""What the browser tests share: one headless chromium per test module (Debian's chromium, driven
by Playwright), logging in, axe-core and in-process report generation.

axe-core comes from npm (package.json at the repository root; ``npm ci`` installs it into
node_modules). A test module marks itself ``skipif(CHROMIUM is None)`` and, when it runs axe,
``skipif(not AXE.exists())``.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import PASSWORD

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are plain
# synchronous test code, so Django's async-safety guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser():
    """One browser per test module; every test opens its own contexts (own cookies)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def eager_celery():
    """The live server generates reports in-process, also when CI sets a broker."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


# Every page runs under the site's own Content-Security-Policy (never bypassed); whatever it
# blocks is reported in the console and collected here, and each test fails on any of it.
CSP_VIOLATIONS: list[str] = []
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI} in ${event.documentURI}`);
});
"""


def _collect_csp_violation(message) -> None:
    text = message.text
    if "CSP violation" in text or "Content Security Policy" in text:
        CSP_VIOLATIONS.append(text)


@pytest.fixture(autouse=True)
def no_csp_violations():
    CSP_VIOLATIONS.clear()
    yield
    assert CSP_VIOLATIONS == []


def new_page(browser):
    context = browser.new_context(
        accept_downloads=True, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    # Init scripts are added by the browser itself, outside the page's policy.
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.on("console", _collect_csp_violation)
    return page


def log_in(browser, live_server, username):
    page = new_page(browser)
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    return page


def violations(page) -> list[str]:
    """axe-core's violations of the page (every rule axe runs by default: WCAG 2.0/2.1 A and AA
    and best practices), as readable lines."""
    # Evaluated by the browser itself: a <script> tag would be blocked by the site's policy.
    before = len(CSP_VIOLATIONS)
    page.evaluate(AXE.read_text())
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document);
            return result.violations.map(v => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
            }));
        }"""
    )
    # axe-core itself sets inline styles while it measures (seen on pages with an autofocus
    # field); the policy blocks them, which says nothing about the page. Any other violation counts.
    CSP_VIOLATIONS[before:] = [v for v in CSP_VIOLATIONS[before:] if "style" not in v]
    return [f"{v['id']} ({v['impact']}): {v['help']} – {v['nodes']}" for v in found]
