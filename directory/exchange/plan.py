"""The difference between a validated file and the database: what to write.

Nothing is written here: :func:`diff` reads the stored records and returns
:class:`Changes` (and fills the counts of an :class:`ImportResult`), which
:mod:`directory.exchange.writing` then writes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from directory.exchange.checks import AntennaSpec, OrganisationSpec, Plan
from directory.exchange.columns import (
    ANTENNA_M2M,
    M2M,
    AccreditationKey,
    Progress,
)
from directory.exchange.db import chunks, through
from directory.models import (
    Accreditation,
    Antenna,
    FederationMembership,
    Organisation,
)
from places.models import Precision


@dataclass
class ImportResult:
    organisations_created: int = 0
    organisations_updated: int = 0
    organisations_unchanged: int = 0
    antennas_created: int = 0
    antennas_updated: int = 0
    antennas_unchanged: int = 0
    antennas_moved: int = 0
    antennas_not_in_file: int = 0
    memberships_created: int = 0
    memberships_ended: int = 0
    geocoding_requested: int = 0
    drafts_superseded: int = 0
    services_created: int = 0
    services_updated: int = 0
    services_unchanged: int = 0
    services_moved: int = 0
    services_not_in_file: int = 0
    contacts_created: int = 0
    contacts_deleted: int = 0
    contacts_unchanged: int = 0
    dry_run: bool = False

    def as_dict(self) -> dict[str, int | bool]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class Changes:
    """What :func:`directory.exchange.apply` will write."""

    result: ImportResult
    organisations: dict[str, Organisation] = field(default_factory=dict)
    new_organisations: list[Organisation] = field(default_factory=list)
    changed_organisations: dict[str, Organisation] = field(default_factory=dict)
    # m2m name → (pairs to add as (organisation external id, target pk),
    #             pairs to remove as (organisation pk, target pk))
    m2m_add: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    m2m_remove: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # (member external id, federation external id, start date)
    new_memberships: list[tuple[str, str, date | None]] = field(default_factory=list)
    changed_memberships: list[FederationMembership] = field(default_factory=list)
    deleted_memberships: list[int] = field(default_factory=list)
    # (organisation external id, accreditation) to add; pks to delete
    new_accreditations: list[tuple[str, AccreditationKey]] = field(default_factory=list)
    deleted_accreditations: list[int] = field(default_factory=list)
    antennas: dict[str, Antenna] = field(default_factory=dict)
    new_antennas: list[Antenna] = field(default_factory=list)
    changed_antennas: list[Antenna] = field(default_factory=list)
    # antenna many-to-many name (served communes, languages) →
    # (antenna external id, target pk) to add, (antenna pk, target pk) to remove
    antenna_m2m_add: dict[str, list[tuple[str, int]]] = field(
        default_factory=lambda: {name: [] for name in ANTENNA_M2M}
    )
    antenna_m2m_remove: dict[str, list[tuple[int, int]]] = field(
        default_factory=lambda: {name: [] for name in ANTENNA_M2M}
    )
    renamed_organisations: set[str] = field(default_factory=set)
    to_geocode: list[Antenna] = field(default_factory=list)


def same(old: Any, new: Any) -> bool:
    if isinstance(new, str) or new is None:
        return (old or "") == (new or "")
    return old == new


def _same_position(antenna: Antenna, coordinates: tuple[float, float]) -> bool:
    if antenna.latitude is None or antenna.longitude is None:
        return False
    return round(antenna.latitude, 6) == round(coordinates[0], 6) and round(
        antenna.longitude, 6
    ) == round(coordinates[1], 6)


def _is_current(membership: FederationMembership, today: date) -> bool:
    return (membership.start_date is None or membership.start_date <= today) and (
        membership.end_date is None or membership.end_date >= today
    )


def accreditation_key(accreditation: Accreditation) -> AccreditationKey:
    return (
        accreditation.authority,
        accreditation.kind,
        accreditation.reference,
        accreditation.valid_from.isoformat() if accreditation.valid_from else "",
        accreditation.valid_to.isoformat() if accreditation.valid_to else "",
    )


def _new_record(model: type[Any], external_id: str, data: dict[str, Any]) -> Any:
    """A new record, live and without revision."""
    now = timezone.now()
    return model(
        external_id=external_id,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        **data,
    )


def _differing(obj: Any, data: dict[str, Any]) -> list[str]:
    """The fields of ``data`` whose value differs from ``obj``'s, now set on it."""
    differing = [name for name in data if not same(getattr(obj, name), data[name])]
    for name in differing:
        setattr(obj, name, data[name])
    return differing


