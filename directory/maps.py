"""Maps of antennas with folium, served with our own Leaflet (never a CDN).

folium writes the Leaflet calls; the page includes Leaflet and Leaflet.markercluster
from our static files (``vendor/``) and, without ``MAP_TILES_URL``, no base layer at
all: the markers and the accessible list beside them carry the information.
"""

from __future__ import annotations

from dataclasses import dataclass

import folium
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import escape
from folium.plugins import MarkerCluster

BELGIUM_CENTRE = (50.64, 4.67)


class LocalMap(folium.Map):
    """A folium map whose assets are our static files (class lists, not shared ones)."""

    default_js: list = []
    default_css: list = []


class LocalMarkerCluster(MarkerCluster):
    default_js: list = []
    default_css: list = []


@dataclass(frozen=True)
class MapPoint:
    latitude: float
    longitude: float
    title: str
    url: str
    badge: str = ""
    subtitle: str = ""


@dataclass(frozen=True)
class RenderedMap:
    element_id: str
    html: str
    script: str


def map_assets() -> dict[str, list[str]]:
    """Stylesheets and scripts a page needs for :func:`render_map` output."""
    return {
        "css": [
            static("vendor/leaflet/leaflet.css"),
            static("vendor/leaflet.markercluster/MarkerCluster.css"),
            static("vendor/leaflet.markercluster/MarkerCluster.Default.css"),
        ],
        "js": [
            static("vendor/leaflet/leaflet.js"),
            static("vendor/leaflet.markercluster/leaflet.markercluster.js"),
        ],
    }


def _popup(point: MapPoint) -> str:
    parts = [
        f'<a href="{escape(point.url)}"><strong>{escape(point.title)}</strong></a>'
    ]
    if point.subtitle:
        parts.append(f"<br>{escape(point.subtitle)}")
    if point.badge:
        parts.append(f"<br>{escape(point.badge)}")
    return "".join(parts)


def render_map(
    points: list[MapPoint], *, label: str, zoom: int = 13
) -> RenderedMap | None:
    """The map's container and script, or None when no point has coordinates."""
    if not points:
        return None
    if len(points) == 1:
        centre = (points[0].latitude, points[0].longitude)
    else:
        centre = (
            sum(p.latitude for p in points) / len(points),
            sum(p.longitude for p in points) / len(points),
        )
    fmap = LocalMap(
        location=centre,
        zoom_start=zoom,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
    )
    # Leaflet.markercluster needs the map's own zoom limits when there is no tile
    # layer to provide them.
    fmap.options.update({"maxZoom": 18, "minZoom": 6})
    if settings.MAP_TILES_URL:
        folium.TileLayer(
            tiles=settings.MAP_TILES_URL,
            attr=settings.MAP_TILES_ATTRIBUTION,
            name="base",
        ).add_to(fmap)
    cluster = LocalMarkerCluster().add_to(fmap)
    for point in points:
        folium.Marker(
            location=(point.latitude, point.longitude),
            popup=folium.Popup(_popup(point), max_width=280),
            tooltip=point.title,
            title=point.title,
            alt=point.title,
            icon=folium.DivIcon(
                html='<span class="map-pin" aria-hidden="true"></span>',
                icon_size=(24, 24),
                icon_anchor=(12, 24),
                class_name="map-pin-icon",
            ),
        ).add_to(cluster)
    if len(points) > 1:
        fmap.fit_bounds(
            [
                [min(p.latitude for p in points), min(p.longitude for p in points)],
                [max(p.latitude for p in points), max(p.longitude for p in points)],
            ],
            max_zoom=15,
            padding=(24, 24),
        )
    figure = fmap.get_root()
    figure.render()
    element_id = fmap.get_name()
    html = (
        f'<div class="folium-map map" id="{element_id}" role="region" '
        f'aria-label="{escape(label)}"></div>'
    )
    return RenderedMap(element_id=element_id, html=html, script=figure.script.render())
