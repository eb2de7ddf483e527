"""Kernboodschappen: a summary up front, proposed from the figures, edited by the
beleidsmedewerker and kept with the report version."""

from datetime import UTC, datetime

from reports import summary, texts
from reports.content import collect
from reports.pdf import render_html
from reports.services import new_version

WHEN = datetime(2019, 4, 10, 10, 0, tzinfo=UTC)


def html_text(report) -> str:
    from html import unescape

    from django.utils.html import strip_tags

    return " ".join(unescape(strip_tags(render_html(collect(report, WHEN)))).split())


def test_an_unsaved_report_prints_the_proposal_made_from_its_figures(report, approved_world):
    text = html_text(report)
    page = text[text.index("Kernboodschappen") : text.index("Inhoudsopgave")]
    assert "1. Iedereen doet mee" in page
    assert "Oordeel:" in page
    # Aantal cliënten Werkzoekenden went from 480 to 510, Wsw from 701 to 666, uitstroom from
    # 9,8 to 12,5 %: the largest relative changes are named with their figures.
    assert "Grootste veranderingen: Aandeel uitstroom naar werk" in page
    assert "gestegen van 9,8% (2017 tweede halfjaar) naar 12,5%" in page


def test_the_proposal_names_no_secret_figure(report, approved_world):
    content = collect(report, WHEN)
    proposal = summary.proposal(content)
    secret = [f for f in content.figures if f.secret and f.area == approved_world.vlissingen]
    for figure in secret:
        assert figure.subject not in proposal


def test_the_texts_page_offers_the_proposal_and_the_saved_text_is_printed(
    client, report, approved_world
):
    world = approved_world
    client.force_login(world.beleid)
    page = client.get(f"/rapportages/{report.pk}/teksten/").content.decode()
    assert 'name="kernboodschappen"' in page and "Oordeel:" in page
    narrative = texts.saved(report)
    narrative.kernboodschappen = "# Kort\n- Het gaat goed met de uitstroom."
    assert "Kernboodschappen" in texts.save(report, world.beleid, narrative)
    report.refresh_from_db()
    assert report.kernboodschappen.startswith("# Kort")
    text = html_text(report)
    assert "Het gaat goed met de uitstroom." in text and "Oordeel:" not in text


def test_a_new_version_carries_the_kernboodschappen_over(generated_report, approved_world):
    from reports.models import ReportStatus

    world = approved_world
    report = generated_report
    narrative = texts.saved(report)
    narrative.kernboodschappen = "Eigen samenvatting."
    texts.save(report, world.beleid, narrative)
    report.refresh_from_db()
    report.status = ReportStatus.VASTGESTELD
    report.save(update_fields=["status"])
    fresh = new_version(report, world.beleid, "Correctie")
    assert fresh.kernboodschappen == "Eigen samenvatting."
