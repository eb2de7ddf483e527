"""The report is built like the Walcheren monitor: cover and colofon, a table of contents with page
numbers, the introduction, per maatschappelijk resultaat Deel 1 Populatie and Deel 2 Prestaties per
supplier, the costs and the appendix with every indicator. Read back from the PDF itself."""

import io
import re
from datetime import UTC, datetime
from decimal import Decimal

import pypdf
import pytest

from indicators.models import Aspect, Eenheid, IndicatorSoort, Richting
from indicators.overview.judgement import record_judgement
from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition as submission_transition
from reports.charts import alt_text
from reports.content import STAAF, collect
from reports.models import ReportSupplierText, ReportText
from reports.pdf import render_pdf
from reports.services import create_report
from tests.factories import (
    IndicatorFactory,
    SubmissionFactory,
    ThemaFactory,
    UitvraagFactory,
    UitvraagRegelFactory,
    period,
)
from tests.reports.conftest import approve

WHEN = datetime(2019, 4, 10, 10, 0, tzinfo=UTC)


def words(text: str) -> str:
    """PDF text with line breaks inside table cells and paragraphs undone."""
    return " ".join(text.split())


def html_text(report) -> str:
    """The report's text as the preview renders it (the PDF's own template, without WeasyPrint):
    for tests about what the report says rather than how the PDF is made."""
    from html import unescape

    from django.utils.html import strip_tags

    from reports.pdf import render_html

    html = render_html(collect(report, WHEN))
    return words(unescape(strip_tags(re.sub(r"<style.*?</style>", "", html, flags=re.S))))


def pdf_pages(report) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(collect(report, WHEN))))
    return [page.extract_text() for page in reader.pages]


def deliver(world, indicator, identifier, values, uitvoerder=None, user=None, doelgroep=None):
    """An approved submission of ``values`` ({area: raw}) for ``indicator`` in ``identifier``."""
    uitvoerder = uitvoerder or world.porthos
    user = user or world.porthos_leverancier
    uitvraag = UitvraagFactory(uitvoerder=uitvoerder, areas=list(values))
    UitvraagRegelFactory(uitvraag=uitvraag, indicator=indicator, doelgroep=doelgroep)
    submission = SubmissionFactory(uitvraag=uitvraag, period=period(identifier))
    result = save_values(
        submission,
        user,
        [
            CellInput(indicator.pk, doelgroep.pk if doelgroep else None, area.pk, raw)
            for area, raw in values.items()
        ],
    )
    assert not result.errors
    submission_transition(submission, "indienen", user)
    submission_transition(submission, "goedkeuren", world.beleid)
    return submission


@pytest.fixture
def participatie(approved_world):
    """A maatschappelijke indicator per gemeente in 2016 and 2017: Vlissingen 60,0 → 63,4 %."""
    world = approved_world
    indicator = IndicatorFactory(
        code="netto-participatie",
        name="Netto arbeidsparticipatie",
        thema=world.aantal_clienten.thema,
        soort=IndicatorSoort.MAATSCHAPPELIJK,
        aspect=Aspect.ONTWIKKELING,
        eenheid=Eenheid.PERCENTAGE,
        decimals=1,
        richting=Richting.HOGER,
        uitvoerder=None,
        source="CBS Arbeidsdeelname",
        definition="Werkzame beroepsbevolking als percentage van de bevolking van 15-75 jaar.",
        period_type="J",
    )
    deliver(
        world,
        indicator,
        "2016",
        {world.vlissingen: "60,0", world.middelburg: "64,0", world.veere: "62,0"},
    )
    deliver(
        world,
        indicator,
        "2017",
        {world.vlissingen: "63,4", world.middelburg: "65,1", world.veere: "61,0"},
    )
    return indicator


@pytest.fixture
def vlissingen_report(approved_world):
    world = approved_world
    return create_report(world.vlissingen, period("2018H1"), world.beleid)


