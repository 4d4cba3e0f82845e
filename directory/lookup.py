"""“Who can help me here”: antennas for a place, competent ones first, then by distance.

Shared by the visitor pages and the JSON API so that both give the same order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.geocoding import Where, distance_km
from directory.models import Antenna, Wheelchair
from directory.opening_hours import OpenStatus, open_status

MAX_RADIUS_KM = 300.0


class LookupError_(ValueError):  # noqa: N801 - keeps clear of the builtin LookupError
    """A filter value that makes no sense; ``str()`` is the visitor's message."""


@dataclass(frozen=True)
class Filters:
    category: str | None = None
    public: str | None = None
    language: str | None = None
    open_now: bool = False
    wheelchair: bool = False
    radius_km: float | None = None

    def as_query(self) -> dict[str, str]:
        query = {}
        for name in ("category", "public", "language"):
            if getattr(self, name):
                query[name] = getattr(self, name)
        if self.open_now:
            query["open_now"] = "1"
        if self.wheelchair:
            query["wheelchair"] = "1"
        if self.radius_km:
            query["radius_km"] = f"{self.radius_km:g}"
        return query


@dataclass
class Hit:
    antenna: Antenna
    distance_km: float | None
    serves_here: bool
    competent: bool
    status: OpenStatus
    rank_group: int = field(default=2)
    territory_size: int = 0


def parse_bool(value: str | None, name: str) -> bool:
    if value in (None, "", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise LookupError_(
        _("“%(value)s” is not a valid value for %(name)s: use true or false.")
        % {"value": value, "name": name}
    )


def parse_radius(value: str | None) -> float | None:
    if value in (None, ""):
        return None
    try:
        radius = float(value)
    except ValueError:
        radius = math.nan
    if not (0 < radius <= MAX_RADIUS_KM):
        raise LookupError_(
            _("The radius must be a number of kilometres between 0 and %(max)d.")
            % {"max": MAX_RADIUS_KM}
        )
    return radius


def antenna_status(antenna: Antenna, at: datetime | None = None) -> OpenStatus:
    return open_status(
        antenna.opening_hours,
        at or timezone.now(),
        community=antenna.organisation.holiday_community(),
        closed_until=antenna.closed_until,
    )


def base_queryset(filters: Filters):
    queryset = (
        Antenna.objects.public()
        .filter(organisation__status="active")
        .select_related("organisation", "commune")
        .prefetch_related("served_communes", "organisation__languages")
    )
    if filters.category:
        queryset = queryset.filter(
            Q(organisation__categories__slug=filters.category)
            | Q(organisation__categories__parent__slug=filters.category)
        )
    if filters.public:
        queryset = queryset.filter(organisation__publics__slug=filters.public)
    if filters.language:
        queryset = queryset.filter(organisation__languages__code=filters.language)
    if filters.wheelchair:
        queryset = queryset.filter(wheelchair=Wheelchair.YES)
    return queryset.distinct()


def find_antennas(
    where: Where | None, filters: Filters, *, at: datetime | None = None
) -> list[Hit]:
    """Antennas matching ``filters``, ordered for the visitor at ``where``.

    Order: antennas competent for the place's commune (they list it in their
    territory) first — those dedicated to that commune alone (a CPAS) before those
    covering a wider zone (many maisons médicales) — then those that serve
    everyone, then those restricted to other communes; each group by distance,
    closest first. Without a place: by organisation and name.
    """
    at = at or timezone.now()
    here = set(where.commune_ids) if where else set()
    hits = []
    for antenna in base_queryset(filters):
        territory = {commune.pk for commune in antenna.served_communes.all()}
        competent = bool(here & territory)
        serves_here = competent or not territory
        distance = None
        if where and antenna.has_coordinates:
            distance = distance_km(
                where.latitude, where.longitude, antenna.latitude, antenna.longitude
            )
        if (
            filters.radius_km
            and where
            and not competent
            and (distance is None or distance > filters.radius_km)
        ):
            continue
        status = antenna_status(antenna, at)
        if filters.open_now and not status.is_open:
            continue
        group = 0 if competent else (1 if serves_here else 2)
        hit = Hit(antenna, distance, serves_here, competent, status, group)
        hit.territory_size = len(territory) if competent else 0
        hits.append(hit)
    if where:
        hits.sort(
            key=lambda h: (
                h.rank_group,
                h.territory_size,
                h.distance_km if h.distance_km is not None else math.inf,
                h.antenna.name,
            )
        )
    else:
        hits.sort(key=lambda h: (h.antenna.organisation.name, h.antenna.name))
    return hits
