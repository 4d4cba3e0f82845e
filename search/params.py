"""The search's parameters, each validated once for the page and the API.

Values of one facet may repeat (``category=a&category=b``) or be comma-separated;
anything unknown is refused with :class:`~core.parameters.InvalidParameter`,
whose message says what is expected. The page reads them through
:class:`search.forms.SearchForm`, the API through its typed schema
(:mod:`search.api`); both end in :func:`parse_parameters`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.parameters import (
    InvalidParameter,
    clean_flag,
    clean_radius,
    split_values,
)
from places.geocoding import Where, WhereError, parse_where
from search.filters import SearchFilters
from search.registry import conditions, facets


@dataclass
class SearchParameters:
    filters: SearchFilters = field(default_factory=SearchFilters)
    near: Where | None = None
    near_text: str = ""
    radius_km: float | None = None


def clean_near(text: str | None) -> tuple[str, Where | None]:
    """The place's text, spaces tidied, and the place it designates."""
    text = " ".join((text or "").split())
    if not text:
        return "", None
    try:
        return text, parse_where(text)
    except WhereError as error:
        raise InvalidParameter(str(error)) from error


def clean_radius_near(value: str | None, near: Where | None) -> float | None:
    """A radius, which needs a place."""
    radius = clean_radius(value)
    if radius is not None and near is None:
        raise InvalidParameter(_("A radius needs a place: give near as well."))
    return radius


def clean_filters(
    values: Mapping[str, list[str]], flags: Mapping[str, str]
) -> SearchFilters:
    """Facet values (lists of raw values, by facet) and conditions (raw flags, by
    name) as :class:`SearchFilters`."""
    filters = SearchFilters()
    for facet in facets():
        raw = split_values(values.get(facet.name) or [])
        cleaned = facet.check(raw) if raw else []
        if cleaned:
            filters.values[facet.name] = cleaned
    for name in conditions():
        if clean_flag(flags.get(name), name):
            filters.conditions.add(name)
    return filters


def parse_parameters(params) -> SearchParameters:
    """The filters, place and radius of a query string (a ``QueryDict``);
    raises :class:`InvalidParameter`."""
    filters = clean_filters(
        {facet.name: params.getlist(facet.name) for facet in facets()},
        {name: params.get(name) for name in conditions()},
    )
    near_text, near = clean_near(params.get("near"))
    radius = clean_radius_near(params.get("radius_km"), near)
    return SearchParameters(filters, near, near_text, radius)
