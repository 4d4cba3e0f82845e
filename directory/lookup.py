"""“Who can help me here”: antennas for a place, competent ones first, then by distance.

Shared by the visitor pages and the JSON API so that both give the same order.
Ranking works on a few columns of every candidate; whole records (and their
opening status) are only built for the slice that is shown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.parameters import InvalidParameter, clean_flag, clean_radius
from core.search_contracts import Selection
from directory.matched_services import matching, prefetch_offers
from directory.models import (
    Answer,
    Antenna,
    Category,
    Language,
    Organisation,
    Public,
    Service,
    ServiceAtLocation,
    Wheelchair,
    holiday_community_for,
)
from directory.open_now import antenna_status, status_at
from directory.service_filters import (
    LANGUAGE_FACET,
    SERVICE_CONDITIONS,
    live_offers,
    offer_matches,
)
from places.distance import distance_km
from places.geocoding import Where
from places.opening_hours import OpenStatus
from places.ranking import rank_group, rank_key


@dataclass(frozen=True)
class AntennaFilters:
    """What a visitor narrows the antenna lookup by (one value per filter)."""

    category: str | None = None
    public: str | None = None
    language: str | None = None
    open_now: bool = False
    wheelchair: bool = False
    radius_km: float | None = None
    # At the service level, for the same service (directory.service_filters).
    walk_in_now: bool = False
    free: bool = False
    no_referral: bool = False
    anonymous: bool = False

    def as_query(self) -> dict[str, str]:
        query = {}
        for name in ("category", "public", "language"):
            if getattr(self, name):
                query[name] = getattr(self, name)
        for name in ("open_now", "wheelchair", *SERVICE_CONDITIONS):
            if getattr(self, name):
                query[name] = "1"
        if self.radius_km:
            query["radius_km"] = f"{self.radius_km:g}"
        return query

    def selection(self) -> Selection:
        """The service filters, as the search's joint conditions read them."""
        values = {}
        if self.language:
            values[LANGUAGE_FACET] = (self.language,)
        if self.category:
            values["category"] = (self.category,)
        return Selection(
            frozenset(name for name in SERVICE_CONDITIONS if getattr(self, name)),
            values,
        )

    @property
    def asks_services(self) -> bool:
        return any(getattr(self, name) for name in SERVICE_CONDITIONS)


@dataclass
class Ranked:
    """One candidate, as ranked: enough to sort, filter and count."""

    pk: int
    distance_km: float | None
    competent: bool
    serves_here: bool | None  # None without a place: nothing to say
    rank_group: int
    territory_size: int
    name: str
    status: OpenStatus | None = None


@dataclass
class Hit:
    antenna: Antenna
    distance_km: float | None
    serves_here: bool | None  # None without a place: nothing to say
    competent: bool
    status: OpenStatus
    rank_group: int = 2
    territory_size: int = 0
    # The services at this antenna that matched the filters (ServiceAtLocation).
    services: list = field(default_factory=list)


def _text(value: str | None) -> str:
    """A value as text, without NUL bytes (PostgreSQL refuses them: a 500)."""
    return (value or "").replace("\x00", "")


def clean_category(value: str | None) -> str | None:
    """A category's slug; raises :class:`InvalidParameter` for an unknown one."""
    category = _text(value) or None
    if category and not Category.objects.filter(slug=category).exists():
        raise InvalidParameter(
            _("Unknown category: “%(value)s”.") % {"value": category}
        )
    return category


def clean_public(value: str | None) -> str | None:
    """A public's slug; raises :class:`InvalidParameter` for an unknown one."""
    public = _text(value) or None
    if public and not Public.objects.filter(slug=public).exists():
        raise InvalidParameter(_("Unknown public: “%(value)s”.") % {"value": public})
    return public


def clean_language(value: str | None) -> str | None:
    """A language's code; raises :class:`InvalidParameter` for an unknown one."""
    language = _text(value) or None
    if language and not Language.objects.filter(code=language).exists():
        raise InvalidParameter(
            _("Unknown language: “%(value)s”.") % {"value": language}
        )
    return language


