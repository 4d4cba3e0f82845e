"""The database fallback: PostgreSQL's own path (search/database.py) and the
sentences both database backends must understand."""

from datetime import datetime

import pytest
from django.db import connection

from core.constants import BRUSSELS
from search.filters import SearchFilters, count_facets
from search.services import search

pytestmark = [pytest.mark.search, pytest.mark.django_db]


@pytest.fixture
def database_only(settings, indexed_demo_everything):
    settings.SEARCH_URL = ""  # what answers when the engine is unset or down
    return indexed_demo_everything


def _key(result) -> str:
    obj = result.obj
    return f"{result.type}:{getattr(obj, 'slug_fr', None) or obj.slug}"


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("fr", "secret profesionel", "fiche:secret-professionnel"),
        ("fr", "violance conjugale", "category:justice"),
        ("fr", "je n'ai plus rien à manger", "category:aide-alimentaire"),
        ("nl", "mijn zoon zit in de gevangenis", "category:justice"),
    ],
)
def test_a_sentence_or_a_typo_finds_its_answer(
    database_only, language, query, expected
):
    outcome = search(query, language=language, page_size=5)
    assert outcome.backend == "database"
    keys = [_key(result) for result in outcome.results]
    assert expected in keys, keys


def _postgres_path():
    from search import database

    if not database.available():
        pytest.skip("PostgreSQL's own path (search_document) only")
    return database


@pytest.mark.postgres
def test_postgres_statement_uses_the_gin_index(database_only):
    database = _postgres_path()
    from search.services import _sql_request, result_types

    request = _sql_request(
        "maison médicale", list(result_types().values()), SearchFilters(), None
    )
    sql, params, _leave_outs = database.statement(request, 0, 10)
    with connection.cursor() as cursor:
        # The demo's table is small enough for a sequential scan to be cheaper;
        # what is tested is that the statement's shape lets the index answer.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    assert "search_document_document" in plan, plan


@pytest.mark.postgres
def test_postgres_facet_counts_equal_the_python_counts(database_only):
    _postgres_path()
    moment = datetime(2026, 11, 25, 10, 30, tzinfo=BRUSSELS)  # an ordinary Wednesday
    filters = SearchFilters(
        values={"category": ["cpas"], "language": ["nl"]}, at=moment
    )
    everything = search(
        "cpas", language="fr", page_size=1000, filters=SearchFilters(at=moment)
    )
    objects = [result.obj for result in everything.results]
    kinds = {id(result.obj): result.type for result in everything.results}
    assert everything.count == len(objects) > 5
    expected = count_facets(objects, filters, lambda obj: kinds[id(obj)])
    outcome = search("cpas", language="fr", filters=filters)
    for name, counts in expected.items():
        wanted = {str(value): n for value, n in counts.items() if n}
        found = {str(value): n for value, n in outcome.facets[name].items() if n}
        assert found == wanted, name
    assert outcome.count == sum(expected["type"].values())


@pytest.mark.postgres
def test_postgres_open_now_and_filters_narrow_the_results(database_only):
    _postgres_path()
    moment = datetime(2026, 11, 29, 3, 0, tzinfo=BRUSSELS)  # a Sunday, 3 am
    closed = search(
        "cpas", language="fr", filters=SearchFilters(conditions={"open_now"}, at=moment)
    )
    everything = search("cpas", language="fr", filters=SearchFilters(at=moment))
    assert closed.count < everything.count
    nl = search(
        "cpas", language="fr", filters=SearchFilters(values={"language": ["nl"]})
    )
    assert 0 < nl.count < everything.count
    assert all(
        "nl" in r.obj.language_codes() for r in nl.results if r.type == "organisation"
    )
