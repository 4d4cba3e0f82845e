"""Filters and facets of the search: what a visitor can narrow results by.

The apps declare the facets and conditions (:mod:`core.search_contracts`,
:func:`search.registry.facets`): each facet reads one filter column of the
indexes (a ``FilterField`` declared with the same name on every model it applies
to), each condition ("open now") depends on the moment. On the engine the
filters are queries and the counts aggregations (each facet counted with every
*other* filter applied, so that ticking a value gives exactly its count); on the
database backend the same values are read from the objects
(:class:`ObjectFacets`, :func:`count_facets`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import prefetch_related_objects
from django.utils import timezone, translation
from wagtail.search.index import FilterField

from core.constants import BRUSSELS
from core.search_contracts import FacetSpec, Selection
from search.registry import conditions, facets, facets_by_name, result_types

TYPE = "type"  # the facet counting each kind of content


@dataclass
class SearchFilters:
    """What the visitor chose to narrow a search by. Values of a facet are
    alternatives (OR); facets and conditions combine (AND)."""

    # facet name → values as given in the query string
    values: dict[str, list[str]] = field(default_factory=dict)
    # names of the conditions asked for ("open_now")
    conditions: set[str] = field(default_factory=set)
    # the moment conditions are checked at (now by default)
    at: datetime | None = None

    def __bool__(self) -> bool:
        return bool(self.conditions or any(self.values.values()))

    def moment(self) -> datetime:
        return (self.at or timezone.now()).astimezone(BRUSSELS)

    def selection(self, leave_out: str | None = None) -> Selection:
        """What joint conditions read (one facet's values left out when it is
        counted)."""
        return Selection(
            frozenset(self.conditions),
            {
                name: tuple(values)
                for name, values in self.values.items()
                if values and name != leave_out
            },
        )


def _column(facet: FacetSpec) -> str:
    return f"{facet.column}_filter"


def facet_clause(facet: FacetSpec, values: list[str]) -> dict:
    return {"terms": {_column(facet): [facet.engine_value(v) for v in values]}}


def filter_clauses(
    filters: SearchFilters, *, leave_out: str | None = None
) -> list[dict]:
    by_name = facets_by_name()
    clauses = []
    for name, values in filters.values.items():
        if values and name != leave_out:
            clauses.append(facet_clause(by_name[name], values))
    selection = filters.selection(leave_out)
    for name, condition in conditions().items():
        if name in filters.conditions and name != leave_out:
            clause = condition.engine_for(filters.moment(), selection)
            if clause not in clauses:  # joint conditions give the same clause
                clauses.append(clause)
    return clauses


def facet_aggregations(filters: SearchFilters, kind_filters: dict[str, dict]) -> dict:
    """One aggregation per facet (its values' counts under the other filters),
    one per condition and one counting each kind of content."""
    aggregations: dict = {}
    for facet in facets():
        others = filter_clauses(filters, leave_out=facet.name)
        aggregations[facet.name] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {"values": {"terms": {"field": _column(facet), "size": 100}}},
        }
    for name, condition in conditions().items():
        aggregations[name] = {
            "filter": {
                "bool": {
                    "filter": [
                        *filter_clauses(filters, leave_out=name),
                        condition.engine_for(filters.moment(), filters.selection()),
                    ]
                }
            }
        }
    aggregations[TYPE] = {
        "filter": {"bool": {"filter": filter_clauses(filters)}},
        "aggs": {"values": {"filters": {"filters": kind_filters}}},
    }
    return aggregations


def read_aggregations(aggregations: dict) -> dict:
    """The counts of :func:`facet_aggregations`' answer: facet → {value: count},
    ``type`` → {kind: count}, a condition → ``{True: count}``."""
    by_name = facets_by_name()
    counts: dict = {}
    for name, aggregation in aggregations.items():
        if name in conditions():
            counts[name] = {True: aggregation.get("doc_count", 0)}
            continue
        buckets = (aggregation.get("values") or {}).get("buckets") or []
        if isinstance(buckets, dict):  # the "type" filters aggregation
            counts[name] = {key: b["doc_count"] for key, b in buckets.items()}
            continue
        as_string = name in by_name and by_name[name].value_type is bool
        counts[name] = {
            (b.get("key_as_string", b["key"]) if as_string else b["key"]): b[
                "doc_count"
            ]
            for b in buckets
        }
    return counts


# --- The database backend: the same filters read from the objects ---------------


def _object_values(obj, column: str) -> list:
    for search_field in type(obj).get_search_fields():
        if isinstance(search_field, FilterField) and search_field.field_name == column:
            value = search_field.get_value(obj)
            if value is None:
                return []
            if isinstance(value, (list, tuple, set)):
                return list(value)
            return [value]
    return []


class ObjectFacets:
    """The filter values of database hits, each read once (reading one may take
    queries), with the objects' related rows prefetched in bulk."""

    def __init__(self, objects: list, filters: SearchFilters) -> None:
        self.filters = filters
        self.moment = filters.moment()
        by_model: dict[type, list] = {}
        for obj in objects:
            by_model.setdefault(type(obj), []).append(obj)
        for model, group in by_model.items():
            lookups = getattr(
                model.get_indexed_objects(), "_prefetch_related_lookups", ()
            )
            if lookups:
                prefetch_related_objects(group, *lookups)
        self._values: dict[tuple[int, str], list] = {}
        self._holds: dict[tuple[int, str], bool] = {}

    def values(self, obj, column: str) -> list:
        key = (id(obj), column)
        if key not in self._values:
            self._values[key] = _object_values(obj, column)
        return self._values[key]

    def facet_values(self, obj, facet: FacetSpec) -> list:
        if facet.values_of is not None:
            return facet.values_of(obj)
        return self.values(obj, facet.column)

    def holds(self, obj, condition_name: str) -> bool:
        key = (id(obj), condition_name)
        if key not in self._holds:
            condition = conditions()[condition_name]
            self._holds[key] = condition.holds_for(
                obj, self.moment, self.filters.selection()
            )
        return self._holds[key]

    def matches(self, obj, *, leave_out: str | None = None) -> bool:
        by_name = facets_by_name()
        for name, values in self.filters.values.items():
            if not values or name == leave_out:
                continue
            facet = by_name[name]
            wanted = {facet.engine_value(v) for v in values}
            if not wanted.intersection(self.facet_values(obj, facet)):
                return False
        return all(
            self.holds(obj, name)
            for name in self.filters.conditions
            if name != leave_out
        )


def matches(obj, filters: SearchFilters, *, leave_out: str | None = None) -> bool:
    return ObjectFacets([], filters).matches(obj, leave_out=leave_out)


def count_facets(
    objects: list,
    filters: SearchFilters,
    kind_of: Callable,
    facets_read: ObjectFacets | None = None,
) -> dict:
    """Facet counts over database hits, as :func:`read_aggregations` gives them."""
    read = facets_read or ObjectFacets(objects, filters)
    counts: dict[str, Counter] = {}
    for facet in facets():
        counter: Counter = Counter()
        for obj in objects:
            if read.matches(obj, leave_out=facet.name):
                counter.update(set(read.facet_values(obj, facet)))
        counts[facet.name] = counter
    for name in conditions():
        counts[name] = Counter(
            {
                True: sum(
                    1
                    for obj in objects
                    if read.matches(obj, leave_out=name) and read.holds(obj, name)
                )
            }
        )
    counts[TYPE] = Counter(kind_of(obj) for obj in objects if read.matches(obj))
    return counts


# --- What the page and the API show ----------------------------------------------


def _kind_items(counts: dict) -> list[dict]:
    type_counts = counts.get(TYPE) or {}
    return [
        {
            "value": name,
            "label": str(kind.label),
            "count": type_counts.get(name, 0),
            "selected": False,
        }
        for name, kind in result_types().items()
        if type_counts.get(name)
    ]


def _facet_items(
    facet: FacetSpec, counts: dict, filters: SearchFilters, language: str
) -> list[dict]:
    """The values with results (and the selected ones), most frequent first."""
    facet_counts = counts.get(facet.name) or {}
    selected = set(filters.values.get(facet.name, []))
    by_key: dict[str, int] = {}
    for value, count in facet_counts.items():
        if count:
            key = facet.value_key(value)
            by_key[key] = by_key.get(key, 0) + count
    for value in selected:
        by_key.setdefault(value, 0)
    labels = facet.labels(list(by_key), language) if facet.labels else {}
    items = [
        {
            "value": key,
            "label": labels.get(key, key),
            "count": count,
            "selected": key in selected,
        }
        for key, count in by_key.items()
    ]
    items.sort(key=lambda item: (-item["count"], item["label"]))
    return items


def labelled_facets(
    counts: dict, filters: SearchFilters, language: str
) -> dict[str, list[dict]]:
    """``{facet: [{"value", "label", "count", "selected"}]}`` for the page and API,
    values with results only (and the selected ones), most frequent first; the
    ``type`` facet names the registered kinds of content, each condition has
    one item (``true``)."""
    described: dict[str, list[dict]] = {}
    with translation.override(language):
        described[TYPE] = _kind_items(counts)
        for facet in facets():
            described[facet.name] = _facet_items(facet, counts, filters, language)
        for name, condition in conditions().items():
            described[name] = [
                {
                    "value": "true",
                    "label": str(condition.label),
                    "count": (counts.get(name) or {}).get(True, 0),
                    "selected": name in filters.conditions,
                }
            ]
    return described


def connect_facet_labels() -> None:
    """Labels read from records are forgotten when one is saved or deleted."""
    for facet in facets():
        connect = getattr(facet.labels, "connect", None)
        if connect is not None:
            connect()
