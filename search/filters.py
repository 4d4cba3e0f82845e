"""Filters and facets of the search: what a visitor can narrow results by.

Each facet reads one filter column of the indexes (a ``FilterField`` declared
with the same name on every model it applies to): directory records and
documents share ``theme_slugs`` and ``language_codes``. On the engine the
filters are queries and the counts aggregations (each facet counted with every
*other* filter applied, so that ticking a value gives exactly its count); on the
database backend the same values are read from the objects
(:func:`matches`, :func:`count_facets`).

"Open now" is a query too: each site's opening hours are indexed as
minute-of-week ranges of an ordinary week, plus the hours kept on public
holidays and an exceptional closure date (:mod:`directory.search_documents`);
the query takes the current minute of the week in Brussels wall-clock time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.constants import BRUSSELS

COMMUNITIES = ("fr", "nl", "bi", "de")


@dataclass(frozen=True)
class Facet:
    name: str
    label: object
    column: str  # the FilterField's name on the models


FACETS = [
    Facet("category", _("Category"), "theme_slugs"),
    Facet("public", _("Target public"), "public_slugs"),
    Facet("language", _("Language"), "language_codes"),
    Facet("commune", _("Commune"), "commune_refnis"),
    Facet("wheelchair", _("Wheelchair access"), "wheelchair_values"),
    Facet("year", _("Year"), "year"),
    Facet("document_type", _("Document type"), "kind"),
    Facet("authority", _("Authority"), "authority"),
    Facet("valid", _("In force"), "is_valid"),
]
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}


@dataclass
class Filters:
    """What the visitor chose. Values of a facet are alternatives (OR); facets
    combine (AND)."""

    values: dict[str, list[str]] = field(default_factory=dict)
    open_now: bool = False
    at: datetime | None = None

    def __bool__(self) -> bool:
        return bool(self.open_now or any(self.values.values()))

    def moment(self) -> datetime:
        return (self.at or timezone.now()).astimezone(BRUSSELS)


def _column(facet: Facet) -> str:
    return f"{facet.column}_filter"


def _value(facet: Facet, value: str):
    if facet.name == "year":
        return int(value)
    if facet.name == "valid":
        return value in ("true", "1", "yes")
    return value


def facet_clause(facet: Facet, values: list[str]) -> dict:
    return {"terms": {_column(facet): [_value(facet, v) for v in values]}}


def holiday_communities_on(moment: datetime) -> list[str]:
    from places.holidays import is_public_holiday

    day = moment.date()
    return [c for c in COMMUNITIES if is_public_holiday(day, c)]


def open_now_clause(moment: datetime) -> dict:
    """Open at ``moment``: in the weekly hours on an ordinary day, in the holiday
    hours on a public holiday of the site's community, never while closed."""
    minute_of_day = moment.hour * 60 + moment.minute
    minute_of_week = moment.weekday() * 24 * 60 + minute_of_day
    holidays = holiday_communities_on(moment)
    ordinary: dict = {
        "bool": {"filter": [{"term": {"open_week_filter": minute_of_week}}]}
    }
    options = [ordinary]
    if holidays:
        ordinary["bool"]["must_not"] = [
            {"terms": {"holiday_communities_filter": holidays}}
        ]
        options.append(
            {
                "bool": {
                    "filter": [
                        {"terms": {"holiday_communities_filter": holidays}},
                        {"term": {"holiday_hours_filter": minute_of_day}},
                    ]
                }
            }
        )
    return {
        "bool": {
            "should": options,
            "minimum_should_match": 1,
            "must_not": [
                {"range": {"closed_until_filter": {"gte": moment.date().isoformat()}}}
            ],
        }
    }


def filter_clauses(filters: Filters, *, leave_out: str | None = None) -> list[dict]:
    clauses = []
    for name, values in filters.values.items():
        if values and name != leave_out:
            clauses.append(facet_clause(FACETS_BY_NAME[name], values))
    if filters.open_now and leave_out != "open_now":
        clauses.append(open_now_clause(filters.moment()))
    return clauses


