"""One search over pages and directory records, on whichever backend is configured."""

import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.search]


def _links(html):
    return re.findall(r'<h2><a href="([^"]+)"', html)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/fr/recherche/?q=cpas+schaerbeek", "/fr/organisations/cpas-de-schaerbeek/"),
        ("/nl/zoeken/?q=ocmw+schaarbeek", "/nl/organisaties/cpas-de-schaerbeek/"),
        ("/nl/zoeken/?q=Elsene", "/nl/gemeenten/elsene/"),
        ("/fr/recherche/?q=planning+familial", "/fr/categories/planning-familial/"),
    ],
)
def test_directory_records_are_found(client, indexed_demo_everything, url, expected):
    html = client.get(url).content.decode()
    assert expected in _links(html)[:5], _links(html)
    assert 'class="type-badge"' in html


@pytest.mark.api
def test_search_api(client, indexed_demo_everything):
    payload = client.get("/api/v1/search?q=ocmw+schaarbeek&lang=nl").json()
    assert payload["count"] >= 1 and payload["page"] == 1
    types = {r["type"] for r in payload["results"]}
    assert "organisation" in types
    organisation = next(r for r in payload["results"] if r["type"] == "organisation")
    assert organisation["external_id"] == "cpas-schaerbeek"
    assert organisation["title"] == "OCMW van Schaarbeek"
    assert organisation["url"] == "/nl/organisaties/cpas-de-schaerbeek/"
    only_pages = client.get("/api/v1/search?q=portail&type=page").json()
    assert only_pages["results"] and {r["type"] for r in only_pages["results"]} == {
        "page"
    }


@pytest.mark.api
@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=",
        "q=x&type=nope",
        "q=x&page=0",
        "q=x&page_size=a",
        "q=x&lang=de",
        "q=" + "a" * 300,
    ],
)
def test_search_api_bad_parameters(client, db, query):
    response = client.get(f"/api/v1/search?{query}")
    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.mark.api
def test_openapi_lists_search(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "lang", "type", "page", "page_size"} <= params


@pytest.mark.api
def test_an_office_that_receives_no_one_is_not_a_search_result(
    client, indexed_demo_everything
):
    from directory.models import Antenna

    offices = set(
        Antenna.objects.filter(receives_public=False).values_list(
            "external_id", flat=True
        )
    )
    assert offices
    for query in ("secrétariat", "secretariaat fdss", "siège fédération cpas"):
        payload = client.get(
            "/api/v1/search", {"q": query, "type": "antenna", "page_size": 50}
        ).json()
        found = {r.get("external_id") for r in payload["results"]}
        assert not found & offices, query


@pytest.mark.parametrize(
    "query", ["allocations familiales", "secret professionnel", "prime de naissance"]
)
def test_one_result_per_thing(indexed_demo_everything, query):
    """A fiche is listed as a fiche, an article as an article — not also as "page"."""
    from search.services import search

    outcome = search(query, page_size=50)
    pages = [r.obj.pk for r in outcome.results if r.type == "page"]
    specific = [
        r.obj.pk
        for r in outcome.results
        if r.type in ("fiche", "newsletter_article", "newsletter_issue")
    ]
    assert specific, query
    assert not set(pages) & set(specific), [(r.type, r.obj.pk) for r in outcome.results]


@pytest.mark.parametrize("value", ["false", "true", "false,yes", "true,partial"])
def test_search_api_wheelchair_takes_every_documented_value(client, db, value):
    """The document allows yes, partial, no, unknown, true and false, mixed."""
    response = client.get("/api/v1/search", {"q": "cpas", "wheelchair": value})
    assert response.status_code == 200, response.json()
