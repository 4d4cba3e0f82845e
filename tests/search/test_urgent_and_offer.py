"""Help lines first for violence, suicide or danger; the category a problem names
offered with its near-me link (issue #15)."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from directory.models import Category
from search.services import search
from search.urgent import urgent_lines_for_query
from search.views import search_view


def numbers(query: str, language: str) -> list[str]:
    with translation.override(language):
        return [line.number for line in urgent_lines_for_query(query, language)]


def test_violence_suicide_and_danger_show_their_lines_in_both_languages():
    assert "0800 30 030" in numbers("mon mari me frappe", "fr")
    assert "1712" in numbers("mijn man slaat me", "nl")
    assert "0800 32 123" in numbers("j'ai envie de me suicider", "fr")
    assert "1813" in numbers("ik wil niet meer leven", "nl")
    assert "107" in numbers("j'ai envie de me suicider", "fr")
    assert "106" in numbers("ik denk aan zelfmoord", "nl")
    child = numbers("un enfant est battu par ses parents", "fr")
    assert "103" in child and "116 000" in child
    assert "102" in numbers("mijn kind wordt geslagen thuis", "nl")
    assert numbers("je suis en danger", "fr")[0] == "112"


def test_ordinary_queries_show_no_line():
    assert numbers("aide alimentaire", "fr") == []
    assert numbers("crèche pour mon enfant", "fr") == []
    assert numbers("ocmw schaarbeek", "nl") == []


@pytest.mark.search
@pytest.mark.django_db
def test_the_line_comes_with_the_results_on_the_database(settings, demo_site):
    settings.SEARCH_URL = ""
    outcome = search("mon mari me frappe", language="fr")
    assert "0800 30 030" in [line.number for line in outcome.urgent]
    assert search("aide alimentaire", language="fr").urgent == []


@pytest.mark.search
@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,query,texts",
    [
        ("fr", "mon mari me frappe", ["0800 30 030", "Vous pouvez appeler"]),
        ("nl", "ik wil niet meer leven", ["1813", "U kunt nu bellen"]),
        ("fr", "je n'ai plus rien à manger", ["Aide alimentaire près de chez vous"]),
        ("nl", "ik heb niets meer te eten", ["Voedselhulp bij u in de buurt"]),
    ],
)
def test_results_page_shows_the_line_and_the_offer(
    settings, demo_site, language, query, texts
):
    settings.SEARCH_URL = ""
    request = RequestFactory().get("/", {"q": query})
    with translation.override(language):
        html = search_view(request).content.decode()
    for text in texts:
        assert text in html
    if "Aide alimentaire" in texts[0]:
        assert "?category=aide-alimentaire" in html


@pytest.mark.api
@pytest.mark.search
@pytest.mark.django_db
def test_the_api_gives_the_lines_in_the_visitors_language(client, settings, demo_site):
    settings.SEARCH_URL = ""
    response = client.get(
        "/api/v1/search", {"q": "ik wil niet meer leven", "lang": "nl"}
    )
    assert response.status_code == 200
    urgent = response.json()["urgent"]
    assert {"name": "Zelfmoordlijn", "number": "1813"}.items() <= urgent[0].items()
    assert urgent[0]["description"] == "Zelfmoordpreventie, dag en nacht"
    plain = client.get("/api/v1/search", {"q": "voedselhulp", "lang": "nl"}).json()
    assert plain["urgent"] == []


@pytest.mark.search
@pytest.mark.django_db
def test_a_place_in_the_sentence_is_said_and_kept_in_the_offer(settings, demo_site):
    settings.SEARCH_URL = ""
    request = RequestFactory().get("/", {"q": "je n'ai plus rien à manger à Forest"})
    with translation.override("fr"):
        html = search_view(request).content.decode()
    assert "Forest" in html and "?category=aide-alimentaire&amp;where=Forest" in html


@pytest.mark.search
@pytest.mark.django_db
def test_the_offer_links_to_the_need_nearby_at_the_place_named(settings, demo_site):
    """The link comes from the directory's declaration (SearchExtras.need_url)."""
    settings.SEARCH_URL = ""
    request = RequestFactory().get("/", {"q": "je n'ai plus rien à manger à Forest"})
    with translation.override("fr"):
        html = search_view(request).content.decode()
        nearby = reverse("directory:nearby")
    assert f'href="{nearby}?category=aide-alimentaire&amp;where=Forest"' in html


@pytest.mark.search
@pytest.mark.django_db
def test_results_show_their_kinds_line_and_the_starting_points_link(
    settings, demo_site
):
    """Each kind's line under the title (ResultType.meta_template), and the
    starting points linked by their kind's url."""
    settings.SEARCH_URL = ""
    with translation.override("nl"):
        html = search_view(RequestFactory().get("/", {"q": "1030"})).content.decode()
        empty = search_view(RequestFactory().get("/", {"q": "xqzwv"})).content
        category = Category.objects.filter(parent__isnull=True).first()
        category_url = reverse("directory:category", kwargs={"slug": category.slug})
    item = re.search(r'search-result--antenna">(.*?)</li>', html, re.S)
    assert item and 'class="search-result__meta"' in item.group(1)
    assert f'href="{category_url}"' in empty.decode()
