"""The search's parameters, each validated once for the page and the API.

Values of one facet may repeat (``category=a&category=b``) or be comma-separated;
anything unknown is refused with :class:`~search.contracts.InvalidParameter`,
whose message says what is expected. The page reads them through
:class:`search.forms.SearchForm`, the API through its typed schema
(:mod:`search.api`); both end in :func:`parse_parameters`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from directory.geocoding import Where, WhereError, parse_where
from search.contracts import FALSE, TRUE, InvalidParameter
from search.filters import SearchFilters
from search.registry import conditions, facets

MAX_RADIUS_KM = 300.0


@dataclass
class SearchParameters:
    filters: SearchFilters = field(default_factory=SearchFilters)
    near: Where | None = None
    near_text: str = ""
    radius_km: float | None = None


def split_values(raw_values: list[str]) -> list[str]:
    """Repeated and comma-separated values, once each, in order."""
    values = []
    for raw in raw_values:
        values.extend(part.strip() for part in raw.split(",") if part.strip())
    return list(dict.fromkeys(values))


def clean_flag(value: str | None, name: str) -> bool:
    value = (value or "").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise InvalidParameter(
        _("“%(value)s” is not a valid %(name)s: use true or false.")
        % {"value": value, "name": name}
    )


def clean_near(text: str | None) -> tuple[str, Where | None]:
    """The place's text, spaces tidied, and the place it designates."""
    text = " ".join((text or "").split())
    if not text:
        return "", None
    try:
        return text, parse_where(text)
    except WhereError as error:
        raise InvalidParameter(str(error)) from error


def clean_radius(value: str | None, near: Where | None) -> float | None:
    value = (value or "").strip().replace(",", ".")
    if not value:
        return None
    try:
        radius = float(value)
    except ValueError as error:
        raise InvalidParameter(
            _("The radius must be a number of kilometres.")
        ) from error
    if not 0 < radius <= MAX_RADIUS_KM:
        raise InvalidParameter(
            _("The radius must be between 0 and %(max)d km.") % {"max": MAX_RADIUS_KM}
        )
    if near is None:
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
    radius = clean_radius(params.get("radius_km"), near)
    return SearchParameters(filters, near, near_text, radius)
