"""What a beleidsmedewerker reads on the dashboard of Vlissingen."""

import re

from tests.reports.dashboard.conftest import page

URL = "/dashboard/GM0718/"
THEMA = URL + "thema/iedereen-doet-mee/"
UITSTROOM = URL + "indicator/orionis-uitstroom-werk/"


def text(html: str) -> str:
    """The visible words of a page, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_dashboard_has_a_tile_per_maatschappelijk_resultaat(dash, client_for):
    html = page(client_for(dash.beleid), URL)
    assert 'href="/dashboard/GM0718/thema/iedereen-doet-mee/?periode=2018H1"' in html
    assert 'href="/dashboard/GM0718/thema/iedereen-is-veilig/?periode=2018H1"' in html
    assert "Nog geen cijfers." in html


def test_a_tile_counts_the_trends_and_the_targets_met(dash, client_for):
    words = text(page(client_for(dash.beleid), URL))
    assert "voorzichtig positief" in words
    assert "streefwaarde gehaald: 1 van 1" in words


def test_the_latest_period_is_chosen_when_the_url_names_none(dash, client_for):
    html = page(client_for(dash.beleid), URL)
    assert '<option value="2018H1" selected>' in html


def test_a_thema_shows_value_previous_value_change_target_and_trend(dash, client_for):
    words = text(page(client_for(dash.beleid), THEMA))
    assert "12,5" in words and "9,8" in words
    assert "+2,7 procentpunt" in words  # a percentage changes in procentpunten
    assert "minimaal 10,0" in words and "gehaald" in words
    assert "Voorzichtig positief (voorstel)" in words


def test_a_count_changes_in_percent(dash, client_for):
    words = text(page(client_for(dash.beleid), THEMA))
    assert "+6,3 %" in words  # 480 → 510 werkzoekenden


def test_a_yearly_indicator_shows_its_latest_year_beside_half_years(dash, client_for):
    words = text(page(client_for(dash.beleid), THEMA))
    assert "Netto arbeidsparticipatie" in words
    assert "63,5" in words and "+1,5 procentpunt" in words


def test_a_figure_reported_for_the_regio_is_marked_as_such(dash, client_for):
    assert "(regio)" in page(client_for(dash.beleid), THEMA)


def test_an_ontwikkelindicator_is_marked_and_gets_no_trend(dash, client_for):
    html = page(client_for(dash.beleid), THEMA)
    assert "ontwikkelindicator" in html
    assert "geen oordeel (ontwikkelindicator)" in html


def test_the_indicator_page_shows_definition_source_and_peildatum(dash, client_for):
    words = text(page(client_for(dash.beleid), URL + "indicator/mi-arbeidsparticipatie/"))
    assert "Werkzame beroepsbevolking als percentage" in words
    assert "CBS Arbeidsdeelname" in words
    assert "Peildatum" in words and "31 december 2017" in words


def test_the_indicator_page_has_a_chart_with_a_text_alternative_and_a_table(dash, client_for):
    html = page(client_for(dash.beleid), UITSTROOM)
    assert re.search(r'<img src="[^"]*grafiek\.svg[^"]*" alt="Lijndiagram van [^"]+"', html)
    assert "Beschrijving van de grafiek" in html
    assert "2017 tweede halfjaar: 9,8" in html
    assert '<th scope="row">2018 eerste halfjaar</th>' in html


def test_comparing_with_the_regio_shows_both_side_by_side(dash, client_for):
    html = page(
        client_for(dash.beleid), URL + "indicator/mi-arbeidsparticipatie/?vergelijk=walcheren"
    )
    assert '<option value="walcheren" selected>' in html
    assert '<th scope="col" class="num compare">Regio Walcheren</th>' in html


def test_comparing_with_the_average_shows_the_mean_of_the_gemeenten(dash, client_for):
    words = text(page(client_for(dash.beheerder), THEMA + "?vergelijk=gemiddelde"))
    # (63,5 + 67,0 + 65,0) / 3 = 65,2
    assert "Gemiddelde van de gemeenten" in words
    assert "65,2" in words


def test_comparing_with_another_gemeente_shows_its_figures(dash, client_for):
    words = text(page(client_for(dash.beheerder), THEMA + "?vergelijk=GM0687"))
    assert "Middelburg" in words and "67,0" in words


def test_links_keep_the_selection(dash, client_for):
    html = page(client_for(dash.beheerder), URL + "?periode=2018H1&vergelijk=GM0687")
    assert "thema/iedereen-doet-mee/?periode=2018H1&amp;vergelijk=GM0687" in html


def test_an_unknown_comparison_is_explained_and_ignored(dash, client_for):
    html = page(client_for(dash.beleid), URL + "?vergelijk=GM9999")
    assert 'aria-invalid="true"' in html
    assert "Vergelijken met ‘GM9999’ is niet mogelijk" in html


def test_an_earlier_period_shows_the_figures_as_they_were_then(dash, client_for):
    words = text(page(client_for(dash.beleid), THEMA + "?periode=2017H2"))
    assert "9,8" in words and "12,5" not in words


def test_the_page_works_without_javascript(dash, client_for):
    """The selection is a plain GET form with a submit button; the script only adds a copy
    button that is hidden without it."""
    html = page(client_for(dash.beleid), URL)
    assert '<form method="get" action="/dashboard/GM0718/"' in html
    assert '<button type="submit">Toon</button>' in html
    assert "data-copy-link hidden" in html


def test_the_navigation_links_to_the_dashboard(dash, client_for):
    html = page(client_for(dash.beleid), "/aanleveringen/")
    assert '<a class="utrecht-nav-list__link" href="/dashboard/">Dashboard</a>' in html


def test_with_one_gemeente_the_dashboard_opens_it_directly(dash, client_for):
    response = client_for(dash.beleid).get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == URL


def test_a_beheerder_chooses_a_gemeente(dash, client_for):
    html = page(client_for(dash.beheerder), "/dashboard/")
    assert 'href="/dashboard/GM0687/"' in html and 'href="/dashboard/GM0505/"' in html


def test_the_dashboard_is_in_english_when_chosen(dash, client_for):
    client = client_for(dash.beleid)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = page(client, URL)
    assert '<html lang="en">' in html
