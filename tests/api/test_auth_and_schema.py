"""Token authentication and the OpenAPI schema with its docs page."""

from django.core.management import call_command
from rest_framework.test import APIClient

from tests.factories import PASSWORD


def test_a_token_is_obtained_with_username_and_password_and_then_authenticates(world):
    client = APIClient()
    response = client.post(
        "/api/v1/token/", {"username": "orionis", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/v1/aanleveringen/").json()["count"] == 1


def test_a_wrong_password_gets_no_token_and_a_dutch_message(world):
    response = APIClient().post(
        "/api/v1/token/", {"username": "orionis", "password": "fout"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["Kan niet inloggen met opgegeven gegevens."]


def test_the_token_endpoint_locks_out_after_repeated_failures_like_the_login_page(world):
    client = APIClient()
    for _attempt in range(5):
        client.post("/api/v1/token/", {"username": "orionis", "password": "fout"}, format="json")
    response = client.post(
        "/api/v1/token/", {"username": "orionis", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 400
    assert "token" not in response.json()


def test_anonymous_requests_get_401_and_are_told_to_use_a_token(world):
    response = APIClient().get("/api/v1/aanleveringen/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == "Authenticatiegegevens zijn niet opgegeven."


def test_an_invalid_token_gets_401(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000")
    assert client.get("/api/v1/organisaties/").status_code == 401


def test_the_schema_documents_the_workflow_actions(db):
    response = APIClient().get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for action in ["indienen", "intrekken", "goedkeuren", "terugsturen", "heropenen", "waarden"]:
        assert f"/api/v1/aanleveringen/{{id}}/{action}/" in paths
    assert set(paths["/api/v1/aanleveringen/{id}/waarden/"]) == {"get", "put", "patch", "post"}
    assert "/api/v1/token/" in paths


def test_the_schema_is_valid_openapi_without_warnings(db, tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "schema.yml")


def test_the_docs_page_is_served(db):
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    assert b"swagger-ui" in response.content
