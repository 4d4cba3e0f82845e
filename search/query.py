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

from core.search_contracts import ResultType
from places.geocoding import get_gazetteer, name_key, normalise_place_name
from places.ranking import engine_sort_script
from search.backends.auto import NAME_FIELDS, _base_name
from search.filters import (
    SearchFilters,
    facet_aggregations,
    filter_clauses,
    read_aggregations,
)
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
from search.registry import facets, result_types

EXACT = "exact"  # ``_name`` of the clauses that match without typos
# Fewer hits than this with every word as typed: ask again, tolerating typos.
FEW_EXACT_HITS = 3
HIGHLIGHT_TAGS = ("<mark>", "</mark>")
SNIPPET_SIZE = 180
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
    # facet name → {value: count}; "type" counts kinds, a condition {True: n}
    # (search.filters.read_aggregations).
    facets: dict = field(default_factory=dict)


def content_type_of(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


# --- What the query says about places ------------------------------------------


def communes_in(query: str) -> tuple[str, ...]:
    """REFNIS codes of the communes a query names: postcodes, or commune names
    in any language (one to four words: ``saint gilles``, ``Sint-Joost-ten-Node``)."""

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
    """The records whose facet holds ``needs`` (services filed under those
    categories) and the kinds that are needs themselves (the categories),
    scored alike whatever their words."""
    if not needs:
        return []
    clauses = [
        {
            "constant_score": {
                "filter": {"terms": {f"{facet.column}_filter": list(needs)}},
                "boost": NEED_SERVICE_BOOST,
            }
        }
        for facet in facets()
        if facet.holds_needs
    ]
    clauses += [
        {
            "constant_score": {
                "filter": {
                    "bool": {
                        "filter": [
                            {"terms": {f"{kind.need_column}_filter": list(needs)}},
                            {
                                "term": {
                                    "_django_content_type": content_type_of(kind.model)
                                }
                            },
                        ]
                    }
                },
                "boost": NEED_CATEGORY_BOOST,
            }
        }
        for kind in result_types().values()
        if kind.need_column
    ]
    return clauses


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
    functions = [
        {
            "filter": {"term": {"_django_content_type": content_type_of(kind.model)}},
            "weight": kind.weight_for(place),
        }
        for kind in kinds
        if kind.weight_for(place) != 1.0
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

    gazetteer = get_gazetteer()
    refnis = gazetteer.names.get(name_key(term))
    if refnis:
        commune = gazetteer.communes[refnis]
        for name in (commune.name_fr, commune.name_nl):
            if name_key(name) == name_key(term):
                return name
    return term


@dataclass
class _Request:
    """What every body of one engine search shares."""

    query: str
    language: str
    kinds: list[ResultType]
    kind_filters: list[dict]
    filters: SearchFilters
    offset: int
    size: int
    near: object = None
    # The filters (and the radius) applied after scoring, and the radius alone
    # (the facet counts apply it too).
    clauses: list[dict] = field(default_factory=list)
    geo_clause: list[dict] = field(default_factory=list)
    plain: object = None

    def body(self, typos: bool) -> dict:
        body = self._scored_body(typos) if self.query else self._filtered_body()
        if self.clauses:
            body["post_filter"] = {"bool": {"filter": self.clauses}}
        aggregations = facet_aggregations(
            self.filters,
            {
                kind.name: f
                for kind, f in zip(self.kinds, self.kind_filters, strict=True)
            },
        )
        for aggregation in aggregations.values():
            aggregation["filter"]["bool"]["filter"] += self.geo_clause
        body["aggs"] = aggregations
        if self.near is not None:
            _sort_by_distance(body, self.near)
        return body

    def _scored_body(self, typos: bool) -> dict:
        plain = self.plain
        body = build_body(
            self.query,
            self.language,
            self.kind_filters,
            communes=communes_in(self.query),
            place=place_query_kind(self.query),
            kinds=self.kinds,
            offset=self.offset,
            size=self.size,
            typos=typos,
            plain=plain.text if plain.text != self.query else "",
            needs=plain.needs,
        )
        if not typos:
            body.pop("suggest")  # asked for with the typos, if at all
        return body

    def _filtered_body(self) -> dict:
        """No words: every record of the kinds, as filtered."""
        body = build_body(
            "*",
            self.language,
            self.kind_filters,
            kinds=self.kinds,
            offset=self.offset,
            size=self.size,
        )
        body["query"] = {
            "bool": {
                "filter": [
                    {"bool": {"should": self.kind_filters, "minimum_should_match": 1}}
                ]
            }
        }
        body.pop("suggest")
        return body


def _radius_clause(near, radius_km: float | None) -> list[dict]:
    if near is None or not radius_km:
        return []
    return [
        {
            "geo_distance": {
                "distance": f"{radius_km}km",
                "location_filter": {"lat": near.latitude, "lon": near.longitude},
            }
        }
    ]


def _ask(backend, indexes: list[str], body: dict) -> dict:
    # The engine stops collecting hits when the client would give up anyway (it
    # then answers with what it found, ``timed_out`` set).
    body["timeout"] = f"{engine_timeout_ms()}ms"
    return backend.es.search(
        index=",".join(indexes),
        body=body,
        params={"ignore_unavailable": "true", "allow_no_indices": "true"},
    )


def _engine_hit(
    hit: dict, kinds: list[ResultType], language: str, near
) -> EngineHit | None:
    kind, pk = hit_kind(hit, kinds)
    if kind is None:
        return None
    distance = None
    if near is not None:
        value = (hit.get("sort") or [None, None])[1]  # script, distance, score
        if isinstance(value, (int, float)) and value < 1e6:
            distance = round(float(value), 2)
    return EngineHit(
        kind=kind,
        pk=pk,
        score=hit.get("_score") or 0.0,
        snippet=_snippet(hit.get("highlight") or {}, language),
        exact=EXACT in (hit.get("matched_queries") or []),
        distance_km=distance,
    )


def engine_search(
    backend,
    query: str,
    language: str,
    kinds: list[ResultType],
    *,
    offset: int = 0,
    size: int = 10,
    filters: SearchFilters | None = None,
    near=None,
    radius_km: float | None = None,
) -> EngineAnswer:
    """One request over the indexes of ``kinds``; raises the client's errors.

    ``filters`` narrow the hits and come back as facet counts; ``near`` (a
    :class:`places.geocoding.Where`) sorts by distance, the services
    competent for its commune first, within ``radius_km`` if given.
    """
    filters = filters or SearchFilters()
    indexes, kind_filters = _kind_filters(backend, kinds)
    geo_clause = _radius_clause(near, radius_km)
    request = _Request(
        query,
        language,
        kinds,
        kind_filters,
        filters,
        offset,
        size,
        near=near,
        clauses=filter_clauses(filters) + geo_clause,
        geo_clause=geo_clause,
        plain=read_plain(query) if query else None,
    )
    # Every word as typed first; with typos tolerated (and a "did you mean")
    # only when that finds too little.
    answer = _ask(backend, indexes, request.body(typos=not query))
    if query and _total(answer) < FEW_EXACT_HITS:
        answer = _ask(backend, indexes, request.body(typos=True))
    hits = [
        engine_hit
        for hit in answer["hits"]["hits"]
        if (engine_hit := _engine_hit(hit, kinds, language, near)) is not None
    ]
    total = _total(answer)
    suggestion = None
    if query and (total == 0 or not any(hit.exact for hit in hits)):
        suggestion = _suggestion(answer, query)
    return EngineAnswer(
        total=total,
        hits=hits,
        suggestion=suggestion,
        facets=read_aggregations(answer.get("aggregations") or {}),
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


def plain_snippet(text: str, language: str | None, words: list[str]) -> Snippet | None:
    """A snippet for the database backend: the first sentence-sized extract
    around a query word, the words marked (the engine's highlighting, simplified)."""

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
