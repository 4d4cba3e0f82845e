"""Searching the portal, on the engine when it answers, on the database otherwise.

One search over every kind of content (:mod:`search.registry`): CMS pages,
the directory's organisations, antennas, categories and communes, and what the
documentation centre and the newsletters register. On the engine it is one
ranked request (:mod:`search.query`); on the database backend (``SEARCH_URL``
unset, or the engine down) each kind is searched with the synonyms expanded and
the lists are merged by rank, with a discreet notice when the engine failed.
"""

from __future__ import annotations

import difflib
import logging
import re
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils import translation
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from core.cache_versions import bump_version, current_version
from core.constants import LANGUAGE_CODES
from core.languages import TranslatedValue, in_language
from core.search_contracts import ResultType
from places.distance import distance_km
from places.geocoding import normalise_place_name
from places.ranking import rank_key
from search import database
from search.filters import ObjectFacets, SearchFilters, count_facets
from search.index_settings import commune_synonyms, sector_synonyms
from search.limits import SearchTooBroad, bounded_statements, bounded_terms
from search.params import SearchParameters
from search.plain_words import FILLER_WORDS, is_everyday, place_in_sentence
from search.plain_words import read as read_plain
from search.query import Snippet, engine_search, plain_snippet
from search.registry import extras, first_extra
from search.registry import result_types as registered_types
from search.stats import record_query
from search.urgent import urgent_lines_for_query

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200
DATABASE_PER_TYPE_LIMIT = 200


def result_types() -> dict[str, ResultType]:
    return registered_types()


@dataclass
class SearchResult:
    type: str
    type_label: object
    obj: object
    score: float
    url: str
    title: TranslatedValue
    snippet: Snippet | None = None
    distance_km: float | None = None
    # The kind's line under the title (ResultType.meta_template).
    meta_template: str | None = None

    @property
    def external_id(self) -> str | None:
        return (
            getattr(self.obj, "external_id", None)
            or getattr(self.obj, "refnis", None)
            or getattr(self.obj, "slug", None)
        )


@dataclass
class SearchOutcome:
    query: str
    page: PaginatorPage | None = None
    backend: str = "database"
    degraded: bool = False
    results: list = field(default_factory=list)
    suggestion: str | None = None
    # When nothing matched and the suggestion did, its results are shown.
    corrected: str | None = None
    # facet name → {value: count} (see search.filters)
    facets: dict = field(default_factory=dict)
    # The visitor's message when the search could not be answered (too broad).
    error: str | None = None
    # Help lines for a query about violence, suicide or danger (search.urgent).
    urgent: list = field(default_factory=list)
    # The place a sentence named ("à Jette"), searched as near= (a Where), and
    # the words searched for without it.
    place: object = None
    terms: str = ""

    @property
    def count(self) -> int:
        return self.page.paginator.count if self.page else 0


class _Window:
    """A Paginator-compatible list of ``total`` results of which only one page
    (starting at ``offset``) has been fetched."""

    def __init__(self, total: int, offset: int, items: list) -> None:
        self.total, self.offset, self.items = total, offset, items

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, key):
        if isinstance(key, slice):
            start = (key.start or 0) - self.offset
            stop = (key.stop if key.stop is not None else self.total) - self.offset
            return self.items[max(start, 0) : max(stop, 0)]
        return self.items[key - self.offset]


def normalise_query(query: str) -> str:
    """The words searched for: distinct, a bounded number (:mod:`search.limits`)."""
    return bounded_terms(" ".join((query or "").split())[:MAX_QUERY_LENGTH])


