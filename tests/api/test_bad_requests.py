"""Bad requests get a 400 with a Dutch message in the API's error shape, never a 500: JSON nested
too deep, NUL characters, invalid encodings, non-finite and precision-losing numbers, on every
endpoint, the unauthenticated token endpoint included."""

import json

import pytest

from indicators.models import Value

from .test_bulk_values import item

DEEP = "[" * 1000 + "]" * 1000
DEEP_OBJECT = '{"a":' * 40 + "1" + "}" * 40


def bulk_body(world, **fields):
    values = {"waarde": 12, **fields}
    return {"waarden": [item(world.aantal_clienten, world.wsw, **values)]}


def endpoints(world):
    submission = world.submission.pk
    return {
        "bulk": "/api/v1/waarden/bulk/",
        "waarden": f"/api/v1/aanleveringen/{submission}/waarden/",
        "token": "/api/v1/token/",
        "trendoordelen": "/api/v1/trendoordelen/",
        "indienen": f"/api/v1/aanleveringen/{submission}/indienen/",
    }


BAD_BODIES = [
    # (name, raw JSON body, words of the message)
    ("nested-1000-deep", DEEP, "genest"),
    ("nested-40-deep", DEEP_OBJECT, "genest"),
    ("nul-in-a-key", '{"a\\u0000": 1}', "NUL"),
    ("nul-in-a-string", '{"username": "a\\u0000b", "password": "x"}', "NUL"),
    ("lone-surrogate", '{"username": "\\ud800", "password": "x"}', "surrogaat"),
    ("nan", '{"waarden": [{"waarde": NaN}]}', "geen getal"),
    ("infinity", '{"waarden": [{"waarde": -Infinity}]}', "geen getal"),
    ("underflow", '{"waarden": [{"waarde": 1e-400}]}', "te klein"),
    ("overflow", '{"waarden": [{"waarde": 1e400}]}', "te groot"),
    ("precision", '{"waarden": [{"waarde": 12345678901234567.5}]}', "cijfers"),
    ("not-json", "{nee", "geen geldige JSON"),
]
BAD_ENCODINGS = [
    ("latin-1", '{"username": "café"}'.encode("latin-1")),
    ("utf-16", '{"username": "x"}'.encode("utf-16")),
]


@pytest.mark.parametrize("endpoint", ["bulk", "waarden", "token", "trendoordelen", "indienen"])
@pytest.mark.parametrize(("name", "body", "words"), BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
def test_a_bad_json_body_is_a_400_in_dutch_on_every_endpoint(
    world, api_client, endpoint, name, body, words
):
    user = None if endpoint == "token" else world.leverancier
    method = "put" if endpoint == "waarden" else "post"
    response = getattr(api_client(user), method)(
        endpoints(world)[endpoint], body, content_type="application/json"
    )
    assert response.status_code == 400
    assert words in response.json()["detail"]


@pytest.mark.parametrize("endpoint", ["bulk", "token", "trendoordelen"])
@pytest.mark.parametrize(("name", "body"), BAD_ENCODINGS, ids=[b[0] for b in BAD_ENCODINGS])
def test_a_body_that_is_not_utf8_is_a_400(world, api_client, endpoint, name, body):
    user = None if endpoint == "token" else world.leverancier
    response = api_client(user).post(
        endpoints(world)[endpoint], body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_waarde_of_1e_minus_400_is_refused_and_nothing_is_stored(world, api_client):
    response = api_client(world.leverancier).post(
        "/api/v1/waarden/bulk/",
        json.dumps({"waarden": [item(world.aantal_clienten, world.wsw, "WAARDE")]}).replace(
            '"WAARDE"', "1e-400"
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not Value.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/overzicht/?gebied=GM0718%00&periode=2018H1",
        "/api/v1/indicatoren/?code=a%00b",
        "/api/v1/aanleveringen/?status=%00",
        "/api/v1/begroting/overzicht/?gebied=%00",
    ],
)
def test_a_nul_in_a_query_parameter_is_a_400_in_the_api_shape(world, api_client, path):
    response = api_client(world.beleid).get(path)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


@pytest.mark.parametrize(
    "path", ["/cijfers/?periode=%00", "/aanleveringen/?q=a%00", "/dashboard/GM07%0018/"]
)
def test_a_nul_in_a_web_address_is_a_400_page_in_dutch(world, client, path):
    client.force_login(world.beleid)
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL-teken" in response.content.decode()


def test_a_nul_in_a_posted_form_is_a_400_page(world, client):
    client.force_login(world.leverancier)
    response = client.post(f"/aanleveringen/{world.submission.pk}/", {"toelichting": "a\x00b"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("0.1", 0.1),
        ("12.50", 12.5),
        ("1e5", 100000.0),
        ("0.30000000000000004", 0.30000000000000004),
    ],
)
def test_ordinary_numbers_are_read_as_they_are_written(text, number):
    from core.api_input import loads

    assert loads(f'{{"waarde": {text}}}') == {"waarde": number}


def test_json_as_deep_as_the_limit_is_accepted():
    from core.api_input import loads

    assert loads("[" * 32 + "]" * 32) is not None
