"""The database fallback on PostgreSQL: one ranked SQL query over every kind.

The ``search_document`` table (:mod:`search.database_documents`) holds each
record's words through the French, Dutch and unstemmed configurations in one
GIN-indexed tsvector. A query becomes groups of alternatives — each meaningful
word or known phrase with its synonyms (:func:`search.services.synonym_groups`),
each alternative looked up in the three configurations — and one statement:

- finds the records holding any group, or of a category the query's everyday
  words name (:mod:`search.plain_words`), among the visible records of the kinds
  asked (each kind's queryset, as a subquery);
- scores them as the Python fallback did: all groups held (+1), the title is the
  query (+2) or holds all its words (+1), ``ts_rank_cd``, the share of groups
  held when not all are, the category bonus, a small prior for services;
- keeps the partial matches only for a sentence or when fewer than three
  records hold every group;
- returns one page, best first, the total and the facet counts (each facet
  counted with every other filter applied, "open now" from the weekly ranges),
  grouped in SQL.

With ``near=`` the best :data:`NEAR_WINDOW` records are ordered by
:mod:`places.ranking` in Python.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast

from core.search_contracts import Condition, ResultType
from search.database_documents import need_columns
from search.filters import SearchFilters
from search.registry import conditions, facets, facets_by_name, result_types

NEAR_WINDOW = 300
FEW_EXACT_RESULTS = 3


def available() -> bool:
    """PostgreSQL with the ``search_document`` table (migration ``search 0002``)."""
    if connection.vendor != "postgresql":
        return False
    return _table_exists(connection.alias)


@cache
def _table_exists(alias: str) -> bool:
    return "search_document" in connection.introspection.table_names()


@dataclass
class Hit:
    """One record found: its kind, primary key and score (``search.services._load``
    reads these, as for the engine's hits)."""

    kind: ResultType
    pk: str
    score: float
    served: list = field(default_factory=list)
    points: list = field(default_factory=list)
    snippet: object = None
    distance_km: float | None = None


@dataclass
class Answer:
    hits: list[Hit]
    total: int
    facets: dict
    exact: int = 0


# --- The query's words -------------------------------------------------------------


def tsqueries(groups: list[list[str]]) -> list[str]:
    """Each group of alternatives (phrases) as a tsquery's text: every phrase in
    the three configurations, OR-ed; groups left empty by stop words dropped."""
    if not groups:
        return []
    expressions, params = [], []
    for alternatives in groups:
        parts = []
        for phrase in alternatives:
            for configuration in ("portal_fr", "portal_nl", "portal_simple"):
                parts.append(f"plainto_tsquery('{configuration}', %s)")
                params.append(phrase)
        expressions.append("(" + " || ".join(parts) + ")::text")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(expressions), params)
        row = cursor.fetchone()
    return [text for text in row if text]


# --- Kinds and their visible records ---------------------------------------------


@cache
def _content_types(kind_names: tuple[str, ...]) -> dict[int, str]:
    """Content type id → kind name; a page belongs to its most specific kind."""

    kinds = result_types()
    owner: dict[int, tuple[int, str]] = {}
    for name in kind_names:
        model = kinds[name].model
        for model_class in _indexed_subclasses(model):
            depth = len(model.__mro__)
            ct = ContentType.objects.get_for_model(model_class).pk
            if ct not in owner or owner[ct][0] < depth:
                owner[ct] = (depth, name)
    return {ct: name for ct, (_depth, name) in owner.items()}


def _indexed_subclasses(model) -> list:
    from django.apps import apps

    return [
        other
        for other in apps.get_models()
        if issubclass(other, model) and not other._meta.abstract
    ]


def _visible_sql(kinds: list[ResultType]) -> tuple[str, str, list]:
    """A ``CASE`` giving each row's kind, and the condition that the row is a
    visible record of one of ``kinds`` (its queryset as a subquery)."""
    owners = _content_types(_all_kind_names())
    cases, conditions, case_params, params = [], [], [], []
    for kind in kinds:
        cts = [ct for ct, name in owners.items() if name == kind.name]
        if not cts:
            continue
        ids = (
            kind.queryset()
            .order_by()
            .annotate(_search_id=Cast("pk", output_field=TextField()))
        )
        sub_sql, sub_params = ids.values("_search_id").query.sql_with_params()
        cases.append("WHEN d.content_type_id = ANY(%s) THEN %s")
        case_params += [cts, kind.name]
        conditions.append(
            f"(d.content_type_id = ANY(%s) AND d.object_id IN ({sub_sql}))"
        )
        params += [cts, *sub_params]
    if not conditions:
        return "NULL", "FALSE", []
    case = "CASE " + " ".join(cases) + " END"
    return case, "(" + " OR ".join(conditions) + ")", [case_params, params]


