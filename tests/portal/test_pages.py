import re

import pytest
from django.utils import translation

from portal.models import StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_home_page_has_its_language(client, demo_site, lang):
    html = _html(client, f"/{lang}/")
    assert f'<html lang="{lang}">' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html


def test_root_redirects_to_a_language(client, demo_site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="nl-BE,nl;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


def test_switcher_links_to_the_translated_slug(client, demo_site):
    html = _html(client, "/fr/a-propos/")
    assert 'href="/nl/over-het-portaal/" hreflang="nl"' in html
    html = _html(client, "/nl/over-het-portaal/")
    assert 'href="/fr/a-propos/" hreflang="fr"' in html


def test_slugs_are_per_language(client, demo_site):
    assert client.get("/nl/a-propos/").status_code == 404
    assert client.get("/fr/over-het-portaal/").status_code == 404


def test_hreflang_alternates(client, demo_site):
    html = _html(client, "/nl/privacy/")
    assert (
        '<link rel="alternate" hreflang="fr" href="http://testserver/fr/vie-privee/">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="nl" href="http://testserver/nl/privacy/">'
        in html
    )
    assert 'hreflang="x-default" href="http://testserver/fr/vie-privee/"' in html


@pytest.mark.parametrize(
    ("lang", "numbers"),
    [("fr", ["112", "107", "080032123"]), ("nl", ["112", "106", "1813"])],
)
def test_footer_has_urgent_help_and_policy_links(client, demo_site, lang, numbers):
    html = _html(client, f"/{lang}/")
    for number in numbers:
        assert f'href="tel:{number}"' in html
    with translation.override(lang):
        for page in StandardPage.objects.all():
            assert f'href="{page.get_url()}"' in html


def test_search_box_in_header_points_to_translated_search(client, demo_site):
    assert 'action="/fr/recherche/"' in _html(client, "/fr/")
    assert 'action="/nl/zoeken/"' in _html(client, "/nl/")


def test_missing_translation_falls_back_with_lang_and_notice(client, demo_site):
    page = StandardPage.objects.get(slug_fr="vie-privee")
    page.intro_nl = ""
    page.save_revision().publish()
    html = _html(client, "/nl/privacy/")
    fallback = re.search(r'<div class="fallback" lang="fr">(.*?)</div>', html, re.S)
    assert fallback, "the French text must be marked lang=fr"
    assert "sans être suivi" in fallback.group(1)
    assert "nog niet beschikbaar in het Nederlands" in fallback.group(1)
    # The French page is untouched.
    assert 'class="fallback"' not in _html(client, "/fr/vie-privee/")


def test_missing_title_falls_back_never_blank(client, demo_site):
    page = StandardPage.objects.get(slug_fr="accessibilite")
    page.title_nl = ""
    page.save_revision().publish()
    html = _html(client, "/nl/toegankelijkheid/")
    assert '<h1 lang="fr">Déclaration d&#x27;accessibilité</h1>' in html


def test_sitemaps_per_language(client, demo_site):
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/fr/sitemap.xml" in index
    assert "http://testserver/nl/sitemap.xml" in index
    nl = client.get("/nl/sitemap.xml").content.decode()
    assert "/nl/over-het-portaal/</loc>" in nl
    assert 'hreflang="fr" href="http://localhost/fr/a-propos/"' in nl
    assert "/fr/a-propos/</loc>" not in nl


def test_not_found_page_is_translated(client, demo_site):
    response = client.get("/nl/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_admin_answers(client, demo_site):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_admin_edit_form_has_both_languages(admin_client, demo_site):
    page = StandardPage.objects.get(slug_fr="a-propos")
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    for field in ("title_fr", "title_nl", "slug_fr", "slug_nl", "intro_fr", "intro_nl"):
        assert f'name="{field}"' in html, field


def test_seed_demo_is_idempotent(demo_site):
    from django.core.management import call_command
    from wagtail.models import Page, Revision

    from directory.models import Antenna, Organisation

    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        Organisation.objects.count(),
        Antenna.objects.count(),
    )
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert (
        Page.objects.count(),
        Revision.objects.count(),
        Organisation.objects.count(),
        Antenna.objects.count(),
    ) == counts
    assert all(page.latest_revision_id for page in Page.objects.filter(depth__gt=1))


@pytest.mark.parametrize("path", ["/fr/", "/nl/", "/api/v1/directory/markers.geojson"])
def test_pages_are_sent_compressed(client, demo_site, path):
    response = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