def test_the_cover_says_for_whom_and_the_colofon_who_made_it(vlissingen_report):
    pages = pdf_pages(vlissingen_report)
    # The cover, the Kernboodschappen on one page, then the colofon.
    cover, summary, colofon = words(pages[0]), words(pages[1]), words(pages[2])
    assert summary.startswith("Kernboodschappen") or " Kernboodschappen " in summary[:200]
    assert "Monitoring Sociaal Domein Vlissingen – 2018 eerste halfjaar" in cover
    assert "In opdracht van de gemeenteraad van Vlissingen" in cover
    assert "Colofon" in colofon and "Samenstelling" in colofon
    assert "Orionis Walcheren" in colofon and "Contactpersoon" in colofon
    assert "In opdracht van de gemeenteraad van Vlissingen." in colofon


def test_the_table_of_contents_gives_the_page_of_every_chapter_and_part(vlissingen_report):
    pages = pdf_pages(vlissingen_report)
    toc = next(i for i, text in enumerate(pages) if text.lstrip().startswith("Inhoudsopgave"))
    lines = pages[toc].splitlines()
    entries = {}
    for line in lines:
        match = re.match(r"\s*(.+?)\s*\.{3,}\s*(\d+)\s*$", line)
        if match:
            entries.setdefault(match.group(1).rstrip(". "), int(match.group(2)))
    for title in [
        "Inleiding",
        "1. Iedereen doet mee",
        "Deel 1 Populatie",
        "Deel 2 Prestaties Orionis Walcheren",
        "Bijlage: Indicatorenoverzicht",
    ]:
        assert title in entries, f"{title} ontbreekt in de inhoudsopgave: {lines}"
        assert title in pages[entries[title] - 1], f"{title} staat niet op pagina {entries[title]}"


def test_deel_1_populatie_has_the_five_questions_of_the_monitor(vlissingen_report):
    text = words("\n".join(pdf_pages(vlissingen_report)))
    section = text[text.index("Deel 1 Populatie 1. Wat streven we na?") :]
    positions = [
        section.index(heading)
        for heading in [
            "1. Wat streven we na?",
            "2. Waarom is dit belangrijk?",
            "3. Hoe gaat het?",
            "4. Wat zien we?",
            "Voorzichtig positief",
            "Voorzichtig negatief",
            "5. Wat is de rol van de gemeente?",
            "Deel 2 Prestaties Orionis Walcheren",
        ]
    ]
    assert positions == sorted(positions)


def test_deel_2_prestaties_has_the_four_questions_per_supplier(vlissingen_report):
    text = words("\n".join(pdf_pages(vlissingen_report)))
    section = text[text.index("Deel 2 Prestaties Orionis Walcheren 1. Wat is de bijdrage") :]
    positions = [
        section.index(heading)
        for heading in [
            "1. Wat is de bijdrage van Orionis Walcheren aan het maatschappelijk resultaat "
            "Iedereen doet mee?",
            "2. Korte beschrijving organisatie",
            "3. Hoe kunnen we zien hoe het gaat?",
            "Doelgroep Werkzoekenden",
            "Doelgroep Wsw",
            "4. Wat valt op?",
        ]
    ]
    assert positions == sorted(positions)
    assert "Orionis Walcheren bedient in dit thema 2 doelgroepen" in section


def test_the_texts_of_the_beleidsmedewerker_stand_under_their_questions(
    vlissingen_report, approved_world
):
    world = approved_world
    thema = world.aantal_clienten.thema
    ReportText.objects.create(
        report=vlissingen_report,
        thema=thema,
        wat_streven_we_na="Iedereen is actief betrokken bij de samenleving.",
        waarom_belangrijk="Meedoen versterkt de sociale samenhang.",
        wat_zien_we_positief="De arbeidsparticipatie stijgt.",
        wat_zien_we_negatief="Meer huishoudens met een laag inkomen.",
        rol_gemeente="De gemeente stimuleert arbeidsparticipatie via Orionis.",
    )
    ReportSupplierText.objects.create(
        report=vlissingen_report,
        thema=thema,
        uitvoerder=world.orionis,
        bijdrage="Orionis begeleidt werkzoekenden naar werk.",
        wat_valt_op="De uitstroom naar werk is fors gestegen.",
    )
    text = html_text(vlissingen_report)
    for before, after in [
        ("1. Wat streven we na?", "Iedereen is actief betrokken bij de samenleving."),
        ("2. Waarom is dit belangrijk?", "Meedoen versterkt de sociale samenhang."),
        ("Voorzichtig positief", "De arbeidsparticipatie stijgt."),
        ("Voorzichtig negatief", "Meer huishoudens met een laag inkomen."),
        ("5. Wat is de rol van de gemeente?", "De gemeente stimuleert arbeidsparticipatie"),
        ("Iedereen doet mee?", "Orionis begeleidt werkzoekenden naar werk."),
        ("4. Wat valt op?", "De uitstroom naar werk is fors gestegen."),
    ]:
        assert f"{before} {after}" in text or re.search(
            re.escape(before) + r".{0,400}" + re.escape(after), text
        ), f"{after!r} staat niet onder {before!r}"