def facet_aggregations(filters: Filters, kind_filters: dict[str, dict]) -> dict:
    """One aggregation per facet (its values' counts under the other filters),
    one for ``open_now`` and one counting each kind of content."""
    aggregations: dict = {}
    for facet in FACETS:
        others = filter_clauses(filters, leave_out=facet.name)
        aggregations[facet.name] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {"values": {"terms": {"field": _column(facet), "size": 100}}},
        }
    aggregations["open_now"] = {
        "filter": {
            "bool": {
                "filter": [
                    *filter_clauses(filters, leave_out="open_now"),
                    open_now_clause(filters.moment()),
                ]
            }
        }
    }
    aggregations["type"] = {
        "filter": {"bool": {"filter": filter_clauses(filters)}},
        "aggs": {"values": {"filters": {"filters": kind_filters}}},
    }
    return aggregations


# --- The database backend: the same filters read from the objects ---------------


def _object_values(obj, column: str) -> list:
    from wagtail.search.index import FilterField

    for search_field in type(obj).get_search_fields():
        if isinstance(search_field, FilterField) and search_field.field_name == column:
            value = search_field.get_value(obj)
            if value is None:
                return []
            if isinstance(value, (list, tuple, set)):
                return list(value)
            return [value]
    return []


def _is_open(obj, moment: datetime) -> bool:
    from directory.models import Antenna, Organisation
    from places.opening_hours import open_status

    if isinstance(obj, Antenna):
        antennas = [obj]
    elif isinstance(obj, Organisation):
        antennas = [a for a in obj.antennas.all() if a.live]
    else:
        return False
    for antenna in antennas:
        region = antenna.commune.region if antenna.commune else None
        status = open_status(
            antenna.opening_hours,
            moment,
            antenna.organisation.holiday_community(region),
            antenna.closed_until,
        )
        if status.is_open:
            return True
    return False


class ObjectFacets:
    """The filter values of database hits, each read once (reading one may take
    queries), with the objects' related rows prefetched in bulk."""

    def __init__(self, objects: list, filters: Filters) -> None:
        from django.db.models import prefetch_related_objects

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
        self._open: dict[int, bool] = {}

    def values(self, obj, column: str) -> list:
        key = (id(obj), column)
        if key not in self._values:
            self._values[key] = _object_values(obj, column)
        return self._values[key]

    def is_open(self, obj) -> bool:
        if id(obj) not in self._open:
            self._open[id(obj)] = _is_open(obj, self.moment)
        return self._open[id(obj)]

    def matches(self, obj, *, leave_out: str | None = None) -> bool:
        for name, values in self.filters.values.items():
            if not values or name == leave_out:
                continue
            facet = FACETS_BY_NAME[name]
            wanted = {_value(facet, v) for v in values}
            if not wanted.intersection(self.values(obj, facet.column)):
                return False
        if self.filters.open_now and leave_out != "open_now":
            return self.is_open(obj)
        return True


def matches(obj, filters: Filters, *, leave_out: str | None = None) -> bool:
    return ObjectFacets([], filters).matches(obj, leave_out=leave_out)


def count_facets(
    objects: list,
    filters: Filters,
    kind_of: Callable,
    facets: ObjectFacets | None = None,
) -> dict:
    """Facet counts over database hits, as :func:`facet_aggregations` gives them."""
    facets = facets or ObjectFacets(objects, filters)
    counts: dict[str, Counter] = {}
    for facet in FACETS:
        counter: Counter = Counter()
        for obj in objects:
            if facets.matches(obj, leave_out=facet.name):
                counter.update(set(facets.values(obj, facet.column)))
        counts[facet.name] = counter
    counts["open_now"] = Counter(
        {
            True: sum(
                1
                for obj in objects
                if facets.matches(obj, leave_out="open_now") and facets.is_open(obj)
            )
        }
    )
    counts["type"] = Counter(kind_of(obj) for obj in objects if facets.matches(obj))
    return counts


