"""The directory in Chromium: nearest open maison médicale, maps, axe-core."""

from datetime import date

import pytest

from directory.models import Antenna, Category, Organisation
from places.models import Commune

pytestmark = [pytest.mark.browser]

FORMS = {
    "fr": {"path": "/fr/pres-de-chez-moi/", "button": "Trouver de l'aide"},
    "nl": {"path": "/nl/in-mijn-buurt/", "button": "Hulp zoeken"},
}


@pytest.fixture
def medical_centres(live_demo, django_capture_on_commit_callbacks):
    """Two maisons médicales near 1030: the nearest closed, the other always open
    (the demo's own are hidden meanwhile; everything is put back afterwards)."""
    hidden = list(
        Antenna.objects.filter(
            organisation__categories__slug="maison-medicale", live=True
        ).values_list("pk", flat=True)
    )
    Antenna.objects.filter(pk__in=hidden).update(live=False)
    schaerbeek = Commune.objects.get(refnis="21015")
    category = Category.objects.get(slug="maison-medicale")

    def centre(ext, name_fr, name_nl, lat, lon, hours, closed_until=None):
        org = Organisation.objects.create(
            external_id=ext, name=name_fr, name_fr=name_fr, name_nl=name_nl, live=True
        )
        org.categories.add(category)
        org.save()
        return Antenna.objects.create(
            external_id=f"{ext}-a",
            organisation=org,
            name=name_fr,
            name_fr=name_fr,
            name_nl=name_nl,
            street="Rue Josaphat",
            number="1",
            postcode="1030",
            commune=schaerbeek,
            latitude=lat,
            longitude=lon,
            precision="address",
            coordinates_set_by_hand=True,
            opening_hours=hours,
            closed_until=closed_until,
            live=True,
        )

    with django_capture_on_commit_callbacks(execute=True):
        nearest = centre(
            "mm-closed",
            "Maison médicale Fermée",
            "Wijkgezondheidscentrum Dicht",
            50.8700,
            4.3775,
            "Mo-Su 00:00-24:00",
            date(2099, 1, 1),
        )
        open_one = centre(
            "mm-open",
            "Maison médicale Ouverte",
            "Wijkgezondheidscentrum Open",
            50.8750,
            4.3900,
            "24/7",
        )
    yield nearest, open_one
    with django_capture_on_commit_callbacks(execute=True):
        for antenna in (nearest, open_one):
            organisation = antenna.organisation
            antenna.delete()
            organisation.delete()
    Antenna.objects.filter(pk__in=hidden).update(live=True)


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_nearest_open_maison_medicale(browser, live_demo, medical_centres, lang):
    for javascript in (True, False):
        _find_nearest_open(browser, live_demo, lang, javascript)


def _find_nearest_open(browser, live_demo, lang, javascript):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=javascript
    )
    from tests.browser.conftest import WatchedPage

    watched = WatchedPage(context.new_page(), live_demo.url)
    page = watched.page
    watched.goto(FORMS[lang]["path"])
    page.fill("#where", "1030")
    page.select_option("#category", "maison-medicale")
    page.check("#open_now")
    page.get_by_role("button", name=FORMS[lang]["button"]).click()
    page.wait_for_load_state()
    first = page.locator(".hit").first
    expected = (
        "Maison médicale Ouverte" if lang == "fr" else "Wijkgezondheidscentrum Open"
    )
    assert expected in first.locator(".hit__title").inner_text()
    assert "km" in first.locator(".distance").inner_text()
    assert page.locator(".hit").count() == 1, "the closed one is filtered out"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    if javascript:
        assert page.locator(".leaflet-marker-icon, .marker-cluster").count() >= 1
        watched.assert_clean()
    else:
        assert watched.foreign_requests() == []
    # Without the filter the closed, nearer one comes first.
    page.uncheck("#open_now")
    page.get_by_role("button", name=FORMS[lang]["button"]).click()
    page.wait_for_load_state()
    assert page.locator(".hit").count() == 2
    context.close()


DIRECTORY_PAGES = [
    "/fr/organisations/cpas-de-schaerbeek/",
    "/nl/antennes/cpas-de-schaerbeek-siege/",
    "/nl/federaties/federation-des-services-sociaux-bicommunautaires/",
    "/fr/communes/schaerbeek/",
    "/nl/gemeenten/schaarbeek/",
    "/fr/categories/planning-familial/",
    "/nl/in-mijn-buurt/?where=Elsene",
    "/fr/pres-de-chez-moi/imprimer/?where=1030",
    "/fr/",
]


def test_directory_pages_pass_axe(phone_page):
    for path in DIRECTORY_PAGES:
        phone_page.goto(path)
        try:
            phone_page.assert_clean()
        except AssertionError as error:
            raise AssertionError(f"{path}: {error}") from error
