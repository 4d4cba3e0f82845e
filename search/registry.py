"""The kinds of content the portal's search covers, and what narrows them.

Each app declares its kinds in a ``search_types.py`` module exposing
``result_types() -> list[ResultType]``, and optionally ``facets() ->
list[FacetSpec]`` and ``conditions() -> list[Condition]``
(:mod:`search.contracts`); :func:`result_types`, :func:`facets` and
:func:`conditions` gather them in the order of ``INSTALLED_APPS``. The search
then knows, for each kind, which model's index holds it, how to load the
visible objects of a page of hits, how to link to them, which translated field
is their title and how much it weighs; and which facets and conditions exist,
without naming any app.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.db.models import Model, QuerySet
from wagtail.models import Page

from search.contracts import Condition, FacetSpec, SearchExtras


def _always(obj) -> bool:
    return True


@dataclass(frozen=True)
class ResultType:
    """A kind of content the search covers (its ``type`` in the API)."""

    name: str
    label: object
    model: type[Model]
    # The objects a visitor may see; hits are loaded through it, so whatever it
    # leaves out (drafts, private pages…) never shows.
    queryset: Callable[[], QuerySet]
    url: Callable[[Model], str]
    # Translated field (without ``_fr``/``_nl``) holding the title.
    title_field: str = "name"
    # Visibility rules the queryset cannot express cheaply, checked on the hits.
    visible: Callable[[Model], bool] = _always
    # Translated field used as the snippet when the engine gives no highlight.
    summary_field: str | None = None
    # Boolean filter fields (``index.FilterField``) that must be true for a record
    # to be shown, beyond ``live``: the engine's query and the queryset both apply
    # them (e.g. an antenna that does not receive the public).
    required_flags: tuple[str, ...] = ()
    # A factor on the engine's score against other kinds with the same words
    # (directory services answer most searches).
    weight: float = 1.0
    # The factor instead when the query is nothing but a place, by
    # :func:`search.query.place_query_kind` (``"postcode"``, ``"commune"``);
    # 1 for a place not named.
    place_weights: Mapping[str, float] = field(
        default_factory=dict, hash=False, compare=False
    )
    # The ``FilterField`` holding this kind's own need (a category's slug) when
    # a query's everyday words name needs (:mod:`search.plain_words`).
    need_column: str | None = None
    # Attributes naming related records whose index documents include this
    # record's data (an organisation's document holds its antennas' places):
    # they are indexed again when this one changes (:mod:`search.outbox`).
    reindexes: tuple[str, ...] = ()

    @property
    def is_page(self) -> bool:
        return issubclass(self.model, Page)

    def weight_for(self, place: str | None) -> float:
        if place is None:
            return self.weight
        return self.place_weights.get(place, 1.0)


def result_types() -> dict[str, ResultType]:
    """Every registered kind, by name, in ``INSTALLED_APPS`` order."""
    return dict(_registered_types())


def facets() -> list[FacetSpec]:
    """Every declared facet, in ``INSTALLED_APPS`` order."""
    return list(_registered_facets().values())


def facets_by_name() -> dict[str, FacetSpec]:
    return dict(_registered_facets())


def conditions() -> dict[str, Condition]:
    """Every declared condition (``open_now``), by name."""
    return dict(_registered_conditions())


def extras() -> list[SearchExtras]:
    """Every app's :class:`SearchExtras`, in ``INSTALLED_APPS`` order."""
    return list(_registered_extras())


def first_extra(name: str) -> Callable | None:
    """The first app's ``name`` extra (``results_map``…), or None."""
    for extra in _registered_extras():
        if getattr(extra, name) is not None:
            return getattr(extra, name)
    return None


def _search_modules() -> list[ModuleType]:
    modules = []
    for config in apps.get_app_configs():
        try:
            modules.append(import_module(f"{config.name}.search_types"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.search_types":
                raise
    return modules


@cache
def _registered_types() -> dict[str, ResultType]:
    """Gathered once per process (the registry is read on every search)."""
    return {
        kind.name: kind
        for module in _search_modules()
        for kind in module.result_types()
    }


@cache
def _registered_facets() -> dict[str, FacetSpec]:
    return {
        facet.name: facet
        for module in _search_modules()
        for facet in getattr(module, "facets", list)()
    }


@cache
def _registered_conditions() -> dict[str, Condition]:
    return {
        condition.name: condition
        for module in _search_modules()
        for condition in getattr(module, "conditions", list)()
    }


@cache
def _registered_extras() -> tuple[SearchExtras, ...]:
    return tuple(
        module.extras() for module in _search_modules() if hasattr(module, "extras")
    )
