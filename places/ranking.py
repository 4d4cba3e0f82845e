"""The one rule that orders "who can help near here", wherever it is applied.

Services **competent** for the place's commune come first (their territory lists it)
— those dedicated to a small territory (a CPAS: its own commune alone) before those
covering a wider zone —, then the services that **serve everyone** (no territory),
then those **restricted to other communes**; within each group, the nearest first,
then by name. Without a place: by name.

The near-me page and API (:mod:`directory.lookup`), the search's database fallback
and the search engine's sort (:func:`engine_sort_script`) all apply this module, so
that they give the same order.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable

COMPETENT, SERVES_EVERYONE, OTHER_COMMUNES = 0, 1, 2
# In a territory that gathers several antennas' (an organisation's), marks that
# one of them serves everyone.
EVERYONE = "*"
# Group and territory size in one sort number (territories have < 1,000 communes).
_GROUP_WEIGHT = 1000


def rank_group(territory: Collection[Hashable], here: Collection[Hashable]) -> int:
    """``territory``: the communes a service serves (empty, or holding
    :data:`EVERYONE`: everyone); ``here``: the place's communes (same kind of
    identifiers)."""
    if not territory:
        return SERVES_EVERYONE
    if not set(territory).isdisjoint(here):
        return COMPETENT
    return SERVES_EVERYONE if EVERYONE in territory else OTHER_COMMUNES


def rank_key(
    territory: Collection[Hashable],
    here: Collection[Hashable],
    distance_km: float | None,
    name: str = "",
) -> tuple:
    """The sort key of a service for a place (lower first)."""
    group = rank_group(territory, here)
    size = len(territory) if group == COMPETENT else 0
    distance = distance_km if distance_km is not None else math.inf
    return (group * _GROUP_WEIGHT + size, distance, name)


# The same first component in the engine, computed from the indexed territory
# (``served_refnis``, keyword): Painless, which OpenSearch and Elasticsearch share.
ENGINE_SORT_SCRIPT = """
if (!doc.containsKey('served_refnis_filter')) { return params.weight * 3; }
def served = doc['served_refnis_filter'];
int size = served.size();
if (size == 0) { return params.weight * 1; }
boolean everyone = false;
for (def code : served) {
  if (params.here.contains(code)) { return size; }
  if (code == params.everyone) { everyone = true; }
}
return params.weight * (everyone ? 1 : 2);
"""


def engine_sort_script(here: Collection[str]) -> dict:
    """An engine ``_script`` sort clause giving :func:`rank_key`'s first component."""
    return {
        "_script": {
            "type": "number",
            "order": "asc",
            "script": {
                "lang": "painless",
                "source": ENGINE_SORT_SCRIPT,
                "params": {
                    "here": sorted(here),
                    "weight": _GROUP_WEIGHT,
                    "everyone": EVERYONE,
                },
            },
        }
    }
