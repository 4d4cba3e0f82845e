"""Wagtail's database search backend, plus the portal's own table on PostgreSQL.

``WAGTAILSEARCH_BACKENDS`` names this module: on SQLite (and MySQL) it is
Wagtail's backend as it is (SQLite: its FTS5 tables); on PostgreSQL, Wagtail's
backend whose index also writes the ``search_document`` row of every entry it
writes (:mod:`search.database_documents`), which :mod:`search.database` queries.
Deleting an entry deletes its row (a trigger, see migration 0002).
"""

from __future__ import annotations

from django.db import connection
from modelsearch.backends.database import SearchBackend as vendor_backend

from search import database_documents


def SearchBackend(params):
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    return vendor_backend(params)


def _postgres_backend_class():
    from modelsearch.backends.database.postgres.postgres import (
        IndexEntry,
        PostgresIndex,
        PostgresSearchBackend,
    )

    class PortalPostgresIndex(PostgresIndex):
        def add_items(self, model, objs):
            objs = list(objs)
            super().add_items(model, objs)
            if model.get_search_fields():
                database_documents.write(
                    self.write_connection, IndexEntry._meta.db_table, model, objs
                )

    class PortalPostgresSearchBackend(PostgresSearchBackend):
        index_class = PortalPostgresIndex

    return PortalPostgresSearchBackend
