"""The portal's query layer on the engine's official client.

Wagtail's query API searches one model at a time and knows nothing of
highlighting or suggestions; this module sends one request (two when the
words as typed find too little), in the query DSL that
OpenSearch and Elasticsearch share, over the indexes of every kind of content
(:mod:`search.registry`), and returns ranked hits with their highlighted
snippets and a "did you mean" suggestion.

How a query is scored (documents are described in :mod:`search.backends.auto`):

- all its words in the visitor's language catch-all (``_text_fr`` or
  ``_text_nl``, each analysed as its language, synonyms included), then in the
  other language's, a little lower;
- all its words among the record's names (``_names``, unstemmed), higher, and
  higher still as a phrase;
- when that finds fewer than ``FEW_EXACT_HITS``, a second request adds the
  same with typos allowed (fuzzy, most words) and asks for a "did you mean";
- a query in plain words (:mod:`search.plain_words`): most of its meaningful
  words (fillers left out), higher as a phrase, and the categories its everyday
  words name (``needs.txt``) with their services, whatever their words;
- a bonus for records located in (or competent for) a commune the query names
  (``1030``, ``Schaerbeek``, ``Elsene``), and for directory services.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.filters import Filters, facet_aggregations, filter_clauses
from search.index_settings import (
    DUTCH,
    FRENCH,
    LANGUAGE_NAMES_FIELD,
    NAME,
    NAMES_FIELD,
    TEXT_FIELD,
)
from search.plain_words import is_everyday
from search.plain_words import read as read_plain
from search.registry import ResultType

EXACT = "exact"  # ``_name`` of the clauses that match without typos
# Fewer hits than this with every word as typed: ask again, tolerating typos.
FEW_EXACT_HITS = 3
HIGHLIGHT_TAGS = ("<mark>", "</mark>")
SNIPPET_SIZE = 180
# Directory services answer most searches: a nudge (a factor) above pages with
# the same words.
KIND_WEIGHT = {"organisation": 1.3, "antenna": 1.15, "category": 1.6}
PLACE_KIND_WEIGHT = {
    "postcode": {"antenna": 1.3, "organisation": 1.15},
    "commune": {"commune": 1.6, "antenna": 1.3, "organisation": 1.15},
}
COMMUNE_BONUS = 6.0
# A query in plain words: its meaningful words (search.plain_words) need not all
# be in one record — all of one or two, all but one of three or four, half of
# more — and the categories its everyday words name score their services.
PLAIN_MINIMUM_SHOULD_MATCH = "2<-1 4<-50%"
NEED_SERVICE_BOOST = 4.0
NEED_CATEGORY_BOOST = 6.0

_LANGUAGE_ANALYZER = {"fr": FRENCH, "nl": f"{DUTCH}_plain"}
_POSTCODE = re.compile(r"^\d{4}$")


@dataclass
class Snippet:
    """A highlighted extract (safe HTML) and the language it is written in."""

    html: SafeString
    language: str | None


@dataclass
class EngineHit:
    kind: ResultType
    pk: str
    score: float
    snippet: Snippet | None = None
    exact: bool = True
    distance_km: float | None = None


@dataclass
class EngineAnswer:
    total: int
    hits: list[EngineHit] = field(default_factory=list)
    suggestion: str | None = None
    # facet name → {value: count}; "type" counts kinds, "open_now" {True: n}.
    facets: dict = field(default_factory=dict)


def content_type_of(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


# --- What the query says about places ------------------------------------------


def communes_in(query: str) -> tuple[str, ...]:
    """REFNIS codes of the communes a query names: postcodes, or commune names
    in any language (one to four words: ``saint gilles``, ``Sint-Joost-ten-Node``)."""
    from places.geocoding import get_gazetteer, normalise_place_name

    gazetteer = get_gazetteer()
    found: list[str] = []
    words = normalise_place_name(query).split()
    for word in words:
        if _POSTCODE.match(word):
            found.extend(gazetteer.postcodes.get(word, ()))
    for size in range(min(4, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            chunk = words[start : start + size]
            if size == 1 and (len(chunk[0]) < 3 or chunk[0].isdigit()):
                continue
            refnis = gazetteer.names.get("".join(chunk))
            if refnis:
                found.append(refnis)
    return tuple(dict.fromkeys(found))


def place_query_kind(query: str) -> str | None:
    """``"postcode"`` when the query is only postcodes, ``"commune"`` when it is
    only places with at least one commune name, else None."""
    from places.geocoding import get_gazetteer, normalise_place_name

    gazetteer = get_gazetteer()
    words = normalise_place_name(query).split()
    index = 0
    named = False
    while index < len(words):
        if words[index] in gazetteer.postcodes:
            index += 1
            continue
        for size in range(min(4, len(words) - index), 0, -1):
            if "".join(words[index : index + size]) in gazetteer.names:
                index += size
                named = True
                break
        else:
            return None
    if not words:
        return None
    return "commune" if named else "postcode"


# --- The request -----------------------------------------------------------------


def _kind_filters(backend, kinds: list[ResultType]) -> tuple[list[str], list[dict]]:
    """The indexes to search and, per kind, the filter selecting its documents.

    Page kinds share Wagtail's page index: the generic ``page`` kind leaves out
    the page types that have a kind of their own (fiches, newsletter articles).
    """
    from search.registry import result_types

    page_kinds = [kind for kind in result_types().values() if kind.is_page]
    indexes: list[str] = []
    filters: list[dict] = []
    for kind in kinds:
        index = backend.get_index_for_model(kind.model).name
        if index not in indexes:
            indexes.append(index)
        clauses: list[dict] = [
            {"term": {"_django_content_type": content_type_of(kind.model)}}
        ]
        filterable = {f.field_name for f in kind.model.get_filterable_search_fields()}
        if "live" in filterable:
            clauses.append({"term": {"live_filter": True}})
        for flag in kind.required_flags:
            clauses.append({"term": {f"{flag}_filter": True}})
        query: dict = {"bool": {"filter": clauses}}
        excluded = [
            content_type_of(other.model)
            for other in page_kinds
            if kind.is_page
            and other.model is not kind.model
            and issubclass(other.model, kind.model)
        ]
        if excluded:
            query["bool"]["must_not"] = [{"terms": {"_django_content_type": excluded}}]
        filters.append(query)
    return indexes, filters


def text_query(query: str, language: str, typos: bool = True, plain: str = "") -> dict:
    """The scoring part of the request (see the module's docstring).

    Three groups — the words in the text, the words in the names, the words
    with typos — each scored by its best field (``dis_max``), so that a record
    does not win merely by repeating its name in many fields. Without ``typos``
    only the first two (every word must be found): fuzzy matching costs most of
    a request's time, so it is asked for only when that finds too little.
    ``plain``: the query's meaningful words (:mod:`search.plain_words`), of
    which most, not all, must be found, a little lower, higher as a phrase.
    """
    other = "nl" if language == "fr" else "fr"
    fuzzy = {"fuzziness": "AUTO", "prefix_length": 1, "max_expansions": 20}
    typo_tolerant = {"minimum_should_match": "2<-34%", **fuzzy}
    text = [
        _match(TEXT_FIELD[language], query, 1.5, EXACT, operator="and"),
        _match(TEXT_FIELD[other], query, 1.2, EXACT, operator="and"),
    ]
    if plain:
        most = {"minimum_should_match": PLAIN_MINIMUM_SHOULD_MATCH}
        text += [
            _match(TEXT_FIELD[language], plain, 1.0, EXACT, **most),
            _match(TEXT_FIELD[other], plain, 0.8, EXACT, **most),
            {
                "match_phrase": {
                    TEXT_FIELD[language]: {"query": plain, "slop": 3, "boost": 1.5}
                }
            },
        ]
    names = [
        _match(NAMES_FIELD, query, 2.0, EXACT, operator="and"),
        _match(LANGUAGE_NAMES_FIELD[language], query, 2.0, EXACT, operator="and"),
        _match(LANGUAGE_NAMES_FIELD[other], query, 1.6, EXACT, operator="and"),
        {"match_phrase": {NAMES_FIELD: {"query": query, "slop": 1, "boost": 2.4}}},
    ]
    with_typos = [
        _match(
            TEXT_FIELD[language],
            query,
            0.4,
            "fuzzy",
            analyzer=_LANGUAGE_ANALYZER[language],
            **typo_tolerant,
        ),
        _match(
            TEXT_FIELD[other],
            query,
            0.3,
            "fuzzy",
            analyzer=_LANGUAGE_ANALYZER[other],
            **typo_tolerant,
        ),
        _match(NAMES_FIELD, query, 0.8, "fuzzy", analyzer=NAME, **typo_tolerant),
    ]
    groups = (text, names, with_typos) if typos else (text, names)
    return {
        "bool": {
            "should": [
                {"dis_max": {"queries": group, "tie_breaker": 0.2}} for group in groups
            ],
            "minimum_should_match": 1,
        }
    }


def need_clauses(needs: tuple[str, ...]) -> list[dict]:
    """The categories ``needs`` and the services filed under them, scored alike
    whatever their words."""
    if not needs:
        return []
    from directory.models import Category

    return [
        {
            "constant_score": {
                "filter": {"terms": {"theme_slugs_filter": list(needs)}},
                "boost": NEED_SERVICE_BOOST,
            }
        },
        {
            "constant_score": {
                "filter": {
                    "bool": {
                        "filter": [
                            {"terms": {"slug_filter": list(needs)}},
                            {
                                "term": {
                                    "_django_content_type": content_type_of(Category)
                                }
                            },
                        ]
                    }
                },
                "boost": NEED_CATEGORY_BOOST,
            }
        },
    ]


def _match(field_name: str, query: str, boost: float, name: str, **options) -> dict:
    return {
        "match": {
            field_name: {"query": query, "boost": boost, "_name": name, **options}
        }
    }


def build_body(
    query: str,
    language: str,
    kind_filters: list[dict],
    *,
    communes: tuple[str, ...] = (),
    place: str | None = None,
    kinds: list[ResultType] = (),
    offset: int = 0,
    size: int = 10,
    typos: bool = True,
    plain: str = "",
    needs: tuple[str, ...] = (),
) -> dict:
    """The request body. ``place`` says the query names nothing but a place
    (:func:`place_query_kind`): for a postcode the sites there come before their
    organisations; for a commune's name, the commune's page comes first.
    ``typos``, ``plain``: see :func:`text_query`; ``needs``: slugs of the
    categories the query's everyday words name (:mod:`search.plain_words`)."""
    bonuses: list[dict] = []
    if communes:
        bonuses.append(
            {
                "terms": {
                    "commune_refnis_filter": list(communes),
                    "boost": COMMUNE_BONUS,
                }
            }
        )
    weights = PLACE_KIND_WEIGHT.get(place, KIND_WEIGHT)
    functions = [
        {
            "filter": {"term": {"_django_content_type": content_type_of(kind.model)}},
            "weight": weights[kind.name],
        }
        for kind in kinds
        if kind.name in weights
    ]
    scored: dict = {
        "bool": {
            "must": [
                {
                    "bool": {
                        "should": [
                            text_query(query, language, typos, plain),
                            *need_clauses(needs),
                        ],
                        "minimum_should_match": 1,
                    }
                }
            ],
            "filter": [{"bool": {"should": kind_filters, "minimum_should_match": 1}}],
            "should": bonuses,
        }
    }
    if functions:
        scored = {
            "function_score": {
                "query": scored,
                "functions": functions,
                "score_mode": "max",
                "boost_mode": "multiply",
            }
        }
    return {
        "query": scored,
        "from": offset,
        "size": size,
        "track_total_hits": True,
        "_source": ["pk", "_django_content_type"],
        "highlight": {
            "pre_tags": [HIGHLIGHT_TAGS[0]],
            "post_tags": [HIGHLIGHT_TAGS[1]],
            "encoder": "html",
            "require_field_match": False,
            "fragment_size": SNIPPET_SIZE,
            "number_of_fragments": 1,
            "no_match_size": 0,
            "fields": {"*_fr": {}, "*_nl": {}, "places": {}, "short_name": {}},
        },
        "suggest": {
            "text": query,
            "names": {
                "term": {
                    "field": NAMES_FIELD,
                    "analyzer": NAME,
                    "suggest_mode": "missing",
                    "min_word_length": 4,
                    "prefix_length": 1,
                    "max_edits": 2,
                    "size": 1,
                }
            },
        },
    }


# --- Reading the answer ----------------------------------------------------------


def _kind_of(content_types: list[str], kinds: list[ResultType]) -> ResultType | None:
    by_type = {content_type_of(kind.model): kind for kind in kinds}
    for content_type in content_types:  # most specific first
        if content_type in by_type:
            return by_type[content_type]
    return None


def hit_kind(hit: dict, kinds: list[ResultType]) -> tuple[ResultType | None, str]:
    """The kind of content of an engine hit (None if not among ``kinds``), and
    its primary key."""
    source = hit.get("_source") or {}
    content_types = source.get("_django_content_type") or []
    if isinstance(content_types, str):
        content_types = [content_types]
    return _kind_of(content_types, kinds), str(source.get("pk") or hit["_id"])


def _snippet(highlight: dict, language: str) -> Snippet | None:
    """The best extract: body text before names, the visitor's language first."""
    from search.backends.auto import NAME_FIELDS, _base_name

    candidates = []
    for column, fragments in highlight.items():
        if column.startswith("_") or not fragments:
            continue
        code = (
            "fr" if column.endswith("_fr") else "nl" if column.endswith("_nl") else None
        )
        is_name = _base_name(column) in NAME_FIELDS
        rank = (is_name, code not in (language, None))
        candidates.append((rank, fragments[0], code))
    if not candidates:
        return None
    candidates.sort(key=lambda item: item[0])
    _rank, fragment, code = candidates[0]
    return Snippet(mark_safe(fragment), code)  # noqa: S308 - escaped by the engine


def _suggestion(answer: dict, query: str) -> str | None:
    entries = (answer.get("suggest") or {}).get("names") or []
    corrected = query
    changed = False
    # Replace from the end so that earlier offsets stay valid.
    for entry in sorted(entries, key=lambda e: -e["offset"]):
        options = entry.get("options") or []
        if not options or is_everyday(entry.get("text") or ""):
            continue  # "mari" is no misspelt "midi"
        start, end = entry["offset"], entry["offset"] + entry["length"]
        corrected = (
            corrected[:start] + display_form(options[0]["text"]) + corrected[end:]
        )
        changed = True
    return corrected if changed else None


def display_form(term: str) -> str:
    """How a suggested (folded) word is written: ``schaerbeek`` → ``Schaerbeek``."""
    from places.geocoding import get_gazetteer, name_key

    gazetteer = get_gazetteer()
    refnis = gazetteer.names.get(name_key(term))
    if refnis:
        commune = gazetteer.communes[refnis]
        for name in (commune.name_fr, commune.name_nl):
            if name_key(name) == name_key(term):
                return name
    return term


def engine_search(
    backend,
    query: str,
    language: str,
    kinds: list[ResultType],
    *,
    offset: int = 0,
    size: int = 10,
    filters: Filters | None = None,
    near=None,
    radius_km: float | None = None,
) -> EngineAnswer:
    """One request over the indexes of ``kinds``; raises the client's errors.

    ``filters`` narrow the hits and come back as facet counts; ``near`` (a
    :class:`places.geocoding.Where`) sorts by distance, the services
    competent for its commune first, within ``radius_km`` if given.
    """
    filters = filters or Filters()
    indexes, kind_filter_list = _kind_filters(backend, kinds)
    clauses = filter_clauses(filters)
    if near is not None and radius_km:
        clauses.append(
            {
                "geo_distance": {
                    "distance": f"{radius_km}km",
                    "location_filter": {"lat": near.latitude, "lon": near.longitude},
                }
            }
        )
    geo_clause = clauses[-1:] if near is not None and radius_km else []

    plain = read_plain(query) if query else None

    def body_for(typos: bool) -> dict:
        if query:
            body = build_body(
                query,
                language,
                kind_filter_list,
                communes=communes_in(query),
                place=place_query_kind(query),
                kinds=kinds,
                offset=offset,
                size=size,
                typos=typos,
                plain=plain.text if plain.text != query else "",
                needs=plain.categories,
            )
            if not typos:
                body.pop("suggest")  # asked for with the typos, if at all
        else:
            body = build_body(
                "*", language, kind_filter_list, kinds=kinds, offset=offset, size=size
            )
            body["query"] = {
                "bool": {
                    "filter": [
                        {
                            "bool": {
                                "should": kind_filter_list,
                                "minimum_should_match": 1,
                            }
                        }
                    ]
                }
            }
            body.pop("suggest")
        if clauses:
            body["post_filter"] = {"bool": {"filter": clauses}}
        aggregations = facet_aggregations(
            filters,
            {kind.name: f for kind, f in zip(kinds, kind_filter_list, strict=True)},
        )
        for aggregation in aggregations.values():
            aggregation["filter"]["bool"]["filter"] += geo_clause
        body["aggs"] = aggregations
        if near is not None:
            _sort_by_distance(body, near)
        return body

    def ask(body: dict) -> dict:
        # The engine stops collecting hits when the client would give up
        # anyway (it then answers with what it found, ``timed_out`` set).
        body["timeout"] = f"{engine_timeout_ms()}ms"
        return backend.es.search(
            index=",".join(indexes),
            body=body,
            params={"ignore_unavailable": "true", "allow_no_indices": "true"},
        )

    # Every word as typed first; with typos tolerated (and a "did you mean")
    # only when that finds too little.
    answer = ask(body_for(typos=not query))
    if query and _total(answer) < FEW_EXACT_HITS:
        answer = ask(body_for(typos=True))
    hits = []
    for hit in answer["hits"]["hits"]:
        kind, pk = hit_kind(hit, kinds)
        if kind is None:
            continue
        distance = None
        if near is not None:
            value = (hit.get("sort") or [None, None])[1]  # script, distance, score
            if isinstance(value, (int, float)) and value < 1e6:
                distance = round(float(value), 2)
        hits.append(
            EngineHit(
                kind=kind,
                pk=pk,
                score=hit.get("_score") or 0.0,
                snippet=_snippet(hit.get("highlight") or {}, language),
                exact=EXACT in (hit.get("matched_queries") or []),
                distance_km=distance,
            )
        )
    total = _total(answer)
    suggestion = None
    if query and (total == 0 or not any(hit.exact for hit in hits)):
        suggestion = _suggestion(answer, query)
    return EngineAnswer(
        total=total,
        hits=hits,
        suggestion=suggestion,
        facets=_facet_counts(answer.get("aggregations") or {}),
    )


def engine_timeout_ms() -> int:
    """A little less than the client's ``SEARCH_TIMEOUT``."""
    from django.conf import settings

    return max(100, int(settings.SEARCH_TIMEOUT * 1000 * 0.8))


def _total(answer: dict) -> int:
    total = answer["hits"]["total"]
    return total["value"] if isinstance(total, dict) else int(total)


def _sort_by_distance(body: dict, near) -> None:
    """In the order of :mod:`places.ranking`: competent for ``near``'s commune
    first (smallest territory first), then serving everyone, then the others; each
    group nearest first; records without a place (categories, documents) last."""
    from places.ranking import engine_sort_script

    body["sort"] = [
        engine_sort_script(near.communes),
        {
            "_geo_distance": {
                "location_filter": {"lat": near.latitude, "lon": near.longitude},
                "order": "asc",
                "unit": "km",
                "mode": "min",
                "ignore_unmapped": True,
            }
        },
        # Equals (an organisation and its only site) in the order of relevance.
        {"_score": "desc"},
    ]
    body["track_scores"] = True


def _facet_counts(aggregations: dict) -> dict:
    counts: dict = {}
    for name, aggregation in aggregations.items():
        if name == "open_now":
            counts[name] = {True: aggregation.get("doc_count", 0)}
            continue
        buckets = (aggregation.get("values") or {}).get("buckets") or []
        if isinstance(buckets, dict):  # the "type" filters aggregation
            counts[name] = {key: b["doc_count"] for key, b in buckets.items()}
        else:
            counts[name] = {
                b.get("key_as_string", b["key"]) if name == "valid" else b["key"]: (
                    b["doc_count"]
                )
                for b in buckets
            }
    return counts


def plain_snippet(text: str, language: str | None, words: list[str]) -> Snippet | None:
    """A snippet for the database backend: the first sentence-sized extract
    around a query word, the words marked (the engine's highlighting, simplified)."""
    from places.geocoding import normalise_place_name

    text = " ".join((text or "").split())
    if not text:
        return None
    folded_words = {normalise_place_name(w) for w in words if len(w) > 2}
    tokens = re.split(r"(\W+)", text)
    position = 0
    for index, token in enumerate(tokens):
        if normalise_place_name(token) in folded_words:
            position = max(0, len("".join(tokens[:index])) - SNIPPET_SIZE // 3)
            break
    extract = text[position : position + SNIPPET_SIZE]
    parts = []
    for token in re.split(r"(\W+)", extract):
        if token and normalise_place_name(token) in folded_words:
            parts.append(f"{HIGHLIGHT_TAGS[0]}{escape(token)}{HIGHLIGHT_TAGS[1]}")
        else:
            parts.append(escape(token))
    prefix = "… " if position else ""
    suffix = " …" if position + SNIPPET_SIZE < len(text) else ""
    return Snippet(mark_safe(prefix + "".join(parts) + suffix), language)  # noqa: S308
