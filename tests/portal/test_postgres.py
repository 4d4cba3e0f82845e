import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_runs_on_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        print("PostgreSQL", cursor.fetchone()[0])


def test_database_search_backend_uses_postgres_full_text(demo_site):
    from django.core.management import call_command
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    call_command("update_index", backend_name="database", stdout=open("/dev/null", "w"))
    backend = get_search_backend("database")
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    assert isinstance(backend, PostgresSearchBackend)
    hits = backend.search(
        "gegevensbeschermingsautoriteit", Page.objects.live().specific()
    )
    assert [page.slug_fr for page in hits] == ["vie-privee"]
