"""The landing page per gemeente, read at a glance: per maatschappelijk resultaat its key
indicators as tiles with the latest figure, a sparkline, the change, met / not met in words and
the comparison with the regio, the average and the gemeenten of the same size class; a secret
figure is never shown; the number of queries does not grow with the tiles."""

import re

from django.test import Client

from indicators.models import IndicatorSoort, PeriodType, Value
from tests.factories import GemeenteFactory, IndicatorFactory
from tests.reports.dashboard.conftest import deliver, page, vaststellen
from tests.reports.dashboard.test_queries import grow, queries

URL = "/dashboard/GM0718/"


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def tile(html: str, name: str) -> str:
    """The HTML of the tile whose heading is ``name``."""
    for part in html.split('<li class="tile kpi">')[1:]:
        if f">{name}</a></h3>" in part:
            return part.split("</li>\n", 1)[0]
    raise AssertionError(f"no tile {name}")


def add_values(uitvraag, identifier, cells):
    """Figures added to the approved submission of that period (deliver makes a new one)."""
    from decimal import Decimal

    from indicators.models import Submission
    from tests.factories import period

    submission = Submission.objects.filter(uitvraag=uitvraag, period=period(identifier)).first()
    if submission is None:
        return deliver(uitvraag, identifier, cells)
    for (indicator, doelgroep, area), raw in cells.items():
        Value.objects.create(
            submission=submission,
            indicator=indicator,
            doelgroep=doelgroep,
            area=area,
            raw=raw,
            value=Decimal(raw.replace(",", ".")),
        )
    return submission


def inwoners(dash, counts: dict):
    indicator = IndicatorFactory(
        code="mi-inwoners",
        name="Inwoners",
        thema=dash.veilig,
        soort=IndicatorSoort.MAATSCHAPPELIJK,
        period_type=PeriodType.JAAR,
        uitvoerder=None,
    )
    add_values(dash.cbs_uitvraag, "2017", {(indicator, None, g): str(n) for g, n in counts.items()})
    return indicator


def test_a_key_indicator_is_a_tile_with_figure_sparkline_change_and_comparison(dash, client_for):
    html = page(client_for(dash.beleid), URL)
    arbeid = tile(html, "Netto arbeidsparticipatie")
    words = text(arbeid)
    assert "63,5" in words and "2017" in words
    assert "+1,5 procentpunt" in words and "t.o.v. 2016" in words
    assert '<img src="data:image/svg+xml;base64,' in arbeid
    assert 'alt="Verloop van Netto arbeidsparticipatie: 2016: 62,0; 2017: 63,5."' in arbeid
    assert "Regio Walcheren" in words and "Gemiddelde van de gemeenten" in words
    assert "65,2" in words  # (63,5 + 67,0 + 65,0) / 3
    assert "Cijfers van het verloop" in words  # the data table


def test_met_or_not_met_is_said_in_words_beside_the_icon(dash, client_for):
    html = page(client_for(dash.beleid), URL)
    uitstroom = tile(html, "Aandeel uitstroom naar werk")
    assert "Streefwaarde minimaal 10,0 gehaald" in text(uitstroom)
    assert '<span aria-hidden="true" class="target-icon">✔</span>' in uitstroom
    assert "target-met" in uitstroom


def test_the_gemeenten_of_the_same_size_class_are_compared(dash, client_for):
    dordrecht = GemeenteFactory(code="GM0505", name="Dordrecht")
    dash.cbs_uitvraag.areas.add(dordrecht)
    inwoners(
        dash, {dash.vlissingen: 44000, dash.middelburg: 48000, dash.veere: 22000, dordrecht: 119000}
    )
    for year, value in (("2016", "80,0"), ("2017", "90,0")):
        add_values(dash.cbs_uitvraag, year, {(dash.arbeidsparticipatie, None, dordrecht): value})
    words = text(tile(page(client_for(dash.beheerder), URL), "Netto arbeidsparticipatie"))
    assert "Gemeenten met 20.000 tot 50.000 inwoners 65,2" in words
    assert "Gemiddelde van de gemeenten 71,4" in words  # with Dordrecht: (63,5+67+65+90)/4


def test_the_public_landing_page_never_shows_a_secret_figure(dash):
    small = IndicatorFactory(
        code="mi-kleine-groep",
        name="Jongeren in een kleine groep",
        thema=dash.arbeidsparticipatie.thema,
        soort=IndicatorSoort.MAATSCHAPPELIJK,
        period_type=PeriodType.JAAR,
        uitvoerder=None,
    )
    add_values(
        dash.cbs_uitvraag,
        "2017",
        {(small, None, dash.vlissingen): "3", (small, None, dash.middelburg): "40"},
    )
    dash.vlissingen.public_dashboard = True
    dash.vlissingen.save()
    vaststellen(dash.vlissingen, "2018H1", dash.beleid)
    html = page(Client(), "/openbaar/GM0718/")
    small_tile = tile(html, "Jongeren in een kleine groep")
    assert "geheim" in text(small_tile)
    assert not re.search(r">\s*3\s*<", small_tile)
    assert Value.objects.filter(indicator=small, value=3).exists()


def test_the_landing_page_needs_as_many_queries_with_more_tiles(dash, client_for):
    client = client_for(dash.beheerder)
    inwoners(dash, {dash.vlissingen: 44000, dash.middelburg: 48000})
    before = queries(client, URL)
    grow(dash)
    for n in range(3):
        IndicatorFactory(
            thema=dash.veilig, soort=IndicatorSoort.MAATSCHAPPELIJK, uitvoerder=None, code=f"x-{n}"
        )
    assert queries(client, URL) == before
    assert before <= 45  # cold: figures, three comparisons, inwoners, huisstijl
