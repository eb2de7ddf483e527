import hashlib
from datetime import UTC, datetime

import openpyxl
import pytest
from django.db import OperationalError

from indicators.models import Aspect, IndicatorSoort
from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition as submission_transition
from reports import tasks
from reports.content import collect
from reports.models import GenerationStatus, Report, ReportStatus, ReportText
from reports.pdf import render_pdf
from reports.services import create_report
from reports.workbook import safe
from reports.xlsx import render_xlsx
from tests.factories import (
    IndicatorFactory,
    SubmissionFactory,
    ThemaFactory,
    UitvraagFactory,
    UitvraagRegelFactory,
    make_user,
    period,
)
from tests.reports.conftest import approve, pdf_text, vastgesteld


def read_xlsx(report):
    with report.xlsx.open("rb") as handle:
        return openpyxl.load_workbook(handle)


def figure_rows(workbook):
    sheet = workbook["Cijfers"]
    header = [c.value for c in sheet[1]]
    return [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]


def test_generation_stores_a_pdf_and_an_xlsx_with_their_checksums(generated_report):
    report = generated_report
    assert report.generation_status == GenerationStatus.DONE
    assert report.progress == 100
    assert report.generated_at is not None
    with report.pdf.open("rb") as handle:
        pdf = handle.read()
    with report.xlsx.open("rb") as handle:
        xlsx = handle.read()
    assert pdf.startswith(b"%PDF")
    assert report.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert report.xlsx_sha256 == hashlib.sha256(xlsx).hexdigest()
    assert list(report.events.values_list("action", flat=True)) == [
        "gemaakt",
        "genereren",
        "aangemaakt",
    ]


def test_the_pdf_shows_the_approved_figures_under_their_thema_and_supplier(generated_report):
    text = pdf_text(generated_report)
    assert "Monitoring Sociaal Domein" in text and "Vlissingen" in text
    assert "1. Iedereen doet mee" in text
    assert "Deel 2 Prestaties Orionis Walcheren" in text
    assert "Orionis Walcheren – Werkzoekenden" in text
    assert "Orionis Walcheren – Wsw" in text
    for figure in ["510", "666", "12,5"]:
        assert figure in text
    assert "Bijlage: Indicatorenoverzicht" in text
    assert "Colofon" in text


def test_every_thema_gets_a_heading_even_without_figures(report, approved_world, generate):
    ThemaFactory(code="iedereen-is-veilig", name="Iedereen is veilig", order=4)
    text = pdf_text(generate(report, approved_world.beleid))
    assert "2. Iedereen is veilig" in text
    assert "Voor dit thema zijn (nog) geen goedgekeurde cijfers." in text


def test_figures_that_are_not_approved_stay_out_of_the_report(world, generate):
    """An ingediende submission, a concept, and approved figures of another gemeente."""
    approve(world, world.submission)
    thema = world.aantal_clienten.thema
    meldingen = IndicatorFactory(
        code="porthos-meldingen", name="Meldingen Wmo", thema=thema, uitvoerder=world.porthos
    )
    porthos_uitvraag = UitvraagFactory(uitvoerder=world.porthos, areas=[world.vlissingen])
    UitvraagRegelFactory(uitvraag=porthos_uitvraag, indicator=meldingen)
    ingediend = SubmissionFactory(uitvraag=porthos_uitvraag, period=period("2018H1"))
    save_values(
        ingediend,
        world.porthos_leverancier,
        [CellInput(meldingen.pk, None, world.vlissingen.pk, "4321")],
    )
    submission_transition(ingediend, "indienen", world.porthos_leverancier)
    later = SubmissionFactory(uitvraag=world.uitvraag, period=period("2018H2"))
    save_values(
        later,
        world.leverancier,
        [CellInput(world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk, "7777")],
    )
    dordrecht_uitvraag = UitvraagFactory(uitvoerder=world.orionis, areas=[world.other_gemeente])
    UitvraagRegelFactory(uitvraag=dordrecht_uitvraag, indicator=meldingen)
    dordrecht = SubmissionFactory(uitvraag=dordrecht_uitvraag, period=period("2018H1"))
    save_values(
        dordrecht,
        world.leverancier,
        [CellInput(meldingen.pk, None, world.other_gemeente.pk, "9876")],
    )
    submission_transition(dordrecht, "indienen", world.leverancier)
    submission_transition(dordrecht, "goedkeuren", world.other_beleid)

    report = generate(create_report(world.vlissingen, period("2018H1"), world.beleid), world.beleid)

    text = pdf_text(report)
    assert "510" in text
    for hidden in ["4321", "7777", "9876"]:
        assert hidden not in text
    values = [row["Waarde"] for row in figure_rows(read_xlsx(report))]
    assert 510 in values
    assert not {4321, 7777, 9876} & set(values)


