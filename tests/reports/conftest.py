from datetime import date

import pytest

from indicators.workflow import transition as submission_transition
from reports.adoption import Besluit
from tests.factories import SubmissionFactory, fill_submission, period

# The raadsbesluit the tests adopt reports with.
BESLUIT = Besluit(orgaan="raad", datum=date(2018, 9, 20), kenmerk="RB-2018-42")


@pytest.fixture(autouse=True)
def _celery_eager(request):
    """Report tasks run inline, also when CELERY_BROKER_URL is set (CI runs a real worker only
    for tests marked celery_worker)."""
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def approve(world, submission, values=None):
    fill_submission(world, submission=submission, values=values)
    submission_transition(submission, "indienen", world.leverancier)
    submission_transition(submission, "goedkeuren", world.beleid)
    return submission


def approve_two_periods(world):
    """Orionis' figures for 2017H2 and 2018H1 approved, so tables and charts have content."""
    earlier = SubmissionFactory(uitvraag=world.uitvraag, period=period("2017H2"))
    approve(
        world,
        earlier,
        {
            (world.aantal_clienten.pk, world.werkzoekenden.pk): "480",
            (world.aantal_clienten.pk, world.wsw.pk): "701",
            (world.uitstroom_pct.pk, world.werkzoekenden.pk): "9,8",
        },
    )
    approve(world, world.submission)
    return world


@pytest.fixture
def approved_world(world):
    return approve_two_periods(world)


@pytest.fixture
def generate(django_capture_on_commit_callbacks):
    """Ask for generation and run the queued task (on commit) inline; return the fresh report."""
    from reports.services import request_generation

    def run(report, user):
        with django_capture_on_commit_callbacks(execute=True):
            request_generation(report, user)
        report.refresh_from_db()
        return report

    return run


@pytest.fixture
def report(approved_world):
    from reports.services import create_report

    return create_report(approved_world.vlissingen, period("2018H1"), approved_world.beleid)


@pytest.fixture
def generated_report(report, approved_world, generate):
    return generate(report, approved_world.beleid)


def pdf_text(report) -> str:
    import pypdf

    with report.pdf.open("rb") as handle:
        reader = pypdf.PdfReader(handle)
        return "\n".join(page.extract_text() for page in reader.pages)


def with_files(report, pdf=b"%PDF-1.7 test", xlsx=b"PK test", csv=b"indicator;waarde"):
    """Mark a report as generated with small stand-in files, for tests about access and workflow
    where the content does not matter (real generation is tested in test_generation)."""
    import hashlib

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from reports.models import GenerationStatus

    report.pdf.save(f"r{report.pk}.pdf", ContentFile(pdf), save=False)
    report.xlsx.save(f"r{report.pk}.xlsx", ContentFile(xlsx), save=False)
    report.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    report.xlsx_sha256 = hashlib.sha256(xlsx).hexdigest()
    report.csv.save(f"r{report.pk}.csv", ContentFile(csv), save=False)
    report.csv_sha256 = hashlib.sha256(csv).hexdigest()
    report.generation_status = GenerationStatus.DONE
    report.progress = 100
    report.generated_at = timezone.now()
    report.save()
    return report


# The collegebesluit the tests record before the raad adopts.
COLLEGEBESLUIT = Besluit(orgaan="college", datum=date(2018, 9, 4), kenmerk="B&W-2018-7")


def registrar_of(report):
    """Who registers the raad's adoption in the tests: the griffie of the report's gemeente."""
    from organisations.models import Role
    from organisations.recipients import griffie_of
    from tests.factories import make_user

    found = list(griffie_of(report.gemeente))
    return found[0] if found else make_user(Role.GRIFFIE, report.gemeente)


def vastgesteld(report, user, registrar=None):
    """Offer a report, record the collegebesluit (both by ``user``) and have the griffie (or
    ``registrar``) register the raad's adoption, through the workflow."""
    from reports.workflow import transition

    transition(report, "aanbieden", user)
    transition(report, "collegebesluit", user, collegebesluit=COLLEGEBESLUIT)
    return transition(report, "vaststellen", registrar or registrar_of(report), besluit=BESLUIT)


@pytest.fixture
def per_doelgroep_charts(world):
    """Vlissingen's report profile asks for a chart per indicator and doelgroep (the default is
    one per indicator with the doelgroepen as lines)."""
    from reports.profile import ChartChoice, ReportProfile

    return ReportProfile.objects.create(gemeente=world.vlissingen, charts=ChartChoice.PER_DOELGROEP)
