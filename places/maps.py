"""Maps of antennas: the data a page's map needs, handed to our own script as JSON.

No record text ever reaches a script: the view builds a :class:`MapData`, the
template writes it with ``json_script`` (a ``<script type="application/json">`` is
data, not code) and ``places/map.js`` builds the Leaflet map from it with DOM text
nodes. Leaflet and Leaflet.markercluster come from our static files (``vendor/``);
without ``MAP_TILES_URL`` there is no base layer at all: the markers and the list
beside them carry the information.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

MIN_ZOOM = 6
MAX_ZOOM = 18
FIT_MAX_ZOOM = 15


@dataclass(frozen=True)
class MapPoint:
    latitude: float
    longitude: float
    title: str
    url: str
    badge: str = ""
    subtitle: str = ""

    def as_json(self) -> dict:
        return {
            "lat": self.latitude,
            "lon": self.longitude,
            "title": self.title,
            "url": self.url,
            "badge": self.badge,
            "subtitle": self.subtitle,
        }


@dataclass(frozen=True)
class MapData:
    """A map for the template: the container's label and the JSON for map.js."""

    element_id: str
    label: str
    data: dict

    @property
    def data_id(self) -> str:
        return f"{self.element_id}-data"


def _base(zoom: int) -> dict:
    data = {
        "zoom": zoom,
        "minZoom": MIN_ZOOM,
        "maxZoom": MAX_ZOOM,
        "bounds": None,
        "fitMaxZoom": FIT_MAX_ZOOM,
        "tiles": None,
        "points": [],
        "source": None,
    }
    if settings.MAP_TILES_URL:
        data["tiles"] = {
            "url": settings.MAP_TILES_URL,
            "attribution": settings.MAP_TILES_ATTRIBUTION,
        }
    return data


def map_data(
    points: list[MapPoint], *, label: str, zoom: int = 13, element_id: str = "map"
) -> MapData | None:
    """What map.js needs to draw ``points``, or None when there is none."""
    if not points:
        return None
    latitudes = [p.latitude for p in points]
    longitudes = [p.longitude for p in points]
    data = _base(zoom)
    data["center"] = [sum(latitudes) / len(points), sum(longitudes) / len(points)]
    data["points"] = [point.as_json() for point in points]
    if len(points) > 1:
        data["bounds"] = [
            [min(latitudes), min(longitudes)],
            [max(latitudes), max(longitudes)],
        ]
    return MapData(element_id=element_id, label=label, data=data)


def source_map_data(
    source: str,
    bounds: list[list[float]] | None,
    *,
    label: str,
    zoom: int = 8,
    element_id: str = "map",
) -> MapData | None:
    """A map whose markers map.js fetches from ``source`` (a GeoJSON URL of ours):
    the page carries no record, whatever the size of the directory."""
    if bounds is None:
        return None
    (south, west), (north, east) = bounds
    data = _base(zoom)
    data["center"] = [(south + north) / 2, (west + east) / 2]
    data["bounds"] = bounds
    data["source"] = source
    return MapData(element_id=element_id, label=label, data=data)
