"""Writing the services and contacts of a plan (inside the import's transaction,
after the organisations and antennas, before the revisions)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from modeltranslation.translator import translator

from directory.exchange.db import CHUNK, chunks, manager, through, write_pairs
from directory.exchange.service_plan import (
    CONTACT_MODELS,
    SERVICE_M2M,
    ServiceChanges,
)
from directory.exchange.service_specs import (
    ORGANISATION,
    SERVICE,
    ContactSpec,
    Owner,
)
from directory.models import (
    Antenna,
    Organisation,
    OrganisationContact,
    Service,
    ServiceAtLocation,
    ServiceContact,
)

# What is written of a changed service and of a changed place (the base columns
# of the translated fields too: modeltranslation fills them in the default
# language).
LOCATION_FIELDS = (
    "walk_in_hours",
    "appointment_hours",
    "note_fr",
    "note_nl",
    "note",
    "sort_order",
)


def _service_fields() -> list[str]:
    skipped = {"id", "external_id"}
    translated = set(translator.get_options_for_model(Service).fields)
    names = [
        field.attname
        for field in Service._meta.concrete_fields
        if field.name not in skipped
    ]
    return [name for name in names if name not in translated] + sorted(translated)


def external_pks(
    model: type[models.Model], external_ids: Iterable[str]
) -> dict[str, int]:
    """``{external id: pk}`` of stored records."""
    found: dict[str, int] = {}
    for chunk in chunks(set(external_ids)):
        found.update(
            model._default_manager.filter(external_id__in=chunk).values_list(
                "external_id", "pk"
            )
        )
    return found


def _ensure_pks(objects: list[Service]) -> None:
    """Databases that do not return ids from bulk inserts: look them up."""
    missing = {obj.external_id: obj for obj in objects if obj.pk is None}
    for external_id, pk in external_pks(Service, missing).items():
        missing[external_id].pk = pk
        missing[external_id]._state.adding = False


class ServiceWriter:
    """The bulk writes of the services, their places and the contacts."""

    def __init__(self, changes: ServiceChanges) -> None:
        self.changes = changes
        self.organisations: dict[str, int] = {}
        self.services: dict[str, int] = {}

    def write(self) -> None:
        changes = self.changes
        self.organisations = external_pks(
            Organisation,
            {
                *changes.organisation_of.values(),
                *changes.organisations,
            },
        )
        self.write_services()
        self.services = external_pks(
            Service,
            {
                *(ext for ext, _antenna, _fields, _order in changes.new_locations),
                *(ext for name in SERVICE_M2M for ext, _pk in changes.m2m_add[name]),
                *(
                    ext
                    for (kind, ext), _specs in changes.replaced_contacts
                    if kind == SERVICE
                ),
            },
        )
        self.write_relations()
        self.write_locations()
        self.write_contacts()

    def write_services(self) -> None:
        changes = self.changes
        for service in [*changes.new_services, *changes.changed_services]:
            service.organisation_id = self.organisations[
                changes.organisation_of[service.external_id]
            ]
        if changes.new_services:
            Service.objects.bulk_create(changes.new_services, batch_size=CHUNK)
            _ensure_pks(changes.new_services)
        if changes.changed_services:
            manager(Service).bulk_update(
                changes.changed_services, _service_fields(), batch_size=CHUNK // 5
            )

    def write_relations(self) -> None:
        for name in SERVICE_M2M:
            write_pairs(
                through(name, Service),
                self.changes.m2m_remove[name],
                [(self.services[ext], pk) for ext, pk in self.changes.m2m_add[name]],
            )

    def write_locations(self) -> None:
        changes = self.changes
        ServiceAtLocation.objects.filter(pk__in=changes.deleted_locations).delete()
        if changes.changed_locations:
            manager(ServiceAtLocation).bulk_update(
                changes.changed_locations, LOCATION_FIELDS, batch_size=CHUNK
            )
        antennas = external_pks(Antenna, (item[1] for item in changes.new_locations))
        ServiceAtLocation.objects.bulk_create(
            [
                ServiceAtLocation(
                    service_id=self.services[service],
                    antenna_id=antennas[antenna],
                    sort_order=order,
                    **fields,
                )
                for service, antenna, fields, order in changes.new_locations
            ],
            batch_size=CHUNK,
        )

    def write_contacts(self) -> None:
        changes = self.changes
        for kind, deleted in changes.deleted_contacts.items():
            for chunk in chunks(deleted):
                CONTACT_MODELS[kind].objects.filter(pk__in=chunk).delete()
        antennas = external_pks(
            Antenna,
            (
                spec.antenna
                for _owner, specs in changes.replaced_contacts
                for spec in specs
                if spec.antenna
            ),
        )
        organisation_contacts: list[OrganisationContact] = []
        service_contacts: list[ServiceContact] = []
        for owner, specs in changes.replaced_contacts:
            for order, spec in enumerate(specs):
                contact = self.contact(owner, spec, order, antennas)
                if isinstance(contact, OrganisationContact):
                    organisation_contacts.append(contact)
                else:
                    service_contacts.append(contact)
        OrganisationContact.objects.bulk_create(organisation_contacts, batch_size=CHUNK)
        ServiceContact.objects.bulk_create(service_contacts, batch_size=CHUNK)

    def contact(
        self, owner: Owner, spec: ContactSpec, order: int, antennas: dict[str, int]
    ) -> Any:
        kind, external_id = owner
        fields = dict(spec.fields)
        if kind == ORGANISATION:
            return OrganisationContact(
                organisation_id=self.organisations[external_id],
                antenna_id=antennas[spec.antenna] if spec.antenna else None,
                sort_order=order,
                **fields,
            )
        return ServiceContact(
            service_id=self.services[external_id], sort_order=order, **fields
        )
