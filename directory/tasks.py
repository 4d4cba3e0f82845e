"""Background tasks of the directory (django-tasks)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django_tasks import task

from directory.locating import geocode_antenna
from directory.models import Antenna
from places.geocoding import get_geocoder

logger = logging.getLogger(__name__)

# Antennas per task: one task stays short enough to retry, few enough to enqueue.
GEOCODING_CHUNK_SIZE = 500


@task()
def geocode_antennas(antenna_ids: list[int]) -> int:
    """Geocode these antennas; how many got a new location.

    Ids that no longer exist are skipped, and so are hand-set coordinates. One
    antenna failing is logged and doesn't stop the others.
    """
    geocoder = get_geocoder()
    changed = 0
    antennas = Antenna.objects.filter(pk__in=antenna_ids).select_related("commune")
    for antenna in antennas.order_by("pk"):
        try:
            if geocode_antenna(antenna, geocoder=geocoder):
                changed += 1
        except Exception:
            logger.exception("Could not geocode antenna %s", antenna.pk)
    return changed


def enqueue_geocoding(antenna_ids: Iterable[int]) -> None:
    """Geocode these antennas in the background, once the transaction commits.

    Enqueued in tasks of :data:`GEOCODING_CHUNK_SIZE` ids. A task backend that fails
    (its database is down…) is logged, never raised: the data is already saved.
    """
    ids = list(dict.fromkeys(int(pk) for pk in antenna_ids))
    for start in range(0, len(ids), GEOCODING_CHUNK_SIZE):
        chunk = ids[start : start + GEOCODING_CHUNK_SIZE]
        transaction.on_commit(partial(_enqueue_chunk, chunk))


def _enqueue_chunk(antenna_ids: list[int]) -> None:
    try:
        geocode_antennas.enqueue(antenna_ids)
    except Exception:
        logger.exception(
            "Could not enqueue the geocoding of %d antennas (first id %s)",
            len(antenna_ids),
            antenna_ids[0],
        )