def test_figures_of_a_reopened_submission_leave_the_report(approved_world, generate):
    world = approved_world
    submission_transition(world.submission, "heropenen", world.beheerder, reason="Correctie")
    report = generate(create_report(world.vlissingen, period("2018H1"), world.beleid), world.beleid)
    text = pdf_text(report)
    assert "510" not in text
    # The latest approved figures (2017 tweede halfjaar) are shown instead, with their peildatum.
    assert "480" in text and "Peildatum: 31 december 2017" in " ".join(text.split())


def test_figures_about_the_gemeente_itself_are_included_and_other_gemeenten_are_not(
    world, generate
):
    meldingen = IndicatorFactory(
        code="porthos-meldingen",
        name="Meldingen Wmo",
        thema=world.aantal_clienten.thema,
        uitvoerder=world.porthos,
    )
    uitvraag = UitvraagFactory(uitvoerder=world.porthos, areas=[world.vlissingen, world.middelburg])
    UitvraagRegelFactory(uitvraag=uitvraag, indicator=meldingen)
    submission = SubmissionFactory(uitvraag=uitvraag, period=period("2018H1"))
    save_values(
        submission,
        world.porthos_leverancier,
        [
            CellInput(meldingen.pk, None, world.vlissingen.pk, "1234"),
            CellInput(meldingen.pk, None, world.middelburg.pk, "5678"),
        ],
    )
    submission_transition(submission, "indienen", world.porthos_leverancier)
    submission_transition(submission, "goedkeuren", world.beleid)
    report = generate(create_report(world.vlissingen, period("2018H1"), world.beleid), world.beleid)
    text = pdf_text(report)
    assert "Deel 2 Prestaties Porthos" in text
    assert "1.234" in text
    assert "5.678" not in text


def test_maatschappelijke_indicatoren_form_deel_1_populatie(world, generate):
    participatie = IndicatorFactory(
        code="netto-arbeidsparticipatie",
        name="Netto arbeidsparticipatie",
        thema=world.aantal_clienten.thema,
        soort=IndicatorSoort.MAATSCHAPPELIJK,
        aspect=Aspect.EFFECT,
        eenheid="percentage",
        decimals=1,
        source="CBS",
    )
    uitvraag = UitvraagFactory(uitvoerder=world.porthos, areas=[world.vlissingen])
    UitvraagRegelFactory(uitvraag=uitvraag, indicator=participatie)
    submission = SubmissionFactory(uitvraag=uitvraag, period=period("2018H1"))
    save_values(
        submission,
        world.porthos_leverancier,
        [CellInput(participatie.pk, None, world.vlissingen.pk, "63,4")],
    )
    submission_transition(submission, "indienen", world.porthos_leverancier)
    submission_transition(submission, "goedkeuren", world.beleid)
    report = generate(create_report(world.vlissingen, period("2018H1"), world.beleid), world.beleid)
    text = pdf_text(report)
    assert "Deel 1 Populatie" in text
    assert "Netto arbeidsparticipatie" in text and "63,4" in text


