"""Maps carry record text only as JSON data (json_script), never inside a script."""

import json
import re

import pytest

from directory.models import Category
from places.maps import MapPoint, map_data
from tests.factories import AntennaFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

HOSTILE = [
    "X ${alert(document.domain)}",
    "</script><script>alert(2)</script>",
    '"><img src=x onerror=alert(3)>',
    'it\'s `q` "q" \\u0027',  # the number field holds 20 characters
]
BOX = "${alert(4)}"  # the box number field is short
SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.S | re.I)


@pytest.fixture
def hostile_antenna(demo_directory):
    category = Category.objects.get(slug="planning-familial")
    organisation = OrganisationFactory(
        name=HOSTILE[0], name_fr=HOSTILE[0], name_nl=HOSTILE[0], slug="hostile-org"
    )
    organisation.categories.add(category)
    organisation.save()
    return AntennaFactory(
        organisation=organisation,
        name=HOSTILE[1],
        name_fr=HOSTILE[1],
        name_nl=HOSTILE[1],
        slug="hostile-antenna",
        street=HOSTILE[2],
        number=HOSTILE[3],
        box=BOX,
        latitude=50.867,
        longitude=4.377,
        precision="address",
        coordinates_set_by_hand=True,
    )


def _map_json(html: str) -> dict:
    """The one map's data; asserts no other script carries a record's text."""
    found = []
    for attributes, body in SCRIPT.findall(html):
        if 'type="application/json"' in attributes:
            # json_script escapes <, > and &: the data cannot close its element.
            assert "<" not in body and ">" not in body and "&" not in body
            data = json.loads(body)
            if "points" in data:
                found.append(data)
        else:
            for text in HOSTILE:
                assert text not in body
            assert "alert(" not in body
    assert len(found) == 1, "one map per page"
    return found[0]


@pytest.mark.parametrize(
    "path",
    [
        "/fr/antennes/hostile-antenna/",
        "/nl/organisaties/hostile-org/",
        "/fr/categories/planning-familial/",
        "/fr/communes/schaerbeek/",
        "/nl/in-mijn-buurt/?where=1030",
        "/fr/",
    ],
)
def test_hostile_record_text_only_reaches_the_map_as_json(
    client, hostile_antenna, path
):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    # Nowhere in the page unescaped (text is escaped in the HTML, data in JSON).
    for text in HOSTILE[1:3]:
        assert text not in html
    assert "<script>alert(2)" not in html and "<img src=x" not in html
    data = _map_json(html)
    points = data["points"]
    if data["source"]:  # the whole directory: markers from the GeoJSON endpoint
        assert points == []
        collection = client.get(data["source"]).json()
        points = [
            {**f["properties"], "lat": f["geometry"]["coordinates"][1]}
            for f in collection["features"]
        ]
    ours = [p for p in points if p["url"].endswith("/hostile-antenna/")]
    assert len(ours) == 1
    assert ours[0]["title"] == HOSTILE[1]
    assert ours[0]["subtitle"].startswith(f"{HOSTILE[2]} {HOSTILE[3]}")
    assert BOX in ours[0]["subtitle"]
    assert 'role="region"' in html and 'data-map="map-data"' in html


def test_map_page_has_no_inline_script(client, hostile_antenna):
    html = client.get("/fr/antennes/hostile-antenna/").content.decode()
    for attributes, body in SCRIPT.findall(html):
        assert 'type="application/json"' in attributes or (
            "src=" in attributes and not body.strip()
        )


def test_map_data_centre_bounds_zoom_and_tiles(settings):
    settings.MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILES_ATTRIBUTION = "<b>© contributors</b>"
    points = [
        MapPoint(50.0, 4.0, "A", "/a/"),
        MapPoint(51.0, 5.0, "B", "/b/", badge="Open", subtitle="Street 1"),
    ]
    rendered = map_data(points, label="Map")
    assert rendered.data["center"] == [50.5, 4.5]
    assert rendered.data["bounds"] == [[50.0, 4.0], [51.0, 5.0]]
    assert rendered.data["minZoom"] == 6 and rendered.data["maxZoom"] == 18
    assert rendered.data["tiles"] == {
        "url": "https://tiles.example.org/{z}/{x}/{y}.png",
        "attribution": "<b>© contributors</b>",
    }
    assert rendered.data["points"][1] == {
        "lat": 51.0,
        "lon": 5.0,
        "title": "B",
        "url": "/b/",
        "badge": "Open",
        "subtitle": "Street 1",
    }
    single = map_data(points[:1], label="Map")
    assert single.data["bounds"] is None and single.data["center"] == [50.0, 4.0]
    settings.MAP_TILES_URL = ""
    assert map_data(points, label="Map").data["tiles"] is None
    assert map_data([], label="Map") is None


def test_the_home_page_weight_does_not_grow_with_the_directory(client, demo_directory):
    """The home map's markers come from the cached GeoJSON endpoint; the page
    carries only its URL (it used to inline ~1.6 KB of script per antenna)."""
    before = len(client.get("/fr/").content)
    organisation = OrganisationFactory(slug="many-antennas")
    for number in range(40):
        AntennaFactory(
            organisation=organisation,
            slug=f"many-{number}",
            latitude=50.8 + number / 1000,
            longitude=4.35,
            precision="address",
            coordinates_set_by_hand=True,
        )
    html = client.get("/fr/").content.decode()
    assert abs(len(html) - before) < 200  # the counter's digits, not 40 records
    source = _map_json(html)["source"]
    features = client.get(source).json()["features"]
    assert (
        sum(f["properties"]["url"].startswith("/fr/antennes/many-") for f in features)
        == 40
    )


def test_markers_are_forgotten_when_the_directory_changes(client, demo_directory):
    from directory.models import Antenna

    first = client.get("/api/v1/directory/markers.geojson?lang=fr").json()
    antenna = Antenna.objects.filter(
        latitude__isnull=False, receives_public=True
    ).first()
    antenna.receives_public = False
    antenna.save()
    second = client.get("/api/v1/directory/markers.geojson?lang=fr").json()
    assert len(second["features"]) == len(first["features"]) - 1


def test_the_markers_version_never_expires(settings, db):
    """The database cache's incr() rewrites a key with the default timeout (five
    minutes): the version must be kept forever, or an older cached collection
    (with antennas since unpublished) would come back."""
    from datetime import UTC, timedelta

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from directory.markers import _VERSION_KEY, forget_markers

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }
    call_command("createcachetable", verbosity=0)  # the tests' cache is in memory
    cache.set(_VERSION_KEY, 3, timeout=None)
    forget_markers()
    assert cache.get(_VERSION_KEY) == 4
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT expires FROM portal_cache WHERE cache_key = %s",
            [cache.make_and_validate_key(_VERSION_KEY)],
        )
        (expires,) = cursor.fetchone()
    if isinstance(expires, str):  # SQLite returns text
        from django.utils.dateparse import parse_datetime

        expires = parse_datetime(expires)
    if timezone.is_naive(expires):
        expires = timezone.make_aware(expires, UTC)
    assert expires > timezone.now() + timedelta(days=365)
