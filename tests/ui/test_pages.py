"""The shared page frame: footer pages anyone may read, Dutch error pages in the same look, the
favicon, and the gemeente's huisstijl on its dashboard."""

from django.test import Client
from django.urls import reverse

from organisations.theme import Huisstijl


def test_the_accessibility_statement_and_privacy_statement_need_no_login(db, settings):
    settings.CONTACT_EMAIL = "toegankelijkheid@vlissingen.nl"
    statement = Client().get(reverse("toegankelijkheid"))
    assert statement.status_code == 200
    html = statement.content.decode()
    assert "voldoet gedeeltelijk" in html
    assert "Wat nog niet voldoet" in html
    assert "mailto:toegankelijkheid@vlissingen.nl" in html
    privacy = Client().get(reverse("privacy")).content.decode()
    assert "Autoriteit Persoonsgegevens" in privacy


def test_every_page_has_the_favicon_and_the_footer_links(db):
    html = Client().get(reverse("login")).content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg"' in html
    for name in ("toegankelijkheid", "privacy", "api-docs"):
        assert f'href="{reverse(name)}"' in html


def test_a_missing_page_is_a_dutch_404_in_the_sites_look(client, world, settings):
    settings.DEBUG = False
    client.force_login(world.beleid)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert "msd-header" in html and "msd-footer" in html


def test_the_500_page_needs_no_request_and_shows_the_default_look(db):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Er ging iets mis" in html
    assert "/static/img/logo.svg" in html
    assert "component-library.css" in html


def test_a_gemeentes_dashboard_wears_that_gemeentes_huisstijl(client, world):
    middelburg = Huisstijl.objects.create(
        organisation=world.middelburg, name="Gemeente Middelburg", primary_colour="#00576B"
    )
    client.force_login(world.beheerder)
    html = client.get(f"/dashboard/{world.middelburg.code}/").content.decode()
    assert reverse("theme_css", args=[middelburg.pk]) in html
    assert "Gemeente Middelburg" in html
