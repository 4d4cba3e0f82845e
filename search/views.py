from django.shortcuts import render

from search.services import search


def search_view(request):
    query = request.GET.get("q", "")
    outcome = search(query, request.GET.get("page", 1))
    return render(
        request,
        "search/search_results.html",
        {"outcome": outcome, "search_query": outcome.query},
    )
