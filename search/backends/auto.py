"""Wagtail search backend that becomes the right one for the node at ``URLS``.

Wagtail imports ``<BACKEND>.SearchBackend`` and calls it with the backend's
parameters; here that callable probes the node and returns an instance of the
matching OpenSearch or Elasticsearch backend, extended with the portal's mapping
(:class:`PortalMappingMixin`): per-language analysers chosen by the field's
``_fr``/``_nl`` suffix, the language catch-all fields and the settings'
fingerprint.
"""

from __future__ import annotations

from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from search.index_settings import (
    CATCH_ALL_MAPPING,
    LANGUAGE_NAMES_FIELD,
    NAMES_FIELD,
    TEXT_FIELD,
    analysis_for,
    fingerprint,
    language_of,
)
from search.node import backend_path_for, detect

# Search fields (base names) that hold a record's name or title: they are also
# copied into ``_names``, analysed without stemming, for exact names and typos.
NAME_FIELDS = {"name", "title", "short_name", "places"}


def _base_name(column: str) -> str:
    column = column.rsplit("__", 1)[-1]
    for code in TEXT_FIELD:
        if column.endswith(f"_{code}"):
            return column[: -len(code) - 1]
    return column


class PortalMappingMixin:
    """Adds the portal's analysis to Wagtail's generated mapping.

    Whatever a model declares (or wagtail-modeltranslation appends for page
    models, see ``search.fields``), a text column ending in ``_fr`` is analysed
    as French, ``_nl`` as Dutch, anything else as a name; an explicit
    ``es_extra={"analyzer": …}`` on the field still wins.
    """

    def get_field_mapping(self, field):
        from wagtail.search.index import AutocompleteField, SearchField

        key, mapping = super().get_field_mapping(field)
        explicit = field.kwargs.get("es_extra", {}) if hasattr(field, "kwargs") else {}
        if (
            isinstance(field, SearchField)
            and not isinstance(field, AutocompleteField)
            and mapping.get("type") == "text"
            and "analyzer" not in explicit
        ):
            mapping.update(analysis_for(key))
            if not self._has_translations(field.field_name):
                mapping["portal_catch_all"] = self._catch_alls(key)
        return key, mapping

    def _has_translations(self, name: str) -> bool:
        """An untranslated column whose ``_fr``/``_nl`` columns are indexed too
        (modeltranslation's ``title`` beside ``title_fr``): left out of the
        catch-alls, which its language columns already feed."""
        return language_of(name) is None and all(
            hasattr(self.model, f"{name}_{code}") for code in TEXT_FIELD
        )

    @staticmethod
    def _catch_alls(column: str) -> list[str]:
        code = language_of(column)
        targets = [TEXT_FIELD[code]] if code else list(TEXT_FIELD.values())
        if _base_name(column) in NAME_FIELDS:
            targets.append(NAMES_FIELD)
            if code:
                targets.append(LANGUAGE_NAMES_FIELD[code])
            elif _base_name(column) != "places":
                targets.extend(LANGUAGE_NAMES_FIELD.values())
        return targets

    def get_mapping(self):
        mapping = super().get_mapping()

        def add_copy_to(properties: dict) -> None:
            for field_mapping in properties.values():
                targets = field_mapping.pop("portal_catch_all", None)
                if targets:
                    copy_to = field_mapping.get("copy_to") or []
                    if isinstance(copy_to, str):
                        copy_to = [copy_to]
                    field_mapping["copy_to"] = copy_to + targets
                if field_mapping.get("type") == "nested":
                    add_copy_to(field_mapping["properties"])

        add_copy_to(mapping["properties"])
        for name, definition in CATCH_ALL_MAPPING.items():
            mapping["properties"][name] = dict(definition)
        mapping["_meta"] = {"portal_fingerprint": fingerprint()}
        return mapping


@cache
def portal_backend_class(backend_class: type) -> type:
    """``backend_class`` with the portal's mapping (one subclass per engine)."""
    mapping_class = type(
        f"Portal{backend_class.mapping_class.__name__}",
        (PortalMappingMixin, backend_class.mapping_class),
        {},
    )
    return type(
        f"Portal{backend_class.__name__}",
        (backend_class,),
        {"mapping_class": mapping_class},
    )


def SearchBackend(params: dict):
    urls = params.get("URLS") or []
    info = detect(urls[0]) if urls else None
    path = backend_path_for(info)
    try:
        backend_class = import_string(f"{path}.SearchBackend")
    except ImportError as error:
        raise ImproperlyConfigured(
            f"The node at {urls[0]} needs {path}; install its client "
            "(pip install 'portail-social[elasticsearch]' for Elasticsearch)."
        ) from error
    backend = portal_backend_class(backend_class)(dict(params))
    backend.engine_info = info
    return backend
