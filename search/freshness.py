"""Are the engine's live indexes built with today's settings?"""

from __future__ import annotations

from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from search.index_settings import fingerprint


def index_fingerprints(backend=None) -> dict[str, str | None]:
    """Each portal index (alias) → the fingerprint stored in its mapping."""
    backend = backend or get_search_backend("default")
    names = sorted(
        {backend.get_index_for_model(model).name for model in get_indexed_models()}
    )
    found: dict[str, str | None] = {}
    for name in names:
        try:
            answer = backend.es.indices.get_mapping(index=name)
        except Exception as error:
            if type(error).__name__ != "NotFoundError":
                raise
            found[name] = None
            continue
        value = None
        for index_mapping in answer.values():
            meta = (index_mapping.get("mappings") or {}).get("_meta") or {}
            value = meta.get("portal_fingerprint")
        found[name] = value
    return found


def stale_indexes(backend=None) -> list[str]:
    """The indexes missing or built with other settings than :func:`fingerprint`."""
    current = fingerprint()
    return [
        name for name, value in index_fingerprints(backend).items() if value != current
    ]