def test_without_texts_wat_streven_we_na_comes_from_the_thema_description(approved_world):
    world = approved_world
    thema = world.aantal_clienten.thema
    thema.description = (
        "Wat streven we na?\nIedereen doet naar vermogen mee.\n\n"
        "Waarom is dit belangrijk?\nMeedoen geeft eigenwaarde."
    )
    thema.save()
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    text = html_text(report)
    assert "1. Wat streven we na? Iedereen doet naar vermogen mee." in text
    assert "2. Waarom is dit belangrijk? Meedoen geeft eigenwaarde." in text


def test_a_supplier_is_described_once_and_referred_to_in_later_chapters(approved_world):
    world = approved_world
    world.orionis.description = "Orionis Walcheren is een gemeenschappelijke regeling."
    world.orionis.save()
    zelfredzaam = ThemaFactory(code="iedereen-is-zelfredzaam", name="Iedereen is zelfredzaam")
    zelfredzaam.order = 2
    zelfredzaam.save()
    schulden = IndicatorFactory(
        code="orionis-schuldbemiddeling",
        name="Aantal schuldbemiddelingen",
        thema=zelfredzaam,
        uitvoerder=world.orionis,
    )
    deliver(world, schulden, "2018H1", {world.walcheren: "120"}, world.orionis, world.leverancier)
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    text = html_text(report)
    assert text.count("Orionis Walcheren is een gemeenschappelijke regeling.") == 1
    chapter_2 = text[text.index("2. Iedereen is zelfredzaam Deel 1 Populatie") :]
    assert "2. Korte beschrijving organisatie Zie hoofdstuk 1." in chapter_2


def test_maatschappelijke_indicatoren_are_charted_over_time_against_the_other_gemeenten(
    vlissingen_report, participatie
):
    content = collect(vlissingen_report, WHEN)
    chart = next(c for c in content.charts if c.indicator == participatie)
    assert [p.identifier for p in chart.periods] == ["2016", "2017"]
    assert [s.label for s in chart.series] == ["Vlissingen", "Middelburg", "Veere"]
    assert chart.series[0].own
    text = words("\n".join(pdf_pages(vlissingen_report)))
    assert "Gegevens bij de grafiek: Netto arbeidsparticipatie (%)" in text
    assert "Vlissingen 60,0 63,4 Middelburg 64,0 65,1 Veere 62,0 61,0" in text


def test_a_maatschappelijke_indicator_of_one_period_is_compared_in_a_bar_chart(
    vlissingen_report, approved_world
):
    world = approved_world
    inwoners = IndicatorFactory(
        code="inwoners",
        name="Inwoners",
        thema=world.aantal_clienten.thema,
        soort=IndicatorSoort.MAATSCHAPPELIJK,
        aspect=Aspect.ONTWIKKELING,
        uitvoerder=None,
        period_type="J",
    )
    deliver(
        world,
        inwoners,
        "2017",
        {world.vlissingen: "44500", world.middelburg: "48300", world.veere: "21900"},
    )
    chart = next(c for c in collect(vlissingen_report, WHEN).charts if c.indicator == inwoners)
    assert chart.kind == STAAF
    # A regio's total is no comparison for a gemeente's count.
    assert [s.label for s in chart.series] == ["Vlissingen", "Middelburg", "Veere"]


def test_other_gemeenten_never_appear_in_the_tables(vlissingen_report, participatie):
    content = collect(vlissingen_report, WHEN)
    assert {f.area.name for f in content.figures} == {"Vlissingen", "Walcheren"}


