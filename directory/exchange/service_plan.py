"""The difference between a file's services and contacts and the database.

Nothing is written here: :func:`diff_services` reads the stored services, their
places and the contacts of the owners the file names, and returns
:class:`ServiceChanges` (counts go to the :class:`ImportResult`), which
:mod:`directory.exchange.service_writing` writes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import CharField, F, Value

from directory.exchange.checks import Plan
from directory.exchange.db import chunks, through
from directory.exchange.plan import ImportResult, _differing, _grouped_pairs
from directory.exchange.service_checks import CONTACT_FIELDS
from directory.exchange.service_specs import (
    ORGANISATION,
    SERVICE,
    ContactSpec,
    LocationSpec,
    Owner,
    ServiceSpec,
    contact_key,
)
from directory.models import (
    Organisation,
    OrganisationContact,
    Service,
    ServiceAtLocation,
    ServiceContact,
)

# Service many-to-many field → spec attribute.
SERVICE_M2M = ("categories", "publics", "languages")
CONTACT_MODELS = {ORGANISATION: OrganisationContact, SERVICE: ServiceContact}


@dataclass
class ServiceChanges:
    """What :func:`directory.exchange.apply` writes for services and contacts."""

    new_services: list[Service] = field(default_factory=list)
    changed_services: list[Service] = field(default_factory=list)
    # service id → organisation id, for the new and changed services
    organisation_of: dict[str, str] = field(default_factory=dict)
    # m2m name → (service external id, target pk) to add, (service pk, target pk)
    # to remove
    m2m_add: dict[str, list[tuple[str, int]]] = field(
        default_factory=lambda: {name: [] for name in SERVICE_M2M}
    )
    m2m_remove: dict[str, list[tuple[int, int]]] = field(
        default_factory=lambda: {name: [] for name in SERVICE_M2M}
    )
    # (service id, antenna id, fields, sort order)
    new_locations: list[tuple[str, str, dict[str, Any], int]] = field(
        default_factory=list
    )
    changed_locations: list[ServiceAtLocation] = field(default_factory=list)
    deleted_locations: list[int] = field(default_factory=list)
    # owners whose contacts are replaced by the file's, and the pks they lose
    replaced_contacts: list[tuple[Owner, list[ContactSpec]]] = field(
        default_factory=list
    )
    deleted_contacts: dict[str, list[int]] = field(
        default_factory=lambda: {ORGANISATION: [], SERVICE: []}
    )
    # organisations whose services or contacts change (a revision, the index)
    organisations: set[str] = field(default_factory=set)
    # services whose places change, and the antennas they were at (the index)
    services: set[str] = field(default_factory=set)
    antennas: set[int] = field(default_factory=set)


def sort_orders(wanted: list[str], stored: dict[str, int]) -> dict[str, int]:
    """Positions in the file's order: the stored ones when they already give that
    order (so that re-importing writes nothing), else 0, 1, 2…"""
    if all(key in stored for key in wanted) and wanted == sorted(
        wanted, key=lambda key: (stored[key], key)
    ):
        return {key: stored[key] for key in wanted}
    return {key: position for position, key in enumerate(wanted)}


class _StoredServices:
    """The stored services of the file, their many-to-many pairs and places, and
    the organisations' pks."""

    def __init__(self, services: dict[str, ServiceSpec]) -> None:
        self.services: dict[str, Service] = {}
        for chunk in chunks(services):
            for service in Service.objects.filter(external_id__in=chunk).annotate(
                organisation_external_id=F("organisation__external_id")
            ):
                self.services[service.external_id] = service
        pks = [service.pk for service in self.services.values()]
        self.m2m = {}
        for name in SERVICE_M2M:
            model, source, target = through(name, Service)
            self.m2m[name] = _grouped_pairs(model.objects, source, target, pks)
        self.locations: dict[int, dict[str, ServiceAtLocation]] = defaultdict(dict)
        for chunk in chunks(pks):
            for location in ServiceAtLocation.objects.filter(
                service_id__in=chunk
            ).annotate(antenna_external_id=F("antenna__external_id")):
                locations = self.locations[location.service_id]
                locations[location.antenna_external_id] = location
        self.by_organisation: dict[str, list[str]] = defaultdict(list)
        for spec in services.values():
            self.by_organisation[spec.organisation].append(spec.external_id)
        self.organisation_pks: dict[str, int] = {}
        for chunk in chunks(self.by_organisation):
            self.organisation_pks.update(
                Organisation.objects.filter(external_id__in=chunk).values_list(
                    "external_id", "pk"
                )
            )


