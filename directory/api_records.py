"""The directory's records as the JSON API gives them: services, their places and
contacts, an antenna's languages and accessibility.

Every translated text follows the API's convention: ``name`` in the requested
language (the active one), ``name_fr`` and ``name_nl`` beside it. A fact a source
may not give (``Answer``) is ``true``, ``false`` or ``null`` for unknown — never
``false`` by default. Only public contacts are ever given: the API is anonymous.
"""

from __future__ import annotations

from typing import Literal

from django.db.models import Prefetch, Q, QuerySet
from ninja import Schema

from directory.models import (
    Answer,
    Antenna,
    Audience,
    OrganisationContact,
    Service,
    ServiceAtLocation,
    ServiceContact,
)


class Named(Schema):
    external_id: str
    name: str
    name_fr: str
    name_nl: str


class Address(Schema):
    street: str
    number: str
    box: str
    postcode: str
    commune: str | None
    commune_fr: str | None
    commune_nl: str | None
    refnis: str | None


def named(obj) -> dict:
    return {
        "external_id": obj.external_id,
        "name": obj.name,
        "name_fr": obj.name_fr or "",
        "name_nl": obj.name_nl or "",
    }


def translated(obj, field: str) -> dict[str, str]:
    """``field`` in the active language, in French and in Dutch."""
    return {
        field: getattr(obj, field) or "",
        f"{field}_fr": getattr(obj, f"{field}_fr") or "",
        f"{field}_nl": getattr(obj, f"{field}_nl") or "",
    }


def answer(value: str) -> bool | None:
    """An :class:`Answer`: yes → true, no → false, unknown → null."""
    if value == Answer.YES:
        return True
    if value == Answer.NO:
        return False
    return None


def address(antenna: Antenna) -> dict:
    commune = antenna.commune
    return {
        "street": antenna.street,
        "number": antenna.number,
        "box": antenna.box,
        "postcode": antenna.postcode,
        "commune": commune.name if commune else None,
        "commune_fr": commune.name_fr if commune else None,
        "commune_nl": commune.name_nl if commune else None,
        "refnis": commune.refnis if commune else None,
    }


# --- Contacts --------------------------------------------------------------------


class ContactOut(Schema):
    kind: Literal["main", "helpline", "fax", "text", "email", "person"]
    name: str
    role: str
    role_fr: str
    role_nl: str
    phone: str
    email: str
    language: str | None
    note: str
    note_fr: str
    note_nl: str
    # An organisation's contact for one of its antennas; null: the whole organisation.
    antenna: str | None = None


def contact_payload(contact) -> dict:
    antenna = getattr(contact, "antenna", None)
    return {
        "kind": contact.kind,
        "name": contact.name,
        **translated(contact, "role"),
        "phone": contact.phone,
        "email": contact.email,
        "language": contact.language.code if contact.language else None,
        **translated(contact, "note"),
        "antenna": antenna.external_id if antenna else None,
    }


def public_service_contacts() -> QuerySet:
    return ServiceContact.objects.filter(audience=Audience.PUBLIC).select_related(
        "language"
    )


def public_organisation_contacts() -> QuerySet:
    """Public contacts of the whole organisation or of a published antenna."""
    return (
        OrganisationContact.objects.filter(audience=Audience.PUBLIC)
        .filter(Q(antenna__isnull=True) | Q(antenna__live=True))
        .select_related("language", "antenna")
    )


# --- Antennas: languages and accessibility ----------------------------------------


class Accessibility(Schema):
    step_free_entrance: bool | None
    adapted_toilets: bool | None
    hearing_loop: bool | None
    sign_language: bool | None
    easy_read: bool | None
    public_transport: str
    public_transport_fr: str
    public_transport_nl: str
    transport_stops: list[str]


ANTENNA_PREFETCH = ("languages", "organisation__languages")


def antenna_languages(antenna: Antenna) -> list[str]:
    """The languages spoken at an antenna: its own, else its organisation's."""
    own = [language.code for language in antenna.languages.all()]
    if own:
        return sorted(own)
    return sorted(language.code for language in antenna.organisation.languages.all())


def antenna_extras(antenna: Antenna) -> dict:
    """What an antenna gives besides its address and hours (prefetch
    :data:`ANTENNA_PREFETCH` for a list)."""
    stops = [stop.strip() for stop in antenna.transport_stops.split(",")]
    return {
        "languages": antenna_languages(antenna),
        "accessibility": {
            **{
                field: answer(getattr(antenna, field))
                for field in Antenna.ACCESSIBILITY_FIELDS
            },
            **translated(antenna, "public_transport"),
            "transport_stops": [stop for stop in stops if stop],
        },
    }


# --- Services ----------------------------------------------------------------------


