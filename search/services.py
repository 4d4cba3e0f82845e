"""Searching the portal, on the engine when it answers, on the database otherwise.

One search over every kind of content: CMS pages and the directory's
organisations, antennas, categories and communes. Each kind is searched in its own
index and the results are merged by score.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from portal.languages import TranslatedValue, in_language

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200
PER_TYPE_LIMIT = 200


@dataclass(frozen=True)
class ResultType:
    """A kind of content the search covers."""

    name: str
    label: object
    queryset: Callable
    url: Callable
    title_field: str = "name"
    # Visibility rules the search backends cannot filter on (related fields):
    # checked on the hits.
    visible: Callable = lambda obj: True


def _page_queryset():
    return Page.objects.live().public().specific()


def _directory_types() -> list[ResultType]:
    from directory.models import Antenna, Category, Commune, Organisation

    return [
        ResultType(
            "organisation",
            _("Organisation"),
            Organisation.objects.all,
            lambda o: reverse("directory:organisation", kwargs={"slug": o.slug}),
            visible=lambda o: o.live,
        ),
        ResultType(
            "antenna",
            _("Antenna"),
            lambda: Antenna.objects.select_related("organisation", "commune"),
            lambda a: reverse("directory:antenna", kwargs={"slug": a.slug}),
            visible=lambda a: a.live and a.organisation.live,
        ),
        ResultType(
            "category",
            _("Category"),
            Category.objects.all,
            lambda c: reverse("directory:category", kwargs={"slug": c.slug}),
        ),
        ResultType(
            "commune",
            _("Commune"),
            Commune.objects.all,
            lambda c: reverse("directory:commune", kwargs={"slug": c.slug}),
        ),
    ]


def result_types() -> dict[str, ResultType]:
    types = [
        ResultType(
            "page",
            _("Page"),
            _page_queryset,
            lambda p: p.get_url(),
            title_field="title",
        ),
        *_directory_types(),
    ]
    return {kind.name: kind for kind in types}


@dataclass
class SearchResult:
    type: str
    type_label: object
    obj: object
    score: float
    url: str
    title: TranslatedValue

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

    @property
    def count(self) -> int:
        return self.page.paginator.count if self.page else 0


def database_query(query: str) -> str:
    """The words of ``query`` only: SQLite's FTS5 and PostgreSQL's tsquery parsers
    reject stray quotes, brackets and operators that a visitor may type."""
    return " ".join(re.findall(r"\w+", query))


def _words(text: str) -> list[str]:
    from directory.geocoding import normalise_place_name

    return normalise_place_name(text).split()


def _merged_score(position: int, query: str, obj, title_field: str) -> float:
    """A score comparable across kinds and backends: the rank within its kind
    (each backend orders its own index best first), plus a bonus when the title,
    in either language, is the query or holds all its words."""
    score = 1.0 / (position + 1)
    wanted = _words(query)
    for code in ("fr", "nl"):
        title = _words(str(getattr(obj, f"{title_field}_{code}", "") or ""))
        if not title:
            continue
        if title == wanted:
            return score + 2.0
        if set(wanted) <= set(title):
            score = max(score, 1.0 / (position + 1) + 0.5)
    return score


def _run(query: str, backend_name: str, types: list[ResultType]) -> list[SearchResult]:
    backend = get_search_backend(backend_name)
    if backend_name == "database" or not settings.SEARCH_URL:
        query = database_query(query)
        if not query:
            return []
    results = []
    for kind in types:
        hits = backend.search(query, kind.queryset(), operator="and")
        try:
            hits = list(hits.annotate_score("_score")[:PER_TYPE_LIMIT])
        except Exception as error:
            if type(error).__name__ != "NotFoundError":
                raise
            # An index not built yet (fresh engine before ``update_index``): this
            # kind has no result rather than failing the whole search.
            logger.warning("No %s index in the search engine yet", kind.name)
            continue
        visible = [obj for obj in hits if kind.visible(obj)]
        for position, obj in enumerate(visible):
            title = in_language(obj, kind.title_field)
            results.append(
                SearchResult(
                    kind.name,
                    kind.label,
                    obj,
                    _merged_score(position, query, obj, kind.title_field),
                    kind.url(obj),
                    title,
                )
            )
    results.sort(key=lambda r: -r.score)
    return results


def search(
    query: str,
    page_number: int | str = 1,
    *,
    types: list[str] | None = None,
    page_size: int = PAGE_SIZE,
) -> SearchOutcome:
    """Everything matching ``query``, both languages, best first.

    Uses the engine configured as the ``default`` backend; if it fails (down,
    timeout, bad answer), the database backend answers and ``degraded`` is set.
    """
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    outcome = SearchOutcome(query=query)
    if not query:
        return outcome
    available = result_types()
    chosen = [available[name] for name in (types or available)]
    engine_configured = bool(settings.SEARCH_URL)
    outcome.backend = "engine" if engine_configured else "database"
    try:
        hits = _run(query, "default", chosen)
    except Exception:
        if not engine_configured:
            raise
        logger.exception("Search engine failed; falling back to the database")
        outcome.backend, outcome.degraded = "database", True
        hits = _run(query, "database", chosen)
    paginator = Paginator(hits, page_size)
    outcome.page = paginator.get_page(page_number)
    outcome.results = list(outcome.page.object_list)
    return outcome


def search_pages(query: str, page_number: int | str = 1) -> SearchOutcome:
    """CMS pages only (the foundation's search), as :class:`SearchResult` objects."""
    return search(query, page_number, types=["page"])
