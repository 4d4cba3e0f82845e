"""``GET /api/v1/search``: the portal's search as JSON."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import StringConstraints, create_model

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
from core.parameters import MAX_RADIUS_KM, InvalidParameter
from core.search_contracts import FacetSpec
from search.autocomplete import MAX_LENGTH, suggest
from search.filters import labelled_facets
from search.params import (
    SearchParameters,
    clean_filters,
    clean_near,
    clean_radius_near,
)
from search.registry import conditions, facets
from search.services import MAX_QUERY_LENGTH, result_types, search_and_record

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


FACET_TEXT = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
BAD_REQUEST = {400: BadRequest}


def _facet_annotation(facet: FacetSpec):
    """The type the API documents for a facet's parameter."""
    if facet.value_type is bool and not facet.multiple:
        return bool
    if facet.pattern:
        pattern = facet.pattern
        return list[patterned(rf"^{pattern}(,{pattern})*$", facet.pattern_message)]
    if facet.choices is not None and not callable(facet.choices):
        return list[choices([*facet.choices, *facet.api_values])]
    return list[FACET_TEXT]


def _filter_schema() -> type[Schema]:
    """The declared facets and conditions as typed query parameters."""
    fields: dict = {
        facet.name: (_facet_annotation(facet) | None, None) for facet in facets()
    }
    fields.update(dict.fromkeys(conditions(), (bool | None, None)))
    return create_model("SearchFilterParameters", __base__=Schema, **fields)


SearchFilterParameters = _filter_schema()


def _parameters(filters: Schema, near: str, radius_km: float | None):
    """The typed parameters through the checks the page's form runs too."""
    values = filters.model_dump()
    facet_values = {}
    for facet in facets():
        value = values.get(facet.name)
        if isinstance(value, bool):
            value = [flag(value)]
        facet_values[facet.name] = value or []
    parsed = clean_filters(
        facet_values, {name: flag(values.get(name)) for name in conditions()}
    )
    near_text, where = clean_near(near)
    radius = clean_radius_near("" if radius_km is None else str(radius_km), where)
    return SearchParameters(parsed, where, near_text, radius)


@router.get(
    "",
    response={200: SearchPage, **BAD_REQUEST},
    summary="Search everything, both languages, with filters, facets and distance",
)
def search_api(
    request: HttpRequest,
    filters: Query[SearchFilterParameters],
    q: str = Query("", max_length=MAX_QUERY_LENGTH),
    lang: Lang | None = lang_query(),
    type: list[FACET_TEXT] | None = Query(
        None, description="Kinds of content: the values of the answer's `type` facet."
    ),
    near: str = Query("", max_length=MAX_TEXT),
    radius_km: float | None = Query(None, gt=0, le=MAX_RADIUS_KM),
    page: int = page_query(),
    page_size: int = page_size_query(10),
):
    """Filters take one value or several (repeated or comma-separated); ``near``
    is a postcode, a commune in either language, an address or ``lat,lon``.
    Give at least one of ``q``, a filter or ``near``."""
    visitor_language = language_of(request, lang)
    with translation.override(visitor_language):
        query = " ".join(q.split())
        try:
            parameters = _parameters(filters, near, radius_km)
        except InvalidParameter as error:
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
        outcome = search_and_record(
            query,
            page_number,
            parameters,
            language=visitor_language,
            types=types,
            page_size=size,
        )
        if outcome.error:
            return 400, {"detail": outcome.error}
        return 200, _page(outcome, page_number, size, parameters, visitor_language)


def _hit(result) -> dict:
    return {
        "type": result.type,
        "id": result.obj.pk,
        "external_id": result.external_id,
        "title": str(result.title),
        "url": result.url,
        "score": round(result.score, 4),
        "highlight": str(result.snippet.html) if result.snippet else None,
        "highlight_language": result.snippet.language if result.snippet else None,
        "distance_km": result.distance_km,
    }


def _page(outcome, page_number: int, size: int, parameters, language: str) -> dict:
    if outcome.page and outcome.page.number != page_number:
        results = []  # past the last page: empty, not the last page again
    else:
        results = [_hit(result) for result in outcome.results]
    return {
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
        "facets": labelled_facets(outcome.facets, parameters.filters, language),
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