def search(
    query: str,
    page_number: int | str = 1,
    *,
    types: list[str] | None = None,
    page_size: int = PAGE_SIZE,
    language: str | None = None,
    filters: SearchFilters | None = None,
    near=None,
    radius_km: float | None = None,
) -> SearchOutcome:
    """Everything matching ``query``, both languages, best first.

    ``filters`` narrow the results (and their facet counts come back);
    ``near`` (a :class:`places.geocoding.Where`) sorts them by distance,
    services competent for its commune first, within ``radius_km`` if given.
    A query may be empty when filters or a place say what is wanted.

    Uses the engine configured as the ``default`` backend; if it fails (down,
    timeout, bad answer), the database backend answers and ``degraded`` is set.
    Never raises for what a visitor may type.
    """
    typed = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    query = normalise_query(query)
    language = (language or translation.get_language() or "fr")[:2]
    if language not in LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE[:2]
    filters = filters or SearchFilters()
    outcome = SearchOutcome(query=query)
    if query and near is None:
        # "médecin généraliste à Forest": Forest is where, not a word to match.
        with translation.override(language):
            # Before the words are made distinct: "à manger à Forest".
            rest, outcome.place = place_in_sentence(typed)
        if outcome.place is not None:
            query, near = normalise_query(rest), outcome.place
    outcome.terms = query
    if query:
        with translation.override(language):
            outcome.urgent = urgent_lines_for_query(query, language)
    if not query and not filters and near is None:
        return outcome
    available = result_types()
    kinds = [available[name] for name in (types or available)]
    number = _page_number(page_number)
    request = (kinds, number, page_size, language, filters, near, radius_km)
    if settings.SEARCH_URL:
        outcome.backend = "engine"
        try:
            _engine(outcome, *request)
            return outcome
        except Exception:
            logger.exception("Search engine failed; falling back to the database")
            outcome.backend, outcome.degraded = "database", True
    try:
        with bounded_statements():
            _database(outcome, *request)
    except SearchTooBroad as error:
        logger.warning("Database search cut short: %r", query)
        outcome.page, outcome.results, outcome.facets = None, [], {}
        outcome.error = str(error)
    return outcome


def search_and_record(
    query: str,
    page_number: int | str,
    parameters: SearchParameters,
    *,
    language: str,
    types: list[str] | None = None,
    page_size: int = PAGE_SIZE,
) -> SearchOutcome:
    """A visitor's search, from the page or the API: :func:`search` with the
    parameters read (:mod:`search.params`), and the query counted in the
    statistics when it is a new search (its first page) that could be answered."""
    outcome = search(
        query,
        page_number,
        types=types,
        page_size=page_size,
        language=language,
        filters=parameters.filters,
        near=parameters.near,
        radius_km=parameters.radius_km,
    )
    if not outcome.error and outcome.query and is_first_page(page_number):
        record_query(outcome.query, language, outcome.count)
    return outcome


def is_first_page(page_number: int | str) -> bool:
    """A new search rather than its next page (no page given is the first)."""
    return str(page_number).strip() in ("", "1")


def _page_number(value: int | str) -> int:
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


# --- On the engine ---------------------------------------------------------------


