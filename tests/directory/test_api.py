import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.api]


def test_antennas_near_a_postcode(client, demo_directory):
    payload = client.get(
        "/api/v1/directory/antennas?near=1030&page_size=5&lang=nl"
    ).json()
    assert payload["near"]["communes"] == ["21015"]
    assert payload["page"] == 1 and payload["page_size"] == 5
    assert payload["count"] >= 20
    first = payload["results"][0]
    assert first["organisation"]["external_id"] == "cpas-schaerbeek"
    assert first["serves_here"] is True
    assert first["name"] == first["name_nl"]
    for key in (
        "external_id",
        "name_fr",
        "name_nl",
        "address",
        "latitude",
        "longitude",
        "distance_km",
        "serves_here",
        "opening_hours",
        "open_now",
    ):
        assert key in first
    assert first["address"]["commune_nl"] == "Schaarbeek"


@pytest.mark.parametrize("near", ["1030", "Schaarbeek", "schaerbeek", "Schaerbeek"])
def test_same_order_for_every_spelling(client, demo_directory, near):
    reference = client.get("/api/v1/directory/antennas?near=1030&page_size=100").json()
    payload = client.get(f"/api/v1/directory/antennas?near={near}&page_size=100").json()
    assert [r["external_id"] for r in payload["results"]] == [
        r["external_id"] for r in reference["results"]
    ]


def test_pagination(client, demo_directory):
    everything = client.get("/api/v1/directory/antennas?near=1000&page_size=100").json()
    second = client.get(
        "/api/v1/directory/antennas?near=1000&page=2&page_size=10"
    ).json()
    assert [r["external_id"] for r in second["results"]] == [
        r["external_id"] for r in everything["results"][10:20]
    ]


@pytest.mark.parametrize(
    "query",
    [
        "near=Narnia",
        "near=99.0,99.0",
        "page=abc",
        "page=0",
        "page_size=1000",
        "open_now=maybe",
        "wheelchair=2",
        "category=nope",
        "public=nope",
        "language=xx",
        "radius_km=-1",
        "radius_km=abc",
        "lang=en",
    ],
)
def test_bad_parameters_are_400_with_a_message(client, demo_directory, query):
    response = client.get(f"/api/v1/directory/antennas?{query}")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_error_messages_follow_lang(client, demo_directory):
    detail = client.get("/api/v1/directory/antennas?near=Narnia&lang=nl").json()[
        "detail"
    ]
    assert "Narnia" in detail and "gemeente" in detail


def test_organisation_and_antenna_records(client, demo_directory):
    org = client.get("/api/v1/directory/organisations/fdssb").json()
    assert (
        org["name_nl"] == "Federatie van de Bicommunautaire Maatschappelijke Diensten"
    )
    assert "federation" in org["categories"]
    member = client.get("/api/v1/directory/organisations/cap-westland").json()
    assert {f["external_id"] for f in member["federations"]} == {"fcssmb", "fdssb"}
    assert member["antennas"][0]["external_id"] == "cap-westland-anderlecht"
    antenna = client.get("/api/v1/directory/antennas/cap-westland-anderlecht").json()
    assert antenna["address"]["postcode"] == "1070"
    assert client.get("/api/v1/directory/antennas/nope").status_code == 404
    assert client.get("/api/v1/directory/organisations/nope").json()["detail"]


def test_openapi_document_describes_the_directory(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/directory/antennas" in spec["paths"]
    params = {
        p["name"]
        for p in spec["paths"]["/api/v1/directory/antennas"]["get"]["parameters"]
    }
    assert {
        "near",
        "radius_km",
        "category",
        "public",
        "language",
        "open_now",
        "wheelchair",
        "lang",
        "page",
        "page_size",
    } <= params


def test_a_point_in_schaerbeek_ranks_schaerbeek_first(client, demo_directory):
    """The browser's location is bare coordinates: their commune is estimated and
    its services come first (it used to give no commune, and the CPAS came 30th)."""
    payload = client.get(
        "/api/v1/directory/antennas?near=50.86760,4.37370&page_size=5"
    ).json()
    assert payload["near"]["communes"] == ["21015"]
    assert payload["near"]["commune_estimated"] is True
    assert 0 <= payload["near"]["commune_distance_km"] < 2
    first = payload["results"][0]
    assert first["organisation"]["external_id"] == "cpas-schaerbeek"
    assert first["serves_here"] is True
