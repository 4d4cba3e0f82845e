"""The work one search may cost is bounded (issue #13): distinct words only, at
most ``MAX_TERMS`` of them, a length limit on the page and the API, and a
statement timeout on PostgreSQL. Measured by what is sent, never by a clock."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from search.limits import (
    MAX_TERMS,
    SearchTooBroad,
    bounded_statements,
    bounded_terms,
)
from search.services import MAX_QUERY_LENGTH, search

pytestmark = [pytest.mark.django_db, pytest.mark.search]

REPEATED = " ".join(["cpas"] * 40)  # 199 characters: within the length limit
MANY = " ".join(f"mot{n}" for n in range(20))


def test_bounded_terms_keeps_distinct_words_in_order():
    assert len(REPEATED) == 199
    assert bounded_terms(REPEATED) == "cpas"
    assert bounded_terms("CPAS Schaerbeek cpas schaerbeek aide") == (
        "CPAS Schaerbeek aide"
    )
    assert bounded_terms(MANY).split() == [f"mot{n}" for n in range(MAX_TERMS)]


def _database_sql(query: str) -> list[str]:
    search(query, language="fr")  # warms the caches (vocabulary, gazetteer)
    with CaptureQueriesContext(connection) as queries:
        search(query, language="fr")
    # Savepoint names are numbered per call.
    return [re.sub(r'"s\d+_x\d+"', '"s"', q["sql"]) for q in queries.captured_queries]


def test_repeated_word_costs_the_database_what_one_word_costs(
    indexed_demo_everything, settings
):
    settings.SEARCH_URL = ""  # the database backend, also in the engine pass
    once = _database_sql("cpas")
    forty = _database_sql(REPEATED)
    assert forty == once
    assert search(REPEATED, language="fr").count == search("cpas").count > 0


def test_database_searches_at_most_max_terms(indexed_demo_everything, settings):
    settings.SEARCH_URL = ""
    bounded = _database_sql(" ".join(MANY.split()[:MAX_TERMS]))
    assert _database_sql(MANY) == bounded
    assert search(MANY).query == bounded_terms(MANY)


@pytest.mark.engine
def test_engine_is_sent_each_word_once(indexed_demo_everything, monkeypatch):
    """The real engine answers; the bodies it is sent are recorded on the way."""
    from wagtail.search.backends import get_search_backend

    # Each backend instance has its own client: record on the client's class.
    client_class = type(get_search_backend("default").es)
    sent: list[dict] = []
    real_search = client_class.search

    def recording(self, *args, **kwargs):
        sent.append(kwargs["body"])
        return real_search(self, *args, **kwargs)

    monkeypatch.setattr(client_class, "search", recording)
    outcome = search(REPEATED, language="fr")
    assert outcome.backend == "engine" and outcome.count > 0
    searched = {
        clause["match"][name]["query"]
        for body in sent
        for clause in _matches(body["query"])
        for name in clause["match"]
    }
    assert searched == {"cpas"}
    assert all(body["timeout"].endswith("ms") for body in sent)
    sent.clear()
    search(MANY, language="fr")
    assert {len(q.split()) for b in sent for q in _match_queries(b)} == {MAX_TERMS}


def _matches(node):
    if isinstance(node, dict):
        if "match" in node:
            yield node
        for value in node.values():
            yield from _matches(value)
    elif isinstance(node, list):
        for value in node:
            yield from _matches(value)


def _match_queries(body):
    for clause in _matches(body["query"]):
        for options in clause["match"].values():
            yield options["query"]


# --- The length limit ------------------------------------------------------------


def test_search_page_refuses_a_too_long_query(client, demo_site):
    too_long = "a" * (MAX_QUERY_LENGTH + 1)
    response = client.get("/fr/recherche/", {"q": too_long})
    assert response.status_code == 400
    assert "La recherche est trop longue (200 caractères au plus)." in (
        response.content.decode()
    )
    response = client.get("/nl/zoeken/", {"q": too_long})
    assert response.status_code == 400
    assert "De zoekopdracht is te lang (hoogstens 200 tekens)." in (
        response.content.decode()
    )


def test_search_page_accepts_the_longest_query(client, demo_site):
    response = client.get("/fr/recherche/", {"q": REPEATED})
    assert response.status_code == 200


@pytest.mark.api
def test_api_refuses_a_too_long_query(client, demo_site):
    response = client.get(
        "/api/v1/search", {"q": "a" * (MAX_QUERY_LENGTH + 1), "lang": "nl"}
    )
    assert response.status_code == 400
    assert response.json()["detail"]
    assert "te lang" in str(response.json())


# --- The statement timeout ---------------------------------------------------------


@pytest.mark.postgres
def test_slow_statement_is_cut_short_with_a_translated_message():
    with translation.override("nl"):
        with pytest.raises(SearchTooBroad) as raised:
            with bounded_statements(timeout_ms=50):
                with connection.cursor() as cursor:
                    cursor.execute("SHOW statement_timeout")
                    assert cursor.fetchone()[0] == "50ms"
                    cursor.execute("SELECT pg_sleep(2)")
    assert str(raised.value).startswith("Deze zoekopdracht is te ruim")
    # The connection works on, without the bound.
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


@pytest.mark.postgres
def test_database_search_runs_under_the_timeout(
    indexed_demo_everything, settings, monkeypatch
):
    settings.SEARCH_URL = ""
    settings.SEARCH_TIMEOUT = 1.5
    from search import database

    seen = []
    real = database.run  # PostgreSQL's one statement (search/database.py)

    def observed(*args, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            seen.append(cursor.fetchone()[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(database, "run", observed)
    assert search("cpas", language="fr").count > 0
    assert seen == ["1500ms"]
