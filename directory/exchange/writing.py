"""Writing a plan: one transaction of bulk writes, revisions for records with a
history, then (after the commit) the search index and geocoding."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config
from modelsearch.index import class_is_indexed
from wagtail.models import Revision

from directory import tasks
from directory.exchange.checks import Plan
from directory.exchange.columns import (
    ANTENNA_FIELDS,
    ANTENNA_M2M,
    ANTENNA_MORE_FIELDS,
    COORDINATE_FIELDS,
    M2M,
    ORGANISATION_FIELDS,
    ORGANISATION_MORE_FIELDS,
    Progress,
    RowError,
)
from directory.exchange.db import CHUNK, chunks, manager, through, write_pairs
from directory.exchange.formats import read_file
from directory.exchange.plan import Changes, ImportResult, diff
from directory.exchange.service_checks import error_key, validate
from directory.exchange.service_plan import ServiceChanges, diff_services
from directory.exchange.service_writing import ServiceWriter, external_pks
from directory.models import (
    Accreditation,
    Antenna,
    FederationMembership,
    Organisation,
    Service,
)

logger = logging.getLogger(__name__)


class _SlugMaker:
    """Unique slugs in memory (``unique_slug`` costs a query per attempt)."""

    def __init__(self, model: type[models.Model], fallback: str) -> None:
        self.taken = set(model._default_manager.values_list("slug", flat=True))
        self.fallback = fallback
        self.next_number: dict[str, int] = {}

    def __call__(self, text: str) -> str:
        base = slugify(text)[:100] or self.fallback
        slug, number = base, self.next_number.get(base, 2)
        while slug in self.taken:
            slug = f"{base}-{number}"
            number += 1
        self.next_number[base] = number
        self.taken.add(slug)
        return slug


def apply(
    plan: Plan,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    user: Any = None,
) -> ImportResult:
    """Write the plan in one transaction (nothing at all with ``dry_run``).

    ``user`` is recorded on the revisions created for records with a history.
    """
    result = ImportResult(dry_run=dry_run)
    comparing, writing = _("Comparing"), _("Writing")  # in the caller's language
    language = getattr(settings, "MODELTRANSLATION_DEFAULT_LANGUAGE", None) or "fr"
    # The base ``name``/``description`` columns are written in the default language,
    # falling back to the other one (modeltranslation's descriptors decide).
    with translation.override(language):
        if dry_run:
            _compare(plan, result, progress, comparing)
            return result
        with transaction.atomic():
            changes, services = _compare(plan, result, progress, comparing)
            _Writer(changes, user, services).write(progress, writing)
            antenna_ids = [antenna.pk for antenna in changes.to_geocode]
            index = _to_index(changes, services)
            transaction.on_commit(lambda: _after_commit(antenna_ids, index))
    return result


def _compare(
    plan: Plan, result: ImportResult, progress: Progress | None, stage: str
) -> tuple[Changes, ServiceChanges]:
    changes = diff(plan, result, progress, stage)
    services = diff_services(plan, result)
    _count_drafts(result, changes, services)
    return changes, services


def _service_only_organisations(
    changes: Changes, services: ServiceChanges
) -> list[str]:
    """Organisations whose services or contacts change, and nothing else."""
    return sorted(services.organisations - set(changes.changed_organisations))


def _count_drafts(
    result: ImportResult, changes: Changes, services: ServiceChanges
) -> None:
    """Drafts of organisations changed only through their services or contacts
    (a new revision holds them: see the package doc)."""
    for chunk in chunks(_service_only_organisations(changes, services)):
        result.drafts_superseded += Organisation.objects.filter(
            external_id__in=chunk,
            has_unpublished_changes=True,
            latest_revision__isnull=False,
        ).count()


class _Writer:
    """The bulk writes of :func:`apply`, step by step."""

    def __init__(self, changes: Changes, user: Any, services: ServiceChanges) -> None:
        self.changes = changes
        self.service_changes = services
        self.user = user
        self.now = timezone.now()
        self.pk_of: dict[str, int] = {}

    def write(self, progress: Progress | None, stage: str) -> None:
        steps: list[Callable[[], None]] = [
            self.new_organisations,
            self.changed_organisations,
            self.organisation_relations,
            self.memberships,
            self.new_antennas,
            self.changed_antennas,
            ServiceWriter(self.service_changes).write,
            self.revisions,
        ]
        for done, step in enumerate(steps, start=1):
            step()
            if progress:
                progress(stage, done, len(steps))

    def new_organisations(self) -> None:
        new = self.changes.new_organisations
        if new:
            slug = _SlugMaker(Organisation, "organisation")
            for organisation in new:
                organisation.slug = slug(
                    organisation.name_fr or organisation.name_nl or ""
                )
                organisation.created_at = organisation.updated_at = self.now
            Organisation.objects.bulk_create(new, batch_size=CHUNK)
            _ensure_pks(Organisation, new)
        self.pk_of = {
            external_id: organisation.pk
            for external_id, organisation in self.changes.organisations.items()
        }

    def changed_organisations(self) -> None:
        changed = list(self.changes.changed_organisations.values())
        for organisation in changed:
            organisation.updated_at = self.now
        if changed:
            manager(Organisation).bulk_update(
                changed,
                [
                    *ORGANISATION_FIELDS,
                    *ORGANISATION_MORE_FIELDS,
                    "name",
                    "description",
                    "updated_at",
                ],
                batch_size=CHUNK // 5,
            )

    def organisation_relations(self) -> None:
        for name in M2M:
            write_pairs(
                through(name),
                self.changes.m2m_remove[name],
                [(self.pk_of[ext], pk) for ext, pk in self.changes.m2m_add[name]],
            )
        Accreditation.objects.filter(
            pk__in=self.changes.deleted_accreditations
        ).delete()
        Accreditation.objects.bulk_create(
            [
                Accreditation(
                    organisation_id=self.pk_of[external_id],
                    authority=authority,
                    kind=kind,
                    reference=reference,
                    valid_from=date.fromisoformat(valid_from) if valid_from else None,
                    valid_to=date.fromisoformat(valid_to) if valid_to else None,
                )
                for external_id, (
                    authority,
                    kind,
                    reference,
                    valid_from,
                    valid_to,
                ) in self.changes.new_accreditations
            ],
            batch_size=CHUNK,
        )

    def memberships(self) -> None:
        changes = self.changes
        if changes.new_memberships:
            federation_pks = self.federation_pks()
            FederationMembership.objects.bulk_create(
                [
                    FederationMembership(
                        member_id=self.pk_of[member],
                        federation_id=federation_pks[federation],
                        start_date=start,
                    )
                    for member, federation, start in changes.new_memberships
                ],
                batch_size=CHUNK,
            )
        if changes.changed_memberships:
            FederationMembership.objects.bulk_update(
                changes.changed_memberships, ["end_date"], batch_size=CHUNK
            )
        if changes.deleted_memberships:
            FederationMembership.objects.filter(
                pk__in=changes.deleted_memberships
            ).delete()

    def federation_pks(self) -> dict[str, int]:
        """The pks of the new memberships' federations (in the file or stored)."""
        pks = dict(self.pk_of)
        unknown = {
            federation
            for _member, federation, _start in self.changes.new_memberships
            if federation not in pks
        }
        for chunk in chunks(unknown):
            pks.update(
                Organisation.objects.filter(external_id__in=chunk).values_list(
                    "external_id", "pk"
                )
            )
        return pks

    def new_antennas(self) -> None:
        new = self.changes.new_antennas
        if new:
            slug = _SlugMaker(Antenna, "organisation")
            for antenna in new:
                antenna.organisation_id = antenna._import_organisation.pk
                antenna.slug = slug(antenna.name_fr or antenna.name_nl or "")
                antenna.created_at = antenna.updated_at = self.now
            Antenna.objects.bulk_create(new, batch_size=CHUNK)
            _ensure_pks(Antenna, new)

    def changed_antennas(self) -> None:
        changed = self.changes.changed_antennas
        if changed:
            for antenna in changed:
                antenna.organisation_id = antenna._import_organisation.pk
                antenna.updated_at = self.now
            manager(Antenna).bulk_update(
                changed,
                [
                    *ANTENNA_FIELDS,
                    *ANTENNA_MORE_FIELDS,
                    *COORDINATE_FIELDS,
                    "organisation_id",
                    "name",
                    "updated_at",
                ],
                batch_size=CHUNK // 5,
            )
        antennas = self.changes.antennas
        for name in ANTENNA_M2M:
            write_pairs(
                through(name, Antenna),
                self.changes.antenna_m2m_remove[name],
                [
                    (antennas[ext].pk, pk)
                    for ext, pk in self.changes.antenna_m2m_add[name]
                ],
            )

    def revisions(self) -> None:
        changed = list(self.changes.changed_organisations.values())
        for chunk in chunks(
            _service_only_organisations(self.changes, self.service_changes)
        ):
            changed.extend(Organisation.objects.filter(external_id__in=chunk))
        _revise(Organisation, changed, self.now, self.user)
        _revise(Antenna, self.changes.changed_antennas, self.now, self.user)