def clean_open_now(value: str | None) -> bool:
    return clean_flag(value, "open_now")


def clean_wheelchair(value: str | None) -> bool:
    return clean_flag(value, "wheelchair")


def _flag_cleaner(name: str):
    def clean(value: str | None) -> bool:
        return clean_flag(value, name)

    return clean


# Each filter of :class:`AntennaFilters` and the function that reads it: the
# page's form (``directory.forms``) and the API (:func:`parse_filters`) alike.
FILTER_CLEANERS = {
    "category": clean_category,
    "public": clean_public,
    "language": clean_language,
    "open_now": clean_open_now,
    "wheelchair": clean_wheelchair,
    "radius_km": clean_radius,
    **{name: _flag_cleaner(name) for name in SERVICE_CONDITIONS},
}


def parse_filters(params) -> AntennaFilters:
    """Filters from raw values (a mapping); raises :class:`InvalidParameter` at
    the first value refused."""
    return AntennaFilters(
        **{name: clean(params.get(name)) for name, clean in FILTER_CLEANERS.items()}
    )


def base_queryset(filters: AntennaFilters):
    queryset = Antenna.objects.receiving().filter(organisation__status="active")
    if filters.category:
        queryset = queryset.filter(
            Q(organisation__categories__slug=filters.category)
            | Q(organisation__categories__parent__slug=filters.category)
        )
    if filters.public:
        queryset = queryset.filter(organisation__publics__slug=filters.public)
    if filters.language:
        # Spoken at the antenna (else by its organisation) or at one of its services.
        queryset = queryset.filter(
            Q(languages__code=filters.language)
            | Q(languages__isnull=True, organisation__languages__code=filters.language)
            | Q(
                service_locations__service__languages__code=filters.language,
                service_locations__service__status="active",
            )
        )
    if filters.wheelchair:
        queryset = queryset.filter(wheelchair=Wheelchair.YES)
    if filters.category or filters.public or filters.language:
        queryset = queryset.distinct()  # many-to-many joins may repeat a row
    return queryset


# The same traits as ``Service.is_free`` / ``is_anonymous`` and
# ``service_filters.traits_of``, as database lookups.
SERVICE_LOOKUPS = {
    "walk_in_now": {"service__walk_in": True},
    "free": {"service__cost": Service.Cost.FREE},
    "no_referral": {"service__referral_required": False},
    "anonymous": {"service__anonymous": Answer.YES},
}


def antennas_with_services(filters: AntennaFilters, at: datetime) -> set[int]:
    """The antennas where one service meets every service filter at once (and
    speaks the language asked), in a fixed number of queries."""
    lookups = {"service__status": "active"}
    for name, lookup in SERVICE_LOOKUPS.items():
        if getattr(filters, name):
            lookups.update(lookup)
    offers = (
        ServiceAtLocation.objects.filter(antenna__in=base_queryset(filters), **lookups)
        .select_related("service", "antenna__organisation", "antenna__commune")
        .prefetch_related(
            "service__languages",
            "antenna__languages",
            "antenna__organisation__languages",
        )
    )
    selection = filters.selection()
    return {offer.antenna_id for offer in offers if offer_matches(offer, selection, at)}


def _community_inputs(organisation_ids: set[int]) -> dict[int, tuple[str, set[str]]]:
    """Each organisation's explicit community and languages spoken (bulk), for
    :func:`~directory.models.holiday_community_for`."""
    languages = defaultdict(set)
    for org_id, code in Organisation.languages.through.objects.filter(
        organisation_id__in=organisation_ids
    ).values_list("organisation_id", "language__code"):
        languages[org_id].add(code)
    return {
        pk: (community, languages[pk])
        for pk, community in Organisation.objects.filter(
            pk__in=organisation_ids
        ).values_list("pk", "community")
    }


