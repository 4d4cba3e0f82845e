from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from search.filters import TYPE, labelled_facets
from search.forms import SearchForm
from search.plain_words import read as read_plain
from search.registry import conditions, first_extra, result_types
from search.registry import facets as registered_facets
from search.services import search_and_record, starting_points


def search_view(request):
    language = translation.get_language()[:2]
    form = SearchForm(request.GET)
    query, page, types = form.read()
    parameters, error, status = form.parameters, form.message, form.status
    outcome = search_and_record(query, page, parameters, language=language, types=types)
    if outcome.error:
        error, status = outcome.error, 400
    _annotate(outcome, parameters.filters)
    facets = labelled_facets(outcome.facets, parameters.filters, language)
    for item in facets.get(TYPE, []):
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
            "condition_items": _condition_items(facets),
            "facet_groups": _facet_groups(facets),
            "results_map": _results_map(outcome.results),
            "map_template": first_extra("map_template"),
            "page_query": _without_page(request.GET),
            "starting_points": _starting_points() if not outcome.count else [],
            "starting_points_heading": first_extra("starting_points_heading"),
            **_offered_need(outcome),
            # The place asked for, or the one a sentence named ("à Forest").
            "near_place": parameters.near or outcome.place,
        },
        status=status,
    )


def _facet_groups(facets: dict) -> list[dict]:
    """The kinds of content, then each declared facet, with its legend."""
    legends = [(TYPE, _("Kind of content"))]
    legends += [(facet.name, facet.legend) for facet in registered_facets()]
    return [
        {"name": name, "legend": str(legend), "items": facets.get(name, [])}
        for name, legend in legends
        if facets.get(name)
    ]


def _condition_items(facets: dict) -> list[dict]:
    """Each condition ("open now") as one checkbox."""
    return [
        {**item, "name": name, "id": f"filter-{name.replace('_', '-')}"}
        for name in conditions()
        for item in facets.get(name, [])
    ]


def _annotate(outcome, filters) -> None:
    """The apps tell the page's objects what in them matched (a service)."""
    annotate = first_extra("annotate_results")
    if annotate and outcome.results:
        objects = [result.obj for result in outcome.results]
        annotate(objects, filters.selection(), outcome.terms or outcome.query)


def _results_map(results):
    draw = first_extra("results_map")
    return draw([result.obj for result in results]) if draw else None


def _offered_need(outcome) -> dict:
    """The record the query's everyday words name first (search.plain_words),
    offered with its near-me link ("Food aid near you?"), at the place the
    sentence named: ``offered_need`` (or None) and ``offered_need_url``."""
    find, link = first_extra("need_record"), first_extra("need_url")
    needs = read_plain(outcome.query).needs if outcome.query else []
    record = find(needs[0]) if needs and find and link else None
    if record is None:
        return {"offered_need": None}
    return {"offered_need": record, "offered_need_url": link(record, outcome.place)}


def _starting_points() -> list[dict]:
    """Where to start when nothing is found, each with its kind's link."""
    kinds = result_types().values()
    points = []
    for record in starting_points():
        kind = next((k for k in kinds if isinstance(record, k.model)), None)
        if kind is not None:
            points.append({"record": record, "url": kind.url(record)})
    return points


def _without_page(params) -> str:
    copy = params.copy()
    copy.pop("page", None)
    return copy.urlencode()
