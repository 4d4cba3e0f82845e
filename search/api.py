"""``GET /api/v1/search``: the portal's search as JSON."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Schema

from portal.api_support import ApiError, Error, language_of, parse_page
from search.filters import labelled_facets
from search.params import FilterError, parse_parameters
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


def _types(value: str) -> list[str] | None:
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


@router.get(
    "",
    response={200: SearchPage, 400: Error},
    summary="Search everything, both languages, with filters, facets and distance",
)
def search_api(
    request: HttpRequest,
    q: str = "",
    lang: str = "",
    type: str = "",
    category: str = "",
    public: str = "",
    language: str = "",
    commune: str = "",
    near: str = "",
    radius_km: str = "",
    open_now: str = "",
    wheelchair: str = "",
    year: str = "",
    document_type: str = "",
    authority: str = "",
    valid: str = "",
    page: str = "1",
    page_size: str = "10",
):
    """Filters take one value or several (repeated or comma-separated); ``near``
    is a postcode, a commune in either language, an address or ``lat,lon``."""
    visitor_language = language_of(request, lang)
    with translation.override(visitor_language):
        query = " ".join(q.split())
        try:
            parameters = parse_parameters(request.GET)
        except FilterError as error:
            return 400, {"detail": str(error)}
        if not query and not parameters.filters and parameters.near is None:
            return 400, {
                "detail": _("Give something to search for in q, a filter or near.")
            }
        if len(query) > MAX_QUERY_LENGTH:
            return 400, {
                "detail": _("The query is too long (%(max)d characters at most).")
                % {"max": MAX_QUERY_LENGTH}
            }
        try:
            types = _types(type)
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
            "facets": labelled_facets(
                outcome.facets, parameters.filters, visitor_language
            ),
        }


@router.get(
    "/suggest",
    response={200: Suggestions, 400: Error},
    summary="Suggestions from the second letter, titles in the visitor's language",
)
def suggest_api(request: HttpRequest, q: str = "", lang: str = ""):
    from search.autocomplete import MAX_LENGTH, suggest

    visitor_language = language_of(request, lang)
    with translation.override(visitor_language):
        query = " ".join(q.split())
        if len(query) > MAX_LENGTH:
            return 400, {
                "detail": _("The query is too long (%(max)d characters at most).")
                % {"max": MAX_LENGTH}
            }
        found = suggest(query, visitor_language)
        return 200, {
            "query": query,
            "suggestions": [
                {"type": s.type, "title": s.title, "url": s.url} for s in found
            ],
        }