def test_the_duiding_appears_under_wat_zien_we(report, approved_world, generate):
    ReportText.objects.create(
        report=report,
        thema=approved_world.aantal_clienten.thema,
        wat_zien_we="Meer werkzoekenden stromen uit naar werk.",
    )
    text = pdf_text(generate(report, approved_world.beleid))
    assert "Wat zien we?" in text
    assert "Meer werkzoekenden stromen uit naar werk." in text


def test_voorlopige_figures_are_marked_with_an_asterisk(world, generate):
    fill_cells = [
        CellInput(
            world.aantal_clienten.pk,
            world.werkzoekenden.pk,
            world.walcheren.pk,
            "510",
            voorlopig=True,
        ),
        CellInput(world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk, "666"),
        CellInput(world.uitstroom_pct.pk, world.werkzoekenden.pk, world.walcheren.pk, "12,5"),
    ]
    save_values(world.submission, world.leverancier, fill_cells)
    submission_transition(world.submission, "indienen", world.leverancier)
    submission_transition(world.submission, "goedkeuren", world.beleid)
    report = generate(create_report(world.vlissingen, period("2018H1"), world.beleid), world.beleid)
    text = pdf_text(report)
    assert "510*" in text
    assert "666*" not in text
    assert "voorlopig of nader voorlopig cijfer" in " ".join(text.split())
    rows = {(r["Doelgroep"], r["Indicatorcode"]): r for r in figure_rows(read_xlsx(report))}
    assert rows[("Werkzoekenden", "orionis-aantal-clienten")]["Voorlopig"] == "ja"
    assert rows[("Wsw", "orionis-aantal-clienten")]["Voorlopig"] == "nee"


def test_the_xlsx_holds_every_figure_of_the_report_and_the_indicator_metadata(generated_report):
    workbook = read_xlsx(generated_report)
    assert workbook.sheetnames[:2] == ["Cijfers", "Indicatoren"]
    rows = figure_rows(workbook)
    wsw = [
        (r["Periode"], r["Waarde"])
        for r in rows
        if r["Doelgroep"] == "Wsw" and r["Indicatorcode"] == "orionis-aantal-clienten"
    ]
    # The current figure and the history behind the chart.
    assert wsw == [("2017H2", 701), ("2018H1", 666)]
    first = next(r for r in rows if r["Periode"] == "2018H1")
    assert first["Gemeente"] == "Vlissingen"
    assert first["Thema"] == "Iedereen doet mee"
    assert first["Uitvoeringsorganisatie"] == "Orionis Walcheren"
    assert first["Gebied"] == "Walcheren"
    assert first["Peildatum"].date().isoformat() == "2018-06-30"
    indicators = workbook["Indicatoren"]
    header = [c.value for c in indicators[1]]
    codes = {
        row[0]: dict(zip(header, row, strict=True))
        for row in indicators.iter_rows(min_row=2, values_only=True)
    }
    assert codes["orionis-uitstroom-werk"]["Inzet/effect"] == "Effect"
    assert codes["orionis-uitstroom-werk"]["Ontwikkelindicator"] == "nee"
    assert codes["orionis-aantal-clienten"]["Definitie"] == "Aantal cliënten op de peildatum."


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised(world, generate):
    save_values(
        world.submission,
        world.leverancier,
        [
            CellInput(
                world.aantal_clienten.pk,
                world.werkzoekenden.pk,
                world.walcheren.pk,
                "510",
                toelichting='=HYPERLINK("http://evil.example","klik")',
            ),
            CellInput(
                world.aantal_clienten.pk,
                world.wsw.pk,
                world.walcheren.pk,
                "666",
                toelichting="@SUM(1)",
            ),
            CellInput(
                world.uitstroom_pct.pk,
                world.werkzoekenden.pk,
                world.walcheren.pk,
                "12,5",
                toelichting="-1+1",
            ),
        ],
    )
    submission_transition(world.submission, "indienen", world.leverancier)
    submission_transition(world.submission, "goedkeuren", world.beleid)
    report = generate(create_report(world.vlissingen, period("2018H1"), world.beleid), world.beleid)
    sheet = read_xlsx(report)["Cijfers"]
    # (The engine's total over the doelgroepen has no toelichting of its own.)
    toelichtingen = [row[12] for row in sheet.iter_rows(min_row=2, values_only=True) if row[12]]
    assert sorted(toelichtingen) == sorted(
        ['\'=HYPERLINK("http://evil.example","klik")', "'@SUM(1)", "'-1+1"]
    )
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_safe_leaves_ordinary_text_and_numbers_alone():
    assert safe("Werkzoekenden") == "Werkzoekenden"
    assert safe(-3) == -3
    assert safe("+31 118") == "'+31 118"


