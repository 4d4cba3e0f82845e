"""The values of the API's taxonomy parameters, written into the OpenAPI document.

Categories, publics, languages and kinds of content are short lists kept in the
database or the search registry: the document lists them as enumerations when it
is served, so that a client (or a fuzzer) knows which values exist. The API
still checks them itself (a value added since the document was read is fine).
"""

from __future__ import annotations

from collections.abc import Callable


def _slugs(model_name: str, field: str = "slug") -> Callable[[], list[str]]:
    def values() -> list[str]:
        from django.apps import apps

        model = apps.get_model("directory", model_name)
        return sorted(model.objects.values_list(field, flat=True))

    return values


def _kinds() -> list[str]:
    from search.registry import result_types

    return sorted(result_types())


# query parameter → its values, wherever it appears
VOCABULARIES: dict[str, Callable[[], list[str]]] = {
    "category": _slugs("Category"),
    "theme": _slugs("Category"),
    "public": _slugs("Public"),
    "language": _slugs("Language", "code"),
    "type": _kinds,
}


def add_vocabularies(document: dict) -> dict:
    """Give the taxonomy parameters of every operation their ``enum``."""
    cache: dict[str, list[str]] = {}
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                name = parameter.get("name")
                if name not in VOCABULARIES or parameter.get("in") != "query":
                    continue
                if name not in cache:
                    cache[name] = VOCABULARIES[name]()
                for schema in _string_schemas(parameter.get("schema", {})):
                    schema["enum"] = cache[name]
    return document


def _string_schemas(schema: dict):
    """The string schemas of a parameter: itself, its array items, its
    ``anyOf`` alternatives (``str | None``)."""
    if schema.get("type") == "string":
        yield schema
    if schema.get("type") == "array":
        yield from _string_schemas(schema.get("items", {}))
    for alternative in schema.get("anyOf", []):
        yield from _string_schemas(alternative)