def test_wat_zien_we_lists_the_indicators_by_their_trend_judgement(
    vlissingen_report, participatie, approved_world
):
    text = html_text(vlissingen_report)
    positief = text[text.index("Voorzichtig positief") : text.index("Voorzichtig negatief")]
    assert (
        "Netto arbeidsparticipatie: gestegen van 60,0% (2016) naar 63,4% (2017) (voorstel)"
        in positief
    )
    record_judgement(
        approved_world.beleid,
        indicator=participatie,
        gemeente=approved_world.vlissingen,
        period=period("2017"),
        judgement="negatief",
        reason="Landelijk stijgt de participatie sterker.",
    )
    text = html_text(vlissingen_report)
    negatief = text[text.index("Voorzichtig negatief") : text.index("5. Wat is de rol")]
    assert "Netto arbeidsparticipatie: gestegen van 60,0% (2016) naar 63,4% (2017)" in negatief
    assert "(voorstel)" not in negatief


def test_footnotes_give_definition_source_peildatum_and_voorlopig(world):
    save_values(
        world.submission,
        world.leverancier,
        [
            CellInput(
                world.aantal_clienten.pk,
                world.werkzoekenden.pk,
                world.walcheren.pk,
                "510",
                voorlopig=True,
            ),
            CellInput(world.aantal_clienten.pk, world.wsw.pk, world.walcheren.pk, "666"),
            CellInput(world.uitstroom_pct.pk, world.werkzoekenden.pk, world.walcheren.pk, "12,5"),
        ],
    )
    submission_transition(world.submission, "indienen", world.leverancier)
    submission_transition(world.submission, "goedkeuren", world.beleid)
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    text = html_text(report)
    werkzoekenden = text[text.index("Orionis Walcheren – Werkzoekenden") :]
    assert "2 Aantal cliënten: Aantal cliënten op de peildatum." in werkzoekenden
    assert "* = voorlopig of nader voorlopig cijfer (nog niet definitief)." in werkzoekenden
    assert "Bron: Registratie uitvoerder. Peildatum: 30 juni 2018." in werkzoekenden
    # The next doelgroep's table refers to the note instead of printing it again.
    wsw = werkzoekenden[werkzoekenden.index("Orionis Walcheren – Wsw") :]
    wsw = wsw[: wsw.index("Totaal over de doelgroepen")]
    assert "Aantal cliënten2 Walcheren 666" in wsw
    assert "Voetnoot 2 staat bij de tabel Werkzoekenden." in wsw
    assert "Aantal cliënten: Aantal cliënten op de peildatum." not in wsw


def test_ontwikkelindicatoren_without_figures_are_listed_as_still_to_develop(
    vlissingen_report, approved_world
):
    world = approved_world
    zrm = IndicatorFactory(
        code="zrm-financien",
        name="% verbeterde ZRM leefgebied financiën",
        thema=world.aantal_clienten.thema,
        uitvoerder=world.orionis,
        is_ontwikkelindicator=True,
    )
    UitvraagRegelFactory(uitvraag=world.uitvraag, indicator=zrm)
    text = html_text(vlissingen_report)
    assert (
        "Nog te ontwikkelen indicatoren: % verbeterde ZRM leefgebied financiën "
        "(ontwikkelindicator)" in text
    )


def test_the_appendix_gives_every_indicator_with_supplier_doelgroep_and_aspect(
    vlissingen_report, participatie
):
    text = html_text(vlissingen_report)
    bijlage = text[text.index("Alle indicatoren van de monitor") :]
    assert "Indicatoren bij het maatschappelijk resultaat Iedereen doet mee" in bijlage
    assert "Netto arbeidsparticipatie Maatschappelijk – – Ontwikkeling nee" in bijlage
    assert "Aantal cliënten Prestatie Orionis Walcheren Werkzoekenden Inzet nee" in bijlage
    assert "Aantal cliënten Prestatie Orionis Walcheren Wsw Inzet nee" in bijlage
    assert "Aandeel uitstroom naar werk Prestatie Orionis Walcheren Werkzoekenden Effect" in (
        bijlage
    )


