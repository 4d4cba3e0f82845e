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
    assert "/static/places/map.js" in html
    assets = re.findall(r'<script[^>]+src="([^"]+)"', html) + re.findall(
        r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', html
    )
    assert assets and not [
        a for a in assets if a.startswith(("http://", "https://", "//"))
    ]


def test_home_has_lookup_box_and_map(client, demo_directory):
    html = client.get("/nl/").content.decode()
    assert 'action="/nl/in-mijn-buurt/"' in html
    assert 'data-map="map-data"' in html and "/static/places/map.js" in html


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


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/fr/pres-de-chez-moi/", "semble se trouver à Schaerbeek"),
        ("/nl/in-mijn-buurt/", "lijkt in Schaarbeek te liggen"),
    ],
)
def test_lookup_from_a_point_says_its_estimated_commune(
    client, demo_directory, path, says
):
    html = client.get(f"{path}?where=50.86760,4.37370").content.decode()
    first = Antenna.objects.get(slug=_hits(html)[0].split("/")[-2])
    assert first.organisation.external_id == "cpas-schaerbeek"
    assert says in html


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/fr/pres-de-chez-moi/", "Gand se trouve en Flandre"),
        ("/nl/in-mijn-buurt/", "Gent ligt in Vlaanderen"),
    ],
)
def test_a_place_in_flanders_points_to_the_flemish_social_map(
    client, demo_directory, path, says
):
    html = client.get(f"{path}?where=Gent").content.decode()
    assert says in html
    assert "https://www.desocialekaart.be/" in html
    assert _hits(html) == []


def test_a_shared_short_name_offers_the_communes(client, demo_directory):
    response = client.get("/nl/in-mijn-buurt/?where=Woluwe")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="?where=Sint-Lambrechts-Woluwe"' in html
    assert 'href="?where=Sint-Pieters-Woluwe"' in html


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/fr/pres-de-chez-moi/?where=Etterbeek", "près d’Etterbeek"),
        ("/fr/pres-de-chez-moi/?where=Anderlecht", "près d’Anderlecht"),
        ("/fr/pres-de-chez-moi/?where=Jette", "près de Jette"),
        ("/nl/in-mijn-buurt/?where=Etterbeek", "in de buurt van Etterbeek"),
    ],
)
def test_french_elides_de_before_a_vowel(client, demo_directory, path, heading):
    assert heading in client.get(path).content.decode()


def test_a_typo_is_read_and_said(client, demo_directory):
    html = client.get("/fr/pres-de-chez-moi/?where=Shaerbeek").content.decode()
    assert "vous avez tapé « Shaerbeek »" in html
    first = Antenna.objects.get(slug=_hits(html)[0].split("/")[-2])
    assert first.organisation.external_id == "cpas-schaerbeek"


@pytest.mark.parametrize(
    "path", ["/fr/categories/cpas/", "/nl/categorieen/cpas/", "/fr/categories/sante/"]
)
def test_a_category_page_without_a_place_labels_no_competence(
    client, demo_directory, path
):
    """Without a place there is no "here": no CPAS is "only for other communes"."""
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert _hits(html), "the category lists its antennas"
    assert "hit__note" not in html


@pytest.mark.parametrize(
    ("hours", "says"),
    [
        ("Mo-Fr 09:00-17:00; PH off", "Fermé les jours fériés."),
        ("Mo-Su 00:00-24:00", "Ouvert aussi les jours fériés, aux mêmes heures."),
        ("Mo-Fr 09:00-17:00; PH 10:00-12:00", "Jours fériés : 10:00–12:00."),
    ],
)
def test_antenna_page_says_what_happens_on_holidays(
    client, demo_directory, hours, says
):
    antenna = Antenna.objects.get(slug="cpas-de-schaerbeek-siege")
    Antenna.objects.filter(pk=antenna.pk).update(opening_hours=hours)
    html = client.get("/fr/antennes/cpas-de-schaerbeek-siege/").content.decode()
    assert says in html


def test_a_record_located_at_its_commune_shows_no_false_distance(
    client, demo_directory
):
    """An antenna geocoded to its commune's point only is "in <commune>", not
    "0,0 km" away."""
    antenna = Antenna.objects.get(slug="cpas-de-schaerbeek-siege")
    Antenna.objects.filter(pk=antenna.pk).update(
        precision="commune",
        coordinates_set_by_hand=False,
        latitude=50.867,
        longitude=4.3737,
    )
    for path, says in (
        ("/fr/pres-de-chez-moi/?where=1030", "à Schaerbeek (lieu exact inconnu)"),
        ("/nl/in-mijn-buurt/?where=1030", "in Schaarbeek (precieze plaats onbekend)"),
    ):
        html = client.get(path).content.decode()
        assert says in html
    html = client.get("/fr/pres-de-chez-moi/?where=1030").content.decode()
    block = html[html.index("/antennes/cpas-de-schaerbeek-siege/") :]
    block = block[: block.index("</li>")]
    assert "0,0 km" not in block