# Names of the reference records facets show (categories, publics, languages,
# communes), per model and language: read once, forgotten when one is saved.
_NAMED_FACETS = {
    "category": ("directory.Category", "slug"),
    "public": ("directory.Public", "slug"),
    "language": ("directory.Language", "code"),
    "commune": ("places.Commune", "refnis"),
}
_name_tables: dict[tuple[str, str], dict[str, str]] = {}


def _name_table(facet_name: str, language: str) -> dict[str, str]:
    from django.apps import apps

    from core.languages import in_language

    key = (facet_name, language)
    table = _name_tables.get(key)
    if table is None:
        model_name, column = _NAMED_FACETS[facet_name]
        model = apps.get_model(model_name)
        table = {
            str(getattr(obj, column)): str(in_language(obj, "name", language))
            for obj in model.objects.all()
        }
        _name_tables[key] = table
    return table


def forget_facet_names(**kwargs) -> None:
    """Signal receiver: a category, public, language or commune changed."""
    _name_tables.clear()


def connect_facet_names() -> None:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    for model_name, _column in _NAMED_FACETS.values():
        model = apps.get_model(model_name)
        for signal in (post_save, post_delete):
            signal.connect(
                forget_facet_names, sender=model, dispatch_uid=f"facets-{model_name}"
            )


def _labels(facet_name: str, values: list, language: str) -> dict:
    """Display labels of facet values, in ``language``."""
    from django.utils import translation

    from directory.models import Wheelchair

    with translation.override(language):
        if facet_name in _NAMED_FACETS:
            keys = [str(value) for value in values]
            table = _name_table(facet_name, language)
            if any(key not in table for key in keys):  # added without a signal
                _name_tables.pop((facet_name, language), None)
                table = _name_table(facet_name, language)
            return {key: table[key] for key in keys if key in table}
        if facet_name == "wheelchair":
            return {c.value: str(c.label) for c in Wheelchair}
        if facet_name == "valid":
            return {
                "1": str(_("In force")),
                "0": str(_("No longer in force")),
                "True": str(_("In force")),
                "False": str(_("No longer in force")),
            }
        try:
            from documents.models import Authority, Publication
        except ImportError:  # pragma: no cover
            return {}
        if facet_name == "document_type":
            return {c.value: str(c.label) for c in Publication.Kind}
        if facet_name == "authority":
            return {c.value: str(c.label) for c in Authority}
    return {}


def labelled_facets(
    counts: dict, filters: Filters, language: str
) -> dict[str, list[dict]]:
    """``{facet: [{"value", "label", "count", "selected"}]}`` for the page and API,
    values with results only (and the selected ones), most frequent first; the
    ``type`` facet names the registered kinds of content."""
    from django.utils import translation

    from search.registry import result_types

    kind_labels = {name: kind.label for name, kind in result_types().items()}
    described: dict[str, list[dict]] = {}
    with translation.override(language):
        type_counts = counts.get("type") or {}
        described["type"] = [
            {
                "value": name,
                "label": str(label),
                "count": type_counts.get(name, 0),
                "selected": False,
            }
            for name, label in kind_labels.items()
            if type_counts.get(name)
        ]
        for facet in FACETS:
            facet_counts = counts.get(facet.name) or {}
            selected = set(filters.values.get(facet.name, []))
            values = [v for v, n in facet_counts.items() if n] + [
                v for v in selected if v not in {str(k) for k in facet_counts}
            ]
            labels = _labels(facet.name, values, language)
            items = []
            for value in values:
                key = (
                    str(int(value))
                    if facet.name == "valid" and not isinstance(value, str)
                    else str(value)
                )
                items.append(
                    {
                        "value": key
                        if facet.name != "valid"
                        else ("true" if key in ("1", "True", "true") else "false"),
                        "label": labels.get(key, key),
                        "count": facet_counts.get(value, 0),
                        "selected": key in selected,
                    }
                )
            items.sort(key=lambda item: (-item["count"], item["label"]))
            described[facet.name] = items
        open_count = (counts.get("open_now") or {}).get(True, 0)
        described["open_now"] = [
            {
                "value": "true",
                "label": str(_("Open now")),
                "count": open_count,
                "selected": filters.open_now,
            }
        ]
    return described
