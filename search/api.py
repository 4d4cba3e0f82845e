"""``GET /api/v1/search``: the portal's search as JSON."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Schema

from portal.api_support import ApiError, Error, language_of, parse_page
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


class SearchPage(Schema):
    count: int
    page: int
    page_size: int
    backend: str
    degraded: bool
    results: list[SearchHit]
    suggestion: str | None
    corrected: str | None


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
    summary="Search pages and directory records, both languages",
)
def search_api(
    request: HttpRequest,
    q: str = "",
    lang: str = "",
    type: str = "",
    page: str = "1",
    page_size: str = "10",
):
    language = language_of(request, lang)
    with translation.override(language):
        query = " ".join(q.split())
        if not query:
            return 400, {"detail": _("Give something to search for in q.")}
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
            query, page_number, types=types, page_size=size, language=language
        )
        if page_number == 1:
            record_query(outcome.query, language, outcome.count)
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
        }
