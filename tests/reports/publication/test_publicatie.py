"""The publication pages, downloads and API: approved figures with disclosure control applied,
while the internal screens keep showing the exact figures."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import Eenheid
from indicators.submissions.services import CellInput, save_values
from indicators.workflow import transition
from tests.factories import IndicatorFactory, UitvraagRegelFactory

PRIMARY_NOTE = "Waarden 1 tot en met 7 zijn vanwege onthullingsrisico weergegeven als geheim."
SECONDARY_NOTE = (
    "Om terugrekenen te voorkomen zijn ook enkele andere cellen geheim gemaakt "
    "(secundaire geheimhouding)."
)
QUERY = {"gemeente": "GM0718", "periode": "2018H1"}


def approve(world, figures, submission=None):
    """Enter the figures (indicator, doelgroep, area) → raw as Orionis, submit and approve."""
    submission = submission or world.submission
    cells = [
        CellInput(ind.pk, dg.pk if dg else None, area.pk, raw)
        for (ind, dg, area), raw in figures.items()
    ]
    save_values(submission, world.leverancier, cells)
    transition(submission, "indienen", world.leverancier)
    return transition(submission, "goedkeuren", world.beleid)


def walcheren_figures(world, werkzoekenden="5"):
    """Vlissingen has 5 werkzoekenden (small) and 40 Wsw'ers; the regio has large numbers."""
    w, a, u = world, world.aantal_clienten, world.uitstroom_pct
    return {
        (a, w.werkzoekenden, w.vlissingen): werkzoekenden,
        (a, w.wsw, w.vlissingen): "40",
        (u, w.werkzoekenden, w.vlissingen): "12,5",
        (a, w.werkzoekenden, w.walcheren): "510",
        (a, w.wsw, w.walcheren): "666",
        (u, w.werkzoekenden, w.walcheren): "20,0",
    }


@pytest.fixture
def published(world):
    world.uitvraag.areas.add(world.vlissingen)
    approve(world, walcheren_figures(world))
    return world


@pytest.fixture
def client_for(db):
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


def page(client, **params):
    return client.get(reverse("publicatie:index"), {**QUERY, **params})


def row_texts(publication, indicator, label):
    """The texts of one row of the published table, by area name."""
    for row in publication.rows:
        if row.indicator == indicator and row.label == label:
            return {cell.area.name: cell.text() for cell in row.cells}
    raise AssertionError(f"no row {label}")


def csv_rows(response):
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


# The page -------------------------------------------------------------------------------------


def test_a_small_count_is_shown_as_geheim_with_its_footnote(published, client_for):
    response = page(client_for(published.beleid))
    assert response.status_code == 200
    texts = row_texts(response.context["publication"], published.aantal_clienten, "Werkzoekenden")
    assert texts == {"Vlissingen": "geheim", "Walcheren": "510"}
    assert PRIMARY_NOTE in response.content.decode()


def test_the_neighbour_of_a_small_count_is_secret_but_the_total_is_published(published, client_for):
    publication = page(client_for(published.beleid)).context["publication"]
    assert row_texts(publication, published.aantal_clienten, "Wsw")["Vlissingen"] == "geheim"
    assert row_texts(publication, published.aantal_clienten, "Totaal") == {
        "Vlissingen": "45",
        "Walcheren": "1.176",
    }
    assert SECONDARY_NOTE in publication.footnotes


def test_the_internal_submission_page_still_shows_the_exact_figure(published, client_for):
    response = client_for(published.beleid).get(
        reverse("indicators:submission_detail", args=[published.submission.pk])
    )
    texts = [
        cell.text
        for row in response.context["rows"]
        if row.regel.doelgroep == published.werkzoekenden
        and row.regel.indicator == published.aantal_clienten
        for cell in row.cells
    ]
    assert "5" in texts
    assert "geheim" not in response.content.decode()


