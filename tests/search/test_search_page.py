"""The search page over CMS pages, on whichever backend is configured."""

import re

import pytest
from wagtail.search.backends import get_search_backend

from portal.models import StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.search]


def _titles(html):
    return re.findall(r'<h2><a href="([^"]+)"', html)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/fr/recherche/?q=accessibilit%C3%A9", "/fr/accessibilite/"),
        ("/nl/zoeken/?q=toegankelijk", "/nl/toegankelijkheid/"),
        ("/fr/recherche/?q=RGPD", "/fr/vie-privee/"),
        ("/nl/zoeken/?q=AVG", "/nl/privacy/"),
    ],
)
def test_finds_pages_in_both_languages(client, indexed_demo_site, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert expected in _titles(response.content.decode())


def test_dutch_query_links_to_dutch_urls(client, indexed_demo_site):
    html = client.get("/nl/zoeken/?q=privacy").content.decode()
    links = _titles(html)
    assert links and all(link.startswith("/nl/") for link in links)


def test_french_words_found_from_dutch_side(client, indexed_demo_site):
    """Both languages' fields are indexed: a French word also works on /nl/."""
    html = client.get("/nl/zoeken/?q=accessibilit%C3%A9").content.decode()
    assert "/nl/toegankelijkheid/" in _titles(html)


def test_empty_query_shows_help_not_results(client, indexed_demo_site):
    html = client.get("/fr/recherche/").content.decode()
    assert "Tapez un service" in html
    assert 'class="search-result"' not in html


def test_no_result_is_explained(client, indexed_demo_site):
    html = client.get("/nl/zoeken/?q=zzqxwv").content.decode()
    assert "0 resultaten" in html
    assert "Niets gevonden" in html


@pytest.mark.parametrize("page", ["abc", "-3", "99999", ""])
def test_bad_page_numbers_never_fail(client, indexed_demo_site, page):
    response = client.get(f"/fr/recherche/?q=portail&page={page}")
    assert response.status_code == 200


def test_overlong_and_odd_queries_never_fail(client, indexed_demo_site):
    for query in ["\"'<>&%", "AND OR NOT", "((", "*"]:
        response = client.get("/fr/recherche/", {"q": query})
        assert response.status_code == 200, query
    # Too long: refused with a message (see test_limits), not cut nor a 500.
    response = client.get("/fr/recherche/", {"q": "a" * 5000})
    assert response.status_code == 400
    assert "trop longue" in response.content.decode()


def test_unpublished_pages_are_not_found(client, indexed_demo_site):
    page = StandardPage.objects.get(slug_fr="vie-privee")
    page.unpublish()
    html = client.get("/fr/recherche/?q=RGPD").content.decode()
    assert "/fr/vie-privee/" not in _titles(html)


def test_pagination(client, indexed_demo_site):
    home = indexed_demo_site
    for number in range(12):
        page = StandardPage(
            title_fr=f"Permanence Quetzal {number}",
            title_nl=f"Permanentie Quetzal {number}",
            slug_fr=f"permanence-{number}",
            slug_nl=f"permanentie-{number}",
            title=f"Permanence Quetzal {number}",
            slug=f"permanence-{number}",
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    from django.conf import settings

    for backend in settings.WAGTAILSEARCH_BACKENDS:
        index = get_search_backend(backend)
        for page in StandardPage.objects.filter(slug_fr__startswith="permanence-"):
            index.add(page)
        model_index = index.get_index_for_model(StandardPage)
        if model_index is not None and hasattr(model_index, "refresh"):
            model_index.refresh()
    first = client.get("/fr/recherche/?q=quetzal").content.decode()
    assert "12 résultats" in first
    assert len(_titles(first)) == 10
    assert 'rel="next"' in first
    second = client.get("/fr/recherche/?q=quetzal&page=2").content.decode()
    assert len(_titles(second)) == 2


def test_falls_back_to_database_when_engine_is_down(
    client, indexed_demo_site, settings, unused_tcp_port
):
    settings.SEARCH_URL = f"http://127.0.0.1:{unused_tcp_port}"
    settings.WAGTAILSEARCH_BACKENDS = {
        "database": {"BACKEND": "search.backends.database"},
        "default": {
            "BACKEND": "search.backends.auto",
            "URLS": [settings.SEARCH_URL],
            "INDEX_PREFIX": "down_",
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0},
        },
    }
    response = client.get("/nl/zoeken/?q=toegankelijk")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/nl/toegankelijkheid/" in _titles(html)
    assert "tijdelijk onbeschikbaar" in html


@pytest.mark.django_db
def test_did_you_mean_learns_a_new_name(demo_site):
    """The database fallback's suggestions follow directory edits (the vocabulary
    was built once per process and never rebuilt)."""
    from directory.models import Organisation
    from search.services import suggest_from_vocabulary

    assert suggest_from_vocabulary("zorglubia") is None
    organisation = Organisation.objects.get(external_id="cpas-schaerbeek")
    organisation.name_fr = "CPAS Zorglubiana"
    organisation.save()
    assert suggest_from_vocabulary("zorglubiana") is None  # now a known word
    assert suggest_from_vocabulary("zorglubiane") == "Zorglubiana"