def _grouped_pairs(
    rows: Any, key: str, value: str, ids: list[int]
) -> dict[int, set[int]]:
    """``{key: {value, ...}}`` of a through table, for these keys."""
    pairs: dict[int, set[int]] = defaultdict(set)
    for chunk in chunks(ids):
        for source_id, target_id in rows.filter(**{f"{key}__in": chunk}).values_list(
            key, value
        ):
            pairs[source_id].add(target_id)
    return pairs


class _Stored:
    """What the database holds about the plan's organisations and antennas."""

    def __init__(self, plan: Plan) -> None:
        self.organisations: dict[str, Organisation] = {}
        for chunk in chunks(plan.organisations):
            for organisation in Organisation.objects.filter(
                external_id__in=chunk
            ).order_by():
                self.organisations[organisation.external_id] = organisation
        self.pks = [organisation.pk for organisation in self.organisations.values()]
        self.pk_by_external_id = self._federation_pks(plan)
        self.m2m = {}
        for name in M2M:
            model, source, target = through(name)
            self.m2m[name] = _grouped_pairs(model.objects, source, target, self.pks)
        self.memberships: dict[int, dict[int, list[FederationMembership]]] = (
            defaultdict(lambda: defaultdict(list))
        )
        for chunk in chunks(self.pks):
            for link in FederationMembership.objects.filter(member_id__in=chunk):
                self.memberships[link.member_id][link.federation_id].append(link)
        self.accreditations: dict[int, list[Accreditation]] = defaultdict(list)
        for chunk in chunks(self.pks):
            for accreditation in Accreditation.objects.filter(
                organisation_id__in=chunk
            ).order_by("pk"):
                self.accreditations[accreditation.organisation_id].append(accreditation)
        self._antennas(plan)

    def _antennas(self, plan: Plan) -> None:
        self.antennas: dict[str, Antenna] = {}
        for chunk in chunks(plan.antennas):
            for antenna in Antenna.objects.filter(external_id__in=chunk).order_by():
                self.antennas[antenna.external_id] = antenna
        antenna_pks = [antenna.pk for antenna in self.antennas.values()]
        self.antenna_m2m = {}
        for name in ANTENNA_M2M:
            model, source, target = through(name, Antenna)
            self.antenna_m2m[name] = _grouped_pairs(
                model.objects, source, target, antenna_pks
            )

    def _federation_pks(self, plan: Plan) -> dict[str, int]:
        pks = {
            external_id: organisation.pk
            for external_id, organisation in self.organisations.items()
        }
        federation_ids = {
            federation
            for spec in plan.organisations.values()
            for federation in spec.federations
            if federation not in plan.organisations
        }
        for chunk in chunks(federation_ids):
            pks.update(
                Organisation.objects.filter(external_id__in=chunk).values_list(
                    "external_id", "pk"
                )
            )
        return pks


