"""Bounds on the work one search may cost, on the engine and on the database.

A query of forty times the same word took 8.6 s on the database backend (each
word becomes a group of synonyms to match in every kind of content), and a few
such requests slowed every page down. A query is therefore searched with its
distinct words only, at most :data:`MAX_TERMS` of them, and each SQL statement
of the database fallback runs under a PostgreSQL ``statement_timeout``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext as _

# The judged queries have six words at most, and a visitor's question rarely
# names more than a dozen things; each further word only adds clauses (fuzzy
# expansions on the engine, synonym groups in every kind on the database)
# without narrowing what is found.
MAX_TERMS = 12


class SearchTooBroad(Exception):
    """The search took longer than its bound; ``str()`` is the visitor's message."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "This search is too broad to be answered in time: "
                "use fewer or more precise words, or a filter."
            )
        )


def bounded_terms(query: str) -> str:
    """``query``'s distinct words (the first spelling of each, compared without
    case), :data:`MAX_TERMS` at most, in their order."""
    kept: dict[str, str] = {}
    for word in query.split():
        key = word.casefold()
        if key not in kept:
            kept[key] = word
            if len(kept) == MAX_TERMS:
                break
    return " ".join(kept.values())


def statement_timeout_ms() -> int:
    return max(1, int(settings.SEARCH_TIMEOUT * 1000))


@contextmanager
def bounded_statements(timeout_ms: int | None = None) -> Iterator[None]:
    """Run the block's SQL statements under PostgreSQL's ``statement_timeout``
    (``SET LOCAL``, in a transaction of their own); a statement cut short raises
    :class:`SearchTooBroad`. Other databases run the block as it is."""
    if connection.vendor != "postgresql":
        yield
        return
    timeout = str(timeout_ms or statement_timeout_ms())
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SHOW statement_timeout")
                previous = cursor.fetchone()[0]
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true)", [timeout]
                )
            yield
            # Inside an outer transaction the setting would outlive the block.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true)", [previous]
                )
    except OperationalError as error:
        if _cancelled(error):
            raise SearchTooBroad from error
        raise


def _cancelled(error: OperationalError) -> bool:
    """PostgreSQL's ``query_canceled`` (57014): the statement timed out."""
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == "57014"