def rank_antennas(
    where: Where | None, filters: AntennaFilters, *, at: datetime | None = None
) -> list[Ranked]:
    """Every matching antenna, ordered for the visitor at ``where``.

    Order: :func:`places.ranking.rank_key` (competent for the place's commune
    first, the smallest territories first; then those that serve everyone; then
    those restricted to other communes; each group nearest first). Without a place:
    by organisation and name.
    """
    at = at or timezone.now()
    rows = list(
        base_queryset(filters).values_list(
            "pk",
            "latitude",
            "longitude",
            "name",
            "organisation_id",
            "organisation__name",
            "opening_hours",
            "closed_until",
            "commune__region",
        )
    )
    if filters.asks_services:
        offering = antennas_with_services(filters, at)
        rows = [row for row in rows if row[0] in offering]
    ids = [row[0] for row in rows]
    territories: dict[int, set[int]] = defaultdict(set)
    through = Antenna.served_communes.through
    for antenna_id, commune_id in through.objects.filter(
        antenna_id__in=ids
    ).values_list("antenna_id", "commune_id"):
        territories[antenna_id].add(commune_id)
    here = set(where.commune_ids) if where else set()
    keys: dict[int, tuple] = {}
    communities = (
        _community_inputs({row[4] for row in rows}) if filters.open_now else {}
    )
    # Many antennas share their hours: each distinct case is evaluated once.
    statuses: dict[tuple, OpenStatus] = {}
    ranked = []
    for pk, lat, lon, name, org_id, org_name, hours, closed_until, region in rows:
        territory = territories.get(pk, set())
        competent = bool(here & territory)
        # Without a place there is no "here": no antenna is said to serve it or not.
        serves_here = (competent or not territory) if where else None
        distance = None
        if where and lat is not None and lon is not None:
            distance = distance_km(where.latitude, where.longitude, lat, lon)
        if (
            filters.radius_km
            and where
            and not competent
            and (distance is None or distance > filters.radius_km)
        ):
            continue
        status = None
        if filters.open_now:
            community = holiday_community_for(*communities[org_id], region)
            key = (hours, community, closed_until)
            status = statuses.get(key)
            if status is None:
                status = statuses[key] = status_at(hours, at, community, closed_until)
            if not status.is_open:
                continue
        group = rank_group(territory, here)
        keys[pk] = rank_key(territory, here, distance, name)
        ranked.append(
            Ranked(
                pk,
                distance,
                competent,
                serves_here,
                group,
                len(territory) if competent else 0,
                name if where else f"{org_name}\x00{name}",
                status,
            )
        )
    if where:
        ranked.sort(key=lambda r: keys[r.pk])
    else:
        ranked.sort(key=lambda r: r.name)
    return ranked


def materialize(
    ranked: list[Ranked],
    *,
    at: datetime | None = None,
    filters: AntennaFilters | None = None,
) -> list[Hit]:
    """Whole records, with their opening status, for a slice of ``rank_antennas``;
    with ``filters``, each hit's :attr:`Hit.services` that matched them."""
    at = at or timezone.now()
    # The languages: the API's lists give them, and an organisation's holidays
    # follow from its languages (one query for all, not one per antenna).
    antennas = (
        Antenna.objects.select_related("organisation", "commune")
        .prefetch_related("languages", "organisation__languages")
        .in_bulk([r.pk for r in ranked])
    )
    hits = []
    for item in ranked:
        antenna = antennas.get(item.pk)
        if antenna is None:
            continue
        status = item.status or antenna_status(antenna, at)
        hits.append(
            Hit(
                antenna,
                item.distance_km,
                item.serves_here,
                item.competent,
                status,
                item.rank_group,
                item.territory_size,
            )
        )
    if filters is not None:
        _matched_services(hits, filters, at)
    return hits


def _matched_services(hits: list[Hit], filters: AntennaFilters, at: datetime) -> None:
    selection = filters.selection()
    if not (filters.asks_services or selection.values):
        return
    prefetch_offers([hit.antenna for hit in hits])
    for hit in hits:
        hit.services = matching(live_offers(hit.antenna), selection, at)


def find_antennas(
    where: Where | None, filters: AntennaFilters, *, at: datetime | None = None
) -> list[Hit]:
    """All hits, materialized: for short lists (a commune, a category)."""
    at = at or timezone.now()
    return materialize(rank_antennas(where, filters, at=at), at=at)
