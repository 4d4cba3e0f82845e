"""JSON API of the directory (``/api/v1/directory/…``), described in the OpenAPI
document. Parameters are parsed here so that every bad value is a 400 with a clear
message in the requested language."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from ninja.responses import Status

from core.api_support import (
    MAX_TEXT,
    ApiError,
    BadRequest,
    Error,
    Lang,
    flag,
    lang_query,
    language_of,
    page_query,
    page_size_query,
    parse_page,
)
from core.parameters import MAX_RADIUS_KM, InvalidParameter
from directory.api_records import (
    ANTENNA_PREFETCH,
    Accessibility,
    Address,
    ContactOut,
    Named,
    ServiceHere,
    ServiceOut,
    antenna_extras,
    public_organisation_contacts,
    public_services,
    service_payload,
    services_here_payload,
)
from directory.api_records import contact_payload as _contact
from directory.api_records import named as _named
from directory.lookup import (
    Hit,
    clean_category,
    materialize,
    parse_filters,
    rank_antennas,
)
from directory.markers import marker_collection
from directory.models import Antenna, Organisation, Service
from directory.open_now import antenna_status
from places.geocoding import Where, WhereError, parse_where

router = Router(tags=["directory"])


class AntennaOut(Schema):
    external_id: str
    name: str
    name_fr: str
    name_nl: str
    url: str
    organisation: Named
    address: Address
    latitude: float | None
    longitude: float | None
    precision: str
    distance_km: float | None
    serves_here: bool | None
    opening_hours: str
    dropin_hours: str
    open_now: bool | None
    next_change: datetime | None
    closed_until: str | None
    wheelchair: str
    phone: str
    email: str
    # Its own languages, else its organisation's.
    languages: list[str]
    accessibility: Accessibility


class AntennaDetail(AntennaOut):
    services: list[ServiceHere]
    contacts: list[ContactOut]


class Place(Schema):
    label: str
    latitude: float
    longitude: float
    precision: str
    communes: list[str]
    # Bare coordinates: the commune is estimated from the nearest known places
    # (no boundaries in the gazetteer); how far the nearest of that commune is.
    commune_estimated: bool
    commune_distance_km: float | None
    # What was typed, when it was read as another name ("Shaerbeek").
    corrected_from: str
    # False for a place in Flanders: the directory covers Brussels and Wallonia.
    covered: bool


class AntennaPage(Schema):
    count: int
    page: int
    page_size: int
    near: Place | None
    results: list[AntennaOut]


class Accreditation(Schema):
    authority: str
    type: str
    label: str


class OrganisationOut(Named):
    short_name: str
    url: str
    description: str
    description_fr: str
    description_nl: str
    status: str
    enterprise_number: str
    legal_form: str
    website: str
    email: str
    phone: str
    categories: list[str]
    publics: list[str]
    languages: list[str]
    federations: list[Named]
    accreditations: list[Accreditation]
    last_verified_on: str | None
    antennas: list[AntennaOut]
    services: list[ServiceOut]
    contacts: list[ContactOut]


def antenna_payload(hit: Hit) -> dict:
    antenna, commune = hit.antenna, hit.antenna.commune
    return {
        **_named(antenna),
        "url": reverse("directory:antenna", kwargs={"slug": antenna.slug}),
        "organisation": _named(antenna.organisation),
        "address": {
            "street": antenna.street,
            "number": antenna.number,
            "box": antenna.box,
            "postcode": antenna.postcode,
            "commune": commune.name if commune else None,
            "commune_fr": commune.name_fr if commune else None,
            "commune_nl": commune.name_nl if commune else None,
            "refnis": commune.refnis if commune else None,
        },
        "latitude": antenna.latitude,
        "longitude": antenna.longitude,
        "precision": antenna.precision,
        "distance_km": round(hit.distance_km, 2)
        if hit.distance_km is not None
        else None,
        "serves_here": hit.serves_here
        if hit.distance_km is not None or hit.competent
        else None,
        "opening_hours": antenna.opening_hours,
        "dropin_hours": antenna.dropin_hours,
        "open_now": None if hit.status.reason == "unknown" else hit.status.is_open,
        "next_change": hit.status.next_change,
        "closed_until": antenna.closed_until.isoformat()
        if antenna.closed_until
        else None,
        "wheelchair": antenna.wheelchair,
        "phone": antenna.phone,
        "email": antenna.email,
        **antenna_extras(antenna),
    }


def _place(where: Where) -> dict:
    return {
        "label": where.label,
        "latitude": where.latitude,
        "longitude": where.longitude,
        "precision": where.precision,
        "communes": list(where.communes),
        "commune_estimated": where.commune_estimated,
        "commune_distance_km": (
            round(where.commune_distance_km, 2)
            if where.commune_distance_km is not None
            else None
        ),
        "corrected_from": where.corrected_from,
        "covered": not (where.regions and where.regions <= {"flanders"}),
    }


SLUG = Query(None, max_length=MAX_TEXT)


@router.get(
    "/antennas",
    response={200: AntennaPage, 400: BadRequest},
    summary="Antennas near a place, competent ones first",
)
def list_antennas(
    request: HttpRequest,
    near: str = Query("", max_length=MAX_TEXT),
    radius_km: float | None = Query(None, gt=0, le=MAX_RADIUS_KM),
    category: str | None = SLUG,
    public: str | None = SLUG,
    language: str | None = SLUG,
    open_now: bool | None = Query(None),
    wheelchair: bool | None = Query(None),
    walk_in_now: bool | None = Query(None),
    free: bool | None = Query(None),
    no_referral: bool | None = Query(None),
    anonymous: bool | None = Query(None),
    lang: Lang | None = lang_query(),
    page: int = page_query(),
    page_size: int = page_size_query(20),
):
    """``near``: a postcode, a commune (French, Dutch or German), an address or
    ``lat,lon``. Results: antennas competent for that commune first, then those
    that serve everyone, then the others, each group by distance.
    ``walk_in_now``, ``free``, ``no_referral`` and ``anonymous`` (with
    ``language``) must hold for the same service at the antenna."""
    with translation.override(language_of(request, lang)):
        try:
            filters = parse_filters(
                {
                    "category": category,
                    "public": public,
                    "language": language,
                    "open_now": flag(open_now),
                    "wheelchair": flag(wheelchair),
                    "walk_in_now": flag(walk_in_now),
                    "free": flag(free),
                    "no_referral": flag(no_referral),
                    "anonymous": flag(anonymous),
                    "radius_km": "" if radius_km is None else str(radius_km),
                }
            )
            where = parse_where(near) if near.strip() else None
            page_number, size = parse_page(page, page_size)
        except (InvalidParameter, WhereError, ApiError) as error:
            return 400, {"detail": str(error)}
        now = timezone.now()
        ranked = rank_antennas(where, filters, at=now)
        start = (page_number - 1) * size
        hits = materialize(ranked[start : start + size], at=now, filters=filters)
        return 200, {
            "count": len(ranked),
            "page": page_number,
            "page_size": size,
            "near": _place(where) if where else None,
            "results": [antenna_payload(hit) for hit in hits],
        }


@router.get(
    "/antennas/{external_id}",
    response={200: AntennaDetail, 400: BadRequest, 404: Error},
    summary="One antenna, with its services and contacts",
)
def get_antenna(
    request: HttpRequest,
    external_id: str = Path(..., max_length=MAX_TEXT),
    lang: Lang | None = lang_query(),
):
    with translation.override(language_of(request, lang)):
        antenna = (
            Antenna.objects.public()
            .select_related("organisation", "commune")
            .filter(external_id=external_id)
            .first()
        )
        if antenna is None:
            return 404, {
                "detail": _("No antenna has the identifier “%(id)s”.")
                % {"id": external_id}
            }
        hit = Hit(antenna, None, True, False, antenna_status(antenna))
        contacts = public_organisation_contacts().filter(
            Q(antenna__isnull=True) | Q(antenna=antenna),
            organisation_id=antenna.organisation_id,
        )
        return 200, {
            **antenna_payload(hit),
            "services": services_here_payload(antenna),
            "contacts": [_contact(contact) for contact in contacts],
        }


@router.get(
    "/organisations/{external_id}",
    response={200: OrganisationOut, 400: BadRequest, 404: Error},
    summary="One organisation with its antennas, services and contacts",
)
def get_organisation(
    request: HttpRequest,
    external_id: str = Path(..., max_length=MAX_TEXT),
    lang: Lang | None = lang_query(),
):
    with translation.override(language_of(request, lang)):
        organisation = Organisation.objects.filter(
            live=True, external_id=external_id
        ).first()
        if organisation is None:
            return 404, {
                "detail": _("No organisation has the identifier “%(id)s”.")
                % {"id": external_id}
            }
        now = timezone.now()
        antennas = (
            organisation.antennas.public()
            .select_related("organisation", "commune")
            .prefetch_related(*ANTENNA_PREFETCH)
        )
        services = public_services().filter(organisation=organisation)
        contacts = public_organisation_contacts().filter(organisation=organisation)
        return 200, {
            **_named(organisation),
            "short_name": organisation.short_name,
            "url": reverse(
                "directory:organisation", kwargs={"slug": organisation.slug}
            ),
            "description": organisation.description or "",
            "description_fr": organisation.description_fr or "",
            "description_nl": organisation.description_nl or "",
            "status": organisation.status,
            "enterprise_number": organisation.enterprise_number,
            "legal_form": organisation.legal_form,
            "website": organisation.website,
            "email": organisation.email,
            "phone": organisation.phone,
            "categories": sorted(
                organisation.categories.values_list("slug", flat=True)
            ),
            "publics": sorted(organisation.publics.values_list("slug", flat=True)),
            "languages": sorted(organisation.languages.values_list("code", flat=True)),
            "federations": [_named(f) for f in organisation.current_federations()],
            "accreditations": [
                {"authority": a.authority, "type": a.kind, "label": str(a)}
                for a in organisation.accreditations.all()
            ],
            "last_verified_on": organisation.last_verified_on.isoformat()
            if organisation.last_verified_on
            else None,
            "antennas": [
                antenna_payload(Hit(a, None, True, False, antenna_status(a, now)))
                for a in antennas
            ],
            "services": [service_payload(service) for service in services],
            "contacts": [_contact(contact) for contact in contacts],
        }


class GeoJsonPoint(Schema):
    type: str
    coordinates: list[float]


class MarkerProperties(Schema):
    title: str
    subtitle: str
    url: str


class MarkerFeature(Schema):
    type: str
    geometry: GeoJsonPoint
    properties: MarkerProperties


class MarkerCollection(Schema):
    type: str
    features: list[MarkerFeature]


@router.get(
    "/markers.geojson",
    response={200: MarkerCollection, 400: BadRequest},
    summary="Every antenna on the map, as GeoJSON (cached)",
)
def markers(
    request: HttpRequest, response: HttpResponse, lang: Lang | None = lang_query()
):
    """The map of the whole directory: one point per antenna that receives the
    public, with its name, address and page. Cached; cacheable for five minutes."""
    language = language_of(request, lang)
    response["Cache-Control"] = "public, max-age=300"
    response["Vary"] = "Accept-Language"
    return marker_collection(language)


# --- Services ---------------------------------------------------------------------


class ServicePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ServiceOut]


def _clean_reference(model_queryset, value: str | None, message: str) -> str | None:
    """An external identifier of a published record, else :class:`ApiError`."""
    value = (value or "").replace("\x00", "").strip() or None
    if value and not model_queryset.filter(external_id=value).exists():
        raise ApiError(message % {"value": value[:64]})
    return value


def _service_filters(organisation, category, antenna) -> dict:
    """The filters of the services list as queryset lookups."""
    lookups = {}
    organisation = _clean_reference(
        Organisation.objects.filter(live=True),
        organisation,
        _("Unknown organisation: “%(value)s”."),
    )
    if organisation:
        lookups["organisation__external_id"] = organisation
    antenna = _clean_reference(
        Antenna.objects.public(), antenna, _("Unknown antenna: “%(value)s”.")
    )
    if antenna:
        lookups["locations__antenna__external_id"] = antenna
    try:
        category = clean_category(category)
    except InvalidParameter as error:
        raise ApiError(str(error)) from None
    if category:
        lookups["pk__in"] = Service.objects.filter(
            Q(categories__slug=category) | Q(categories__parent__slug=category)
        ).values("pk")
    return lookups


@router.get(
    "/services",
    response={200: ServicePage, 400: BadRequest},
    summary="Public services: what help, for whom, on what conditions, where",
)
def list_services(
    request: HttpRequest,
    organisation: str | None = SLUG,
    category: str | None = SLUG,
    antenna: str | None = SLUG,
    lang: Lang | None = lang_query(),
    page: int = page_query(),
    page_size: int = page_size_query(20),
):
    """Services of published organisations that have not ended (a temporarily
    closed one is listed with its ``status``), by organisation. ``organisation``
    and ``antenna``: an external identifier; ``category``: a category's slug, its
    sub-categories included. Each service gives its places with the hours there,
    and its public contacts."""
    with translation.override(language_of(request, lang)):
        number, size = parse_page(page, page_size)
        services = public_services().filter(
            **_service_filters(organisation, category, antenna)
        )
        start = (number - 1) * size
        return Status(
            200,
            {
                "count": services.count(),
                "page": number,
                "page_size": size,
                "results": [service_payload(s) for s in services[start : start + size]],
            },
        )


@router.get(
    "/services/{external_id}",
    response={200: ServiceOut, 400: BadRequest, 404: Error},
    summary="One service",
)
def get_service(
    request: HttpRequest,
    external_id: str = Path(..., max_length=MAX_TEXT),
    lang: Lang | None = lang_query(),
):
    with translation.override(language_of(request, lang)):
        # PostgreSQL refuses a NUL byte in a query: no identifier has one.
        wanted = external_id.replace("\x00", "")
        service = public_services().filter(external_id=wanted).first()
        if service is None:
            return Status(
                404,
                {
                    "detail": _("No service has the identifier “%(id)s”.")
                    % {"id": external_id[:64]}
                },
            )
        return Status(200, service_payload(service))
