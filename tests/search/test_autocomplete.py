"""``GET /api/v1/search/suggest``: suggestions from the second letter."""

import pytest

pytestmark = [pytest.mark.search, pytest.mark.api, pytest.mark.django_db]

URL = "/api/v1/search/suggest"


@pytest.fixture
def database_only(settings):
    settings.SEARCH_URL = ""


def test_one_letter_gives_nothing(client, demo_site, database_only):
    response = client.get(URL, {"q": "s", "lang": "fr"})
    assert response.status_code == 200
    assert response.json() == {"query": "s", "suggestions": []}


def test_too_long_is_refused_in_the_language(client, demo_site):
    response = client.get(URL, {"q": "a" * 101, "lang": "nl"})
    assert response.status_code == 400
    assert "100" in response.json()["detail"]


def test_unknown_language_is_refused(client, demo_site):
    response = client.get(URL, {"q": "schaer", "lang": "de"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("lang", "title"), [("fr", "Schaerbeek"), ("nl", "Schaarbeek")]
)
def test_prefix_finds_schaerbeek_on_the_database(
    client, demo_site, database_only, lang, title
):
    response = client.get(URL, {"q": "schaer", "lang": lang})
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert 0 < len(suggestions) <= 8
    assert all(s["url"].startswith(f"/{lang}/") for s in suggestions), suggestions
    assert any("Schaerbeek" in s["title"] or title in s["title"] for s in suggestions)


def test_titles_in_the_visitor_language(client, demo_site, database_only):
    fr = client.get(URL, {"q": "sch", "lang": "fr"}).json()["suggestions"]
    nl = client.get(URL, {"q": "sch", "lang": "nl"}).json()["suggestions"]
    assert fr and nl
    communes_fr = {s["title"] for s in fr if s["type"] == "commune"}
    communes_nl = {s["title"] for s in nl if s["type"] == "commune"}
    assert "Schaerbeek" in communes_fr
    assert "Schaarbeek" in communes_nl


def test_engine_failure_falls_back(client, demo_site, settings, monkeypatch):
    import search.autocomplete as autocomplete

    settings.SEARCH_URL = "http://127.0.0.1:9"

    def broken(*args, **kwargs):
        raise ConnectionError("down")

    monkeypatch.setattr(autocomplete, "_engine", broken)
    response = client.get(URL, {"q": "schaer", "lang": "fr"})
    assert response.status_code == 200
    assert response.json()["suggestions"]


@pytest.mark.engine
@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_engine_prefix(client, indexed_demo_everything, settings, monkeypatch, lang):
    import search.autocomplete as autocomplete

    if not settings.SEARCH_URL:
        pytest.skip("no engine")

    def no_database(*args, **kwargs):
        raise AssertionError("the engine should answer")

    monkeypatch.setattr(autocomplete, "_database", no_database)
    response = client.get(URL, {"q": "schaer", "lang": lang})
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert 0 < len(suggestions) <= 8
    assert all(s["url"].startswith(f"/{lang}/") for s in suggestions)
    assert len({s["type"] for s in suggestions}) > 1
