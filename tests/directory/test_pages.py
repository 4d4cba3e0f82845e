import re

import pytest

from directory.models import Antenna, Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def _hits(html):
    return re.findall(r'<h3 class="hit__title"><a href="([^"]+)"', html)


def test_commune_pages_in_both_languages_list_the_same_antennas(client, demo_directory):
    fr = client.get("/fr/communes/schaerbeek/")
    nl = client.get("/nl/gemeenten/schaarbeek/")
    assert fr.status_code == nl.status_code == 200
    fr_hits, nl_hits = _hits(fr.content.decode()), _hits(nl.content.decode())
    assert fr_hits and [h.split("/")[-2] for h in fr_hits] == [
        h.split("/")[-2] for h in nl_hits
    ]
    assert fr_hits[0] == "/fr/antennes/antenne-sociale-helmet/" or "cpas" in fr_hits[0]
    assert 'href="/nl/gemeenten/schaarbeek/" hreflang="nl"' in fr.content.decode()


def test_commune_slug_of_the_other_language_redirects(client, demo_directory):
    response = client.get("/nl/gemeenten/schaerbeek/")
    assert response.status_code == 301
    assert response["Location"] == "/nl/gemeenten/schaarbeek/"
    assert client.get("/fr/communes/narnia/").status_code == 404


@pytest.mark.parametrize("where", ["1030", "Schaarbeek", "schaerbeek", "Schaerbeek"])
def test_lookup_page_same_answer(client, demo_directory, where):
    reference = _hits(client.get("/fr/pres-de-chez-moi/?where=1030").content.decode())
    html = client.get(f"/fr/pres-de-chez-moi/?where={where}").content.decode()
    assert _hits(html) == reference
    first = Antenna.objects.get(slug=reference[0].split("/")[-2])
    assert first.organisation.external_id == "cpas-schaerbeek"
    assert "Compétent pour cette commune" in html


def test_lookup_shows_km_and_filters_survive_in_links(client, demo_directory):
    html = client.get(
        "/nl/in-mijn-buurt/?where=1050&category=sante&wheelchair=1"
    ).content.decode()
    assert re.search(r'class="distance">\d+,\d km<', html)
    assert (
        "in-mijn-buurt/afdrukken/?where=1050&amp;category=sante&amp;wheelchair=1"
        in html
    )


def test_bad_where_is_explained(client, demo_directory):
    response = client.get("/fr/pres-de-chez-moi/?where=Narnia")
    assert response.status_code == 400
    assert (
        "“Narnia” n" in response.content.decode()
        or "Narnia" in response.content.decode()
    )
    assert 'role="alert"' in response.content.decode()


def test_federation_page_counts_members_and_antennas(client, demo_directory):
    html = client.get(
        "/fr/federations/federation-des-services-sociaux-bicommunautaires/"
    ).content.decode()
    members = Organisation.objects.members_of(
        Organisation.objects.get(external_id="fdssb")
    )
    antennas = Antenna.objects.filter(organisation__in=members).count()
    assert f"{members.count()} services, {antennas} antennes" in html


def test_closed_organisation_says_so(client, demo_directory):
    Organisation.objects.filter(external_id="casg-midi").update(status="closed")
    html = client.get("/fr/organisations/service-social-du-midi/").content.decode()
    assert "a fermé" in html or "fermé" in html


def test_antenna_page_hours_and_directions(client, demo_directory):
    html = client.get("/nl/antennes/cpas-de-schaerbeek-siege/").content.decode()
    assert "Maandag" in html and "08:30–19:00" in html
    assert "openstreetmap.org/directions" in html
    assert 'class="badge badge--' in html


def test_map_has_no_external_asset(client, demo_directory):
    html = client.get("/fr/communes/schaerbeek/").content.decode()
    assert 'data-map="map-data"' in html and 'id="map-data"' in html
    assert "/static/directory/map.js" in html
    assets = re.findall(r'<script[^>]+src="([^"]+)"', html) + re.findall(
        r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', html
    )
    assert assets and not [
        a for a in assets if a.startswith(("http://", "https://", "//"))
    ]


def test_home_has_lookup_box_and_map(client, demo_directory):
    html = client.get("/nl/").content.decode()
    assert 'action="/nl/in-mijn-buurt/"' in html
    assert 'data-map="map-data"' in html and "/static/directory/map.js" in html


def test_slug_change_redirects_in_both_languages(client, demo_directory):
    organisation = Organisation.objects.get(external_id="cap-westland")
    old = organisation.slug
    organisation.slug = "cap-westland-anderlecht"
    organisation.save()
    for prefix in ("/fr/organisations/", "/nl/organisaties/"):
        response = client.get(f"{prefix}{old}/")
        assert response.status_code == 301
        assert response["Location"] == f"{prefix}cap-westland-anderlecht/"
        assert client.get(response["Location"]).status_code == 200


def test_federation_page_of_a_non_federation_redirects(client, demo_directory):
    response = client.get("/nl/federaties/cap-westland/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/organisaties/cap-westland/"