def _ensure_pks(model: type[models.Model], objects: list[Any]) -> None:
    """Databases that do not return ids from bulk inserts: look them up."""
    missing = [obj for obj in objects if obj.pk is None]
    if not missing:
        return
    by_external_id = {obj.external_id: obj for obj in missing}
    for chunk in chunks(by_external_id):
        for external_id, pk in model._default_manager.filter(
            external_id__in=chunk
        ).values_list("external_id", "pk"):
            by_external_id[external_id].pk = pk
            by_external_id[external_id]._state.adding = False


def _revise(model: type[Any], changed: list[Any], now: datetime, user: Any) -> None:
    """A new published revision for changed records that already have a history."""
    pks = [obj.pk for obj in changed if obj.latest_revision_id]
    for chunk in chunks(pks, 100):
        for obj in model._default_manager.filter(pk__in=chunk):
            revision = Revision.objects.create(
                content_object=obj,
                base_content_type=obj.get_base_content_type(),
                user=user,
                content=obj.serializable_data(),
                object_str=str(obj),
                created_at=now,
            )
            manager(model).filter(pk=obj.pk).update(
                latest_revision=revision,
                live_revision=revision,
                has_unpublished_changes=False,
                last_published_at=now,
            )


def _to_index(
    changes: Changes, services: ServiceChanges
) -> dict[type[models.Model], list[int]]:
    """What the search index must learn: the new and changed records, and every
    antenna of the organisations renamed or whose services or contacts changed
    (an antenna's entry carries its organisation's name and services)."""
    organisations = {obj.pk for obj in changes.new_organisations}
    organisations.update(obj.pk for obj in changes.changed_organisations.values())
    antennas = {obj.pk for obj in changes.new_antennas}
    antennas.update(obj.pk for obj in changes.changed_antennas)
    antennas.update(services.antennas)
    touched = {
        changes.organisations[external_id].pk
        for external_id in changes.renamed_organisations
    }
    service_organisations = set(
        external_pks(Organisation, services.organisations).values()
    )
    organisations |= service_organisations
    touched |= service_organisations
    for chunk in chunks(touched):
        antennas.update(
            Antenna.objects.filter(organisation_id__in=chunk).values_list(
                "pk", flat=True
            )
        )
    index: dict[type[models.Model], list[int]] = {
        Organisation: sorted(organisations),
        Antenna: sorted(antennas),
    }
    if class_is_indexed(Service):
        index[Service] = sorted(
            Service.objects.filter(
                organisation_id__in=service_organisations
            ).values_list("pk", flat=True)
        )
    return index