class _ServiceDiffer:
    def __init__(self, plan: Plan, result: ImportResult) -> None:
        self.plan = plan
        self.result = result
        self.changes = ServiceChanges()
        self.stored = _StoredServices(plan.services or {})
        self.positions: dict[str, int] = {}
        for ids in self.stored.by_organisation.values():
            stored = {
                external_id: self.stored.services[external_id].sort_order
                for external_id in ids
                if external_id in self.stored.services
            }
            self.positions.update(sort_orders(ids, stored))

    def service(self, spec: ServiceSpec) -> None:
        service = self.stored.services.get(spec.external_id)
        data = {**spec.fields, "sort_order": self.positions[spec.external_id]}
        if service is None:
            service = Service(external_id=spec.external_id, **data)
            self.changes.new_services.append(service)
            self.changes.organisation_of[spec.external_id] = spec.organisation
            self.result.services_created += 1
            self.relations(spec, service)
            self.locations(spec, {})
            self.changes.organisations.add(spec.organisation)
            return
        differing = bool(_differing(service, data))
        if self.stored.organisation_pks.get(spec.organisation) != (
            service.organisation_id
        ):
            differing = True
            self.result.services_moved += 1
        if differing:
            self.changes.changed_services.append(service)
            self.changes.organisation_of[spec.external_id] = spec.organisation
        differing |= self.relations(spec, service)
        differing |= self.locations(spec, self.stored.locations.get(service.pk, {}))
        if not differing:
            self.result.services_unchanged += 1
            return
        self.result.services_updated += 1
        self.changes.organisations.update(
            {spec.organisation, service.organisation_external_id}
        )

    def relations(self, spec: ServiceSpec, service: Service) -> bool:
        changed = False
        for name in SERVICE_M2M:
            wanted = getattr(spec, name)
            if wanted is None:
                continue
            current = self.stored.m2m[name].get(service.pk, set())
            if wanted == current:
                continue
            changed = True
            self.changes.m2m_add[name].extend(
                (spec.external_id, pk) for pk in sorted(wanted - current)
            )
            self.changes.m2m_remove[name].extend(
                (service.pk, pk) for pk in sorted(current - wanted)
            )
        return changed

    def locations(
        self, spec: ServiceSpec, stored: dict[str, ServiceAtLocation]
    ) -> bool:
        """The file's places replace the stored ones; True if anything changes."""
        orders = sort_orders(
            [location.antenna for location in spec.locations],
            {antenna: location.sort_order for antenna, location in stored.items()},
        )
        left = dict(stored)
        changed = False
        for location in spec.locations:
            changed |= self.location(spec, location, left, orders[location.antenna])
        self.changes.deleted_locations.extend(item.pk for item in left.values())
        if changed or left:
            self.changes.services.add(spec.external_id)
            self.changes.antennas.update(item.antenna_id for item in stored.values())
        return changed or bool(left)

    def location(
        self,
        spec: ServiceSpec,
        location: LocationSpec,
        left: dict[str, ServiceAtLocation],
        order: int,
    ) -> bool:
        stored = left.pop(location.antenna, None)
        data = {**location.fields, "sort_order": order}
        if stored is None:
            self.changes.new_locations.append(
                (spec.external_id, location.antenna, location.fields, order)
            )
            return True
        if _differing(stored, data):
            self.changes.changed_locations.append(stored)
            return True
        return False

    def count_not_in_file(self) -> None:
        """Services of the file's organisations that it does not mention: kept."""
        for chunk in chunks(self.stored.organisation_pks.values()):
            for external_id in Service.objects.filter(
                organisation_id__in=chunk
            ).values_list("external_id", flat=True):
                if external_id not in (self.plan.services or {}):
                    self.result.services_not_in_file += 1


class _ContactDiffer:
    """The file's contacts replace those of each owner it names."""

    def __init__(
        self, plan: Plan, result: ImportResult, changes: ServiceChanges
    ) -> None:
        self.plan = plan
        self.result = result
        self.changes = changes
        self.contacts = plan.contacts or {}
        self.stored: dict[Owner, list[dict[str, Any]]] = defaultdict(list)
        for kind, model in CONTACT_MODELS.items():
            self.load(kind, model)
        self.service_organisations = {
            external_id: spec.organisation
            for external_id, spec in (plan.services or {}).items()
        }
        named = {ext for kind, ext in self.contacts if kind == SERVICE}
        for chunk in chunks(named - set(self.service_organisations)):
            self.service_organisations.update(
                Service.objects.filter(external_id__in=chunk).values_list(
                    "external_id", "organisation__external_id"
                )
            )

    def load(self, kind: str, model: type[Any]) -> None:
        owner = "organisation" if kind == ORGANISATION else "service"
        owners = [ext for owner_kind, ext in self.contacts if owner_kind == kind]
        for chunk in chunks(owners):
            rows = (
                model.objects.filter(**{f"{owner}__external_id__in": chunk})
                .annotate(
                    owner_external_id=F(f"{owner}__external_id"),
                    antenna_external_id=F("antenna__external_id")
                    if kind == ORGANISATION
                    else Value("", output_field=CharField()),
                )
                .order_by("sort_order", "pk")
                .values(
                    "pk", "owner_external_id", "antenna_external_id", *CONTACT_FIELDS
                )
            )
            for row in rows:
                self.stored[(kind, row["owner_external_id"])].append(row)

    def owner(self, owner: Owner, specs: list[ContactSpec]) -> None:
        stored = self.stored.get(owner, [])
        keys = [
            contact_key(row["antenna_external_id"], row, CONTACT_FIELDS)
            for row in stored
        ]
        if keys == [spec.key() for spec in specs]:
            self.result.contacts_unchanged += len(specs)
            return
        self.changes.deleted_contacts[owner[0]].extend(row["pk"] for row in stored)
        self.changes.replaced_contacts.append((owner, specs))
        self.result.contacts_deleted += len(stored)
        self.result.contacts_created += len(specs)
        kind, external_id = owner
        self.changes.organisations.add(
            external_id
            if kind == ORGANISATION
            else self.service_organisations[external_id]
        )


def diff_services(plan: Plan, result: ImportResult) -> ServiceChanges:
    """What writing the plan's services and contacts changes."""
    differ = _ServiceDiffer(plan, result)
    for spec in (plan.services or {}).values():
        differ.service(spec)
    if plan.services:
        differ.count_not_in_file()
    contacts = _ContactDiffer(plan, result, differ.changes)
    for owner, specs in contacts.contacts.items():
        contacts.owner(owner, specs)
    return differ.changes