class _Differ:
    """Compares the plan with the stored records, one record at a time."""

    def __init__(self, plan: Plan, result: ImportResult) -> None:
        self.plan = plan
        self.result = result
        self.changes = Changes(result=result)
        self.today = timezone.localdate()
        self.yesterday = self.today - timedelta(days=1)
        self.stored = _Stored(plan)
        for name in M2M:
            self.changes.m2m_add[name] = []
            self.changes.m2m_remove[name] = []

    # --- organisations -----------------------------------------------------------

    def organisation(self, external_id: str, spec: OrganisationSpec) -> None:
        organisation = self.stored.organisations.get(external_id)
        changed = False
        if organisation is None:
            organisation = _new_record(Organisation, external_id, spec.fields)
            self.changes.new_organisations.append(organisation)
            self.result.organisations_created += 1
        else:
            differing = _differing(organisation, spec.fields)
            if {"name_fr", "name_nl"} & set(differing):
                self.changes.renamed_organisations.add(external_id)
            changed = bool(differing)
        self.changes.organisations[external_id] = organisation
        changed |= self.m2m(external_id, organisation, spec)
        changed |= self.federations(external_id, organisation, spec)
        changed |= self.end_memberships(organisation, spec)
        changed |= self.accreditations(external_id, organisation, spec)
        if organisation.pk is None:
            return
        if not changed:
            self.result.organisations_unchanged += 1
            return
        self.changes.changed_organisations[external_id] = organisation
        self.result.organisations_updated += 1
        if organisation.has_unpublished_changes:
            self.result.drafts_superseded += 1

    def m2m(
        self, external_id: str, organisation: Organisation, spec: OrganisationSpec
    ) -> bool:
        changed = False
        for name, attribute in M2M.items():
            wanted: frozenset[int] = getattr(spec, attribute)
            current = self.stored.m2m[name].get(organisation.pk, set())
            if wanted == current:
                continue
            changed = True
            self.changes.m2m_add[name].extend(
                (external_id, target) for target in sorted(wanted - current)
            )
            self.changes.m2m_remove[name].extend(
                (organisation.pk, target) for target in sorted(current - wanted)
            )
        return changed

    def federations(
        self, external_id: str, organisation: Organisation, spec: OrganisationSpec
    ) -> bool:
        """A current membership for each federation listed (see the package doc)."""
        links = self.stored.memberships.get(organisation.pk, {})
        changed = False
        for federation in spec.federations:
            federation_pk = self.stored.pk_by_external_id.get(federation)
            pair = links.get(federation_pk, []) if federation_pk else []
            if any(m.end_date is None or m.end_date >= self.today for m in pair):
                continue  # current (or planned to end later)
            changed = True
            self.result.memberships_created += 1
            reopened = next((m for m in pair if m.end_date == self.yesterday), None)
            if reopened is not None:
                reopened.end_date = None
                self.changes.changed_memberships.append(reopened)
            else:
                start = self.today if pair else None
                self.changes.new_memberships.append((external_id, federation, start))
        return changed

    def end_memberships(
        self, organisation: Organisation, spec: OrganisationSpec
    ) -> bool:
        """Current memberships of federations the file no longer lists end."""
        listed = {
            self.stored.pk_by_external_id.get(federation)
            for federation in spec.federations
        }
        changed = False
        for federation_pk, pair in self.stored.memberships.get(
            organisation.pk, {}
        ).items():
            if federation_pk in listed:
                continue
            for membership in pair:
                if _is_current(membership, self.today):
                    self.end(membership)
                    changed = True
        return changed

    def end(self, membership: FederationMembership) -> None:
        self.result.memberships_ended += 1
        if membership.start_date is not None and membership.start_date >= self.today:
            self.changes.deleted_memberships.append(membership.pk)
        else:
            membership.end_date = self.yesterday
            self.changes.changed_memberships.append(membership)

    def accreditations(
        self, external_id: str, organisation: Organisation, spec: OrganisationSpec
    ) -> bool:
        """The file's accreditations replace the stored ones (when it has them)."""
        if spec.accreditations is None:
            return False
        wanted = Counter(spec.accreditations)
        stored = self.stored.accreditations.get(organisation.pk, [])
        for accreditation in stored:
            key = accreditation_key(accreditation)
            if wanted[key]:
                wanted[key] -= 1
            else:
                self.changes.deleted_accreditations.append(accreditation.pk)
        added = sorted(wanted.elements())
        self.changes.new_accreditations.extend((external_id, key) for key in added)
        return bool(added) or len(spec.accreditations) != len(stored)

    # --- antennas ----------------------------------------------------------------

    def antenna(self, external_id: str, spec: AntennaSpec) -> None:
        organisation = self.changes.organisations[spec.organisation]
        antenna = self.stored.antennas.get(external_id)
        if antenna is None:
            antenna = self.new_antenna(external_id, spec)
        else:
            self.existing_antenna(antenna, spec, organisation)
        antenna._import_organisation = organisation
        self.changes.antennas[external_id] = antenna
        self.antenna_relations(antenna, spec)

    def new_antenna(self, external_id: str, spec: AntennaSpec) -> Antenna:
        antenna = _new_record(Antenna, external_id, spec.fields)
        if spec.coordinates is not None:
            self.place(antenna, spec)
        self.changes.new_antennas.append(antenna)
        self.result.antennas_created += 1
        if antenna.latitude is None:
            self.changes.to_geocode.append(antenna)
        return antenna

    def existing_antenna(
        self, antenna: Antenna, spec: AntennaSpec, organisation: Organisation
    ) -> None:
        old_address = antenna.address_fingerprint()
        differing = _differing(antenna, spec.fields)
        if organisation.pk is None or antenna.organisation_id != organisation.pk:
            differing.append("organisation_id")
            self.result.antennas_moved += 1
        if self.coordinates(
            antenna, spec, antenna.address_fingerprint() != old_address
        ):
            differing.append("latitude")
        differing.extend(self.relations_differ(antenna, spec))
        if differing:
            self.changes.changed_antennas.append(antenna)
            self.result.antennas_updated += 1
            if antenna.has_unpublished_changes:
                self.result.drafts_superseded += 1
        else:
            self.result.antennas_unchanged += 1
        if antenna.latitude is None and (differing or antenna.geocoded_at is None):
            self.changes.to_geocode.append(antenna)

    @staticmethod
    def place(antenna: Antenna, spec: AntennaSpec) -> None:
        """The file's coordinates, set by hand so that the geocoder keeps them."""
        antenna.latitude, antenna.longitude = spec.coordinates
        antenna.precision = spec.precision or Precision.ADDRESS
        antenna.coordinates_set_by_hand = True

    def coordinates(
        self, antenna: Antenna, spec: AntennaSpec, moved_address: bool
    ) -> bool:
        """Apply the file's coordinates (or clear stale ones); True if changed."""
        if spec.coordinates is not None:
            if _same_position(antenna, spec.coordinates) and (
                spec.precision is None or spec.precision == antenna.precision
            ):
                return False
            self.place(antenna, spec)
            return True
        if moved_address and antenna.has_coordinates:
            antenna.latitude = antenna.longitude = None
            antenna.precision = Precision.NONE
            antenna.coordinates_set_by_hand = False
            antenna.geocoded_at = None
            return True
        return False

    def relations_differ(self, antenna: Antenna, spec: AntennaSpec) -> list[str]:
        """The antenna's many-to-many fields that the file changes."""
        return [
            name
            for name, attribute in ANTENNA_M2M.items()
            if getattr(spec, attribute) is not None
            and getattr(spec, attribute)
            != self.stored.antenna_m2m[name].get(antenna.pk, set())
        ]

    def antenna_relations(self, antenna: Antenna, spec: AntennaSpec) -> None:
        for name, attribute in ANTENNA_M2M.items():
            wanted = getattr(spec, attribute)
            if wanted is None:
                continue
            stored = self.stored.antenna_m2m[name]
            current = stored.get(antenna.pk, set()) if antenna.pk else set()
            self.changes.antenna_m2m_add[name].extend(
                (spec.external_id, pk) for pk in sorted(wanted - current)
            )
            self.changes.antenna_m2m_remove[name].extend(
                (antenna.pk, pk) for pk in sorted(current - wanted)
            )

    def count_not_in_file(self) -> None:
        """Antennas of imported organisations that the file does not mention: kept."""
        for chunk in chunks(self.stored.pks):
            for antenna_id in Antenna.objects.filter(
                organisation_id__in=chunk
            ).values_list("external_id", flat=True):
                if antenna_id not in self.plan.antennas:
                    self.result.antennas_not_in_file += 1


def diff(
    plan: Plan, result: ImportResult, progress: Progress | None, stage: str
) -> Changes:
    """What writing ``plan`` changes; counts go to ``result``."""
    differ = _Differ(plan, result)
    total = len(plan.organisations) + len(plan.antennas)
    steps = [
        *((differ.organisation, item) for item in plan.organisations.items()),
        *((differ.antenna, item) for item in plan.antennas.items()),
    ]
    for done, (compare, (external_id, spec)) in enumerate(steps, start=1):
        compare(external_id, spec)
        if progress:
            progress(stage, done, total)
    differ.count_not_in_file()
    result.geocoding_requested = len(differ.changes.to_geocode)
    return differ.changes
