"""What the database fallback stores for each record on PostgreSQL.

One ``search_document`` row per Wagtail index entry (migration ``search 0002``):
the record's words in one tsvector — French fields through the French
configuration, Dutch fields through the Dutch one, everything unstemmed too,
accents folded, weighted by the fields' boosts — its titles, its facet values
as ``facet=value`` strings (:func:`search.registry.facets`), and what "open now"
and ``near=`` read. Written by :mod:`search.backends.database` whenever Wagtail
writes the entry, so every way a record is indexed (saves, the outbox,
``update_index``) keeps it current.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Model
from wagtail.search import index

from core.text import folded_words
from search.filters import _object_values
from search.registry import facets, result_types

# Where each kind of text goes: (language, weight) → configuration.
CONFIGURATIONS = {"fr": "portal_fr", "nl": "portal_nl", "": "portal_simple"}
WEIGHTS = ("A", "B", "D")


@dataclass
class Texts:
    """A record's searchable text by language (``""``: neither) and weight."""

    parts: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, name: str, boost: float, value) -> None:
        text = _text(value)
        if not text:
            return
        language = name[-2:] if name[-3:] in ("_fr", "_nl") else ""
        weight = "A" if boost >= 2 else "B" if boost > 1 else "D"
        self.parts.setdefault((language, weight), []).append(text)

    def joined(self, language: str, weight: str) -> str:
        return " ".join(self.parts.get((language, weight), []))

    def everything(self, weight: str) -> str:
        return " ".join(
            text
            for (_language, w), texts in self.parts.items()
            if w == weight
            for text in texts
        )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return " ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_text(item) for item in value.values())
    return str(value).strip()


def searchable_texts(obj: Model, search_fields=None) -> Texts:
    """The text of ``obj``'s ``SearchField``s (and of its ``RelatedFields``)."""
    texts = Texts()
    for search_field in search_fields or type(obj).get_search_fields():
        if isinstance(search_field, index.SearchField):
            value = _value(search_field, obj)
            texts.add(search_field.field_name, search_field.boost or 1, value)
        elif isinstance(search_field, index.RelatedFields):
            for related in _related_objects(search_field, obj):
                sub = searchable_texts(related, search_field.fields)
                for key, values in sub.parts.items():
                    texts.parts.setdefault(key, []).extend(values)
    return texts


def _value(search_field, obj):
    try:
        return search_field.get_value(obj)
    except Exception:  # noqa: BLE001 - a broken field must not stop indexing
        return None


def _related_objects(search_field, obj) -> list:
    value = search_field.get_value(obj)
    if value is None:
        return []
    if hasattr(value, "all"):
        return list(value.all())
    if callable(value):
        value = value()
    return [value]


@dataclass
class DocumentRow:
    """The ``search_document`` row of one record (see the module docstring)."""

    texts: Texts
    names: dict[str, str]  # language → title
    facets: list[str]
    served: list[str]
    points: list[dict]
    open_week: str | None
    holiday_hours: str | None
    holiday_communities: list[str]
    closed_until: date | None
    # Joint conditions' data (a record's services): combinations and ranges.
    traits: list[str] = field(default_factory=list)
    trait_week: str | None = None
    trait_holiday: str | None = None

    @property
    def titles(self) -> list[str]:

        return sorted(
            {" ".join(folded_words(name)) for name in self.names.values() if name}
        )


def _values(obj: Model, column: str) -> list:

    return _object_values(obj, column)


def _facet_key(name: str, value) -> str:
    return f"{name}={value}"


def need_columns() -> list[str]:
    """The columns in which kinds hold their own need (``ResultType.need_column``)."""
    columns = (kind.need_column for kind in result_types().values())
    return sorted({column for column in columns if column})


def facet_values(obj: Model) -> list[str]:
    """``facet=value`` for every facet value of ``obj``, and ``column=…`` for each
    kind's ``need_column`` (``slug=…``: a category, which a need names by its
    slug)."""
    values = {
        _facet_key(facet.name, facet.value_key(value))
        for facet in facets()
        for value in _values(obj, facet.column)
        if value is not None and value != ""
    }
    for column in need_columns():
        values.update(_facet_key(column, value) for value in _values(obj, column))
    return sorted(values)


def multirange(ranges: list[dict]) -> str | None:
    """``[{"gte": 540, "lt": 720}, …]`` as a PostgreSQL ``int4multirange``."""
    if not ranges:
        return None
    parts = []
    for item in ranges:
        low = item.get("gte", item.get("gt"))
        high = item.get("lt", item.get("lte"))
        upper = "]" if "lte" in item else ")"
        lower = "(" if "gt" in item else "["
        parts.append(f"{lower}{low},{high}{upper}")
    return "{" + ",".join(parts) + "}"