def _engine(outcome, kinds, number, page_size, language, filters, near, radius):
    backend = get_search_backend("default")

    def ask(number: int):
        return engine_search(
            backend,
            outcome.terms,
            language,
            kinds,
            offset=(number - 1) * page_size,
            size=page_size,
            filters=filters,
            near=near,
            radius_km=radius,
        )

    answer = ask(number)
    last = max(1, -(-answer.total // page_size))
    if number > last:
        # Past the last page: show the last one, like Paginator.get_page.
        number = last
        answer = ask(number)
    results = _load(answer.hits, language)
    window = _Window(answer.total, (number - 1) * page_size, results)
    outcome.page = Paginator(window, page_size).get_page(number)
    outcome.results = list(outcome.page.object_list)
    outcome.suggestion = answer.suggestion
    outcome.facets = answer.facets


def _load(hits, language: str) -> list[SearchResult]:
    """The objects behind a page of hits, through each kind's visible queryset."""
    wanted: dict[str, list[str]] = {}
    for hit in hits:
        wanted.setdefault(hit.kind.name, []).append(hit.pk)
    objects: dict[tuple[str, str], object] = {}
    for name, pks in wanted.items():
        kind = next(hit.kind for hit in hits if hit.kind.name == name)
        for obj in kind.queryset().filter(pk__in=pks):
            if kind.visible(obj):
                objects[(name, str(obj.pk))] = obj
    results = []
    for hit in hits:
        obj = objects.get((hit.kind.name, hit.pk))
        if obj is None:
            continue  # indexed but not visible (draft, private, deleted meanwhile)
        result = _result(hit.kind, obj, hit.score, hit.snippet, language)
        result.distance_km = hit.distance_km
        results.append(result)
    return results


def _result(kind: ResultType, obj, score: float, snippet, language: str):
    with translation.override(language):
        title = in_language(obj, kind.title_field)
        url = kind.url(obj)
    return SearchResult(
        kind.name,
        kind.label,
        obj,
        score,
        url,
        title,
        snippet,
        meta_template=kind.meta_template,
    )


# --- On the database -------------------------------------------------------------


def database_query(query: str) -> str:
    """The words of ``query`` only: SQLite's FTS5 and PostgreSQL's tsquery parsers
    reject stray quotes, brackets and operators that a visitor may type."""
    return " ".join(re.findall(r"\w+", query))


def _database(outcome, kinds, number, page_size, language, filters, near, radius):

    if database.available():
        request = (kinds, number, page_size, language, filters, near, radius)
        _database_sql(outcome, *request)
        return
    if outcome.terms:
        hits = _database_hits(outcome.terms, kinds, language)
        if not hits:
            suggestion = suggest_from_vocabulary(outcome.terms)
            if suggestion:
                outcome.suggestion = suggestion
                hits = _database_hits(suggestion, kinds, language)
                if hits:
                    outcome.corrected = suggestion
        elif len(hits) < 3:
            outcome.suggestion = suggest_from_vocabulary(outcome.terms)
    else:
        hits = _database_all(kinds, language)
    facets = ObjectFacets([hit.obj for hit in hits], filters)
    if near is not None:
        hits = _by_distance(hits, near, radius, facets)
    objects = [hit.obj for hit in hits]
    outcome.facets = count_facets(objects, filters, _kind_namer(hits), facets)
    if filters:
        hits = [hit for hit in hits if facets.matches(hit.obj)]
    paginator = Paginator(hits, page_size)
    outcome.page = paginator.get_page(number)
    outcome.results = list(outcome.page.object_list)


# --- On PostgreSQL: one ranked statement (search.database) ------------------------


def _database_sql(outcome, kinds, number, page_size, language, filters, near, radius):
    """The database fallback on PostgreSQL (:mod:`search.database`): one page of
    ranked hits, the total and the facet counts from SQL; "did you mean" from
    the directory's names when nothing or little is found."""
    answer = _sql_answer(outcome.terms, kinds, number, page_size, filters, near, radius)
    if outcome.terms and not answer.total:
        suggestion = suggest_from_vocabulary(outcome.terms)
        if suggestion:
            outcome.suggestion = suggestion
            corrected = _sql_answer(
                suggestion, kinds, number, page_size, filters, near, radius
            )
            if corrected.total:
                outcome.corrected, answer = suggestion, corrected
    elif outcome.terms and answer.total < FEW_EXACT_RESULTS:
        outcome.suggestion = suggest_from_vocabulary(outcome.terms)
    last = max(1, -(-answer.total // page_size))
    if number > last:
        number = last
        words = outcome.corrected or outcome.terms
        answer = _sql_answer(words, kinds, number, page_size, filters, near, radius)
    results = _load(answer.hits, language)
    words = read_plain(outcome.corrected or outcome.terms).text or outcome.terms
    for result in results:
        kind = result_types()[result.type]
        result.snippet = _database_snippet(kind, result.obj, words, language)
    window = _Window(answer.total, (number - 1) * page_size, results)
    outcome.page = Paginator(window, page_size).get_page(number)
    outcome.results = list(outcome.page.object_list)
    outcome.facets = answer.facets


def _sql_request(terms: str, kinds, filters, near):

    plain = read_plain(terms)
    groups = database.tsqueries(synonym_groups(plain.text))
    if terms and not groups:
        groups = database.tsqueries(synonym_groups(terms, drop_fillers=False))
    return database.Request(
        kinds=kinds,
        groups=groups,
        title=" ".join(_words(terms)),
        needs=plain.needs,
        loose=plain.is_sentence,
        filters=filters,
        near_communes=tuple(near.communes) if near is not None else (),
    )


def _sql_answer(terms: str, kinds, number, page_size, filters, near, radius):

    request = _sql_request(terms, kinds, filters, near)
    if terms and not request.groups and not request.needs:
        return database.Answer([], 0, {})
    if near is None:
        return database.run(request, (number - 1) * page_size, page_size)
    answer = database.run(request, 0, database.NEAR_WINDOW)
    hits = answer.hits
    if hits and terms:
        # The good matches, nearest first: not every record holding one word.
        best = max(hit.score for hit in hits)
        hits = [hit for hit in hits if hit.score >= best / 2]
    hits = _hits_by_distance(hits, near, radius)
    total = len(hits) if radius else max(answer.total, len(hits))
    offset = (number - 1) * page_size
    return database.Answer(hits[offset : offset + page_size], total, answer.facets)


def _hits_by_distance(hits, near, radius: float | None) -> list:
    """``hits`` in the order of :mod:`places.ranking`, within ``radius``."""

    wanted = set(near.communes)
    for hit in hits:
        distances = [
            distance_km(near.latitude, near.longitude, point["lat"], point["lon"])
            for point in hit.points
            if point
        ]
        hit.distance_km = round(min(distances), 2) if distances else None
    if radius:
        hits = [
            h for h in hits if h.distance_km is not None and h.distance_km <= radius
        ]
    return sorted(hits, key=lambda h: rank_key(h.served, wanted, h.distance_km))


def _kind_namer(hits):
    kinds = {id(hit.obj): hit.type for hit in hits}
    return lambda obj: kinds[id(obj)]


def _shown_as(kind: ResultType, obj) -> bool:
    """Whether ``obj`` is a result of ``kind``: visible, and not a page that a more
    specific registered kind shows (a fiche is a "fiche", not also a "page")."""
    if not kind.visible(obj):
        return False
    return not (kind.is_page and isinstance(obj, _more_specific_pages(kind.model)))


@cache
def _more_specific_pages(model) -> tuple[type, ...]:
    return tuple(
        other.model
        for other in result_types().values()
        if other.is_page and other.model is not model and issubclass(other.model, model)
    )


def _database_all(kinds, language: str) -> list[SearchResult]:
    """Every visible record of ``kinds`` (a search by filters or place only)."""
    results = []
    for kind in kinds:
        for obj in kind.queryset()[:DATABASE_PER_TYPE_LIMIT]:
            if _shown_as(kind, obj):
                results.append(_result(kind, obj, 0.0, None, language))
    return results


def _by_distance(
    hits, near, radius: float | None, facets: ObjectFacets
) -> list[SearchResult]:
    """In the order of :mod:`places.ranking` (competent for the place's commune
    first, …, nearest first); no point last."""

    wanted = set(near.communes)
    for hit in hits:
        distances = [
            distance_km(near.latitude, near.longitude, point["lat"], point["lon"])
            for point in facets.values(hit.obj, "location")
            if point
        ]
        hit.distance_km = round(min(distances), 2) if distances else None
    if radius:
        hits = [
            h for h in hits if h.distance_km is not None and h.distance_km <= radius
        ]

    def key(hit):
        return rank_key(
            facets.values(hit.obj, "served_refnis"), wanted, hit.distance_km
        )

    return sorted(hits, key=key)


def _database_hits(query: str, kinds, language: str) -> list[SearchResult]:
    """Every word as typed first (as on the engine); then, for a sentence or when
    that finds little, any of the meaningful words (:mod:`search.plain_words`),
    ranked by how many a record holds, and the services of the categories the
    query's everyday words name."""
    words = database_query(query)
    if not words:
        return []
    backend = get_search_backend(
        "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    )
    plain = read_plain(query)
    results: dict[tuple[str, str], SearchResult] = {}
    exact = expand_synonyms(words)
    for kind in kinds:
        hits = backend.search(exact, kind.queryset(), operator="and")
        hits = list(hits.annotate_score("_score")[:DATABASE_PER_TYPE_LIMIT])
        visible = [obj for obj in hits if _shown_as(kind, obj)]
        for position, obj in enumerate(visible):
            score = _merged_score(position, words, obj, kind) + EXACT_BONUS
            snippet = _database_snippet(kind, obj, words, language)
            result = _result(kind, obj, score, snippet, language)
            results[(kind.name, str(obj.pk))] = result
    if plain.is_sentence or len(results) < FEW_EXACT_RESULTS:
        _add_loose_hits(results, backend, plain, kinds, language)
    _add_needs(results, plain, kinds, language)
    return sorted(results.values(), key=lambda r: -r.score)


EXACT_BONUS = 1.0
FEW_EXACT_RESULTS = 3


def _add_loose_hits(results: dict, backend, plain, kinds, language: str) -> None:
    """Records holding some of the meaningful words, by the share they hold."""
    groups = expand_synonyms(plain.text, as_groups=True)
    if not groups:
        return
    loose = groups[0] if len(groups) == 1 else Or(groups)
    for kind in kinds:
        hits = backend.search(loose, kind.queryset(), operator="or")
        hits = list(hits.annotate_score("_score")[:DATABASE_PER_TYPE_LIMIT])
        visible = [obj for obj in hits if _shown_as(kind, obj)]
        for position, obj in enumerate(visible):
            key = (kind.name, str(obj.pk))
            if key in results:
                continue
            share = _share_of_words(kind, obj, plain.words)
            score = share + 0.1 / (position + 1) + kind.database_prior / 3
            snippet = _database_snippet(kind, obj, plain.text, language)
            results[key] = _result(kind, obj, score, snippet, language)


def _share_of_words(kind: ResultType, obj, words: tuple[str, ...]) -> float:
    """How many of ``words`` the record's title and summary hold (by their first
    five letters, a crude stemming), as a share."""
    if not words:
        return 0.0
    text: set[str] = set()
    for field_name in (kind.title_field, kind.summary_field):
        for code in LANGUAGE_CODES:
            if field_name:
                value = getattr(obj, f"{field_name}_{code}", "") or ""
                text.update(word[:5] for word in _words(str(value)))
    return sum(word[:5] in text for word in words) / len(words)


def _add_needs(results: dict, plain, kinds, language: str) -> None:
    """The records of the needs named (the kinds declaring ``need_lookup``: the
    categories and their services), first among the loose hits."""
    if not plain.needs:
        return
    for kind in kinds:
        if kind.need_lookup is None:
            continue
        queryset = kind.queryset().filter(**{kind.need_lookup: plain.needs})
        queryset = queryset.distinct()
        for obj in queryset[:DATABASE_PER_TYPE_LIMIT]:
            if not _shown_as(kind, obj):
                continue
            key = (kind.name, str(obj.pk))
            bonus = kind.need_bonus
            if key in results:
                results[key].score += bonus
            else:
                score = bonus + _share_of_words(kind, obj, plain.words) / 2
                snippet = _database_snippet(kind, obj, plain.text, language)
                results[key] = _result(kind, obj, score, snippet, language)


def _words(text: str) -> list[str]:

    return normalise_place_name(text).split()


def _merged_score(position: int, query: str, obj, kind: ResultType) -> float:
    """A score comparable across kinds: the rank within its kind (each search
    orders its own model best first), plus a bonus when the title, in either
    language, is the query or holds all its words, plus a small kind prior."""
    score = 1.0 / (position + 1) + kind.database_prior
    wanted = set(_words(query))
    for code in LANGUAGE_CODES:
        title = _words(str(getattr(obj, f"{kind.title_field}_{code}", "") or ""))
        if not title:
            continue
        if title == _words(query):
            return score + 2.0
        if wanted <= set(title):
            score = max(score, 1.0 / (position + 1) + kind.database_prior + 1.0)
    return score


def _database_snippet(kind: ResultType, obj, words: str, language: str):
    if not kind.summary_field:
        return None
    value = in_language(obj, kind.summary_field, language=language)
    if not value:
        return None
    lang = value.lang if value.is_fallback else language
    return plain_snippet(str(value), lang, words.split())


@cache
def synonym_classes() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """The engine's synonym rules, as folded word tuples, for the database backend."""

    classes = []
    for rule in sector_synonyms() + commune_synonyms():
        variants = []
        for variant in rule.split(","):
            words = tuple(_words(variant))
            if words:
                variants.append(words)
        if len(variants) > 1:
            classes.append(tuple(variants))
    return tuple(classes)


def _synonym_chunks(tokens: list[str]):
    """``tokens`` cut into known synonym phrases (longest first) and single words:
    ``(phrase, alternatives)`` pairs, ``alternatives`` None for a word without
    synonyms."""
    lookup: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for variants in synonym_classes():
        for variant in variants:
            lookup.setdefault(variant, set()).update(variants)
    longest = max((len(v) for v in lookup), default=1)
    index = 0
    while index < len(tokens):
        for size in range(min(longest, len(tokens) - index), 0, -1):
            chunk = tuple(tokens[index : index + size])
            if chunk in lookup:
                yield " ".join(chunk), sorted(lookup[chunk])
                index += size
                break
        else:
            yield tokens[index], None
            index += 1


def expand_synonyms(words: str, *, as_groups: bool = False):
    """``words`` as a Wagtail query whose phrases known as synonyms become
    alternatives: ``ocmw schaarbeek`` → (ocmw OR cpas OR …) AND (schaarbeek OR
    schaerbeek). Longest phrases first; words without synonyms stay as they are.
    ``as_groups``: the list of parts instead (each a word or its alternatives),
    filler words (:mod:`search.plain_words`) left out, to be combined with OR."""
    tokens = _words(words)
    if not tokens:
        return [] if as_groups else PlainText(words)
    parts = []
    changed = False
    for chunk, alternatives in _synonym_chunks(tokens):
        if alternatives:
            parts.append(
                Or([PlainText(" ".join(v), operator="and") for v in alternatives])
            )
            changed = True
        elif not (as_groups and chunk in FILLER_WORDS):
            parts.append(PlainText(chunk))
    if as_groups:
        return parts
    if not changed:
        return " ".join(tokens)
    return parts[0] if len(parts) == 1 else And(parts)


def synonym_groups(words: str, *, drop_fillers: bool = True) -> list[list[str]]:
    """Each word or known phrase of ``words`` with its synonyms, as folded
    phrases: ``ocmw schaarbeek`` → [[cpas, ocmw, …], [schaarbeek, schaerbeek]];
    filler words (:mod:`search.plain_words`) left out unless ``drop_fillers`` is
    false."""

    groups = []
    for chunk, alternatives in _synonym_chunks(_words(words)):
        if alternatives:
            groups.append([" ".join(variant) for variant in alternatives])
        elif not (drop_fillers and chunk in FILLER_WORDS):
            groups.append([chunk])
    return groups


@cache
def _vocabulary_cache(version: int) -> dict[str, str]:
    """Folded word → display form, from the names the apps give (communes,
    categories, organisations: ``schaerbeek`` → ``Schaerbeek``)."""
    vocabulary: dict[str, str] = {}
    names = [
        name for extra in extras() if extra.vocabulary for name in extra.vocabulary()
    ]
    for name in names:
        for word in re.findall(r"[^\W\d_]+", name):
            folded = _words(word)
            if folded and len(folded[0]) >= 4:
                vocabulary.setdefault(folded[0], word if word[0].isupper() else word)
    return vocabulary


_VOCABULARY_VERSION_KEY = "search:vocabulary:version"


def forget_vocabulary() -> None:
    """Names changed: every worker rebuilds the suggestion vocabulary on
    next use (called by the directory's signals)."""
    bump_version(_VOCABULARY_VERSION_KEY)


def suggest_from_vocabulary(query: str) -> str | None:
    """A corrected query from the directory's names (the database backend's
    "did you mean"): each unknown word of four letters or more replaced by the
    closest known name."""
    vocabulary = _vocabulary_cache(current_version(_VOCABULARY_VERSION_KEY))
    known = set(vocabulary)
    for variants in synonym_classes():
        for variant in variants:
            known.update(variant)
    words = query.split()
    changed = False
    corrected = []
    for word in words:
        folded = " ".join(_words(word))
        if (
            len(folded) < 4
            or folded in known
            or folded.isdigit()
            or is_everyday(folded)
        ):
            corrected.append(word)
            continue
        matches = difflib.get_close_matches(folded, vocabulary, n=1, cutoff=0.8)
        if matches:
            corrected.append(vocabulary[matches[0]])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None


def starting_points(limit: int = 12) -> list:
    """Where to start when a search finds nothing (the main categories)."""
    offer = first_extra("starting_points")
    return offer(limit) if offer else []
