"""The directory's map markers as GeoJSON, served from the API and cached.

A page whose map shows the whole directory (the home page) carries only the URL of
this collection, so that its weight does not grow with the directory; the
collection is built once per language and cached until an antenna or an
organisation is saved or deleted (:func:`forget_markers`).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import translation

from core.cache_versions import bump_version, current_version
from directory.models import Antenna

_VERSION_KEY = "directory:markers:version"


def forget_markers() -> None:
    """The directory changed: the next request builds the collections again."""
    bump_version(_VERSION_KEY)


def mapped_antennas():
    """The antennas a visitor may find, with coordinates."""
    return Antenna.objects.receiving().filter(
        latitude__isnull=False, longitude__isnull=False
    )


def marker_bounds() -> list[list[float]] | None:
    """South-west and north-east corners of every marker (one query)."""
    box = mapped_antennas().aggregate(
        south=Min("latitude"),
        west=Min("longitude"),
        north=Max("latitude"),
        east=Max("longitude"),
    )
    if box["south"] is None:
        return None
    return [[box["south"], box["west"]], [box["north"], box["east"]]]


def marker_collection(language: str) -> dict:
    """A GeoJSON FeatureCollection of every mapped antenna, texts in ``language``.

    Properties are plain text (title, address, url); the map script puts them in
    the page as text nodes.
    """
    key = f"directory:markers:{current_version(_VERSION_KEY)}:{language}"
    collection = cache.get(key)
    if collection is not None:
        return collection
    with translation.override(language):
        antennas = mapped_antennas().select_related("commune").order_by("pk")
        features = [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [antenna.longitude, antenna.latitude],
                },
                "properties": {
                    "title": antenna.name,
                    "subtitle": antenna.address_line,
                    "url": reverse("directory:antenna", kwargs={"slug": antenna.slug}),
                },
            }
            for antenna in antennas
        ]
    collection = {"type": "FeatureCollection", "features": features}
    cache.set(key, collection, timeout=24 * 3600)
    return collection