def _after_commit(
    antenna_ids: list[int], index: dict[type[models.Model], list[int]]
) -> None:
    if antenna_ids:
        tasks.enqueue_geocoding(antenna_ids)
    update_search_index(index)


def update_search_index(index: dict[type[models.Model], list[int]]) -> None:
    """Add or refresh these records in every search backend (bulk writes send no
    signals). Errors are logged: the data is committed by then."""
    seen: set[str] = set()
    for backend_name, params in get_app_config().get_search_backend_config().items():
        # Without SEARCH_URL, "default" and "database" are the same backend: once.
        key = json.dumps(params, sort_keys=True, default=str)
        if params.get("AUTO_UPDATE", True) is False or key in seen:
            continue
        seen.add(key)
        _index_in(backend_name, index)


def _index_in(backend_name: str, index: dict[type[models.Model], list[int]]) -> None:
    backend = get_search_backend(backend_name)
    for model, pks in index.items():
        for chunk in chunks(pks):
            objects = list(model.get_indexed_objects().filter(pk__in=chunk))
            try:
                backend.add_bulk(model, objects)
            except Exception:
                logger.exception(
                    "Could not index %d %s in the '%s' search backend",
                    len(objects),
                    model._meta.verbose_name_plural,
                    backend_name,
                )


def import_file(
    source: str | Path | IO[bytes],
    *,
    fmt: str | None = None,
    services: str | Path | IO[bytes] | None = None,
    contacts: str | Path | IO[bytes] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    user: Any = None,
) -> tuple[ImportResult | None, list[RowError]]:
    """Read, validate and (when there is no error) apply a file, with its services
    and contacts sheets, or those given as files of their own."""
    sheets = read_file(source, fmt, services=services, contacts=contacts)
    if sheets.broken:  # a header is wrong: that sheet cannot be read
        return None, sorted(sheets.errors, key=error_key)
    # Rows that could not be read (a wrong number of values) do not stop the
    # check: the editor gets every error of the file in one pass.
    plan, errors = validate(
        sheets.antennas,
        progress=progress,
        services=sheets.services,
        contacts=sheets.contacts,
    )
    if sheets.errors or errors:
        return None, sorted([*sheets.errors, *errors], key=error_key)
    return apply(plan, dry_run=dry_run, progress=progress, user=user), []
