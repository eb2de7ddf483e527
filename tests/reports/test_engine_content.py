"""The report's tables come from the indicator engine: totals over doelgroepen, computed
indicators with their formula, targets and trend judgements — in the PDF and the XLSX."""

from decimal import Decimal

import openpyxl
import pytest

from indicators.models import Aggregatie, Eenheid, Richting, Streefwaarde, Vergelijking
from indicators.overview.judgement import record_judgement
from reports.services import create_report
from tests.factories import IndicatorFactory, period
from tests.reports.conftest import pdf_text


def words(text: str) -> str:
    """PDF text with line breaks inside table cells undone."""
    return " ".join(text.split())


def figure_rows(report):
    with report.xlsx.open("rb") as handle:
        sheet = openpyxl.load_workbook(handle)["Cijfers"]
    header = [c.value for c in sheet[1]]
    return [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]


@pytest.fixture
def engine_world(approved_world):
    """The approved world (2017H2: 480 werkzoekenden, 701 Wsw, 9,8 %; 2018H1: 510, 666, 12,5 %)
    with a computed share of Wsw and a target for the uitstroom."""
    world = approved_world
    world.aandeel_wsw = IndicatorFactory(
        code="aandeel-wsw",
        name="Aandeel Wsw",
        thema=world.aantal_clienten.thema,
        uitvoerder=world.orionis,
        eenheid=Eenheid.PERCENTAGE,
        decimals=1,
        aggregatie=Aggregatie.FORMULE,
        richting=Richting.LAGER,
        trend_threshold_pct=Decimal(2),
        formula="[orionis-aantal-clienten@wsw] * 100 / [orionis-aantal-clienten]",
    )
    Streefwaarde.objects.create(
        indicator=world.uitstroom_pct,
        scope=world.walcheren,
        doelgroep=world.werkzoekenden,
        year_from=2018,
        comparison=Vergelijking.MINIMAAL,
        value=12,
    )
    return world


@pytest.fixture
def make_report(engine_world, generate):
    """Generate (again) the concept report of Vlissingen over 2018H1."""
    world = engine_world
    reports = []

    def run():
        if not reports:
            reports.append(create_report(world.vlissingen, period("2018H1"), world.beleid))
        return generate(reports[0], world.beleid)

    return run


def test_the_total_over_the_doelgroepen_has_a_table_of_its_own(make_report):
    text = words(pdf_text(make_report()))
    assert "Orionis Walcheren – Totaal over de doelgroepen" in text
    assert "1.176" in text  # 510 + 666
    assert "Totaal: de som van de doelgroepen" in text


def test_a_computed_indicator_appears_with_its_formula_as_a_footnote(make_report):
    text = words(pdf_text(make_report()))
    assert "56,6" in text  # 666 * 100 / 1.176
    assert (
        "Aandeel Wsw is berekend: aantal cliënten (Wsw) maal 100 gedeeld door aantal cliënten."
        in text
    )


def test_the_target_stands_beside_the_value_with_whether_it_is_met(make_report):
    text = words(pdf_text(make_report()))
    assert "Streefwaarde: minimaal 12,0 (gehaald)" in text


def test_the_trend_is_a_proposal_until_the_beleidsmedewerker_judges_it(make_report, engine_world):
    world = engine_world
    before = words(pdf_text(make_report()))
    assert "Trend: Voorzichtig positief (voorstel)" in before  # 9,8 % → 12,5 %, higher is better
    record_judgement(
        world.beleid,
        indicator=world.uitstroom_pct,
        gemeente=world.vlissingen,
        period=period("2018H1"),
        judgement="gelijk",
        reason="Het eerste halfjaar is altijd hoger.",
        doelgroep=world.werkzoekenden,
    )
    report = make_report()
    rows = {
        (r["Indicatorcode"], r["Periode"]): r
        for r in figure_rows(report)
        if r["Doelgroep"] == "Werkzoekenden"
    }
    judged = rows[("orionis-uitstroom-werk", "2018H1")]
    assert (judged["Trend"], judged["Trend vastgesteld"]) == ("Gelijk", "ja")
    assert "Trend: Gelijk" in words(pdf_text(report))


def test_the_xlsx_says_how_each_figure_came_about(make_report):
    rows = figure_rows(make_report())
    current = [r for r in rows if r["Periode"] == "2018H1"]
    total = next(r for r in current if r["Doelgroep"] == "Totaal over de doelgroepen")
    assert (total["Indicatorcode"], total["Waarde"], total["Herkomst"]) == (
        "orionis-aantal-clienten",
        1176,
        "totaal",
    )
    share = next(r for r in current if r["Indicatorcode"] == "aandeel-wsw")
    assert share["Herkomst"] == "berekend"
    assert share["Formule"].startswith("aantal cliënten (Wsw) maal 100")
    assert round(share["Waarde"], 1) == 56.6
    uitstroom = next(r for r in current if r["Indicatorcode"] == "orionis-uitstroom-werk")
    assert (uitstroom["Herkomst"], uitstroom["Streefwaarde"]) == ("aangeleverd", "minimaal 12,0")
    assert uitstroom["Streefwaarde gehaald"] == "ja"


def test_a_formula_naming_a_doelgroep_gives_one_figure_for_all_doelgroepen(
    engine_world, make_report
):
    world = engine_world
    IndicatorFactory(
        code="per-1000-wsw",
        name="Wsw per 1.000 cliënten",
        thema=world.aantal_clienten.thema,
        uitvoerder=world.orionis,
        eenheid=Eenheid.PER_1000,
        decimals=1,
        aggregatie=Aggregatie.FORMULE,
        formula="[orionis-aantal-clienten] * 1000 / [orionis-aantal-clienten@wsw]",
    )
    rows = figure_rows(make_report())
    totals = [
        r
        for r in rows
        if r["Indicatorcode"] == "per-1000-wsw"
        and r["Periode"] == "2018H1"
        and r["Doelgroep"] == "Alle doelgroepen"
    ]
    # Qualified with @wsw, so computed once, from the engine's total: 1.176 * 1000 / 666.
    assert [round(r["Waarde"], 1) for r in totals] == [1765.8]
