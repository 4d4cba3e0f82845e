"""What ``/healthz`` checks: what a page needs to be served.

A page writes to the database (sessions, search statistics, forms), loads its
static assets through the manifest when the storage is a manifest storage, and
searches on the engine or, failing that, on the database.
"""

from __future__ import annotations

from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.db import connection, transaction

# An asset every page links to: it must resolve through the manifest.
KNOWN_ASSET = "portal/favicon.svg"


class _RolledBack(Exception):
    """Raised to undo the probe's write."""


def check_database() -> dict:
    """Read and write: the write (a row of ``django_migrations`` set to itself)
    is rolled back, yet fails on a read-only SQLite file or a read-only
    PostgreSQL transaction (``default_transaction_read_only``)."""
    result: dict = {"vendor": connection.vendor}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "UPDATE django_migrations SET app = app WHERE id = "
                        "(SELECT MIN(id) FROM django_migrations)"
                    )
                raise _RolledBack
        except _RolledBack:
            pass
        result["ok"] = True
    except Exception as error:  # noqa: BLE001 - any database failure means down
        result.update(ok=False, error=error.__class__.__name__)
    return result


def check_static() -> dict:
    """With a manifest storage, the manifest exists and a known asset resolves
    (without it every page answers 500)."""
    storage = staticfiles_storage
    if not isinstance(storage, ManifestFilesMixin):
        return {"manifest": False, "ok": True}
    result: dict = {"manifest": True}
    try:
        if storage.read_manifest() is None:
            raise FileNotFoundError(storage.manifest_name)
        storage.stored_name(KNOWN_ASSET)
        result["ok"] = True
    except Exception as error:  # noqa: BLE001 - a page would fail the same way
        result.update(ok=False, error=error.__class__.__name__)
    return result
