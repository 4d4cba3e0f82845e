"""Filters, facets, open now and distance, on the engine and on the database."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from search.filters import SearchFilters
from search.registry import facets
from search.services import search

BRUSSELS = ZoneInfo("Europe/Brussels")
# A Sunday morning, a Monday after each daylight-saving change, Easter Monday
# (a public holiday everywhere) and an ordinary Tuesday afternoon.
MOMENTS = [
    datetime(2026, 11, 29, 11, 0, tzinfo=BRUSSELS),
    datetime(2026, 3, 30, 9, 30, tzinfo=BRUSSELS),
    datetime(2026, 10, 26, 16, 15, tzinfo=BRUSSELS),
    datetime(2026, 4, 6, 10, 0, tzinfo=BRUSSELS),
    datetime(2026, 11, 24, 14, 0, tzinfo=BRUSSELS),
]


def _open_antennas_in_python(moment):
    from directory.models import Antenna
    from places.opening_hours import open_status

    open_ids = set()
    # What a visitor may find: published, receiving the public.
    for antenna in Antenna.objects.receiving():
        region = antenna.commune.region if antenna.commune else None
        community = antenna.organisation.holiday_community(region)
        status = open_status(
            antenna.opening_hours, moment, community, antenna.closed_until
        )
        if status.is_open:
            open_ids.add(antenna.external_id)
    return open_ids


def _all_antennas(moment, **options):
    outcome = search(
        "",
        types=["antenna"],
        page_size=200,
        filters=SearchFilters(conditions={"open_now"}, at=moment),
        **options,
    )
    return {r.obj.external_id for r in outcome.results}, outcome


def _check_facet_counts(query):
    outcome = search(query, page_size=5)
    assert outcome.facets
    checked = 0
    for facet in facets():
        for value, count in list((outcome.facets.get(facet.name) or {}).items())[:3]:
            if not count:
                continue
            value = str(value).lower() if facet.name == "valid" else str(value)
            if facet.name == "valid":
                value = "true" if value in ("1", "true") else "false"
            narrowed = search(
                query, filters=SearchFilters(values={facet.name: [value]})
            )
            assert narrowed.count == count, (facet.name, value)
            checked += 1
    assert checked >= 5
    for kind, count in outcome.facets["type"].items():
        if count:
            assert search(query, types=[kind]).count == count, kind


@pytest.mark.engine
@pytest.mark.search
@pytest.mark.django_db
def test_engine_facet_counts_equal_filtered_counts(indexed_demo_everything):
    _check_facet_counts("social")


@pytest.mark.search
@pytest.mark.django_db
def test_database_facet_counts_equal_filtered_counts(settings, demo_site):
    settings.SEARCH_URL = ""
    _check_facet_counts("social")


@pytest.mark.engine
@pytest.mark.search
@pytest.mark.django_db
def test_open_now_in_the_engine_matches_the_opening_hours(indexed_demo_everything):
    for moment in MOMENTS:
        found, outcome = _all_antennas(moment)
        assert outcome.backend == "engine"
        assert found == _open_antennas_in_python(moment), moment.isoformat()


@pytest.mark.engine
@pytest.mark.search
@pytest.mark.django_db
def test_open_now_on_a_sunday_returns_only_what_is_open(indexed_demo_everything):
    from directory.models import Antenna

    sunday = MOMENTS[0]
    found, _outcome = _all_antennas(sunday)
    weekday, _ = _all_antennas(MOMENTS[-1])
    assert weekday and found < weekday | found
    for antenna in Antenna.objects.filter(external_id__in=found):
        assert "Su" in antenna.opening_hours or "24/7" in antenna.opening_hours


@pytest.mark.search
@pytest.mark.django_db
def test_open_now_on_the_database(settings, demo_site):
    settings.SEARCH_URL = ""
    for moment in (MOMENTS[0], MOMENTS[-1]):
        found, outcome = _all_antennas(moment)
        assert outcome.backend == "database"
        assert found == _open_antennas_in_python(moment)


def _check_near(outcome, refnis):
    """In the order of places.ranking: competent for the commune first (smallest
    territory first), then serving everyone, then the others; each nearest first."""
    from places.ranking import rank_key

    results = outcome.results
    assert results
    keys = [
        rank_key(r.obj.served_refnis(), {refnis}, r.distance_km)[:2] for r in results
    ]
    assert keys == sorted(keys)
    assert keys[0][0] < 1000, "a service competent for the commune comes first"
    assert all(r.distance_km is not None for r in results if r.type in ("antenna",))


@pytest.mark.engine
@pytest.mark.search
@pytest.mark.django_db
def test_near_a_postcode_on_the_engine(indexed_demo_everything):
    from places.geocoding import parse_where

    where = parse_where("1030")
    outcome = search("", near=where, types=["antenna", "organisation"], page_size=50)
    assert outcome.backend == "engine"
    _check_near(outcome, "21015")
    assert outcome.results[0].distance_km < 3
    within = search("", near=where, radius_km=2, types=["antenna"], page_size=50)
    assert within.count and all(r.distance_km <= 2 for r in within.results)


@pytest.mark.search
@pytest.mark.django_db
def test_near_a_postcode_on_the_database(settings, demo_site):
    from places.geocoding import parse_where

    settings.SEARCH_URL = ""
    outcome = search(
        "", near=parse_where("1030"), types=["antenna", "organisation"], page_size=50
    )
    _check_near(outcome, "21015")


@pytest.mark.api
@pytest.mark.search
@pytest.mark.django_db
def test_api_filters_and_facets(client, demo_site):
    payload = client.get("/api/v1/search?q=cpas&near=1030&lang=nl&category=cpas").json()
    assert payload["count"] >= 1
    first = payload["results"][0]
    assert first["distance_km"] is not None
    categories = {item["value"]: item for item in payload["facets"]["category"]}
    assert categories["cpas"]["selected"] and categories["cpas"]["label"] == "OCMW"
    assert payload["facets"]["open_now"][0]["value"] == "true"


@pytest.mark.api
@pytest.mark.search
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("q=cpas&category=nope", "nope"),
        ("q=cpas&near=zzzzqq", "zzzzqq"),
        ("q=cpas&radius_km=2", "rayon"),
        ("q=cpas&near=1030&radius_km=-1", "km"),
        ("q=cpas&open_now=maybe", "maybe"),
        ("q=cpas&year=20", "2024"),
        ("q=cpas&commune=Atlantis", "Atlantis"),
        ("lang=fr", "q"),
    ],
)
def test_api_refuses_bad_filters(client, demo_site, query, words):
    response = client.get(f"/api/v1/search?{query}&lang=fr")
    assert response.status_code == 400
    assert words in response.json()["detail"]


@pytest.mark.search
@pytest.mark.django_db
def test_search_page_filters_without_javascript(client, indexed_demo_everything):
    html = client.get("/fr/recherche/?q=cpas&near=1030").content.decode()
    assert 'name="category"' in html and 'name="open_now"' in html
    assert "km</span>" in html
    assert "map-block" in html and 'id="map-data"' in html
    assert "/static/places/map.js" in html  # the template's assets test `map`
    narrowed = client.get("/fr/recherche/?q=cpas&category=cpas&near=1030").content
    assert b'value="cpas" checked' in narrowed
    bad = client.get("/nl/zoeken/?q=cpas&radius_km=3").content.decode()
    assert 'role="alert"' in bad
