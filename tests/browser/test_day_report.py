"""The report half of the day, in a real browser (Debian's chromium, headless, Playwright): the
beleidsmedewerker makes the report from the start page, offers it (confirmation) and records the
collegebesluit; alone they cannot register the raad's adoption (four-eyes); the teamleider does
(confirmation); the griffie is told (mail to the right people, links on SITE_URL) and downloads
the vastgestelde files, which carry both besluiten. axe-core checks every page on the way.

The progress of the generation is walked with the embedded default's real worker (kombu's
filesystem transport, a separate Celery process, as ``./scripts/start`` runs it); that needs a
database both processes share, so that test runs on PostgreSQL (DATABASE_URL) and is skipped on
SQLite. The walk itself makes the files in-process (the eager fixture)."""

import csv
import io
import re

import pytest
from django.core import mail
from pypdf import PdfReader

from organisations.models import Role
from reports.models import Report, ReportStatus
from reports.services import create_report
from tests.browser.conftest import AXE, CHROMIUM, log_in, violations
from tests.factories import build_world, make_user, period
from tests.reports.conftest import approve
from tests.reports.test_embedded_worker import embedded_worker, filesystem_broker  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)"),
]


def checked(page, problems: dict) -> None:
    """axe-core on the page as it is now; what it finds is kept under the page's path."""
    found = violations(page)
    if found:
        problems[page.url] = found


# Making and re-printing the files runs in the request here (eager): minutes on a busy machine.
SLOW = 300_000


