"""The gazetteer loaded by the data migration: 565 communes, postcodes, centroids."""

import pytest

from directory.models import Category, Language, Public
from places.models import Commune, Postcode, Region

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

BELGIUM = {"lat": (49.49, 51.51), "lon": (2.54, 6.41)}

BRUSSELS = {
    "21001": ("Anderlecht", "Anderlecht"),
    "21002": ("Auderghem", "Oudergem"),
    "21003": ("Berchem-Sainte-Agathe", "Sint-Agatha-Berchem"),
    "21004": ("Bruxelles", "Brussel"),
    "21005": ("Etterbeek", "Etterbeek"),
    "21006": ("Evere", "Evere"),
    "21007": ("Forest", "Vorst"),
    "21008": ("Ganshoren", "Ganshoren"),
    "21009": ("Ixelles", "Elsene"),
    "21010": ("Jette", "Jette"),
    "21011": ("Koekelberg", "Koekelberg"),
    "21012": ("Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek"),
    "21013": ("Saint-Gilles", "Sint-Gillis"),
    "21014": ("Saint-Josse-ten-Noode", "Sint-Joost-ten-Node"),
    "21015": ("Schaerbeek", "Schaarbeek"),
    "21016": ("Uccle", "Ukkel"),
    "21017": ("Watermael-Boitsfort", "Watermaal-Bosvoorde"),
    "21018": ("Woluwe-Saint-Lambert", "Sint-Lambrechts-Woluwe"),
    "21019": ("Woluwe-Saint-Pierre", "Sint-Pieters-Woluwe"),
}


def test_all_565_communes_with_a_centroid_inside_belgium():
    communes = list(Commune.objects.all())
    assert len(communes) == 565
    assert len({c.refnis for c in communes}) == 565
    for commune in communes:
        assert commune.name_fr and commune.name_nl, commune.refnis
        assert BELGIUM["lat"][0] <= commune.latitude <= BELGIUM["lat"][1], commune
        assert BELGIUM["lon"][0] <= commune.longitude <= BELGIUM["lon"][1], commune


def test_regions_after_the_2025_mergers():
    assert Commune.objects.in_region(Region.BRUSSELS).count() == 19
    assert Commune.objects.in_region(Region.WALLONIA).count() == 261
    assert Commune.objects.in_region(Region.FLANDERS).count() == 285


def test_brussels_communes_in_both_languages():
    found = {
        c.refnis: (c.name_fr, c.name_nl)
        for c in Commune.objects.in_region(Region.BRUSSELS)
    }
    assert found == BRUSSELS
    schaerbeek = Commune.objects.get(refnis="21015")
    assert (schaerbeek.slug_fr, schaerbeek.slug_nl) == ("schaerbeek", "schaarbeek")
    # Brussels centroids sit inside the region's small box.
    for commune in Commune.objects.in_region(Region.BRUSSELS):
        assert 50.76 <= commune.latitude <= 50.92 and 4.24 <= commune.longitude <= 4.49


def test_walloon_names_and_merger():
    assert Commune.objects.get(name_fr="Mons").name_nl == "Bergen"
    assert Commune.objects.get(name_fr="Liège").name_nl == "Luik"
    assert not Commune.objects.filter(name_fr="Bertogne").exists()
    assert Postcode.objects.get(code="6686").commune.name_fr == "Bastogne"


def test_postcodes_and_their_communes():
    assert Postcode.objects.count() == 1152
    assert Postcode.objects.values("code").distinct().count() == 1149
    assert set(
        Postcode.objects.filter(code="1040").values_list("commune__refnis", flat=True)
    ) == {"21004", "21005"}
    assert set(
        Postcode.objects.filter(code="1030").values_list("commune__refnis", flat=True)
    ) == {"21015"}
    assert Commune.objects.filter(postcodes__isnull=True).count() == 0


def test_reference_taxonomy_slugs_exist():
    required = {
        "cpas",
        "casg",
        "cap",
        "service-social-mutualiste",
        "maison-medicale",
        "sante-mentale",
        "planning-familial",
        "aide-alimentaire",
        "energie",
        "logement",
        "justice",
        "migration",
        "petite-enfance",
    }
    assert required <= set(Category.objects.values_list("slug", flat=True))
    cpas = Category.objects.get(slug="cpas")
    assert (cpas.name_fr, cpas.name_nl, cpas.parent.slug) == (
        "CPAS",
        "OCMW",
        "aide-sociale-generale",
    )
    for category in Category.objects.all():
        assert category.name_fr and category.name_nl
    assert Public.objects.filter(slug="familles").exists()
    assert Language.objects.get(code="nl").name_fr == "néerlandais"


def test_category_slug_never_changes():
    from django.core.exceptions import ValidationError

    category = Category.objects.get(slug="energie")
    category.slug = "energy"
    with pytest.raises(ValidationError):
        category.save()