def test_without_small_counts_there_are_no_footnotes(world, client_for):
    world.uitvraag.areas.add(world.vlissingen)
    approve(world, walcheren_figures(world, werkzoekenden="50"))
    response = page(client_for(world.beleid))
    assert response.context["publication"].footnotes == []
    assert "Er is geen geheimhouding of afronding nodig geweest." in response.content.decode()


def test_rounding_can_be_asked_for_in_the_query_string(published, client_for):
    publication = page(client_for(published.beleid), afronden="10").context["publication"]
    assert row_texts(publication, published.aantal_clienten, "Wsw")["Walcheren"] == "670"
    assert row_texts(publication, published.aantal_clienten, "Totaal")["Walcheren"] == "1.180"
    assert (
        "Afgerond op tientallen, na de geheimhouding; details tellen daardoor niet altijd op tot het totaal."
        in publication.footnotes
    )


def test_rounding_follows_the_setting(published, client_for, settings):
    settings.DISCLOSURE_ROUND_TO = 5
    publication = page(client_for(published.beleid)).context["publication"]
    assert row_texts(publication, published.aantal_clienten, "Wsw")["Walcheren"] == "665"
    # Percentages are never rounded to fives.
    assert row_texts(publication, published.uitstroom_pct, "Werkzoekenden")["Vlissingen"] == "12,5"


def test_the_bounds_follow_the_settings(published, client_for, settings):
    settings.DISCLOSURE_MAX_COUNT = 4
    publication = page(client_for(published.beleid)).context["publication"]
    assert row_texts(publication, published.aantal_clienten, "Werkzoekenden")["Vlissingen"] == "5"
    assert publication.footnotes == []


def test_a_rate_computed_from_a_secret_count_is_secret(published, client_for):
    per_1000 = IndicatorFactory(
        code="clienten-per-1000",
        name="Cliënten per 1.000 inwoners",
        thema=published.aantal_clienten.thema,
        eenheid=Eenheid.PER_1000,
        decimals=1,
        formula="[orionis-aantal-clienten] * 1000 / 45000",
    )
    publication = page(client_for(published.beleid)).context["publication"]
    assert row_texts(publication, per_1000, "Werkzoekenden") == {
        "Vlissingen": "geheim",
        "Walcheren": "11,3",
    }
    assert row_texts(publication, per_1000, "Totaal")["Vlissingen"] == "1,0"
    assert any("verhoudingscijfers" in note for note in publication.footnotes)


def test_figures_that_are_not_approved_are_not_published(world, client_for):
    world.uitvraag.areas.add(world.vlissingen)
    save_values(
        world.submission,
        world.leverancier,
        [
            CellInput(i.pk, d.pk if d else None, a.pk, raw)
            for (i, d, a), raw in walcheren_figures(world).items()
        ],
    )
    transition(world.submission, "indienen", world.leverancier)
    response = page(client_for(world.beleid))
    assert response.context["publication"] is None
    assert "Onbekende periode of geen goedgekeurde cijfers." in response.content.decode()


def test_the_period_may_be_given_as_a_semester(published, client_for):
    response = page(client_for(published.beleid), periode="2018S1")
    assert response.context["publication"].period.identifier == "2018H1"


def test_the_page_without_a_choice_shows_only_the_form(published, client_for):
    response = client_for(published.beleid).get(reverse("publicatie:index"))
    assert response.status_code == 200
    assert response.context["publication"] is None
    assert 'name="gemeente"' in response.content.decode()


# Downloads ------------------------------------------------------------------------------------


