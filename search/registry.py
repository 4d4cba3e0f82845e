"""The kinds of content the portal's search covers, and what narrows them.

Each app declares its kinds in a ``search_types.py`` module exposing
``result_types() -> list[ResultType]``, and optionally ``facets() ->
list[FacetSpec]`` and ``conditions() -> list[Condition]``
(:mod:`core.search_contracts`); :func:`result_types`, :func:`facets` and
:func:`conditions` gather them in the order of ``INSTALLED_APPS``. The search
then knows, for each kind, which model's index holds it, how to load the
visible objects of a page of hits, how to link to them, which translated field
is their title and how much it weighs; and which facets and conditions exist,
without naming any app.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module
from types import ModuleType

from django.apps import apps

from core.search_contracts import Condition, FacetSpec, ResultType, SearchExtras


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
