"""Small database helpers shared by the exchange modules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import models

from directory.models import Organisation

CHUNK = 500


def chunks(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def manager(model: type[models.Model]) -> Any:
    """The model's manager without modeltranslation's rewriting of ``name``.

    ``bulk_update(fields=["name", ...])`` must write the base column itself, not
    have it rewritten into ``name_fr``.
    """
    default = model._default_manager
    return default.rewrite(False) if hasattr(default, "rewrite") else default.all()


def through(
    name: str, model: type[models.Model] = Organisation
) -> tuple[type[models.Model], str, str]:
    """The through model of a many-to-many field and its two foreign key attnames."""
    m2m = model._meta.get_field(name)
    return (
        m2m.remote_field.through,
        f"{m2m.m2m_field_name()}_id",
        f"{m2m.m2m_reverse_field_name()}_id",
    )


def write_pairs(
    table: tuple[type[models.Model], str, str],
    removed: list[tuple[int, int]],
    added: list[tuple[int, int]],
) -> None:
    """Remove and add (source pk, target pk) pairs of a many-to-many table."""
    model, source, target = table
    by_source: dict[int, list[int]] = defaultdict(list)
    for source_pk, target_pk in removed:
        by_source[source_pk].append(target_pk)
    for source_pk, targets in by_source.items():
        model.objects.filter(**{source: source_pk, f"{target}__in": targets}).delete()
    model.objects.bulk_create(
        [
            model(**{source: source_pk, target: target_pk})
            for source_pk, target_pk in added
        ],
        batch_size=CHUNK,
    )