@cache
def _all_kind_names() -> tuple[str, ...]:

    return tuple(result_types())


# --- Filters ---------------------------------------------------------------------


def _facet_array(name: str, values: list[str]) -> list[str]:
    """``facet=value`` keys of query-string values, as the rows hold them
    (:func:`search.database_documents.facet_values`)."""
    facet = facets_by_name()[name]
    keys = []
    for value in values:
        try:
            keys.append(f"{name}={facet.value_key(facet.engine_value(value))}")
        except ValueError:
            continue  # not a value of this facet: it matches nothing
    return keys


def _sql_conditions() -> list[tuple[str, Condition]]:
    """The registered conditions that can be tested in SQL, in a fixed order
    (column ``c<i>`` of the hits)."""
    return [
        (name, condition)
        for name, condition in conditions().items()
        if condition.database_clause is not None
    ]


def _filter_sql(
    filters: SearchFilters, leave_out: str | None = None
) -> tuple[str, list]:
    """The condition of ``filters`` on the ``hits`` rows, one facet left out."""
    clauses, params = ["TRUE"], []
    for name, values in filters.values.items():
        if values and name != leave_out and name in facets_by_name():
            clauses.append("h.facets && %s::text[]")
            params.append(_facet_array(name, values))
    for index, (name, _condition) in enumerate(_sql_conditions()):
        if name in filters.conditions and name != leave_out:
            clauses.append(f"h.c{index}")
    return " AND ".join(clauses), params


def _conditions_sql(filters: SearchFilters) -> tuple[str, list]:
    """One boolean column ``c<i>`` per condition, at the filters' moment."""
    moment = filters.moment()
    columns, params = [], []
    selection = filters.selection()
    for index, (_name, condition) in enumerate(_sql_conditions()):
        sql, condition_params = condition.database_for(moment, selection)
        columns.append(f", {sql} AS c{index}")
        params += condition_params
    return "".join(columns), params


# --- The statement ---------------------------------------------------------------


@dataclass
class Request:
    """What one search asks of the database."""

    kinds: list[ResultType]
    groups: list[str]  # tsquery texts, one per group
    title: str  # the folded query, compared with the titles
    needs: tuple[str, ...]  # named by the query's everyday words
    loose: bool  # a sentence: partial matches are kept
    filters: SearchFilters
    near_communes: tuple[str, ...] = ()


def _score_columns(request: Request) -> tuple[str, list]:
    """How many groups a record holds (each group one GIN index scan, so that
    no record's tsvector is read here) and whether its title is the query (2)
    or holds every group (1)."""
    groups = request.groups
    if not groups:
        return "0 AS held, 0 AS title", []
    held = " + ".join(
        "(d.entry_id IN (SELECT entry_id FROM search_document"
        " WHERE document @@ %s::tsquery))::int"
        for _group in groups
    )
    all_query = " & ".join(f"({g})" for g in groups)
    sql = (
        f"{held} AS held, CASE WHEN %s = ANY(d.titles) THEN 2"
        " WHEN d.names @@ %s::tsquery THEN 1 ELSE 0 END AS title"
    )
    return sql, [*groups, request.title, all_query]


def _need_keys(kind: ResultType, needs: tuple[str, ...]) -> list[str]:
    """The ``search_document`` facet values marking a record of ``kind`` as of
    ``needs``: its own ``need_column`` (a category's slug), or the facets holding
    needs that the kind carries (its services' categories)."""
    if kind.need_column:
        return [f"{kind.need_column}={need}" for need in needs]
    return [
        f"{facet.name}={need}"
        for facet in facets()
        if facet.holds_needs and (not facet.kinds or kind.name in facet.kinds)
        for need in needs
    ]


def _needs_sql(request: Request) -> tuple[str, list]:
    """The bonus of the records of a need the query's everyday words name (each
    kind's ``need_bonus``: a category and its services)."""
    cases, params = [], []
    for kind in request.kinds:
        keys = _need_keys(kind, request.needs) if kind.need_bonus else []
        if keys:
            cases.append("WHEN kind = %s AND facets && %s::text[] THEN %s")
            params += [kind.name, keys, kind.need_bonus]
    if not cases:
        return "0.0", []
    return "CASE " + " ".join(cases) + " ELSE 0.0 END", params


