from django.shortcuts import render
from django.utils import translation

from search.services import related_categories, search
from search.stats import record_query


def search_view(request):
    query = request.GET.get("q", "")
    language = translation.get_language()[:2]
    outcome = search(query, request.GET.get("page", 1), language=language)
    if outcome.query and outcome.page and outcome.page.number == 1:
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
