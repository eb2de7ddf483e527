"""The whole chain in a real browser (Debian's chromium, headless, driven by Playwright):
supplier submits → beleidsmedewerker approves → report generated, offered, the collegebesluit
recorded → the griffie registers the raad's adoption and downloads.
"""

import io

import pytest
from pypdf import PdfReader

from tests.browser.conftest import CHROMIUM, log_in
from tests.factories import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]


@pytest.mark.django_db(transaction=True)
def test_figures_travel_from_supplier_to_the_griffie(browser, live_server, eager_celery):
    world = build_world()

    # 1. The supplier fills the grid and submits.
    page = log_in(browser, live_server, "orionis")
    page.goto(f"{live_server.url}/aanleveringen/{world.submission.pk}/invullen/")
    inputs = page.locator("input.grid-input")
    assert inputs.count() == 3
    for i, value in enumerate(["510", "666", "12,5"]):
        inputs.nth(i).fill(value)
    page.get_by_role("button", name="Opslaan en indienen").click()
    page.wait_for_load_state()
    assert "Ingediend" in page.content()
    page.context.close()

    # 2. The beleidsmedewerker of Vlissingen approves.
    page = log_in(browser, live_server, "beleid")
    page.goto(f"{live_server.url}/aanleveringen/{world.submission.pk}/")
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_load_state()
    world.submission.refresh_from_db()
    assert world.submission.status == "goedgekeurd"

    # 3. ... makes the report for Vlissingen, generates it, offers it and marks it vastgesteld.
    page.goto(f"{live_server.url}/rapportages/")
    page.get_by_label("Gemeente").select_option(label="Vlissingen")
    page.get_by_label("Periode").select_option(label="2018 eerste halfjaar (2018H1)")
    page.get_by_role("button", name="Rapportage aanmaken").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Rapportage maken").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ter vaststelling aanbieden").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ja, ter vaststelling aanbieden").click()
    page.wait_for_load_state()
    # The collegebesluit, then the confirmation step.
    page.get_by_label("Datum van het collegebesluit").fill("2018-09-04")
    page.get_by_role("button", name="Collegebesluit vastleggen").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ja, collegebesluit vastleggen").click()
    page.wait_for_load_state()
    page.context.close()

    # 4. The griffie registers the raad's adoption (the offerer may not: four-eyes).
    page = log_in(browser, live_server, "griffie")
    assert page.url.endswith("/rapportages/griffie/")
    page.get_by_role("link", name="Vaststelling door de raad vastleggen").click()
    page.wait_for_load_state()
    page.get_by_label("Datum van het raadsbesluit").fill("2018-09-20")
    page.get_by_label("Nummer van het raadsbesluit").fill("RB 2018/42")
    page.get_by_role("button", name="Vaststelling door de raad vastleggen").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ja, vaststelling vastleggen").click()
    page.wait_for_load_state()
    assert "Gelukt" in page.content()
    page.context.close()

    # 5. The griffie of Vlissingen sees the vastgesteld report and downloads the PDF.
    page = log_in(browser, live_server, "griffie")
    assert page.url.endswith("/rapportages/griffie/")
    link = page.get_by_role("link", name="PDF").first
    with page.expect_download() as download_info:
        link.click()
    pdf_bytes = download_info.value.path().read_bytes()
    assert pdf_bytes.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages)
    assert "Vlissingen" in text
    assert "666" in text and "12,5" in text
    page.context.close()

    # The griffie of another gemeente sees nothing of it.
    page = log_in(browser, live_server, "griffie_mb")
    assert page.get_by_role("link", name="PDF").count() == 0
    assert "Er zijn nog geen vastgestelde rapportages" in page.locator("main").inner_text()
    page.context.close()