def _match_sql(request: Request) -> tuple[str, list]:
    if not request.groups:
        match, params = "TRUE", []
    else:
        match = "d.document @@ %s::tsquery"
        params = [" | ".join(f"({g})" for g in request.groups)]
    if request.needs:
        # Any record holding a need named, of whatever kind (a publication
        # filed under a category is a candidate, without a need bonus).
        match = f"({match} OR d.facets && %s::text[])"
        columns = need_columns()
        columns += [facet.name for facet in facets() if facet.holds_needs]
        params.append([f"{c}={s}" for c in columns for s in request.needs])
    return match, params


def _near_sql(request: Request) -> tuple[str, list]:
    if not request.near_communes:
        return "FALSE", []
    return "d.facets && %s::text[]", [[f"commune={c}" for c in request.near_communes]]


def _prior_sql(kinds: list[ResultType]) -> str:
    """Each kind's ``database_prior`` (names and numbers from the declarations)."""
    cases = " ".join(
        f"WHEN '{kind.name}' THEN {float(kind.database_prior)}"
        for kind in kinds
        if kind.database_prior
    )
    return f"CASE kind {cases} ELSE 0.0 END" if cases else "0.0"


def _hits_cte(request: Request) -> tuple[str, list]:
    """``found`` (every candidate, pre-scored without reading its tsvector) and
    ``hits`` (those kept: partial matches only for a sentence or when fewer
    than three records hold every group)."""
    kind_case, visible, (case_params, visible_params) = _visible_sql(request.kinds)
    columns, column_params = _score_columns(request)
    conditions_sql, conditions_params = _conditions_sql(request.filters)
    near, near_params = _near_sql(request)
    match, match_params = _match_sql(request)
    needs, needs_params = _needs_sql(request)
    groups = max(len(request.groups), 1)
    prior = _prior_sql(request.kinds)
    sql = f"""
    candidates AS MATERIALIZED (
        SELECT d.entry_id, d.object_id, d.facets, d.served, d.points,
            {kind_case} AS kind, {columns}{conditions_sql}, {near} AS near
        FROM search_document d
        WHERE {match} AND {visible}
    ),
    scored AS MATERIALIZED (
        SELECT c.*, c.held > 0 AS matched, c.held = {groups} AS exact,
            c.held::float / {groups} AS coverage, {needs} AS needs,
            {prior} AS prior
        FROM candidates c
    ),
    found AS MATERIALIZED (
        SELECT s.*, CASE
            WHEN s.exact THEN 1.0 + s.prior + s.title
            WHEN s.matched THEN s.coverage + s.prior / 3
            ELSE s.prior / 3 END
            + s.needs + CASE WHEN s.near THEN 1.0 ELSE 0.0 END AS prescore
        FROM scored s
        WHERE s.matched OR s.needs > 0 OR NOT %s
    ),
    hits AS MATERIALIZED (
        SELECT * FROM found f
        WHERE f.exact OR f.needs > 0 OR %s
            OR (SELECT count(*) FROM found WHERE exact) < {FEW_EXACT_RESULTS}
    )
    """  # noqa: S608 - only our own fragments are formatted in
    params = [
        *case_params,
        *column_params,
        *conditions_params,
        *near_params,
        *match_params,
        *visible_params,
        *needs_params,
        bool(request.groups),
        request.loose or not request.groups,
    ]
    return sql, params


def _rank_sql(request: Request) -> tuple[str, list]:
    """The final score of the best candidates: ``ts_rank_cd`` (in [0, 1)) read
    from their tsvectors, in full for the records holding every group."""
    if not request.groups:
        return "h.prescore", []
    any_query = " | ".join(f"({g})" for g in request.groups)
    rank = "ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', d.document, %s::tsquery, 32)"
    return (
        f"h.prescore + CASE WHEN h.exact THEN {rank} ELSE 0.1 * {rank} END",
        [any_query, any_query],
    )