def test_small_counts_are_geheim_in_the_tables_and_the_total_cannot_give_them_away(world):
    approve(
        world,
        world.submission,
        {
            (world.aantal_clienten.pk, world.werkzoekenden.pk): "5",
            (world.aantal_clienten.pk, world.wsw.pk): "666",
            (world.uitstroom_pct.pk, world.werkzoekenden.pk): "12,5",
        },
    )
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    content = collect(report, WHEN)
    secret = {(f.indicator.code, f.doelgroep_name) for f in content.figures if f.secret}
    # 5 is small; with the total 671 published, 666 would give it away, so one more is hidden.
    assert ("orionis-aantal-clienten", "Werkzoekenden") in secret
    assert (
        len(
            secret & {("orionis-aantal-clienten", n) for n in ("Wsw", "Totaal over de doelgroepen")}
        )
        == 1
    )
    text = words("\n".join(pdf_pages(report)))
    assert re.search(r"Aantal cliënten ?\d? Walcheren geheim aantal", text)
    assert "Waarden 1 tot en met 7 zijn vanwege onthullingsrisico weergegeven als geheim." in text
    assert Decimal("5") in {f.value for f in content.figures}  # exact for the XLSX


def test_a_rate_is_also_compared_with_the_regio(vlissingen_report, participatie, approved_world):
    world = approved_world
    deliver(world, participatie, "2016", {world.walcheren: "62,1"})
    deliver(world, participatie, "2017", {world.walcheren: "63,9"})
    chart = next(c for c in collect(vlissingen_report, WHEN).charts if c.indicator == participatie)
    assert [s.label for s in chart.series] == ["Vlissingen", "Middelburg", "Veere", "Walcheren"]


def test_a_secret_figure_is_a_gap_in_the_chart_and_geheim_in_its_data_table(
    world, per_doelgroep_charts
):
    approve(
        world,
        SubmissionFactory(uitvraag=world.uitvraag, period=period("2017H2")),
        {
            (world.aantal_clienten.pk, world.werkzoekenden.pk): "480",
            (world.aantal_clienten.pk, world.wsw.pk): "701",
            (world.uitstroom_pct.pk, world.werkzoekenden.pk): "9,8",
        },
    )
    approve(
        world,
        world.submission,
        {
            (world.aantal_clienten.pk, world.werkzoekenden.pk): "4",
            (world.aantal_clienten.pk, world.wsw.pk): "666",
            (world.uitstroom_pct.pk, world.werkzoekenden.pk): "12,5",
        },
    )
    report = create_report(world.vlissingen, period("2018H1"), world.beleid)
    chart = next(
        c
        for c in collect(report, WHEN).charts
        if c.indicator == world.aantal_clienten and c.doelgroep == world.werkzoekenden
    )
    assert chart.rows[0][1] == ["480", "geheim"]
    assert chart.notes == [
        "Waarden 1 tot en met 7 zijn vanwege onthullingsrisico weergegeven als geheim."
    ]
    assert alt_text(chart).endswith("2017 tweede halfjaar: 480; 2018 eerste halfjaar: geheim.")


def test_subheadings_and_lists_in_the_texts_are_tagged_in_the_pdf_but_no_bookmarks(
    vlissingen_report, approved_world
):
    from tests.reports.test_pdf_ua import outline_titles, struct_elements

    def tagged():
        reader = pypdf.PdfReader(io.BytesIO(render_pdf(collect(vlissingen_report, WHEN))))
        tags = [tag for tag, _element in struct_elements(reader)]
        titles = [title for _depth, title in outline_titles(reader.outline)]
        text = words("\n".join(page.extract_text() for page in reader.pages))
        return tags, titles, text

    before, _titles, _text = tagged()
    world = approved_world
    ReportSupplierText.objects.create(
        report=vlissingen_report,
        thema=world.aantal_clienten.thema,
        uitvoerder=world.orionis,
        bijdrage="# Nieuw beschut werk\n\nOrionis biedt ondersteuning bij:\n- solliciteren\n- een cv",
    )
    tags, titles, text = tagged()
    assert tags.count("/H5") == before.count("/H5") + 1
    assert tags.count("/L") == before.count("/L") + 1
    assert tags.count("/LI") == before.count("/LI") + 2
    assert "Nieuw beschut werk Orionis biedt ondersteuning bij:" in text
    assert "# Nieuw" not in text and "- solliciteren" not in text
    assert "Nieuw beschut werk" not in titles and titles  # a subheading is no bookmark
