"""Locating the directory's antennas: geocoding their address, and lending their
located points to :func:`places.geocoding.commune_at`."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from directory.models import Antenna
from places.geocoding import Geocoder, get_geocoder
from places.models import Precision


def located_antennas(
    latitudes: tuple[float, float], longitudes: tuple[float, float]
) -> list[tuple[float, float, int]]:
    """(latitude, longitude, commune pk) of the antennas located at their address
    (or by hand) within the box: their commune is known from their postcode."""
    return list(
        Antenna.objects.filter(
            Q(precision__in=(Precision.ADDRESS, Precision.STREET))
            | Q(coordinates_set_by_hand=True),
            commune__isnull=False,
            latitude__range=latitudes,
            longitude__range=longitudes,
        )
        .values_list("latitude", "longitude", "commune_id")
        .distinct()
    )


def geocode_antenna(antenna: Antenna, *, geocoder: Geocoder | None = None) -> bool:
    """Locate ``antenna`` from its address; whether its stored location changed.

    Hand-set coordinates are left alone. Writes with ``QuerySet.update()`` — no
    ``save()``, so no signals, revisions or ``updated_at`` — and records
    ``geocoded_at`` even when nothing changed. An antenna with no address at all
    loses its old coordinates (precision "none").
    """
    if antenna.coordinates_set_by_hand:
        return False
    geocoder = geocoder or get_geocoder()
    result = geocoder.geocode_address(
        street=antenna.street,
        number=antenna.number,
        postcode=antenna.postcode,
        commune=antenna.commune,
    )
    location = (
        (result.latitude, result.longitude, str(result.precision))
        if result
        else (None, None, str(Precision.NONE))
    )
    previous = (antenna.latitude, antenna.longitude, antenna.precision)
    now = timezone.now()
    updated = Antenna.objects.filter(
        pk=antenna.pk, coordinates_set_by_hand=False
    ).update(
        latitude=location[0],
        longitude=location[1],
        precision=location[2],
        geocoded_at=now,
    )
    if not updated:  # deleted, or coordinates set by hand meanwhile
        return False
    antenna.latitude, antenna.longitude, antenna.precision = location
    antenna.geocoded_at = now
    return location != previous
