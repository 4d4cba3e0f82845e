from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from search.filters import labelled_facets
from search.params import FilterError, SearchParameters, parse_parameters
from search.services import (
    MAX_QUERY_LENGTH,
    related_categories,
    result_types,
    search,
)
from search.stats import record_query


def search_view(request):
    query = request.GET.get("q", "")
    language = translation.get_language()[:2]
    error = None
    status = 200
    try:
        parameters = parse_parameters(request.GET)
    except FilterError as problem:
        error, parameters = str(problem), SearchParameters()
    if len(" ".join(query.split())) > MAX_QUERY_LENGTH:
        # Refused rather than cut: a cut query would search for something else.
        error = _("The query is too long (%(max)d characters at most).") % {
            "max": MAX_QUERY_LENGTH
        }
        query, status = "", 400
    kinds = result_types()
    types = [name for name in request.GET.getlist("type") if name in kinds] or None
    page = request.GET.get("page", "1")
    outcome = search(
        query,
        page,
        language=language,
        types=types,
        filters=parameters.filters,
        near=parameters.near,
        radius_km=parameters.radius_km,
    )
    if outcome.error:
        error, status = outcome.error, 400
    elif outcome.query and page in ("", "1"):  # a new search, not its next page
        record_query(outcome.query, language, outcome.count)
    facets = labelled_facets(outcome.facets, parameters.filters, language)
    for item in facets.get("type", []):
        item["selected"] = bool(types) and item["value"] in types
    return render(
        request,
        "search/search_results.html",
        {
            "outcome": outcome,
            "search_query": outcome.query,
            "parameters": parameters,
            "filter_error": error,
            "facets": facets,
            "facet_groups": _facet_groups(facets),
            "results_map": _results_map(outcome.results),
            "page_query": _without_page(request.GET),
            "related_categories": related_categories() if not outcome.count else [],
            "offered_category": _offered_category(outcome.query),
            # The place asked for, or the one a sentence named ("à Forest").
            "near_place": parameters.near or outcome.place,
        },
        status=status,
    )


FACET_LEGENDS = {
    "type": lambda: _("Kind of content"),
    "category": lambda: _("Category"),
    "public": lambda: _("Target public"),
    "language": lambda: _("Language"),
    "commune": lambda: _("Commune"),
    "wheelchair": lambda: _("Wheelchair access"),
    "year": lambda: _("Year"),
    "document_type": lambda: _("Document type"),
    "authority": lambda: _("Authority"),
    "valid": lambda: _("In force"),
}


def _facet_groups(facets: dict) -> list[dict]:
    return [
        {"name": name, "legend": legend(), "items": facets.get(name, [])}
        for name, legend in FACET_LEGENDS.items()
        if facets.get(name)
    ]


def _results_map(results):
    from directory.models import Antenna, Organisation
    from directory.presentation import antennas_map

    antennas = {}  # an antenna found itself and through its organisation: one marker
    for result in results:
        if isinstance(result.obj, Antenna):
            antennas.setdefault(result.obj.pk, result.obj)
        elif isinstance(result.obj, Organisation):
            for antenna in result.obj.antennas.all():
                if antenna.live:
                    antennas.setdefault(antenna.pk, antenna)
    if not antennas:
        return None
    return antennas_map(list(antennas.values()), _("Map of the results"))


def _offered_category(query: str):
    """The category the query's everyday words name first (search.plain_words),
    offered with its near-me link ("Food aid near you?"), or None."""
    from directory.models import Category
    from search.plain_words import read

    if not query:
        return None
    slugs = read(query).categories
    if not slugs:
        return None
    return Category.objects.filter(slug=slugs[0]).first()


def _without_page(params) -> str:
    copy = params.copy()
    copy.pop("page", None)
    return copy.urlencode()
