"""The list of aanleveringen: filters and pages."""

from django.urls import reverse

from indicators.submissions.views import PAGE_SIZE
from tests.factories import SubmissionFactory, UitvraagFactory, period

LIST = reverse("indicators:submission_list")


def test_the_list_filters_on_status(submitted, world, client_for):
    other = SubmissionFactory(uitvraag=world.uitvraag, period=period("2018H2"))
    page = client_for(world.beleid).get(LIST, {"status": "ingediend"}).content.decode()
    assert reverse("indicators:submission_detail", args=[submitted.pk]) in page
    assert reverse("indicators:submission_detail", args=[other.pk]) not in page


def test_the_list_filters_on_period_and_uitvoerder(world, client_for):
    porthos = SubmissionFactory(
        uitvraag=UitvraagFactory(uitvoerder=world.porthos, areas=[world.walcheren]),
        period=period("2018H2"),
    )
    client = client_for(world.beheerder)
    page = client.get(LIST, {"periode": "2018H2"}).content.decode()
    assert "1 aanlevering gevonden" in page
    assert reverse("indicators:submission_detail", args=[porthos.pk]) in page
    page = client.get(LIST, {"uitvoerder": "orionis"}).content.decode()
    assert "Halfjaarcijfers Orionis" in page
    assert reverse("indicators:submission_detail", args=[porthos.pk]) not in page


def test_the_filter_only_offers_uitvoerders_the_user_can_see(world, client_for):
    SubmissionFactory(uitvraag=UitvraagFactory(uitvoerder=world.other_uitvoerder))
    page = client_for(world.beleid).get(LIST).content.decode()
    assert "Orionis Walcheren</option>" in page
    assert "Sociale Dienst Drechtsteden" not in page


def test_an_unknown_filter_value_shows_a_message_instead_of_an_error(world, client_for):
    response = client_for(world.beleid).get(LIST, {"periode": "1999Q9"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_the_list_is_paginated_and_keeps_the_filters(world, client_for):
    for _ in range(PAGE_SIZE + 5):
        uitvraag = UitvraagFactory(uitvoerder=world.orionis, areas=[world.walcheren])
        SubmissionFactory(uitvraag=uitvraag, period=period("2019H1"))
    client = client_for(world.leverancier)
    page = client.get(LIST, {"status": "concept"}).content.decode()
    assert "Pagina 1 van 2" in page
    assert 'href="?status=concept&amp;pagina=2"' in page
    second = client.get(LIST, {"status": "concept", "pagina": 2}).content.decode()
    assert "Pagina 2 van 2" in second
