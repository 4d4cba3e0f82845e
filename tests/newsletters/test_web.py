import xml.etree.ElementTree as ET

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_archive_lists_the_issue_in_both_languages(client, issue):
    fr = client.get("/fr/mutmail/")
    assert fr.status_code == 200
    html = fr.content.decode()
    assert "N° 25-26" in html
    assert "Pauvreté à Bruxelles" in html
    assert 'href="/fr/mutmail/rss/"' in html
    nl = client.get("/nl/mutmail/")
    assert "Armoede in Brussel" in nl.content.decode()


def test_year_archive_and_unknown_year(client, issue):
    assert "N° 25-26" in client.get("/fr/mutmail/2011/").content.decode()
    assert client.get("/fr/mutmail/1999/").status_code == 404


def test_issue_page_single_language_and_side_by_side(client, issue):
    single = client.get("/fr/mutmail/numero-25-26/").content.decode()
    assert "plus d'un Bruxellois sur quatre" in single.replace("&#x27;", "'")
    assert "meer dan één Brusselaar" not in single
    assert "Marc Dumont" in single and "Président" in single
    assert "Echos de la matinée Petite enfance" in single
    both = client.get("/fr/mutmail/numero-25-26/?view=bilingual").content.decode()
    assert '<div class="nl-column" lang="fr">' in both
    assert '<div class="nl-column" lang="nl">' in both
    assert "meer dan één Brusselaar" in both
    nl = client.get("/nl/mutmail/nummer-25-26/").content.decode()
    assert "Secretaris-penningmeester" in nl
    assert "Verslag over de voormiddag rond Het jonge kind" in nl


def test_article_reading_modes(client, issue):
    url_fr = "/fr/mutmail/numero-25-26/secret-professionnel-2/"
    single = client.get(url_fr).content.decode()
    assert "article 458 du Code pénal" in single
    assert "artikel 458" not in single
    both = client.get(url_fr + "?view=bilingual").content.decode()
    assert "article 458 du Code pénal" in both and "artikel 458" in both
    nl = client.get("/nl/mutmail/nummer-25-26/beroepsgeheim-2/").content.decode()
    assert "artikel 458" in nl
    assert "Zie het eerste deel" in nl  # footnotes block


def test_missing_translation_falls_back_with_lang_attribute(client, issue):
    from newsletters.models import ArticlePage

    article = ArticlePage.objects.child_of(issue).get(slug_fr="la-federation")
    article.body_nl = []
    article.standfirst_nl = ""
    article.save_revision().publish()
    html = client.get("/nl/mutmail/nummer-25-26/het-verbond/").content.decode()
    assert '<div class="fallback" lang="fr">' in html
    assert "La FCSSMB fédère" in html
    assert 'class="nl-standfirst" lang="fr"' in html
    both = client.get("/nl/mutmail/nummer-25-26/het-verbond/?view=bilingual")
    assert "nl-missing" in both.content.decode()


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_rss_and_atom_feeds_parse(client, issue, lang):
    rss = client.get(f"/{lang}/mutmail/rss/")
    assert rss.status_code == 200
    channel = ET.fromstring(rss.content).find("channel")
    assert channel.findtext("language") == lang
    items = channel.findall("item")
    assert len(items) == 1
    expected = "Pauvreté" if lang == "fr" else "Armoede"
    assert expected in items[0].findtext("title")
    slug = "numero-25-26" if lang == "fr" else "nummer-25-26"
    assert items[0].findtext("link").endswith(f"/{lang}/mutmail/{slug}/")
    atom = client.get(f"/{lang}/mutmail/atom/")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(atom.content)
    entries = root.findall("a:entry", ns)
    assert len(entries) == 1
    assert expected in entries[0].findtext("a:title", namespaces=ns)


def test_drafts_are_not_in_the_archive_or_feeds(client, mutmail):
    from newsletters.models import NewsletterIssuePage

    draft = NewsletterIssuePage(
        title="Brouillon secret", slug="brouillon", number="27", live=False
    )
    mutmail.add_child(instance=draft)
    assert "Brouillon secret" not in client.get("/fr/mutmail/").content.decode()
    assert b"Brouillon secret" not in client.get("/fr/mutmail/rss/").content


def test_article_is_a_search_result_type():
    from newsletters.models import ArticlePage
    from search.registry import result_types

    kind = result_types()["newsletter_article"]
    assert kind.model is ArticlePage
    names = [f.field_name for f in ArticlePage.get_search_fields()]
    assert "body" in names and "standfirst" in names
