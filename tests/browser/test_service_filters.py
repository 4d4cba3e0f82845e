"""A person on a phone finds "a free walk-in social permanence open now near
1080" and prints the list for the person she refers."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Q
from django.utils import timezone

from directory.models import Antenna, Organisation, Service, ServiceAtLocation
from places.models import Commune
from tests.browser.conftest import PHONE, WatchedPage

pytestmark = [pytest.mark.browser]

# A Tuesday at 10:00 in Brussels, inside the permanence's walk-in hours.
TUESDAY_10 = datetime(2024, 1, 9, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
FORMS = {
    "fr": {
        "path": "/fr/pres-de-chez-moi/",
        "button": "Trouver de l'aide",
        "print": "Imprimer cette liste",
        "service": "Permanence sociale sans rendez-vous",
        "conditions": [
            "Sans rendez-vous le mardi de 9 h à 12 h",
            "gratuit",
            "apportez carte d'identité",
        ],
    },
    "nl": {
        "path": "/nl/in-mijn-buurt/",
        "button": "Hulp zoeken",
        "print": "Deze lijst afdrukken",
        "service": "Sociale permanentie zonder afspraak",
        "conditions": [
            "Zonder afspraak op dinsdag van 9 tot 12 uur",
            "gratis",
            "breng identiteitskaart en laatste aanslagbiljet mee",
        ],
    },
}


def _antenna(ext: str, name: str, commune, lat: float, lon: float) -> Antenna:
    organisation = Organisation.objects.create(
        external_id=ext, name=name, name_fr=name, name_nl=name, live=True
    )
    antenna = Antenna.objects.create(
        external_id=f"{ext}-a",
        organisation=organisation,
        name=name,
        name_fr=name,
        name_nl=name,
        street="Rue Comte de Flandre",
        number="1",
        postcode="1080",
        commune=commune,
        latitude=lat,
        longitude=lon,
        precision="address",
        coordinates_set_by_hand=True,
        opening_hours="Mo-Fr 09:00-17:00; PH off",
        live=True,
    )
    antenna.served_communes.add(commune)
    return antenna


def _service(antenna: Antenna, ext: str, **fields) -> Service:
    service = Service.objects.create(
        organisation=antenna.organisation, external_id=ext, **fields
    )
    ServiceAtLocation.objects.create(service=service, antenna=antenna)
    return service


@pytest.fixture
def permanences(live_demo, django_capture_on_commit_callbacks):
    """Near 1080: the right one (free, walk-in on Tuesday mornings) and a nearer
    trap (free by appointment, walk-in but paid). The demo's antennas of
    Molenbeek are hidden meanwhile; everything is put back afterwards."""
    molenbeek = Commune.objects.get(refnis="21012")
    hidden = list(
        Antenna.objects.filter(
            Q(commune=molenbeek) | Q(served_communes=molenbeek), live=True
        ).values_list("pk", flat=True)
    )
    Antenna.objects.filter(pk__in=hidden).update(live=False)
    with django_capture_on_commit_callbacks(execute=True):
        right = _antenna(
            "perm-right", "Espace social Ribaucourt", molenbeek, 50.857, 4.336
        )
        _service(
            right,
            "perm-right-s",
            name="Permanence sociale sans rendez-vous",
            name_fr="Permanence sociale sans rendez-vous",
            name_nl="Sociale permanentie zonder afspraak",
            cost="free",
            walk_in=True,
            walk_in_hours="Tu 09:00-12:00",
            documents_fr="Carte d'identité et dernier avertissement-extrait de rôle.",
            documents_nl="Identiteitskaart en laatste aanslagbiljet.",
        )
        trap = _antenna("perm-trap", "Bureau Piège", molenbeek, 50.8555, 4.3345)
        _service(
            trap,
            "perm-trap-a",
            name="Sur rendez-vous",
            name_fr="Sur rendez-vous",
            cost="free",
            by_appointment=True,
        )
        _service(
            trap,
            "perm-trap-b",
            name="Payant",
            name_fr="Payant",
            cost="fee",
            walk_in=True,
            walk_in_hours="Tu 09:00-12:00",
        )
    yield right, trap
    with django_capture_on_commit_callbacks(execute=True):
        for antenna in (right, trap):
            organisation = antenna.organisation
            antenna.delete()
            organisation.delete()
    Antenna.objects.filter(pk__in=hidden).update(live=True)


@pytest.mark.parametrize("lang", ["fr", "nl"])
@pytest.mark.parametrize("where", ["1080", "Molenbeek"])
def test_free_walk_in_permanence_open_now_near_1080(
    browser, live_demo, permanences, monkeypatch, lang, where
):
    monkeypatch.setattr(timezone, "now", lambda: TUESDAY_10)
    form = FORMS[lang]
    context = browser.new_context(viewport=PHONE)
    watched = WatchedPage(context.new_page(), live_demo.url)
    page = watched.page
    watched.goto(form["path"])
    page.fill("#where", where)
    page.check("#free")
    page.check("#walk_in_now")
    page.get_by_role("button", name=form["button"]).click()
    page.wait_for_load_state()
    hits = page.locator(".hit")
    # Other free walk-in services of the demo may follow, further away; the trap
    # (a free service by appointment, a paid walk-in one) never matches.
    assert "Bureau Piège" not in page.locator("main").inner_text()
    first = hits.first
    assert "Espace social Ribaucourt" in first.locator(".hit__title").inner_text()
    assert form["service"] in first.locator(".hit__services").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    watched.assert_clean()

    page.get_by_role("link", name=form["print"]).click()
    page.wait_for_load_state()
    printed = page.locator("main").inner_text()
    assert "Espace social Ribaucourt" in printed
    assert form["service"] in printed
    assert "Bureau Piège" not in printed
    for condition in form["conditions"]:
        assert condition in printed, printed
    context.close()
