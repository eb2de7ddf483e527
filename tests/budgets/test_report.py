"""'Wat heeft het gekost?' in the report: table and chart from approved versions, in the PDF and
the XLSX."""

import io
import re

import pytest
from django.utils import timezone

from reports.content import collect
from reports.pdf import render_html, render_pdf
from reports.services import create_report
from reports.xlsx import render_xlsx
from tests.budgets.conftest import approved, day, make_version
from tests.factories import period


@pytest.fixture
def report(world, controller):
    v, beleid = world.vlissingen, world.beleid
    approved(
        v,
        2018,
        "primitief",
        controller,
        beleid,
        {"6.3": (29_000_000, 17_000_000), "6.71": (9_800_400, 0)},
    )
    approved(
        v, 2018, "wijziging", controller, beleid, {"6.71": (600_000, 0)}, datum=day(2018, 4, 12)
    )
    approved(
        v,
        2018,
        "tussentijds",
        controller,
        beleid,
        {"6.3": (14_600_000, 8_400_000)},
        datum=day(2018, 6, 30),
    )
    # Not approved: stays out.
    make_version(
        v,
        2018,
        "wijziging",
        controller,
        {"6.3": (5_000_000, 0)},
        datum=day(2018, 5, 1),
        name="Concept-wijziging",
    )
    approved(v, 2017, "realisatie", controller, beleid, {"6.3": (28_100_000, 16_900_000)})
    return create_report(v, period("2018H1"), beleid)


def html_text(report) -> str:
    html = render_html(collect(report, timezone.now()))
    html = re.sub(r'src="data:[^"]+"', "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_report_has_a_section_wat_heeft_het_gekost_with_approved_amounts(report):
    text = html_text(report)
    assert "Wat heeft het gekost?" in text
    # Actuele begroting 6.3: 29.000 (the concept wijziging of 5 mln does not count); realised
    # up to 30 June 14.600: uitputting 50,3%.
    assert "6.3 Inkomensregelingen 29.000 14.600 -14.400 -49,7% 50,3%" in text
    assert "6.71 Maatwerkdienstverlening 18+ 10.400" in text
    assert "Totalen zijn berekend uit de onafgeronde bedragen" in text
    assert "ten opzichte van de actuele begroting" in text


def test_the_section_charts_only_the_years_with_figures_with_an_alt_text(report):
    content = collect(report, timezone.now())
    chart = content.kosten_chart
    assert chart.image.startswith("data:image/svg+xml;base64,")
    # Of the five years 2014–2018 only 2017 and 2018 have approved versions: no empty years.
    assert "2017" in chart.alt and "2018" in chart.alt
    assert "2014" not in chart.alt and "2016" not in chart.alt
    assert "2017-2018" in chart.caption
    assert "Realisatie 28.100" in chart.alt  # 2017 in × € 1.000
    assert content.kosten.chart_years == [2017, 2018]
    data_table = html_text(report).split("Gegevens bij de grafiek")[1]
    assert "2016" not in data_table[:300]


def test_without_budget_data_the_section_says_so(world):
    report = create_report(world.veere, period("2018H1"), world.beleid_veere)
    assert "nog) geen goedgekeurde begrotingsgegevens" in html_text(report)


def test_the_xlsx_holds_the_unrounded_amounts(report):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(render_xlsx(collect(report, timezone.now()))))
    assert workbook.sheetnames[:2] == ["Cijfers", "Indicatoren"]
    sheet = workbook["Wat heeft het gekost"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True) if row and row[0]}
    assert rows["6.71"][4] == pytest.approx(10_400_400)  # actuele begroting lasten, in euros
    assert rows["6"][1] == "Totaal sociaal domein"


def test_the_pdf_is_rendered_with_the_section(report):
    import pypdf

    data = render_pdf(collect(report, timezone.now()))
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Wat heeft het gekost?" in text


def test_the_report_shows_what_was_known_at_the_end_of_its_period(report, world, controller):
    approved(
        world.vlissingen, 2018, "realisatie", controller, world.beleid, {"6.3": (30_000_000, 0)}
    )
    content = collect(report, timezone.now())
    sociaal_domein = content.kosten.series.sociaal_domein
    assert sociaal_domein.per_year[2018].realisatie.lasten == 14_600_000  # up to 30 June
    assert sociaal_domein.per_year[2017].realisatie.lasten == 28_100_000