class Access(Schema):
    """How to get the service; each way with its hours (OpenStreetMap syntax)."""

    walk_in: bool
    walk_in_hours: str
    by_appointment: bool
    appointment_hours: str
    phone_first: bool
    phone_hours: str
    referral_required: bool
    referral_note: str
    referral_note_fr: str
    referral_note_nl: str


class Eligibility(Schema):
    """Who may use the service: in words, and as criteria."""

    text: str
    text_fr: str
    text_nl: str
    minimum_age: int | None
    maximum_age: int | None
    residents_only: bool
    income_condition: bool | None
    required_status: str
    required_status_fr: str
    required_status_nl: str


class ServiceLocationOut(Schema):
    """The service at one antenna, with its hours there (already resolved: the
    place's own, else the service's, else the antenna's)."""

    antenna: Named
    address: Address
    latitude: float | None
    longitude: float | None
    precision: str
    walk_in_hours: str
    appointment_hours: str
    note: str
    note_fr: str
    note_nl: str


class ServiceOut(Named):
    organisation: Named
    description: str
    description_fr: str
    description_nl: str
    categories: list[str]
    publics: list[str]
    languages: list[str]
    eligibility: Eligibility
    cost: Literal["free", "fee", "sliding"] | None
    cost_note: str
    cost_note_fr: str
    cost_note_nl: str
    access: Access
    documents: str
    documents_fr: str
    documents_nl: str
    anonymous: bool | None
    online_url: str
    status: Literal["active", "suspended", "ended"]
    last_verified_on: str | None
    locations: list[ServiceLocationOut]
    contacts: list[ContactOut]


class ServiceHere(ServiceOut):
    """A service in an antenna's record: ``here`` is the service at that antenna."""

    here: ServiceLocationOut


def public_services() -> QuerySet:
    """Public services with everything their payload reads, in a fixed number of
    queries whatever their number."""
    locations = (
        ServiceAtLocation.objects.filter(
            antenna__live=True, antenna__organisation__live=True
        )
        .select_related("antenna", "antenna__commune")
        .order_by("sort_order", "pk")
    )
    return (
        Service.objects.public()
        .select_related("organisation")
        .prefetch_related(
            "categories",
            "publics",
            "languages",
            Prefetch("locations", queryset=locations),
            Prefetch("contacts", queryset=public_service_contacts()),
        )
        .order_by("organisation__name", "organisation_id", "sort_order", "pk")
    )


def location_payload(location: ServiceAtLocation) -> dict:
    antenna = location.antenna
    return {
        "antenna": named(antenna),
        "address": address(antenna),
        "latitude": antenna.latitude,
        "longitude": antenna.longitude,
        "precision": antenna.precision,
        "walk_in_hours": location.effective_walk_in_hours(),
        "appointment_hours": location.effective_appointment_hours(),
        **translated(location, "note"),
    }


def _eligibility(service: Service) -> dict:
    texts = translated(service, "eligibility")
    return {
        "text": texts["eligibility"],
        "text_fr": texts["eligibility_fr"],
        "text_nl": texts["eligibility_nl"],
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "residents_only": service.residents_only,
        "income_condition": answer(service.income_condition),
        **translated(service, "required_status"),
    }


def _access(service: Service) -> dict:
    return {
        "walk_in": service.walk_in,
        "walk_in_hours": service.walk_in_hours if service.walk_in else "",
        "by_appointment": service.by_appointment,
        "appointment_hours": service.appointment_hours
        if service.by_appointment
        else "",
        "phone_first": service.phone_first,
        "phone_hours": service.phone_hours if service.phone_first else "",
        "referral_required": service.referral_required,
        **translated(service, "referral_note"),
    }


def service_payload(service: Service) -> dict:
    """A service from :func:`public_services` (its relations prefetched)."""
    return {
        **named(service),
        "organisation": named(service.organisation),
        **translated(service, "description"),
        "categories": sorted(c.slug for c in service.categories.all()),
        "publics": sorted(p.slug for p in service.publics.all()),
        "languages": sorted(language.code for language in service.languages.all()),
        "eligibility": _eligibility(service),
        "cost": service.cost or None,
        **translated(service, "cost_note"),
        "access": _access(service),
        **translated(service, "documents"),
        "anonymous": answer(service.anonymous),
        "online_url": service.online_url,
        "status": service.status,
        "last_verified_on": service.last_verified_on.isoformat()
        if service.last_verified_on
        else None,
        "locations": [location_payload(place) for place in service.locations.all()],
        "contacts": [contact_payload(c) for c in service.contacts.all()],
    }


def services_here_payload(antenna: Antenna) -> list[dict]:
    """The public services offered at ``antenna``, each with its hours there."""
    # One row per service: a service is offered once at an antenna (a constraint).
    services = public_services().filter(locations__antenna=antenna)
    payloads = []
    for service in services:
        payload = service_payload(service)
        for place in payload["locations"]:
            if place["antenna"]["external_id"] == antenna.external_id:
                payloads.append({**payload, "here": place})
    return payloads