def test_a_chart_is_drawn_per_indicator_and_doelgroep_with_more_than_one_period(
    report, approved_world, per_doelgroep_charts
):
    content = collect(report, datetime(2019, 4, 10, 10, 0, tzinfo=UTC))
    charts = {(c.indicator.code, c.doelgroep.name): c for c in content.charts}
    assert set(charts) == {
        ("orionis-aantal-clienten", "Werkzoekenden"),
        ("orionis-aantal-clienten", "Wsw"),
        ("orionis-uitstroom-werk", "Werkzoekenden"),
    }
    wsw = charts[("orionis-aantal-clienten", "Wsw")]
    assert [p.identifier for p in wsw.periods] == ["2017H2", "2018H1"]
    assert [s.label for s in wsw.series] == ["Walcheren"]
    assert wsw.rows[0][1] == ["701", "666"]


def test_the_chart_is_an_svg_image_with_an_alt_text_that_gives_the_values(report, approved_world):
    from reports.charts import render

    content = collect(report, datetime(2019, 4, 10, 10, 0, tzinfo=UTC))
    chart = render(next(c for c in content.charts if c.indicator.code == "orionis-uitstroom-werk"))
    assert chart.image.startswith("data:image/svg+xml;base64,")
    assert chart.alt.startswith(
        "Lijndiagram Aandeel uitstroom naar werk – Werkzoekenden (%). Walcheren: "
        "2017 tweede halfjaar: 9,8; 2018 eerste halfjaar: 12,5. "
    )
    # A percentage is scaled to its values: the alt text says the axis is cut, as the chart does.
    assert "Let op: de as begint bij" in chart.alt


def test_no_chart_when_only_one_period_is_approved(world):
    approve(world, world.submission)
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    assert collect(report, datetime(2019, 4, 10, tzinfo=UTC)).charts == []


def test_the_same_figures_give_the_same_bytes(report, approved_world):
    generated_at = datetime(2019, 4, 10, 10, 0, tzinfo=UTC)
    first = collect(report, generated_at)
    second = collect(report, generated_at)
    assert render_pdf(first) == render_pdf(second)
    assert render_xlsx(first) == render_xlsx(second)


def test_progress_is_written_to_the_report_as_the_task_goes(
    report, approved_world, generate, monkeypatch
):
    seen = []
    original = tasks._progress

    def record(report_pk, percent, message):
        original(report_pk, percent, message)
        row = Report.objects.get(pk=report_pk)
        seen.append((row.generation_status, row.progress, row.progress_message))

    monkeypatch.setattr(tasks, "_progress", record)
    generate(report, approved_world.beleid)
    assert seen == [
        ("running", 10, "Cijfers verzameld"),
        ("running", 50, "Grafieken gemaakt"),
        ("running", 80, "PDF gemaakt"),
        ("running", 95, "Excel-bestand gemaakt"),
    ]
    report.refresh_from_db()
    assert (report.progress, report.progress_message) == (100, "Klaar")


def test_a_failing_generation_is_marked_failed_with_the_reason(
    report, approved_world, generate, monkeypatch
):
    def broken(content):
        raise ValueError("lettertype ontbreekt")

    monkeypatch.setattr(tasks, "render_pdf", broken)
    report = generate(report, approved_world.beleid)
    assert report.generation_status == GenerationStatus.FAILED
    assert "lettertype ontbreekt" in report.generation_error
    assert not report.pdf
    assert report.events.filter(action="mislukt").exists()