def click(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click(timeout=SLOW)
    page.wait_for_load_state(timeout=SLOW)


def logged_in(browser, live_server, username):
    page = log_in(browser, live_server, username)
    page.set_default_timeout(SLOW)
    return page


@pytest.mark.django_db(transaction=True)
def test_the_report_is_offered_decided_adopted_and_reaches_the_griffie(
    browser, live_server, eager_celery, settings
):
    settings.SITE_URL = live_server.url
    world = build_world()
    approve(world, world.submission)
    teamleider = make_user(Role.BELEID, world.vlissingen, username="teamleider")
    # The schedule prepares the concept for the half-year (reports.tasks.prepare_concept_reports).
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    problems: dict = {}

    # The beleidsmedewerker starts from Mijn werk and makes the files.
    page = logged_in(browser, live_server, "beleid")
    page.goto(f"{live_server.url}/")
    checked(page, problems)
    page.get_by_role("link", name=re.compile(report.title)).first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/rapportages/{report.pk}/")
    click(page, "Rapportage maken")
    assert "Klaar" in page.locator("#voortgang").inner_text()
    checked(page, problems)

    # Offering asks first, saying what will happen.
    click(page, "Ter vaststelling aanbieden")
    assert page.get_by_role("heading", name="Ter vaststelling aanbieden bevestigen").count() == 1
    assert "TER VASTSTELLING" in page.locator("main").inner_text()
    checked(page, problems)
    click(page, "Ja, ter vaststelling aanbieden")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.TER_VASTSTELLING

    # The college decided: the beleidsmedewerker records it (date and kenmerk), after confirming.
    page.get_by_label("Datum van het collegebesluit").fill("2018-09-04")
    page.get_by_label("Kenmerk van het collegebesluit (niet verplicht)").fill("B&W 2018/7")
    click(page, "Collegebesluit vastleggen")
    assert page.get_by_role("heading", name="Collegebesluit vastleggen bevestigen").count() == 1
    assert "Besloten door het college van B&W op 4 september 2018" in page.content().replace(
        "&amp;", "&"
    )
    checked(page, problems)
    mail.outbox.clear()
    click(page, "Ja, collegebesluit vastleggen")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.COLLEGEBESLUIT
    checked(page, problems)

    # Whoever offered it cannot register the raad's adoption alone (four-eyes), on either page.
    assert "vier-ogenprincipe" in page.locator("#vier-ogen").inner_text()
    assert page.get_by_label("Nummer van het raadsbesluit").count() == 0
    page.goto(f"{live_server.url}/rapportages/{report.pk}/raadsbesluit/")
    assert "vier-ogenprincipe" in page.locator("main").inner_text()
    assert page.get_by_label("Nummer van het raadsbesluit").count() == 0
    checked(page, problems)
    page.context.close()

    # The collegebesluit told the griffie and the colleague (not the one who recorded it), with a
    # link on the site's own address to the page where the raad's adoption is registered.
    college_mails = [m for m in mail.outbox if m.subject.startswith("Collegebesluit")]
    assert sorted(a for m in college_mails for a in m.to) == [
        world.griffie.email,
        teamleider.email,
    ]
    link = f"{live_server.url}/rapportages/{report.pk}/raadsbesluit/"
    assert all(link in m.body for m in college_mails)

    # The teamleider registers the raad's adoption from Mijn werk, after confirming.
    page = logged_in(browser, live_server, "teamleider")
    page.goto(f"{live_server.url}/")
    item = page.get_by_role("link", name=re.compile(report.title)).first
    assert "Vaststelling door de raad vastleggen" in page.locator("main").inner_text()
    item.click()
    page.wait_for_load_state()
    page.get_by_label("Datum van het raadsbesluit").fill("2018-09-20")
    page.get_by_label("Nummer van het raadsbesluit").fill("RB 2018/14")
    click(page, "Vaststelling door de raad vastleggen")
    heading = "Vaststelling door de raad vastleggen bevestigen"
    assert page.get_by_role("heading", name=heading).count() == 1
    checked(page, problems)
    mail.outbox.clear()
    click(page, "Ja, vaststelling vastleggen")
    adopted = Report.objects.get(pk=report.pk)
    assert adopted.status == ReportStatus.VASTGESTELD
    assert adopted.vastgesteld_by == teamleider
    assert "Vastgesteld door de gemeenteraad op 20 september 2018" in page.content()
    checked(page, problems)
    page.context.close()

    # The griffie of Vlissingen is told: its own mail, a link on SITE_URL, the PDF's checksum.
    griffie_mails = [m for m in mail.outbox if world.griffie.email in m.to]
    assert len(griffie_mails) == 1 and griffie_mails[0].to == [world.griffie.email]
    assert f"{live_server.url}/rapportages/griffie/" in griffie_mails[0].body
    assert adopted.pdf_sha256 in griffie_mails[0].body
    assert world.griffie_middelburg.email not in [a for m in mail.outbox for a in m.to]

    # ... sees it in its notifications and downloads the vastgestelde files.
    page = logged_in(browser, live_server, "griffie")
    page.goto(f"{live_server.url}/meldingen/")
    assert "Vastgesteld" in page.locator("main").inner_text()
    checked(page, problems)
    page.goto(f"{live_server.url}/rapportages/griffie/")
    checked(page, problems)
    main = page.locator("main")
    with page.expect_download() as pdf_download:
        main.get_by_role("link", name="PDF").first.click()
    pdf = PdfReader(io.BytesIO(pdf_download.value.path().read_bytes()))
    cover = " ".join(pdf.pages[0].extract_text().split())
    assert "Collegebesluit 4 september 2018, nummer B&W 2018/7" in cover
    assert "Raadsbesluit 20 september 2018, nummer RB 2018/14" in cover
    assert "Vaststelling geregistreerd door" in cover
    with page.expect_download() as csv_download:
        main.get_by_role("link", name="CSV").first.click()
    text = csv_download.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][-2:] == ["raadsbesluit_datum", "raadsbesluit_nummer"]
    assert rows[1][-2:] == ["2018-09-20", "RB 2018/14"]
    assert main.get_by_role("link", name="Excel").count() == 0
    page.context.close()

    assert problems == {}, problems


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_progress_of_a_report_made_by_the_embedded_worker_survives_a_reload(
    browser, live_server, embedded_worker_paused
):
    world = build_world()
    approve(world, world.submission)
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)

    page = log_in(browser, live_server, "beleid")
    page.goto(f"{live_server.url}/rapportages/{report.pk}/")
    click(page, "Rapportage maken")  # returns at once: the worker makes the files
    progress = page.locator("#aanmaak-voortgang")
    assert progress.count() == 1
    # The worker pauses after its first step: the page shows it, and a reload shows it again.
    page.wait_for_function(
        "() => (document.querySelector('#aanmaak-bericht') || {}).textContent"
        "?.includes('Cijfers verzameld')",
        timeout=60_000,
    )
    assert "10%" in page.locator("#aanmaak-bericht").inner_text()
    assert page.locator("#aanmaak-stappen li").count() >= 3
    page.reload()
    page.wait_for_load_state()
    assert page.locator("#aanmaak-voortgang").count() == 1
    assert "Cijfers verzameld" in page.locator("#aanmaak-bericht").inner_text()
    assert int(page.locator("#aanmaak-voortgang").get_attribute("value")) >= 10
    checked(page, problems := {})
    # The script follows the worker to the end without another reload.
    page.wait_for_function(
        "() => document.querySelector('#voortgang').textContent.includes('Klaar')",
        timeout=180_000,
    )
    report.refresh_from_db()
    assert report.generation_status == "done", report.generation_error
    assert problems == {}, problems
    page.context.close()


@pytest.fixture
def embedded_worker_paused(monkeypatch, request):
    """The embedded default's worker (tests/reports/test_embedded_worker.py), pausing a few
    seconds after its first step so the test can reload the page while the files are made."""
    monkeypatch.setenv("MSD_TEST_GENERATION_PAUSE", "6")
    return request.getfixturevalue("embedded_worker")
