"""The portal's query layer on the engine's official client.

Wagtail's query API searches one model at a time and knows nothing of
highlighting or suggestions; this module sends one request, in the query DSL that
OpenSearch and Elasticsearch share, over the indexes of every kind of content
(:mod:`search.registry`), and returns ranked hits with their highlighted
snippets and a "did you mean" suggestion.

How a query is scored (documents are described in :mod:`search.backends.engine`):

- all its words in the visitor's language catch-all (``_text_fr`` or
  ``_text_nl``, each analysed as its language, synonyms included), then in the
  other language's, a little lower;
- all its words among the record's names (``_names``, unstemmed), higher, and
  higher still as a phrase;
- failing that, the same with typos allowed (fuzzy, most words);
- a bonus for records located in (or competent for) a commune the query names
  (``1030``, ``Schaerbeek``, ``Elsene``), and for directory services.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.index_settings import DUTCH, FRENCH, NAME, NAMES_FIELD, TEXT_FIELD
from search.registry import ResultType

EXACT = "exact"  # ``_name`` of the clauses that match without typos
HIGHLIGHT_TAGS = ("<mark>", "</mark>")
SNIPPET_SIZE = 180
# Directory services answer most searches: a nudge above pages with the same words.
KIND_BONUS = {"organisation": 4.0, "antenna": 1.0}
COMMUNE_BONUS = 6.0

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


@dataclass
class EngineAnswer:
    total: int
    hits: list[EngineHit] = field(default_factory=list)
    suggestion: str | None = None


def content_type_of(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


# --- What the query says about places ------------------------------------------


def communes_in(query: str) -> tuple[str, ...]:
    """REFNIS codes of the communes a query names: postcodes, or commune names
    in any language (one to four words: ``saint gilles``, ``Sint-Joost-ten-Node``)."""
    from directory.geocoding import get_gazetteer, normalise_place_name

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


def text_query(query: str, language: str) -> dict:
    """The scoring part of the request (see the module's docstring)."""
    other = "nl" if language == "fr" else "fr"
    fuzzy = {"fuzziness": "AUTO", "prefix_length": 1, "max_expansions": 20}
    return {
        "bool": {
            "should": [
                _match(TEXT_FIELD[language], query, 1.5, EXACT, operator="and"),
                _match(TEXT_FIELD[other], query, 1.2, EXACT, operator="and"),
                _match(NAMES_FIELD, query, 2.0, EXACT, operator="and"),
                {
                    "match_phrase": {
                        NAMES_FIELD: {"query": query, "slop": 1, "boost": 2.0}
                    }
                },
                _match(
                    TEXT_FIELD[language],
                    query,
                    0.4,
                    "fuzzy",
                    analyzer=_LANGUAGE_ANALYZER[language],
                    minimum_should_match="2<-34%",
                    **fuzzy,
                ),
                _match(
                    TEXT_FIELD[other],
                    query,
                    0.3,
                    "fuzzy",
                    analyzer=_LANGUAGE_ANALYZER[other],
                    minimum_should_match="2<-34%",
                    **fuzzy,
                ),
                _match(
                    NAMES_FIELD,
                    query,
                    0.8,
                    "fuzzy",
                    analyzer=NAME,
                    minimum_should_match="2<-34%",
                    **fuzzy,
                ),
            ],
            "minimum_should_match": 1,
        }
    }


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
    kinds: list[ResultType] = (),
    offset: int = 0,
    size: int = 10,
) -> dict:
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
    for kind in kinds:
        bonus = KIND_BONUS.get(kind.name)
        if bonus:
            bonuses.append(
                {
                    "constant_score": {
                        "filter": {
                            "term": {
                                "_django_content_type": content_type_of(kind.model)
                            }
                        },
                        "boost": bonus,
                    }
                }
            )
    return {
        "query": {
            "bool": {
                "must": [text_query(query, language)],
                "filter": [
                    {"bool": {"should": kind_filters, "minimum_should_match": 1}}
                ],
                "should": bonuses,
            }
        },
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


def _snippet(highlight: dict, language: str) -> Snippet | None:
    """The best extract: body text before names, the visitor's language first."""
    from search.backends.engine import NAME_FIELDS, _base_name

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
        if not options:
            continue
        start, end = entry["offset"], entry["offset"] + entry["length"]
        corrected = (
            corrected[:start] + display_form(options[0]["text"]) + corrected[end:]
        )
        changed = True
    return corrected if changed else None


def display_form(term: str) -> str:
    """How a suggested (folded) word is written: ``schaerbeek`` → ``Schaerbeek``."""
    from directory.geocoding import get_gazetteer, name_key

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
) -> EngineAnswer:
    """One request over the indexes of ``kinds``; raises the client's errors."""
    indexes, filters = _kind_filters(backend, kinds)
    body = build_body(
        query,
        language,
        filters,
        communes=communes_in(query),
        kinds=kinds,
        offset=offset,
        size=size,
    )
    answer = backend.es.search(
        index=",".join(indexes),
        body=body,
        params={"ignore_unavailable": "true", "allow_no_indices": "true"},
    )
    hits = []
    for hit in answer["hits"]["hits"]:
        source = hit.get("_source") or {}
        content_types = source.get("_django_content_type") or []
        if isinstance(content_types, str):
            content_types = [content_types]
        kind = _kind_of(content_types, kinds)
        if kind is None:
            continue
        hits.append(
            EngineHit(
                kind=kind,
                pk=str(source.get("pk") or hit["_id"]),
                score=hit.get("_score") or 0.0,
                snippet=_snippet(hit.get("highlight") or {}, language),
                exact=EXACT in (hit.get("matched_queries") or []),
            )
        )
    total = answer["hits"]["total"]
    total = total["value"] if isinstance(total, dict) else int(total)
    suggestion = None
    if total == 0 or not any(hit.exact for hit in hits):
        suggestion = _suggestion(answer, query)
    return EngineAnswer(total=total, hits=hits, suggestion=suggestion)


def plain_snippet(text: str, language: str | None, words: list[str]) -> Snippet | None:
    """A snippet for the database backend: the first sentence-sized extract
    around a query word, the words marked (the engine's highlighting, simplified)."""
    from directory.geocoding import normalise_place_name

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
