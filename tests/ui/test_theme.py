"""The huisstijl: a beheerder sets it, theme_for() falls back gemeente → installatie → settings,
and every page carries it in its header and stylesheet."""

import io

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from organisations.theme import Huisstijl, theme_for

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10" fill="#123456"/></svg>'
)


def png_bytes(size=(20, 10)):
    out = io.BytesIO()
    Image.new("RGB", size, "#123456").save(out, format="PNG")
    return out.getvalue()


def logo(name, content):
    return SimpleUploadedFile(name, content)


def test_without_any_huisstijl_the_settings_defaults_apply(db, settings):
    settings.THEME_NAME = "Monitor Test"
    settings.THEME_PRIMARY_COLOUR = "#224466"
    cache.clear()  # the settings are read when the themes are cached, as at start-up
    theme = theme_for()
    assert (theme.name, theme.primary_colour) == ("Monitor Test", "#224466")
    assert theme.logo_path.name == "logo.svg" and theme.logo_path.exists()
    assert theme.logo_url.endswith("img/logo.svg")


def test_a_gemeente_without_its_own_huisstijl_gets_the_deployments(world):
    Huisstijl.objects.create(name="Walcheren monitor", primary_colour="#0B5394")
    theme = theme_for(world.vlissingen)
    assert (theme.name, theme.primary_colour) == ("Walcheren monitor", "#0b5394")


def test_a_gemeentes_own_huisstijl_wins_and_keeps_the_deployments_logo_when_it_has_none(world):
    deployment = Huisstijl(primary_colour="#0B5394")
    deployment.logo.save("installatie.svg", logo("installatie.svg", SVG))
    Huisstijl.objects.create(organisation=world.vlissingen, primary_colour="#8A1538")
    theme = theme_for(world.vlissingen.pk)
    assert (theme.name, theme.primary_colour) == ("Vlissingen", "#8a1538")
    assert theme.logo_path.read_bytes() == SVG
    assert theme_for(world.middelburg).primary_colour == "#0b5394"


def test_a_changed_huisstijl_shows_at_once(world):
    huisstijl = Huisstijl.objects.create(organisation=world.veere, primary_colour="#8A1538")
    assert theme_for(world.veere).primary_colour == "#8a1538"
    huisstijl.primary_colour = "#1E5631"
    huisstijl.save()
    assert theme_for(world.veere).primary_colour == "#1e5631"
    huisstijl.delete()
    assert theme_for(world.veere).name == "Monitor Sociaal Domein"


@pytest.mark.parametrize(
    ("colour", "code"),
    [("1B4F72", "invalid"), ("#12345", "invalid"), ("#GGGGGG", "invalid"), ("#FFD700", "contrast")],
)
def test_a_colour_that_is_no_rrggbb_or_too_light_for_white_text_is_refused(db, colour, code):
    with pytest.raises(ValidationError) as caught:
        Huisstijl(primary_colour=colour).full_clean()
    assert caught.value.error_dict["primary_colour"][0].code == code


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<image x:href="https://example.org/spy.png"/></svg>',
        ),
        ("logo.svg", b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>'),
        ("logo.svg", b"<html>no svg</html>"),
        ("logo.png", b"GIF89a not a png"),
        ("logo.gif", b"GIF89a"),
    ],
)
def test_a_logo_that_is_no_clean_svg_or_png_is_refused(db, name, content):
    with pytest.raises(ValidationError) as caught:
        Huisstijl(primary_colour="#1B4F72", logo=logo(name, content)).full_clean()
    assert "logo" in caught.value.error_dict


@pytest.mark.parametrize(("name", "content"), [("logo.svg", SVG), ("logo.png", png_bytes())])
def test_a_clean_svg_or_png_logo_is_accepted(db, name, content):
    Huisstijl(primary_colour="#1B4F72", logo=logo(name, content)).full_clean()


def test_there_is_one_huisstijl_for_the_deployment(db):
    Huisstijl.objects.create(primary_colour="#1B4F72")
    with pytest.raises(ValidationError):
        Huisstijl(primary_colour="#8A1538").full_clean()


def test_a_beheerder_sets_a_gemeentes_huisstijl_in_the_admin(client, world):
    client.force_login(world.beheerder)
    response = client.post(
        reverse("admin:organisations_huisstijl_add"),
        {
            "organisation": world.vlissingen.pk,
            "name": "Gemeente Vlissingen",
            "primary_colour": "#8A1538",
            "logo": logo("vlissingen.png", png_bytes()),
        },
    )
    assert response.status_code == 302
    assert theme_for(world.vlissingen).name == "Gemeente Vlissingen"


def test_a_beleidsmedewerker_sees_the_huisstijl_of_their_gemeente(client, world):
    huisstijl = Huisstijl.objects.create(
        organisation=world.vlissingen, name="Gemeente Vlissingen", primary_colour="#8A1538"
    )
    client.force_login(world.beleid)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Gemeente Vlissingen" in page
    css_url = reverse("theme_css", args=[huisstijl.pk])
    assert css_url in page
    css = client.get(css_url)
    assert css["Content-Type"].startswith("text/css")
    assert "--msd-primary: #8a1538;" in css.content.decode()


def test_a_supplier_serving_several_gemeenten_sees_the_deployments_huisstijl(client, world):
    Huisstijl.objects.create(
        organisation=world.vlissingen, name="Vlissingen", primary_colour="#8A1538"
    )
    client.force_login(world.leverancier)
    page = client.get(reverse("notifications:list")).content.decode()
    assert reverse("theme_css", args=["standaard"]) in page


def test_the_logo_is_served_to_anyone_and_an_svg_cannot_run_scripts(client, world):
    huisstijl = Huisstijl(organisation=world.vlissingen, primary_colour="#8A1538")
    huisstijl.logo.save("vlissingen.svg", logo("vlissingen.svg", SVG))
    response = client.get(reverse("theme_logo", args=[huisstijl.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert b"".join(response.streaming_content) == SVG


def test_an_unknown_huisstijl_stylesheet_is_not_found(client, db):
    assert client.get(reverse("theme_css", args=["999"])).status_code == 404


@pytest.mark.parametrize(("colour", "errors"), [("#1b4f72", 0), ("#ffd700", 1), ("blue", 1)])
def test_the_default_colour_from_the_environment_is_checked_like_the_admins(
    settings, colour, errors
):
    from organisations.theme import check_default_colour

    settings.THEME_PRIMARY_COLOUR = colour
    assert len(check_default_colour()) == errors