def _closed_until(obj: Model) -> date | None:
    for value in _values(obj, "closed_until"):
        if isinstance(value, date):
            return value
        if value:
            return date.fromisoformat(str(value)[:10])
    return None


def document_row(obj: Model, title_field: str | None) -> DocumentRow:
    names = {}
    if title_field:
        for code in ("fr", "nl"):
            names[code] = str(getattr(obj, f"{title_field}_{code}", "") or "")
    return DocumentRow(
        texts=searchable_texts(obj),
        names=names,
        facets=facet_values(obj),
        served=[str(code) for code in _values(obj, "served_refnis")],
        points=[point for point in _values(obj, "location") if point],
        open_week=multirange(_values(obj, "open_week")),
        holiday_hours=multirange(_values(obj, "holiday_hours")),
        holiday_communities=[str(c) for c in _values(obj, "holiday_communities")],
        closed_until=_closed_until(obj),
        traits=[str(value) for value in _values(obj, "traits")],
        trait_week=multirange(_values(obj, "trait_week")),
        trait_holiday=multirange(_values(obj, "trait_holiday")),
    )


def _document_sql() -> tuple[str, int]:
    """The tsvector of a row: one ``to_tsvector`` per (configuration, weight)."""
    parts = []
    for configuration in CONFIGURATIONS.values():
        for weight in WEIGHTS:
            parts.append(f"setweight(to_tsvector('{configuration}', %s), '{weight}')")
    return " || ".join(parts), len(parts)


NAMES_SQL = (
    "to_tsvector('portal_fr', %s) || to_tsvector('portal_nl', %s)"
    " || to_tsvector('portal_simple', %s)"
)


def _row_params(row: DocumentRow) -> list:
    params = []
    for language in CONFIGURATIONS:
        for weight in WEIGHTS:
            if language:
                params.append(row.texts.joined(language, weight))
            else:
                params.append(row.texts.everything(weight))
    fr, nl = row.names.get("fr", ""), row.names.get("nl", "")
    params += [fr, nl, f"{fr} {nl}"]
    params += [
        row.titles,
        row.facets,
        row.served,
        json.dumps(row.points),
        row.open_week,
        row.holiday_hours,
        row.holiday_communities,
        row.closed_until,
        row.traits,
        row.trait_week,
        row.trait_holiday,
    ]
    return params


def title_field_of(model: type[Model]) -> str | None:

    for kind in result_types().values():
        if issubclass(model, kind.model):
            return kind.title_field
    return None


def write(connection, entries_table: str, model: type[Model], objs: list) -> None:
    """Insert or replace the rows of ``objs`` (already in Wagtail's entries)."""
    from modelsearch.utils import get_content_type_pk

    if not objs:
        return
    content_type = get_content_type_pk(model)
    title_field = title_field_of(model)
    document, _count = _document_sql()
    values_sql = (
        f"(%s, %s::integer, {document}, {NAMES_SQL}, %s::text[], %s::text[],"
        " %s::text[], %s::jsonb, %s::int4multirange, %s::int4multirange,"
        " %s::text[], %s::date, %s::text[], %s::int4multirange,"
        " %s::int4multirange)"
    )
    rows, params = [], []
    for obj in objs:
        rows.append(values_sql)
        params += [str(obj.pk), content_type]
        params += _row_params(document_row(obj, title_field))
    sql = f"""
        INSERT INTO search_document (entry_id, content_type_id, document, names,
            titles, facets, served, points, open_week, holiday_hours,
            holiday_communities, closed_until, traits, trait_week, trait_holiday,
            object_id)
        SELECT e.id, v.content_type_id, v.document, v.names, v.titles, v.facets,
            v.served, v.points, v.open_week, v.holiday_hours,
            v.holiday_communities, v.closed_until, v.traits, v.trait_week,
            v.trait_holiday, v.object_id
        FROM (VALUES {", ".join(rows)}) AS v (object_id, content_type_id, document,
            names, titles, facets, served, points, open_week, holiday_hours,
            holiday_communities, closed_until, traits, trait_week, trait_holiday)
        JOIN {entries_table} e
            ON e.content_type_id = v.content_type_id AND e.object_id = v.object_id
        ON CONFLICT (entry_id) DO UPDATE SET document = EXCLUDED.document,
            names = EXCLUDED.names, titles = EXCLUDED.titles,
            facets = EXCLUDED.facets, served = EXCLUDED.served,
            points = EXCLUDED.points, open_week = EXCLUDED.open_week,
            holiday_hours = EXCLUDED.holiday_hours,
            holiday_communities = EXCLUDED.holiday_communities,
            closed_until = EXCLUDED.closed_until, traits = EXCLUDED.traits,
            trait_week = EXCLUDED.trait_week, trait_holiday = EXCLUDED.trait_holiday
    """  # noqa: S608 - table names are ours, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