def test_the_csv_has_one_row_per_cell_and_no_small_exact_number(published, client_for):
    response = client_for(published.beleid).get(reverse("publicatie:csv"), QUERY)
    assert response["Content-Disposition"] == (
        'attachment; filename="publicatie-GM0718-2018H1.csv"'
    )
    rows = csv_rows(response)
    assert list(rows[0]) == [
        "indicatorcode",
        "indicator",
        "doelgroepcode",
        "doelgroep",
        "gebiedcode",
        "gebied",
        "periode",
        "waarde",
        "status",
        "eenheid",
        "voorlopig",
    ]
    secret = [
        r
        for r in rows
        if r["gebiedcode"] == "GM0718" and r["indicatorcode"] == "orionis-aantal-clienten"
    ]
    assert [(r["doelgroep"], r["waarde"], r["status"]) for r in secret] == [
        ("Werkzoekenden", "", "geheim"),
        ("Wsw", "", "geheim"),
        ("Totaal", "45", ""),
    ]
    assert not any(r["waarde"] in {"5", "40"} for r in rows)
    assert {r["periode"] for r in rows} == {"2018H1"}


def test_the_footnotes_come_as_a_second_csv(published, client_for):
    response = client_for(published.beleid).get(reverse("publicatie:voetnoten"), QUERY)
    rows = csv_rows(response)
    assert [r["voetnoot"] for r in rows] == [PRIMARY_NOTE, SECONDARY_NOTE]


def test_the_csv_shows_rounded_cells_as_afgerond(published, client_for):
    response = client_for(published.beleid).get(
        reverse("publicatie:csv"), {**QUERY, "afronden": "5"}
    )
    regio = [r for r in csv_rows(response) if r["gebiedcode"] == "walcheren"]
    assert ("665", "afgerond") in [(r["waarde"], r["status"]) for r in regio]
    assert ("20,0", "") in [(r["waarde"], r["status"]) for r in regio]


def test_the_xlsx_holds_the_same_cells_and_the_footnotes(published, client_for):
    response = client_for(published.beleid).get(reverse("publicatie:xlsx"), QUERY)
    wb = load_workbook(io.BytesIO(response.content))
    sheet = list(wb["Cijfers"].iter_rows(values_only=True))
    header, rows = sheet[0], sheet[1:]
    assert header[7] == "waarde" and header[8] == "status"
    vlissingen = [r for r in rows if r[4] == "GM0718" and r[0] == "orionis-aantal-clienten"]
    assert [(r[3], r[7], r[8]) for r in vlissingen] == [
        ("Werkzoekenden", None, "geheim"),
        ("Wsw", None, "geheim"),
        ("Totaal", 45, None),  # an empty status is an empty cell
    ]
    assert not any(r[7] in (5, 40) for r in rows)
    notes = [r[1] for r in wb["Voetnoten"].iter_rows(min_row=2, values_only=True)]
    assert notes == [PRIMARY_NOTE, SECONDARY_NOTE]


def test_downloads_are_safe_against_formula_injection(published, client_for):
    published.aantal_clienten.name = '=HYPERLINK("http://x")'
    published.aantal_clienten.save()
    client = client_for(published.beleid)
    rows = csv_rows(client.get(reverse("publicatie:csv"), QUERY))
    assert '\'=HYPERLINK("http://x")' in {r["indicator"] for r in rows}
    wb = load_workbook(io.BytesIO(client.get(reverse("publicatie:xlsx"), QUERY).content))
    names = {r[1] for r in wb["Cijfers"].iter_rows(min_row=2, values_only=True)}
    assert '\'=HYPERLINK("http://x")' in names


def test_a_download_without_a_valid_choice_is_refused(published, client_for):
    response = client_for(published.beleid).get(reverse("publicatie:csv"), {"gemeente": "GM0718"})
    assert response.status_code == 400


# API ------------------------------------------------------------------------------------------


def test_the_api_gives_cells_with_their_status_and_the_footnotes(published, client_for):
    response = client_for(published.beleid).get("/api/v1/publicatie/", QUERY)
    assert response.status_code == 200
    data = response.json()
    assert data["gemeente"] == "GM0718" and data["period"] == "2018H1"
    assert data["rules"] == {"min_count": 1, "max_count": 7, "round_to": None, "symbol": "geheim"}
    cell = next(
        c
        for c in data["cells"]
        if c["area"] == "GM0718"
        and c["indicator"] == "orionis-aantal-clienten"
        and c["doelgroep"] == "werkzoekenden"
    )
    assert cell["value"] is None
    assert cell["status"] == "geheim"
    assert data["footnotes"] == [PRIMARY_NOTE, SECONDARY_NOTE]


