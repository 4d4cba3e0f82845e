"""Reading the search's filters from a query string (the page and the API share it).

Values of one facet may repeat (``category=a&category=b``) or be comma-separated;
anything unknown is refused with a message saying what is expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext as _

from search.filters import FACETS, Filters

TRUE = {"true", "1", "yes", "on"}
FALSE = {"false", "0", "no", "off", ""}
MAX_RADIUS_KM = 300.0


class FilterError(ValueError):
    """A parameter the search cannot use; ``str()`` is the visitor's message."""


@dataclass
class SearchParameters:
    filters: Filters = field(default_factory=Filters)
    near: object | None = None
    near_text: str = ""
    radius_km: float | None = None


def _values(params: QueryDict, name: str) -> list[str]:
    values = []
    for raw in params.getlist(name):
        values.extend(part.strip() for part in raw.split(",") if part.strip())
    return list(dict.fromkeys(values))


def _flag(params: QueryDict, name: str) -> bool:
    value = (params.get(name) or "").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise FilterError(
        _("“%(value)s” is not a valid %(name)s: use true or false.")
        % {"value": value, "name": name}
    )


def known_values(facet_name: str) -> set[str] | None:
    """The values a facet accepts (None: any value of the right type)."""
    from directory.models import Category, Language, Public, Wheelchair

    if facet_name == "category":
        return set(Category.objects.values_list("slug", flat=True))
    if facet_name == "public":
        return set(Public.objects.values_list("slug", flat=True))
    if facet_name == "language":
        return set(Language.objects.values_list("code", flat=True))
    if facet_name == "wheelchair":
        return {choice.value for choice in Wheelchair}
    if facet_name == "valid":
        return TRUE | FALSE
    try:
        from documents.models import Authority, Publication
    except ImportError:  # pragma: no cover - the documents app is installed
        return None
    if facet_name == "document_type":
        return {choice.value for choice in Publication.Kind}
    if facet_name == "authority":
        return {choice.value for choice in Authority}
    return None


def _commune(value: str) -> str:
    from places.geocoding import get_gazetteer, lookup_commune

    if value in get_gazetteer().communes:
        return value
    refnis = lookup_commune(value)
    if refnis is None:
        raise FilterError(_("Unknown commune “%(value)s”.") % {"value": value})
    return refnis


def parse_parameters(params: QueryDict) -> SearchParameters:
    """The filters, place and radius in ``params``; raises :class:`FilterError`."""
    from places.geocoding import WhereError, parse_where

    parsed = SearchParameters()
    for facet in FACETS:
        values = _values(params, facet.name)
        if not values:
            continue
        if facet.name == "commune":
            values = [_commune(value) for value in values]
        elif facet.name == "year":
            if not all(re.fullmatch(r"[0-9]{4}", value) for value in values):
                raise FilterError(_("Give years with four digits, e.g. 2024."))
        else:
            if facet.name == "wheelchair":
                # true: accessible; false: no filter (the directory's flag).
                values = list(
                    dict.fromkeys(
                        "yes" if value == "true" else value
                        for value in values
                        if value != "false"
                    )
                )
            known = known_values(facet.name)
            unknown = [
                value for value in values if known is not None and value not in known
            ]
            if unknown:
                raise FilterError(
                    _("Unknown %(name)s “%(value)s”.")
                    % {"name": facet.name, "value": ", ".join(unknown)}
                )
        if values:
            parsed.filters.values[facet.name] = values
    parsed.filters.open_now = _flag(params, "open_now")
    parsed.near_text = " ".join((params.get("near") or "").split())
    if parsed.near_text:
        try:
            parsed.near = parse_where(parsed.near_text)
        except WhereError as error:
            raise FilterError(str(error)) from error
    radius = (params.get("radius_km") or "").strip().replace(",", ".")
    if radius:
        try:
            parsed.radius_km = float(radius)
        except ValueError as error:
            raise FilterError(
                _("The radius must be a number of kilometres.")
            ) from error
        if not 0 < parsed.radius_km <= MAX_RADIUS_KM:
            raise FilterError(
                _("The radius must be between 0 and %(max)d km.")
                % {"max": MAX_RADIUS_KM}
            )
        if parsed.near is None:
            raise FilterError(_("A radius needs a place: give near as well."))
    return parsed
