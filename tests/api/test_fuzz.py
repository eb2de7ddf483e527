"""A property test of the whole API: for every role (and anonymous), every operation of the
OpenAPI schema gets generated requests (bodies shaped after the schema, with hostile values:
NUL, surrogates, huge and tiny numbers, NaN, deep nesting, long strings; random query parameters
and path ids) and must never answer 5xx. Bounded: ``MSD_FUZZ_EXAMPLES`` examples (default 150)
plus one hostile request per role × operation, a minute or so in CI."""

import json
import os
from urllib.parse import quote

import pytest
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.factories import fill_submission, in_use_token

EXAMPLES = int(os.environ.get("MSD_FUZZ_EXAMPLES") or 150)
ROLES = ["leverancier", "beleid", "griffie", "beheerder", None]


def operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            found.append((method, path, operation, schema))
    return found


OPERATIONS = operations()

hostile_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        ["\x00", "a\x00b", "\ud800", "x" * 100_000, "GM0718", "2018H1", "walcheren", "1e-400"]
    ),
)
hostile_number = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["1e-400", "1e400", "12345678901234567.5", "NaN", "-Infinity"]),
)
json_value = st.recursive(
    st.none() | st.booleans() | hostile_number | hostile_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(hostile_text, children, max_size=4)
    ),
    max_leaves=12,
)


def resolve(schema: dict, root: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = root["components"]["schemas"][name]
    return schema


def from_schema(schema: dict, root: dict, depth: int = 0):
    """Values of the schema's shape, with hostile leaves; anything at all now and then."""
    schema = resolve(schema or {}, root)
    if depth > 4:
        return json_value
    kind = schema.get("type")
    if "oneOf" in schema or "anyOf" in schema:
        options = schema.get("oneOf") or schema.get("anyOf")
        return st.one_of(*(from_schema(option, root, depth + 1) for option in options))
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        if not properties:
            return st.dictionaries(hostile_text, json_value, max_size=3)
        return st.fixed_dictionaries(
            {},
            optional={
                name: from_schema(prop, root, depth + 1) for name, prop in properties.items()
            },
        )
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {}), root, depth + 1), max_size=3)
    if kind in ("number", "integer"):
        return hostile_number
    if kind == "boolean":
        return st.booleans() | json_value
    if "enum" in schema:
        return st.sampled_from(schema["enum"]) | hostile_text
    if kind == "string":
        return hostile_text
    return json_value


def body_strategy(operation: dict, root: dict):
    content = (operation.get("requestBody") or {}).get("content", {})
    schema = (content.get("application/json") or {}).get("schema")
    shaped = from_schema(schema, root) if schema else json_value
    raw = st.sampled_from(
        ["[" * 1000 + "]" * 1000, '{"a": NaN}', '{"a": 1e-400}', "{", '"\\u0000"', "\xff\xfe"]
    )
    return st.one_of(shaped.map(lambda value: json.dumps(value)), raw)


def quoted(text) -> str:
    """Percent-encoded as an HTTP client sends it (a lone surrogate becomes invalid UTF-8)."""
    return quote(str(text).encode("utf-8", "surrogatepass"), safe="")


def path_strategy(path: str, ids: dict):
    parts = []
    for piece in path.strip("/").split("/"):
        if piece.startswith("{"):
            parts.append(st.sampled_from(ids.get(piece[1:-1], ["1"])) | hostile_text)
        else:
            parts.append(st.just(piece))
    return st.tuples(*parts).map(lambda pieces: "/" + "/".join(map(quoted, pieces)) + "/")


def query_strategy(operation: dict):
    names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
    if not names:
        return st.just({})
    return st.dictionaries(st.sampled_from(names), hostile_text, max_size=3)


@pytest.fixture
def clients(world):
    fill_submission(world)
    made = {}
    for role in ROLES:
        client = APIClient()
        if role is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {in_use_token(getattr(world, role))}")
        made[role] = client
    return made


def known_ids(world) -> dict:
    return {
        "id": [str(world.submission.pk), "0", "999999"],
        "identifier": ["2018H1", "2018"],
        "code": ["6.1", "0.1"],
        "bestand": ["pdf", "csv", "xlsx"],
    }


def send(client, method: str, path: str, query: dict, body: str | None):
    if query:
        path += "?" + "&".join(f"{quoted(name)}={quoted(value)}" for name, value in query.items())
    if method == "get":
        return client.get(path)
    data = body.encode("utf-8", "surrogatepass") if body is not None else b""
    return getattr(client, method)(path, data, content_type="application/json")


@pytest.mark.parametrize("role", ROLES, ids=[role or "anoniem" for role in ROLES])
def test_one_hostile_request_per_operation_is_never_a_server_error(world, clients, role):
    for method, path, _operation, _root in OPERATIONS:
        concrete = path.replace("{id}", str(world.submission.pk))
        for placeholder, value in {
            "{identifier}": "2018H1",
            "{code}": "6.1",
            "{bestand}": "pdf",
        }.items():
            concrete = concrete.replace(placeholder, value)
        response = send(
            clients[role], method, concrete, {"gebied": "GM0718\x00"}, "[" * 1000 + "]" * 1000
        )
        assert response.status_code < 500, (method, path, response.status_code)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_requests_for_every_role_are_never_a_server_error(world, clients, data):
    role = data.draw(st.sampled_from(ROLES))
    method, path, operation, root = data.draw(st.sampled_from(OPERATIONS))
    concrete = data.draw(path_strategy(path, known_ids(world)))
    query = data.draw(query_strategy(operation))
    body = data.draw(body_strategy(operation, root)) if method != "get" else None
    response = send(clients[role], method, concrete, query, body)
    assert response.status_code < 500, (role, method, concrete, query, body and body[:200])
