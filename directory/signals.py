"""Signal handlers of the directory (geocoding after save is wired here).

An antenna is (re)geocoded in the background after a save that leaves it without
coordinates, changes its address (street, number, postcode, commune) or turns off
"coordinates entered by hand". Hand-set coordinates are never touched.

The stored address is read back in ``pre_save`` (one query by primary key) rather
than remembered at ``post_init``: publishing in Wagtail saves an object rebuilt from
the revision, which was "loaded" with the new address already, so comparing with
the address at load would miss the change.
"""

from __future__ import annotations

import logging
from threading import local
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.search.index import insert_or_update_object

from directory.markers import forget_markers
from directory.models import (
    Antenna,
    Category,
    Organisation,
    Service,
    ServiceAtLocation,
)
from directory.tasks import enqueue_geocoding
from places.geocoding import clear_gazetteer_cache
from places.models import Commune, Postcode
from search.models import IndexChange
from search.outbox import record
from search.services import forget_vocabulary

logger = logging.getLogger(__name__)

# Attribute names address_fingerprint() reads.
ADDRESS_ATTNAMES = ("street", "number", "postcode", "commune_id")
# A save(update_fields=…) touching none of these can't call for geocoding.
LOCATION_FIELDS = frozenset(
    {*ADDRESS_ATTNAMES, "commune", "latitude", "longitude", "coordinates_set_by_hand"}
)


def _concerns_location(update_fields: frozenset[str] | None) -> bool:
    return update_fields is None or bool(LOCATION_FIELDS & set(update_fields))


@receiver(pre_save, sender=Antenna)
def read_stored_address(
    sender: type[Antenna],
    instance: Antenna,
    raw: bool = False,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    """Note the address and hand-set flag stored before this save (None if new)."""
    instance._address_at_load = instance._by_hand_at_load = None
    if raw or instance.pk is None or not _concerns_location(update_fields):
        return
    try:
        stored = Antenna.objects.only(*ADDRESS_ATTNAMES, "coordinates_set_by_hand").get(
            pk=instance.pk
        )
    except Antenna.DoesNotExist:  # a new antenna with a chosen pk
        return
    instance._address_at_load = stored.address_fingerprint()
    instance._by_hand_at_load = stored.coordinates_set_by_hand


@receiver(post_save, sender=Antenna)
def geocode_after_save(
    sender: type[Antenna],
    instance: Antenna,
    created: bool = False,
    raw: bool = False,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    """Enqueue geocoding when the antenna needs it; never fails the save."""
    if raw or not _concerns_location(update_fields):  # loaddata; unrelated fields
        return
    if instance.coordinates_set_by_hand:
        return
    stored_address = getattr(instance, "_address_at_load", None)
    address_changed = (
        stored_address is not None and stored_address != instance.address_fingerprint()
    )
    by_hand_removed = getattr(instance, "_by_hand_at_load", None) is True
    if instance.has_coordinates and not (address_changed or by_hand_removed):
        return
    try:
        enqueue_geocoding([instance.pk])
    except Exception:
        logger.exception("Could not enqueue the geocoding of antenna %s", instance.pk)


@receiver(post_save, sender=Commune)
@receiver(post_delete, sender=Commune)
@receiver(post_save, sender=Postcode)
@receiver(post_delete, sender=Postcode)
def gazetteer_changed(**kwargs: Any) -> None:
    """Rebuild this process's gazetteer index on next use."""
    clear_gazetteer_cache()


@receiver(post_save, sender=Antenna)
@receiver(post_delete, sender=Antenna)
@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Organisation)
@receiver(post_save, sender=Commune)
def forget_map_markers(sender, **kwargs: Any) -> None:
    """The cached GeoJSON of the home page's map is rebuilt on next request."""
    forget_markers()


@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Organisation)
@receiver(post_save, sender=Commune)
@receiver(post_delete, sender=Commune)
@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
def forget_search_vocabulary(sender, **kwargs: Any) -> None:
    """The database fallback's "did you mean" reads these names: rebuilt on next
    use (it was never told, and kept suggesting names that no longer exist)."""
    forget_vocabulary()


# --- Services: their antennas' and organisation's index documents hold them -------

_pending = local()


def _reindex_pending() -> None:
    organisation_ids = getattr(_pending, "ids", set())
    _pending.ids = set()
    for organisation in Organisation.objects.filter(pk__in=organisation_ids):
        for obj in (organisation, *organisation.antennas.all()):
            insert_or_update_object(obj)
            record(obj, IndexChange.Action.UPDATE)


@receiver(post_save, sender=Service)
@receiver(post_delete, sender=Service)
@receiver(post_save, sender=ServiceAtLocation)
@receiver(post_delete, sender=ServiceAtLocation)
def reindex_services_holders(sender, instance, raw: bool = False, **kwargs) -> None:
    """A service saved (with its organisation, or alone) or moved: the
    organisation's and all its antennas' documents are rewritten once the
    transaction commits (a service may have left an antenna)."""
    if raw:
        return
    organisation_id = _organisation_of(instance)
    if organisation_id is None:
        return
    ids = getattr(_pending, "ids", None)
    if ids is None:
        ids = _pending.ids = set()
    ids.add(organisation_id)
    # The first callback to run does the work of all (ids left by a rolled-back
    # transaction are reindexed too, which does no harm).
    transaction.on_commit(_reindex_pending)


def _organisation_of(instance) -> int | None:
    """The organisation's id (None when a cascade already removed the rows)."""
    holders = (
        ("organisation_id",)
        if isinstance(instance, Service)
        else ("service", "antenna")
    )
    for holder in holders:
        try:
            if holder == "organisation_id":
                return instance.organisation_id
            return getattr(instance, holder).organisation_id
        except ObjectDoesNotExist:
            continue
    return None