def test_a_transient_error_is_retried(report, approved_world, generate, monkeypatch):
    calls = []
    original = tasks.render_pdf

    def flaky(content):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("verbinding verbroken")
        return original(content)

    monkeypatch.setattr(tasks, "render_pdf", flaky)
    report = generate(report, approved_world.beleid)
    assert len(calls) == 2
    assert report.generation_status == GenerationStatus.DONE


def test_a_stale_task_never_touches_a_vastgesteld_report(generated_report, approved_world):
    report = vastgesteld(generated_report, approved_world.beleid)
    before = (report.pdf.name, report.pdf_sha256, report.xlsx.name, report.xlsx_sha256)
    # As if a duplicate message reached a worker after vaststelling.
    Report.objects.filter(pk=report.pk).update(generation_status=GenerationStatus.QUEUED)
    tasks.generate_report.apply(args=[report.pk])
    report.refresh_from_db()
    assert (report.pdf.name, report.pdf_sha256, report.xlsx.name, report.xlsx_sha256) == before
    assert report.status == ReportStatus.VASTGESTELD


def test_files_are_not_stored_when_the_report_was_vastgesteld_during_generation(
    generated_report, approved_world, generate, monkeypatch
):
    report = generated_report
    before = (report.pdf.name, report.pdf_sha256)
    original = tasks.render_xlsx

    def vastgesteld_meanwhile(content):
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.VASTGESTELD)
        return original(content)

    monkeypatch.setattr(tasks, "render_xlsx", vastgesteld_meanwhile)
    report = generate(report, approved_world.beleid)
    assert (report.pdf.name, report.pdf_sha256) == before
    assert report.pdf.storage.exists(report.pdf.name)


def test_regenerating_a_concept_replaces_its_files(generated_report, approved_world, generate):
    old_name = generated_report.pdf.name
    storage = generated_report.pdf.storage
    ReportText.objects.create(
        report=generated_report, thema=approved_world.aantal_clienten.thema, wat_zien_we="Nieuw."
    )
    Report.objects.filter(pk=generated_report.pk).update(
        generated_at=datetime(2019, 1, 1, tzinfo=UTC)
    )
    report = generate(generated_report, approved_world.beleid)
    assert report.pdf.name != old_name
    assert not storage.exists(old_name)
    assert "Nieuw." in pdf_text(report)


def test_reports_of_a_regio_member_use_the_regio_figures(approved_world, generate):
    world = approved_world
    beleid_middelburg = make_user("beleid", world.middelburg)
    report = generate(
        create_report(world.middelburg, period("2018H1"), beleid_middelburg), beleid_middelburg
    )
    assert "510" in pdf_text(report)


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_stored_files_are_named_after_gemeente_period_and_version(generated_report, kind):
    name = getattr(generated_report, kind).name
    assert name.startswith("rapportages/GM0718/2018H1/v1/rapportage-GM0718-2018H1-v1-")
    assert name.endswith(f".{kind}")


def test_texts_saved_in_the_same_second_before_generation_do_not_mark_the_files_outdated(
    report, approved_world, generate, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    from reports import tasks
    from reports.models import Report

    second = timezone.now().replace(microsecond=0)
    Report.objects.filter(pk=report.pk).update(
        texts_updated_at=second + timedelta(milliseconds=300)
    )
    monkeypatch.setattr(tasks.timezone, "now", lambda: second + timedelta(milliseconds=700))
    report = generate(report, approved_world.beleid)
    assert report.pdf
    assert not report.is_outdated
    # The files still carry the whole second (same inputs, same bytes).
    assert report.pdf.name.endswith(timezone.localtime(second).strftime("%Y%m%d-%H%M%S.pdf"))

    Report.objects.filter(pk=report.pk).update(
        texts_updated_at=second + timedelta(milliseconds=900)
    )
    report.refresh_from_db()
    assert report.is_outdated
