"""The OpenAPI document gives the parameters their real types, and a value of
the wrong type is a 400 whose message, in the requested language, names it."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.api]


def _parameters(spec, path):
    return {p["name"]: p["schema"] for p in spec["paths"][path]["get"]["parameters"]}


def _alternatives(schema):
    return [schema, *schema.get("anyOf", [])]


def test_parameters_have_their_types(client, demo_seed, db):
    spec = client.get("/api/v1/openapi.json").json()
    antennas = _parameters(spec, "/api/v1/directory/antennas")
    assert antennas["page"]["type"] == "integer" and antennas["page"]["minimum"] == 1
    assert antennas["page_size"]["maximum"] == 100
    assert {"enum": ["fr", "nl"], "type": "string"} in _alternatives(antennas["lang"])
    radius = _alternatives(antennas["radius_km"])
    assert {"exclusiveMinimum": 0, "maximum": 300.0, "type": "number"} in radius
    assert {"type": "boolean"} in _alternatives(antennas["open_now"])
    category = next(s for s in _alternatives(antennas["category"]) if "enum" in s)
    assert "cpas" in category["enum"]
    search = _parameters(spec, "/api/v1/search")
    assert search["q"]["maxLength"] == 200
    suggest = _parameters(spec, "/api/v1/search/suggest")
    assert suggest["q"]["maxLength"] == 100
    for path, operations in spec["paths"].items():
        if path.endswith("openapi.json"):
            continue
        responses = operations["get"]["responses"]
        assert "400" in responses, path
        schema = responses["400"]["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith("/BadRequest"), path


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "« page » doit être un nombre entier."),
        ("nl", "‘page’ moet een geheel getal zijn."),
    ],
)
def test_wrong_type_is_a_translated_400(client, db, lang, expected):
    response = client.get("/api/v1/directory/antennas", {"page": "abc", "lang": lang})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == expected
    assert body["errors"] == [{"name": "page", "message": expected}]


def test_an_unknown_choice_names_the_choices(client, db):
    response = client.get(
        "/api/v1/search", {"q": "cpas", "authority": "moon", "lang": "nl"}
    )
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith("‘authority’ moet een of meer van deze waarden zijn:")
    assert "cocom" in detail
