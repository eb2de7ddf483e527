"""Logging in with a second factor in a real browser: enrolment with the code from the app, the
recovery codes, and the second step at the next log-in; axe-core finds no accessibility
violations on any of these screens, and the code field is reached and labelled as a user needs."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import AXE, CHROMIUM, log_in, violations
from tests.factories import build_world
from tests.security.conftest import code_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (run: npm ci)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def world(transactional_db, settings):
    settings.MFA_ENABLED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    return build_world()


def test_enrolment_and_the_second_step_are_accessible_and_work(browser, live_server, world):
    problems = {}
    page = log_in(browser, live_server, "beleid")
    assert "/tweestapsverificatie/instellen/" in page.url
    assert page.locator("svg").first.is_visible()
    problems["enrolment"] = violations(page)

    device = TOTPDevice.objects.get(user=world.beleid)
    page.get_by_label("Code uit de app").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    assert page.get_by_text("Deze code klopt niet").is_visible()
    problems["enrolment, wrong code"] = violations(page)

    page.get_by_label("Code uit de app").fill(code_for(device))
    page.get_by_role("button", name="Bevestigen").click()
    assert page.get_by_role("heading", name="Herstelcodes").is_visible()
    assert page.locator(".recovery-codes li").count() == 10
    problems["recovery codes"] = violations(page)
    page.get_by_role("link", name="Ik heb de codes bewaard").click()
    assert page.url == f"{live_server.url}/"
    page.context.close()

    device.refresh_from_db()
    device.last_t = -1  # the same 30 seconds may be used again in this test
    device.save()
    page = log_in(browser, live_server, "beleid")
    assert "/inloggen/tweede-stap/" in page.url
    problems["second step"] = violations(page)
    page.get_by_label("Code uit uw authenticator-app of een herstelcode").fill(code_for(device))
    page.keyboard.press("Enter")  # the form is sent with the keyboard alone
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/tweestapsverificatie/")
    problems["overview"] = violations(page)
    page.context.close()

    assert {k: v for k, v in problems.items() if v} == {}
