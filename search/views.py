from django.shortcuts import render
from django.utils import translation

from search.services import related_categories, search
from search.stats import record_query


def search_view(request):
    query = request.GET.get("q", "")
    language = translation.get_language()[:2]
    page = request.GET.get("page", "1")
    outcome = search(query, page, language=language)
    if outcome.query and page in ("", "1"):  # a new search, not its next page
        record_query(outcome.query, language, outcome.count)
    return render(
        request,
        "search/search_results.html",
        {
            "outcome": outcome,
            "search_query": outcome.query,
            "related_categories": related_categories() if not outcome.count else [],
        },
    )
