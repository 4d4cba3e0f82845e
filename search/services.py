"""Searching the portal, on the engine when it answers, on the database otherwise."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


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


def _run(query: str, backend_name: str) -> list:
    backend = get_search_backend(backend_name)
    if backend_name == "database" or not settings.SEARCH_URL:
        query = database_query(query)
        if not query:
            return []
    queryset = Page.objects.live().public().specific()
    return list(backend.search(query, queryset, operator="and")[:500])


def search_pages(query: str, page_number: int | str = 1) -> SearchOutcome:
    """The CMS pages matching ``query``, both languages, best first.

    Uses the engine configured as the ``default`` backend; if it fails (down,
    timeout, bad answer), the database backend answers and ``degraded`` is set.
    """
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    outcome = SearchOutcome(query=query)
    if not query:
        return outcome
    engine_configured = bool(settings.SEARCH_URL)
    outcome.backend = "engine" if engine_configured else "database"
    try:
        hits = _run(query, "default")
    except Exception:
        if not engine_configured:
            raise
        logger.exception("Search engine failed; falling back to the database")
        outcome.backend, outcome.degraded = "database", True
        hits = _run(query, "database")
    paginator = Paginator(hits, PAGE_SIZE)
    outcome.page = paginator.get_page(page_number)
    outcome.results = list(outcome.page.object_list)
    return outcome
