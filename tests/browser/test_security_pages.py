"""The pages the other browser tests do not visit, under the enforced Content-Security-Policy:
the token page (make a token, see it once, revoke it), the admin, the API documentation and an
error page. The ``no_csp_violations`` fixture fails a test on anything the policy blocks."""

import re

import pytest

from tests.browser.conftest import AXE, CHROMIUM, log_in, new_page, violations
from tests.factories import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]


@pytest.mark.django_db(transaction=True)
def test_a_token_is_made_shown_once_and_revoked_in_the_browser(browser, live_server):
    build_world()
    page = log_in(browser, live_server, "orionis")
    page.goto(f"{live_server.url}/account/tokens/")
    page.get_by_label("Naam").fill("Excel-koppeling")
    page.get_by_role("button", name="Token maken").click()
    secret = page.locator("#token-geheim").inner_text()
    assert secret.startswith("msd_")
    if AXE.exists():
        assert violations(page) == []
    page.goto(f"{live_server.url}/account/tokens/")
    assert secret not in page.content()
    page.get_by_role("button", name=re.compile("^Intrekken")).click()
    assert "ingetrokken" in page.content()


@pytest.mark.django_db(transaction=True)
def test_the_admin_the_api_docs_and_an_error_page_run_under_the_policy(browser, live_server):
    build_world()
    page = log_in(browser, live_server, "beheerder")
    for path in ["/admin/", "/admin/core/auditentry/", "/admin/auth/user/", "/bestaat-niet/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
    docs = new_page(browser)
    docs.goto(f"{live_server.url}/api/docs/")
    docs.wait_for_selector(".swagger-ui .info")
    assert "Monitor Sociaal Domein API" in docs.content()