def test_the_api_never_says_why_a_cell_is_secret(published, client_for):
    data = client_for(published.beleid).get("/api/v1/publicatie/", QUERY).json()
    assert {c["status"] for c in data["cells"]} <= {"geheim", "afgerond", ""}
    assert "primair" not in str(data)


def test_the_api_rounds_on_request(published, client_for):
    data = (
        client_for(published.beleid).get("/api/v1/publicatie/", {**QUERY, "afronden": "10"}).json()
    )
    assert data["rules"]["round_to"] == 10
    totals = [c for c in data["cells"] if c["total"] and c["area"] == "walcheren"]
    assert [(c["value"], c["status"]) for c in totals] == [(1180, "afgerond")]


def test_the_api_explains_a_wrong_choice(published, client_for):
    response = client_for(published.beleid).get(
        "/api/v1/publicatie/", {"gemeente": "GM0505", "periode": "2018H1"}
    )
    assert response.status_code == 400
    assert response.json()["gemeente"] == ["Onbekende gemeente of geen toegang."]


# Who may publish --------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["leverancier", "griffie", "other_leverancier"])
def test_suppliers_and_the_griffie_have_no_publication_pages(published, client_for, person):
    client = client_for(getattr(published, person))
    assert page(client).status_code == 404
    assert client.get(reverse("publicatie:csv"), QUERY).status_code == 404
    assert client.get("/api/v1/publicatie/", QUERY).status_code == 403


def test_a_beleidsmedewerker_publishes_only_for_own_gemeenten(published, client_for):
    response = page(client_for(published.other_beleid))
    assert response.context["publication"] is None
    assert "Onbekende gemeente of geen toegang." in response.content.decode()
    csv_response = client_for(published.other_beleid).get(reverse("publicatie:csv"), QUERY)
    assert csv_response.status_code == 400


def test_a_beheerder_publishes_for_any_gemeente(published, client_for):
    assert page(client_for(published.beheerder)).context["publication"] is not None


def test_the_menu_shows_publicatie_to_beleid_but_not_to_suppliers(published, client_for):
    link = f'href="{reverse("publicatie:index")}"'
    home = reverse("home")
    assert link in client_for(published.beleid).get(home).content.decode()
    assert link not in client_for(published.leverancier).get(home).content.decode()


# Speed ------------------------------------------------------------------------------------------


@pytest.fixture
def many_indicators(world):
    """The world's figures plus 25 more indicators, each split over both doelgroepen."""
    world.uitvraag.areas.add(world.vlissingen)
    figures = walcheren_figures(world)
    for n in range(25):
        indicator = IndicatorFactory(uitvoerder=world.orionis, thema=world.aantal_clienten.thema)
        for order, doelgroep in enumerate([world.werkzoekenden, world.wsw]):
            UitvraagRegelFactory(
                uitvraag=world.uitvraag, indicator=indicator, doelgroep=doelgroep, order=10 + order
            )
            for area in (world.vlissingen, world.walcheren):
                figures[(indicator, doelgroep, area)] = str(n % 9 + 1)
    approve(world, figures)
    return world


# session, user, access, form choices, engine (+ its expected cells), doelgroepen, areas, the
# pattern (its version: the submissions and the uitvragen about its component); a download also
# writes its entry in the security log.
MAX_QUERIES = 25


@pytest.mark.parametrize(
    "url",
    [
        reverse("publicatie:index"),
        reverse("publicatie:csv"),
        reverse("publicatie:xlsx"),
        "/api/v1/publicatie/",
    ],
)
def test_the_publication_uses_a_constant_number_of_queries(
    many_indicators, client_for, django_assert_max_num_queries, url
):
    client = client_for(many_indicators.beleid)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url, QUERY)
    assert response.status_code == 200
