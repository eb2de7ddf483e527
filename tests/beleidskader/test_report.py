"""The chapter "Beleid en voortgang" of the monitor report, read back from the PDF: per adopted
kader and doelstelling the three W-questions of the jaarrekening."""

from datetime import date
from decimal import Decimal

import pytest

from beleidskader.models import Doel, Niveau, PrestatieBudget
from reports.services import create_report, request_generation
from tests.factories import period
from tests.reports.conftest import approve_two_periods, pdf_text

from .test_adoption import adopt

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _celery_eager():
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def adopted(world, kader, teamleider):
    kader.year_from, kader.year_to = 2018, 2021
    kader.save()
    prestatie_parent = kader.doelen.get(nummer="1.1")
    prestatie = Doel.objects.create(
        kader=kader,
        niveau=Niveau.PRESTATIE,
        title="Sociale teams in alle wijken",
        parent=prestatie_parent,
    )
    PrestatieBudget.objects.create(doel=prestatie, year=2018, amount=Decimal("4486000"))
    return adopt(kader, world.beleid, teamleider)


def generated(world, django_capture_on_commit_callbacks):
    approve_two_periods(world)
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    with django_capture_on_commit_callbacks(execute=True):
        request_generation(report, world.beleid)
    report.refresh_from_db()
    return report


def test_the_report_has_a_chapter_with_the_w_questions_per_doelstelling(
    world, adopted, django_capture_on_commit_callbacks
):
    text = " ".join(pdf_text(generated(world, django_capture_on_commit_callbacks)).split())
    assert "Beleid en voortgang" in text
    assert "Ontwikkelagenda" in text
    assert "Zelfredzaamheid vergroten" in text
    for question in [
        "Wat hebben wij bereikt?",
        "Wat hebben wij daarvoor gedaan?",
        "Wat heeft het gekost?",
    ]:
        assert question in text
    assert "Sociale teams in alle wijken" in text
    assert "4.486.000" in text
    assert "nog niet meetbaar" in text
    assert adopted.raadsbesluit_date == date(2021, 1, 28)


def test_a_kader_in_concept_is_not_in_the_report(world, kader, django_capture_on_commit_callbacks):
    text = pdf_text(generated(world, django_capture_on_commit_callbacks))
    assert "Beleid en voortgang" not in text


def test_the_report_shows_each_product_line_of_a_bestuursrapportage_and_the_total(
    world, bestuursrapportage, django_capture_on_commit_callbacks
):
    report = create_report(world.vlissingen, period("2024H1"), world.beleid)
    with django_capture_on_commit_callbacks(execute=True):
        request_generation(report, world.beleid)
    report.refresh_from_db()
    text = " ".join(pdf_text(report).split())
    assert "Begroting per programma en product" in text
    for amount in ["200.000", "50.000", "1.250.000", "1.500.000"]:
        assert f"-{amount}" in text or f"−{amount}" in text, amount
    csv_text = report.csv.read().decode("utf-8-sig")
    assert "beleid.lijn.totaal.lasten.verwachte_afwijking" in csv_text
    assert ";-1500000;" in csv_text
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(report.xlsx.read()))["Begroting per lijn"]
    by_label = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]}
    assert by_label["Totaal"][8] == -1500000


def test_the_report_shows_a_programma_in_the_deventer_form_with_its_exploitatie(
    world, kader, teamleider, django_capture_on_commit_callbacks
):
    from beleidskader.models import ExploitatieJaar, VerbondenPartij

    kader.year_from, kader.year_to = 2018, 2018
    kader.source_note = "Overgenomen uit het document van een andere gemeente."
    kader.exploitatie_toelichting = "De lasten stijgen door Beschermd Wonen."
    kader.save()
    for year, lasten, baten in [(2017, "69839000", "5714000"), (2018, "70504000", "5653000")]:
        ExploitatieJaar.objects.create(
            kader=kader, year=year, lasten=Decimal(lasten), baten=Decimal(baten)
        )
    VerbondenPartij.objects.create(kader=kader, rechtsvorm="GR", name="GGD IJsselland")
    adopt(kader, world.beleid, teamleider)
    text = " ".join(pdf_text(generated(world, django_capture_on_commit_callbacks)).split())
    assert "Exploitatie (bedragen × € 1.000; uit het document)" in text
    assert "69.839" in text and "5.714" in text and "-64.125" in text
    assert "De lasten stijgen door Beschermd Wonen." in text
    assert "GR GGD IJsselland" in text
    assert "Overgenomen uit het document van een andere gemeente." in text


def test_the_chapter_is_in_the_xlsx_and_the_csv(world, adopted, django_capture_on_commit_callbacks):
    import io

    from openpyxl import load_workbook

    report = generated(world, django_capture_on_commit_callbacks)
    workbook = load_workbook(io.BytesIO(report.xlsx.read()))
    assert {"Voortgang beleid", "Programmaverantwoording"} <= set(workbook.sheetnames)
    voortgang = [row for row in workbook["Voortgang beleid"].iter_rows(values_only=True)]
    assert any("1.1 Meer inwoners zelfredzaam" in (row[2] or "") for row in voortgang[1:])
    verantwoording = list(workbook["Programmaverantwoording"].iter_rows(values_only=True))
    assert verantwoording[1][6] == "Sociale teams in alle wijken"
    assert verantwoording[1][7] == 4486000
    csv_text = report.csv.read().decode("utf-8-sig")
    assert "beleid.voortgang." in csv_text and "nog niet meetbaar" in csv_text
    assert csv_text.splitlines()[0].startswith("indicatorcode;")
