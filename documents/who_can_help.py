"""Who can help: the directory's antennas nearest to the reader, for a fiche."""

from __future__ import annotations

from django.utils import timezone

from directory.lookup import AntennaFilters, Hit, find_antennas
from directory.models import Antenna, Category, Organisation
from directory.open_now import antenna_status
from directory.presentation import status_badge
from places.distance import distance_km
from places.geocoding import Where


def nearest_helpers(
    *,
    categories: list[Category],
    organisations: list[Organisation],
    where: Where | None,
    limit: int = 5,
) -> list[Hit]:
    """The antennas of these categories or organisations, nearest to ``where`` first.

    Uses the directory's ranking (services competent for the reader's commune
    first, then by distance) for categories; the organisations' own antennas are
    merged by distance. Without a place, the first ``limit`` by name.
    """
    now = timezone.now()
    hits: dict[int, Hit] = {}
    for category in categories:
        for hit in find_antennas(where, AntennaFilters(category=category.slug), at=now)[
            : limit * 2
        ]:
            hits.setdefault(hit.antenna.pk, hit)
    if organisations:
        antennas = (
            Antenna.objects.public()
            .filter(organisation__in=organisations)
            .select_related("organisation", "commune")
        )
        for antenna in antennas:
            if antenna.pk in hits:
                continue
            distance = None
            if where is not None and antenna.has_coordinates:
                distance = distance_km(
                    where.latitude, where.longitude, antenna.latitude, antenna.longitude
                )
            hits[antenna.pk] = Hit(
                antenna, distance, True, False, antenna_status(antenna, now)
            )
    ordered = sorted(
        hits.values(),
        key=lambda hit: (
            not hit.competent,
            hit.distance_km if hit.distance_km is not None else float("inf"),
            hit.antenna.name,
        ),
    )[:limit]
    for hit in ordered:
        hit.badge = status_badge(hit.status, now)
    return ordered
