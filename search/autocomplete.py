"""Suggestions as a visitor types in the search box (``/api/v1/search/suggest``).

On the engine: one request over the indexes of every kind, matching the
edge-n-gram columns of Wagtail's ``AutocompleteField`` s (``name_fr_edgengrams``…)
and the names field as a prefix. If the engine fails or is not configured, the
database answers: Wagtail's ``autocomplete`` per kind, or a prefix filter on the
title columns where the backend cannot autocomplete.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import translation

from core.languages import in_language
from core.search_contracts import ResultType
from search.index_settings import NAMES_FIELD
from search.limits import bounded_statements, bounded_terms
from search.query import _kind_filters, hit_kind
from search.registry import result_types

logger = logging.getLogger(__name__)

MIN_LENGTH = 2
MAX_LENGTH = 100
LIMIT = 8


@dataclass(frozen=True)
class Suggestion:
    type: str
    title: str
    url: str


def suggest(query: str, language: str, limit: int = LIMIT) -> list[Suggestion]:
    """Up to ``limit`` records whose names start with the words of ``query``,
    titles in ``language``. Never raises for what a visitor may type."""
    query = bounded_terms(" ".join((query or "").split())[:MAX_LENGTH])
    if len(query) < MIN_LENGTH:
        return []
    kinds = list(result_types().values())
    if settings.SEARCH_URL:
        try:
            return _engine(query, language, kinds, limit)
        except Exception:
            logger.exception("Autocomplete on the engine failed; using the database")
    try:
        with bounded_statements():
            return _database(query, language, kinds, limit)
    except Exception:
        logger.exception("Autocomplete on the database failed")
        return []


def _suggestion(kind: ResultType, obj, language: str) -> Suggestion:
    with translation.override(language):
        return Suggestion(
            kind.name, str(in_language(obj, kind.title_field, language)), kind.url(obj)
        )


# --- On the engine ---------------------------------------------------------------


def engine_body(query: str, kind_filters: list[dict], size: int) -> dict:
    return {
        "query": {
            "bool": {
                "filter": [{"bool": {"should": kind_filters}}],
                "should": [
                    {
                        "multi_match": {
                            "query": query,
                            "fields": ["*_edgengrams"],
                            "operator": "and",
                            "analyzer": "standard",
                        }
                    },
                    {
                        "match_bool_prefix": {
                            NAMES_FIELD: {"query": query, "operator": "and"}
                        }
                    },
                    {
                        "match_phrase_prefix": {
                            NAMES_FIELD: {"query": query, "boost": 2}
                        }
                    },
                ],
                "minimum_should_match": 1,
            }
        },
        "size": size,
        "_source": ["pk", "_django_content_type"],
    }


def _engine(query: str, language: str, kinds, limit: int) -> list[Suggestion]:
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    indexes, kind_filters = _kind_filters(backend, kinds)
    answer = backend.es.search(
        index=",".join(indexes),
        body=engine_body(query, kind_filters, limit * 3),
        params={"ignore_unavailable": "true", "allow_no_indices": "true"},
    )
    hits: list[tuple[ResultType, str]] = []
    for hit in answer["hits"]["hits"]:
        kind, pk = hit_kind(hit, kinds)
        if kind is not None:
            hits.append((kind, pk))
    objects: dict[tuple[str, str], object] = {}
    by_kind: dict[str, list[str]] = {}
    for kind, pk in hits:
        by_kind.setdefault(kind.name, []).append(pk)
    named = {kind.name: kind for kind in kinds}
    for name, pks in by_kind.items():
        kind = named[name]
        for obj in kind.queryset().filter(pk__in=pks):
            if kind.visible(obj):
                objects[(name, str(obj.pk))] = obj
    suggestions = []
    for kind, pk in hits:
        obj = objects.get((kind.name, pk))
        if obj is not None:
            suggestions.append(_suggestion(kind, obj, language))
    return _distinct(suggestions)[:limit]


# --- On the database -------------------------------------------------------------


def _database(query: str, language: str, kinds, limit: int) -> list[Suggestion]:
    from wagtail.search.backends import get_search_backend

    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    backend = get_search_backend(name)
    per_kind: list[list[Suggestion]] = []
    for kind in kinds:
        objects = _prefix_matches(kind, query, language, limit)
        if not objects:
            try:
                objects = list(backend.autocomplete(query, kind.queryset())[:limit])
            except Exception:  # noqa: BLE001 - no autocomplete on this backend
                objects = []
        per_kind.append(
            [_suggestion(kind, obj, language) for obj in objects if kind.visible(obj)]
        )
    # Interleave the kinds so that one kind does not fill the list.
    mixed: list[Suggestion] = []
    for rank in range(limit):
        mixed.extend(found[rank] for found in per_kind if rank < len(found))
    return _distinct(mixed)[:limit]


def _prefix_matches(kind: ResultType, query: str, language: str, limit: int):
    """Titles starting with the query, or with a word starting with it."""
    codes = [language] + [c for c, _n in settings.LANGUAGES if c != language]
    field_names = {f.name for f in kind.model._meta.get_fields()}
    columns = [
        f"{kind.title_field}_{code}"
        for code in codes
        if f"{kind.title_field}_{code}" in field_names
    ] or ([kind.title_field] if kind.title_field in field_names else [])
    if not columns:
        return []
    condition = Q()
    for column in columns:
        condition |= Q(**{f"{column}__istartswith": query})
        condition |= Q(**{f"{column}__icontains": f" {query}"})
        condition |= Q(**{f"{column}__icontains": f"-{query}"})
    return list(kind.queryset().filter(condition)[:limit])


def _distinct(suggestions: list[Suggestion]) -> list[Suggestion]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for suggestion in suggestions:
        key = (suggestion.title, suggestion.url)
        if key not in seen:
            seen.add(key)
            kept.append(suggestion)
    return kept
