"""``GET /api/v1/search``: the portal's search as JSON."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import StringConstraints

from core.api_support import (
    MAX_TEXT,
    ApiError,
    BadRequest,
    Lang,
    choices,
    flag,
    lang_query,
    language_of,
    page_query,
    page_size_query,
    parse_page,
    patterned,
)
from directory.models import Wheelchair
from documents.models import Authority, Publication
from search.autocomplete import MAX_LENGTH, suggest
from search.filters import labelled_facets
from search.params import MAX_RADIUS_KM, FilterError, parse_parameters
from search.services import MAX_QUERY_LENGTH, result_types, search
from search.stats import record_query

router = Router(tags=["search"])


class SearchHit(Schema):
    type: str
    id: int
    external_id: str | None
    title: str
    url: str
    score: float
    highlight: str | None
    highlight_language: str | None
    distance_km: float | None


class Suggestion(Schema):
    type: str
    title: str
    url: str


class Suggestions(Schema):
    query: str
    suggestions: list[Suggestion]


class FacetValue(Schema):
    value: str
    label: str
    count: int
    selected: bool


class UrgentHelpLine(Schema):
    name: str
    number: str
    description: str


class SearchPage(Schema):
    count: int
    page: int
    page_size: int
    backend: str
    degraded: bool
    results: list[SearchHit]
    suggestion: str | None
    corrected: str | None
    facets: dict[str, list[FacetValue]]
    # Help lines for a search about violence, suicide or danger, shown first.
    urgent: list[UrgentHelpLine] = []


def _types(value: str) -> list[str] | None:
    """The kinds named in ``value`` (comma-separated), None for every kind."""
    if not value:
        return None
    known = result_types()
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise ApiError(
            _("Unknown type “%(value)s”: use %(types)s.")
            % {"value": ", ".join(unknown) or value, "types": ", ".join(known)}
        )
    return names


YEARS = patterned(
    r"^\d{4}(,\d{4})*$", lambda: _("Give years with four digits, e.g. 2024.")
)
FACET_TEXT = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
WHEELCHAIR = choices([*(choice.value for choice in Wheelchair), "true", "false"])
DOCUMENT_TYPE = choices(Publication.Kind.values)
AUTHORITY = choices(Authority.values)
BAD_REQUEST = {400: BadRequest}


@router.get(
    "",
    response={200: SearchPage, **BAD_REQUEST},
    summary="Search everything, both languages, with filters, facets and distance",
)
def search_api(
    request: HttpRequest,
    q: str = Query("", max_length=MAX_QUERY_LENGTH),
    lang: Lang | None = lang_query(),
    type: list[FACET_TEXT] | None = Query(
        None, description="Kinds of content, e.g. organisation, antenna, page."
    ),
    category: list[FACET_TEXT] | None = Query(None),
    public: list[FACET_TEXT] | None = Query(None),
    language: list[FACET_TEXT] | None = Query(None),
    commune: list[FACET_TEXT] | None = Query(None),
    near: str = Query("", max_length=MAX_TEXT),
    radius_km: float | None = Query(None, gt=0, le=MAX_RADIUS_KM),
    open_now: bool | None = Query(None),
    wheelchair: list[WHEELCHAIR] | None = Query(None),
    year: list[YEARS] | None = Query(None),
    document_type: list[DOCUMENT_TYPE] | None = Query(None),
    authority: list[AUTHORITY] | None = Query(None),
    valid: bool | None = Query(None),
    page: int = page_query(),
    page_size: int = page_size_query(10),
):
    """Filters take one value or several (repeated or comma-separated); ``near``
    is a postcode, a commune in either language, an address or ``lat,lon``.
    Give at least one of ``q``, a filter or ``near``."""
    visitor_language = language_of(request, lang)
    with translation.override(visitor_language):
        query = " ".join(q.split())
        params = request.GET.copy()
        for name, value in (("open_now", open_now), ("valid", valid)):
            if value is not None:
                params[name] = flag(value)
        try:
            parameters = parse_parameters(params)
        except FilterError as error:
            return 400, {"detail": str(error)}
        if not query and not parameters.filters and parameters.near is None:
            return 400, {
                "detail": _("Give something to search for in q, a filter or near.")
            }
        try:
            types = _types(",".join(type or []))
            page_number, size = parse_page(page, page_size)
        except ApiError as error:
            return 400, {"detail": str(error)}
        outcome = search(
            query,
            page_number,
            types=types,
            page_size=size,
            language=visitor_language,
            filters=parameters.filters,
            near=parameters.near,
            radius_km=parameters.radius_km,
        )
        if outcome.error:
            return 400, {"detail": outcome.error}
        if page_number == 1 and query:
            record_query(outcome.query, visitor_language, outcome.count)
        if outcome.page and outcome.page.number != page_number:
            results = []  # past the last page: empty, not the last page again
        else:
            results = [
                {
                    "type": r.type,
                    "id": r.obj.pk,
                    "external_id": r.external_id,
                    "title": str(r.title),
                    "url": r.url,
                    "score": round(r.score, 4),
                    "highlight": str(r.snippet.html) if r.snippet else None,
                    "highlight_language": r.snippet.language if r.snippet else None,
                    "distance_km": r.distance_km,
                }
                for r in outcome.results
            ]
        return 200, {
            "count": outcome.count,
            "page": page_number,
            "page_size": size,
            "backend": outcome.backend,
            "degraded": outcome.degraded,
            "results": results,
            "suggestion": outcome.suggestion,
            "corrected": outcome.corrected,
            "urgent": [
                {
                    "name": str(line.name),
                    "number": line.number,
                    "description": str(line.description),
                }
                for line in outcome.urgent
            ],
            "facets": labelled_facets(
                outcome.facets, parameters.filters, visitor_language
            ),
        }


@router.get(
    "/suggest",
    response={200: Suggestions, **BAD_REQUEST},
    summary="Suggestions from the second letter, titles in the visitor's language",
)
def suggest_api(
    request: HttpRequest,
    q: str = Query("", max_length=MAX_LENGTH),
    lang: Lang | None = lang_query(),
):
    visitor_language = language_of(request, lang)
    with translation.override(visitor_language):
        query = " ".join(q.split())
        found = suggest(query, visitor_language)
        return 200, {
            "query": query,
            "suggestions": [
                {"type": s.type, "title": s.title, "url": s.url} for s in found
            ],
        }
