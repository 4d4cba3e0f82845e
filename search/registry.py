"""The kinds of content the portal's search covers.

Each app declares its kinds in a ``search_types.py`` module exposing
``result_types() -> list[ResultType]``; :func:`result_types` gathers them in the
order of ``INSTALLED_APPS``. The search then knows, for each kind, which model's
index holds it, how to load the visible objects of a page of hits, how to link to
them and which translated field is their title.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.apps import apps
from django.db.models import Model, QuerySet


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

    @property
    def is_page(self) -> bool:
        from wagtail.models import Page

        return issubclass(self.model, Page)


def result_types() -> dict[str, ResultType]:
    """Every registered kind, by name, in ``INSTALLED_APPS`` order."""
    return dict(_registered_types())


@cache
def _registered_types() -> dict[str, ResultType]:
    """Gathered once per process (the registry is read on every search)."""
    kinds: dict[str, ResultType] = {}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.search_types")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.search_types":
                raise
            continue
        for kind in module.result_types():
            kinds[kind.name] = kind
    return kinds