def _facet_parts(filters: SearchFilters) -> tuple[str, list, list[str | None]]:
    """One ``UNION ALL`` part per set of filters the facets are counted under."""
    leave_outs: list[str | None] = [None]
    leave_outs += [n for n, v in filters.values.items() if v and n in facets_by_name()]
    leave_outs += [n for n, _c in _sql_conditions() if n in filters.conditions]
    parts, params = [], []
    for index, leave_out in enumerate(leave_outs):
        condition, condition_params = _filter_sql(filters, leave_out)
        parts.append(
            f"SELECT 'f{index}', v, NULL, NULL::float, count(*) "  # noqa: S608
            f"FROM hits h, unnest(h.facets) v WHERE {condition} GROUP BY v"
        )
        params += condition_params
        for column, _named in enumerate(_sql_conditions()):
            parts.append(
                f"SELECT 'o{index}_{column}', NULL, NULL, NULL::float, count(*) "  # noqa: S608
                f"FROM hits h WHERE {condition} AND h.c{column}"
            )
            params += condition_params
    return " UNION ALL ".join(parts), params, leave_outs


# Candidates read in full (their tsvectors ranked), at least; the rest of the
# matches are counted and ordered by their pre-score only.
RANKED_WINDOW = 200


def run(request: Request, offset: int, size: int) -> Answer:
    """One page of hits (``size`` from ``offset``), the total and facet counts."""
    sql, params, leave_outs = statement(request, offset, size)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return _answer(rows, request, leave_outs)


def statement(request: Request, offset: int, size: int) -> tuple[str, list, list]:
    """The SQL of :func:`run`, its parameters and the facets' filter sets."""
    ctes, params = _hits_cte(request)
    condition, condition_params = _filter_sql(request.filters)
    facet_sql, facet_params, leave_outs = _facet_parts(request.filters)
    rank, rank_params = _rank_sql(request)
    sql = f"""
    WITH {ctes},
    best AS MATERIALIZED (
        SELECT * FROM hits h WHERE {condition}
        ORDER BY prescore DESC, entry_id LIMIT %s
    )
    SELECT 'hit', kind, object_id, score, NULL::bigint, served, points FROM (
        SELECT h.*, {rank} AS score
        FROM best h JOIN search_document d ON d.entry_id = h.entry_id
        ORDER BY score DESC, h.entry_id LIMIT %s OFFSET %s
    ) page
    UNION ALL
    SELECT 'type', kind, NULL, NULL, count(*), NULL, NULL
        FROM hits h WHERE {condition} GROUP BY kind
    UNION ALL
    SELECT 'exact', NULL, NULL, NULL, count(*), NULL, NULL FROM found WHERE exact
    UNION ALL
    SELECT part, v, a, b, n, NULL, NULL FROM ({facet_sql}) AS facets (part, v, a, b, n)
    """  # noqa: S608 - only our own fragments are formatted in
    params += [*condition_params, offset + size + RANKED_WINDOW, *rank_params]
    params += [size, offset, *condition_params, *facet_params]
    return sql, params, leave_outs


def _answer(rows, request: Request, leave_outs) -> Answer:
    kinds = {kind.name: kind for kind in request.kinds}
    hits, types, exact = [], Counter(), 0
    by_part: dict[str, Counter] = {}
    for part, value, object_id, score, count, served, points in rows:
        if part == "hit":
            if isinstance(points, str):
                points = json.loads(points)
            hits.append(Hit(kinds[value], object_id, score, served or [], points or []))
        elif part == "type":
            types[value] = count
        elif part == "exact":
            exact = count
        else:
            by_part.setdefault(part, Counter())[value] += count
    hits.sort(key=lambda hit: -hit.score)
    facets = _facet_counts(by_part, request.filters, leave_outs)
    facets["type"] = types
    return Answer(hits, sum(types.values()), facets, exact)


def _facet_counts(by_part: dict, filters: SearchFilters, leave_outs: list) -> dict:
    """``{facet: Counter(value → count)}`` as :func:`search.filters.count_facets`
    gives them (values as the index holds them: a year an int, "valid" a bool)."""
    counts: dict = {}
    for facet in facets():
        index = leave_outs.index(facet.name) if facet.name in leave_outs else 0
        counter: Counter = Counter()
        prefix = f"{facet.name}="
        for value, count in by_part.get(f"f{index}", Counter()).items():
            if value and value.startswith(prefix):
                counter[facet.engine_value(value[len(prefix) :])] += count
        counts[facet.name] = counter
    for column, (name, _condition) in enumerate(_sql_conditions()):
        index = leave_outs.index(name) if name in leave_outs else 0
        held = by_part.get(f"o{index}_{column}", {})
        counts[name] = Counter({True: sum(held.values())})
    return counts
