"""parse_where(), the geocoders, and geocoding antennas after save.

No network: Nominatim is a fake geopy geocoder injected into NominatimGeocoder.
"""

import logging

import pytest
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext
from geopy.exc import GeocoderUnavailable
from geopy.location import Location

import directory.signals
import directory.tasks
from directory.locating import geocode_antenna
from directory.models import Antenna
from directory.tasks import enqueue_geocoding, geocode_antennas
from places import geocoding
from places.geocoding import (
    GeocodeResult,
    NominatimGeocoder,
    OfflineGeocoder,
    Where,
    WhereError,
    clear_gazetteer_cache,
    get_geocoder,
    parse_where,
    split_street,
)
from places.models import Commune, GeocodedAddress, Precision
from tests.factories import AntennaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

SCHAERBEEK, BRUXELLES, IXELLES, ETTERBEEK = "21015", "21004", "21009", "21005"
MONS, LIEGE, SAINT_GILLES, BRAINE_L_ALLEUD = "53053", "62063", "21013", "25014"


@pytest.fixture(autouse=True)
def _fresh_caches():
    clear_gazetteer_cache()
    geocoding._geocoders.clear()
    yield
    clear_gazetteer_cache()
    geocoding._geocoders.clear()


def commune(refnis: str) -> Commune:
    return Commune.objects.get(refnis=refnis)


# --- parse_where ------------------------------------------------------------------


def test_a_postcode_gives_its_commune():
    where = parse_where("1030")
    schaerbeek = commune(SCHAERBEEK)
    assert isinstance(where, Where)
    assert where.precision == "postcode"
    assert where.communes == (SCHAERBEEK,)
    assert where.postcode == "1030"
    assert (where.latitude, where.longitude) == (
        schaerbeek.latitude,
        schaerbeek.longitude,
    )
    assert where.commune_ids == (schaerbeek.pk,)


@pytest.mark.parametrize(
    "text", ["Schaerbeek", "Schaarbeek", "schaerbeek", "SCHAERBEEK", "  schaarbeek "]
)
def test_a_commune_in_french_or_dutch_any_case(text):
    where = parse_where(text)
    assert where.communes == (SCHAERBEEK,)
    assert where.precision == "commune"
    assert where.postcode is None
    assert where.latitude == pytest.approx(50.86935)


def test_the_label_follows_the_active_language():
    with translation.override("nl"):
        assert parse_where("Schaerbeek").label == "Schaarbeek"
        assert parse_where("1030").label == "1030 Schaarbeek"
    with translation.override("fr"):
        assert parse_where("Schaarbeek").label == "Schaerbeek"


def test_a_postcode_of_two_communes():
    where = parse_where("1050")
    assert set(where.communes) == {BRUXELLES, IXELLES}
    assert where.precision == "postcode"
    bruxelles, ixelles = commune(BRUXELLES), commune(IXELLES)
    # Between the two communes' points.
    assert where.latitude == pytest.approx((bruxelles.latitude + ixelles.latitude) / 2)
    with translation.override("fr"):
        assert parse_where("1050").label == "1050 Bruxelles, Ixelles"
    assert set(parse_where("1040").communes) == {BRUXELLES, ETTERBEEK}


@pytest.mark.parametrize(
    ("text", "refnis"),
    [
        ("Elsene", IXELLES),
        ("Bergen", MONS),
        ("Luik", LIEGE),
        ("liege", LIEGE),
        ("sint-gillis", SAINT_GILLES),
        ("Saint Gilles", SAINT_GILLES),
        ("St-Gilles", SAINT_GILLES),
        ("Braine-l'Alleud", BRAINE_L_ALLEUD),  # the data has a curly apostrophe
        ("braine l’alleud", BRAINE_L_ALLEUD),
        ("Ecaussinnes", "55050"),
        ("Écaussinnes", "55050"),
        ("'s Gravenbrakel", "55004"),
        ("Sankt Vith", "63067"),
        ("Bullingen", "63012"),  # German name without the umlaut
        ("Brussels", BRUXELLES),
    ],
)
def test_commune_spellings(text, refnis):
    assert parse_where(text).communes == (refnis,)


def test_the_commune_index_is_built_once():
    parse_where("Schaerbeek")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert parse_where("Elsene").communes == (IXELLES,)
        assert parse_where("1050").postcode == "1050"
    assert len(queries) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50.85,4.35", (50.85, 4.35)),
        ("50.85, 4.35", (50.85, 4.35)),
        ("50.85 4.35", (50.85, 4.35)),
        ("50,85; 4,35", (50.85, 4.35)),
        ("51,4", (51.0, 4.0)),  # whole degrees (50,4 is in France, by Fourmies)
        ("4.35, 50.85", (50.85, 4.35)),  # longitude first, as in GeoJSON
    ],
)
def test_coordinates(text, expected):
    where = parse_where(text)
    assert (where.latitude, where.longitude) == pytest.approx(expected)
    assert where.precision == "point"
    # No boundaries in the gazetteer: the commune is an estimate, and says so.
    assert len(where.communes) == 1
    assert where.commune_estimated
    assert where.commune_distance_km is not None
    assert where.postcode is None


@pytest.mark.parametrize("text", ["48.0,2.0", "51.5, -0.12", "0,0"])
@pytest.mark.parametrize("language", ["fr", "nl"])
def test_coordinates_outside_belgium(text, language):
    with translation.override(language):
        with pytest.raises(WhereError) as error:
            parse_where(text)
        # The message is in the visitor's language.
        assert str(error.value) == gettext("These coordinates are outside Belgium.")
    assert error.value.code == "outside"
    assert error.value.text == text


@pytest.mark.parametrize("text", ["", "   ", None])
def test_nothing_is_no_place(text):
    assert parse_where(text) is None


@pytest.mark.parametrize("text", ["9999", "Narnia", "Rue Royale 12", "12"])
def test_unknown_places(text):
    with pytest.raises(WhereError) as error:
        parse_where(text)
    assert error.value.code == "unknown"
    assert text in str(error.value)
    assert isinstance(error.value, ValueError)


def test_a_postcode_and_a_commune_that_disagree():
    with pytest.raises(WhereError) as error, translation.override("fr"):
        parse_where("1030 Ixelles")
    assert error.value.code == "mismatch"
    assert "1030" in str(error.value)
    assert "Ixelles" in str(error.value)


@pytest.mark.parametrize(
    ("text", "postcode", "communes"),
    [
        ("1030 Schaerbeek", "1030", (SCHAERBEEK,)),
        ("Schaerbeek 1030", "1030", (SCHAERBEEK,)),
        ("1050 Ixelles", "1050", (IXELLES,)),  # the commune narrows the postcode
        ("B-1050 Elsene", "1050", (IXELLES,)),
        ("Rue Royale 12, 1030 Schaerbeek", "1030", (SCHAERBEEK,)),
        ("Koningsstraat 12 1000 Brussel", "1000", (BRUXELLES,)),
        ("Rue Royale 12 bte 3, 1030 Schaerbeek, Belgique", "1030", (SCHAERBEEK,)),
        ("1030 Schaerbeek, Rue Royale 12", "1030", (SCHAERBEEK,)),
        # "Louvain" and "Mons" here are streets, not communes:
        ("Chaussée de Louvain 12, 1030 Schaerbeek", "1030", (SCHAERBEEK,)),
        ("Rue de Mons 3 1070", "1070", ("21001",)),
        # A locality the gazetteer doesn't know: the postcode decides.
        ("Rue Royale 12, 1020 Laeken", "1020", (BRUXELLES,)),
    ],
)
def test_addresses_offline_fall_back_to_the_postcode(text, postcode, communes):
    where = parse_where(text)
    assert where.precision == "postcode"
    assert where.postcode == postcode
    assert where.communes == communes


def test_an_address_without_postcode_falls_back_to_the_commune():
    where = parse_where("Rue Royale 12, Schaerbeek")
    assert where.precision == "commune"
    assert where.communes == (SCHAERBEEK,)
    assert where.latitude == commune(SCHAERBEEK).latitude


@pytest.mark.parametrize(
    "text", ["Rue Royale 12, 1030 Ixelles", "Rue Royale, 1030 Ixelles", "1030, Ixelles"]
)
def test_an_address_with_a_mismatch_is_refused(text):
    with pytest.raises(WhereError) as error:
        parse_where(text)
    assert error.value.code == "mismatch"


def test_a_house_number_that_looks_like_a_postcode():
    where = parse_where("Chaussée de Wavre 1050 Auderghem")
    assert where.communes == ("21002",)
    assert where.precision == "commune"
    assert where.postcode is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rue Royale 12", ("Rue Royale", "12")),
        ("12, rue Royale", ("rue Royale", "12")),
        ("Rue Royale 12 bte 3", ("Rue Royale", "12")),
        ("Kerkstraat 5 bus 2", ("Kerkstraat", "5")),
        ("Rue du 11 Novembre 4A", ("Rue du 11 Novembre", "4A")),
        ("Avenue Louise", ("Avenue Louise", "")),
    ],
)
def test_split_street(text, expected):
    assert split_street(text) == expected


# --- Geocoders --------------------------------------------------------------------


class FakeNominatim:
    """Stands in for geopy's Nominatim: returns ``location`` or raises ``error``."""

    def __init__(self, location=None, error=None):
        self.location, self.error = location, error
        self.calls = []

    def geocode(self, query, **kwargs):
        self.calls.append((query, kwargs))
        if self.error:
            raise self.error
        return self.location


def house(latitude=50.8649, longitude=4.3692):
    raw = {
        "class": "place",
        "type": "house",
        "addresstype": "place",
        "address": {"house_number": "12", "road": "Rue Royale", "postcode": "1030"},
    }
    return Location("12, Rue Royale, 1030 Schaerbeek", (latitude, longitude), raw)


def street(latitude=50.8649, longitude=4.3692):
    raw = {
        "class": "highway",
        "type": "secondary",
        "addresstype": "road",
        "address": {"road": "Rue Royale", "postcode": "1030"},
    }
    return Location("Rue Royale, 1030 Schaerbeek", (latitude, longitude), raw)


def nominatim(fake):
    return NominatimGeocoder(fake, min_delay_seconds=0)


def test_offline_geocoder_gives_the_commune_point():
    schaerbeek = commune(SCHAERBEEK)
    result = OfflineGeocoder().geocode_address("Rue Royale", "12", "1030", schaerbeek)
    assert result == GeocodeResult(
        schaerbeek.latitude, schaerbeek.longitude, Precision.COMMUNE, "offline"
    )
    # Without the commune, the postcode's commune.
    by_postcode = OfflineGeocoder().geocode_address("", "", "1030", None)
    assert (by_postcode.latitude, by_postcode.precision) == (
        schaerbeek.latitude,
        "commune",
    )
    assert OfflineGeocoder().geocode_address("Rue Royale", "12", "", None) is None


def test_nominatim_finds_a_house_and_caches_it():
    fake = FakeNominatim(house())
    geocoder = nominatim(fake)
    schaerbeek = commune(SCHAERBEEK)

    result = geocoder.geocode_address("Rue Royale", "12", "1030", schaerbeek)
    assert result == GeocodeResult(50.8649, 4.3692, "address", "nominatim")
    query, options = fake.calls[0]
    assert query == {
        "street": "12 Rue Royale",
        "postalcode": "1030",
        "city": "Schaerbeek",
        "country": "Belgium",
    }
    assert options["country_codes"] == "be"
    assert options["exactly_one"] is True

    cached = GeocodedAddress.objects.get()
    assert cached.provider == "nominatim"
    assert cached.precision == "address"
    assert cached.query.startswith("nominatim:")

    # Asked again, in other spelling: from the cache, Nominatim isn't called.
    again = geocoder.geocode_address("RUE ROYALE", "12", "1030", schaerbeek)
    assert again == result
    assert len(fake.calls) == 1
    assert GeocodedAddress.objects.count() == 1


def test_nominatim_asks_flemish_communes_in_dutch():
    fake = FakeNominatim(None)
    nominatim(fake).geocode_address("Kerkstraat", "1", "9000", commune("44021"))
    assert fake.calls[0][0]["city"] == "Gent"


def test_nominatim_finds_only_the_street():
    geocoder = nominatim(FakeNominatim(street()))
    result = geocoder.geocode_address("Rue Royale", "999", "1030", commune(SCHAERBEEK))
    assert result.precision == "street"


def test_nominatim_unavailable_falls_back_offline_uncached(caplog):
    fake = FakeNominatim(error=GeocoderUnavailable("Service not available"))
    schaerbeek = commune(SCHAERBEEK)
    with caplog.at_level(logging.WARNING, logger="places.geocoding"):
        result = nominatim(fake).geocode_address("Rue Royale", "12", "1030", schaerbeek)
    assert result == GeocodeResult(
        schaerbeek.latitude, schaerbeek.longitude, "commune", "offline"
    )
    assert "Nominatim failed" in caplog.text
    assert not GeocodedAddress.objects.exists()  # the next attempt asks again


def test_nominatim_not_found_falls_back_and_is_remembered():
    fake = FakeNominatim(None)
    geocoder = nominatim(fake)
    schaerbeek = commune(SCHAERBEEK)
    first = geocoder.geocode_address("Rue Imaginaire", "1", "1030", schaerbeek)
    second = geocoder.geocode_address("Rue Imaginaire", "1", "1030", schaerbeek)
    assert first == second
    assert first.precision == "commune"
    assert len(fake.calls) == 1
    assert GeocodedAddress.objects.get().precision == "none"


def test_nominatim_answer_in_another_commune_is_ignored():
    # A "Rue Royale" in Ostend is not the one in Schaerbeek.
    geocoder = nominatim(FakeNominatim(house(51.2299, 2.9126)))
    result = geocoder.geocode_address("Rue Royale", "12", "1030", commune(SCHAERBEEK))
    assert result.precision == "commune"
    assert result.provider == "offline"


def test_nominatim_is_not_asked_without_a_street():
    fake = FakeNominatim(house())
    result = nominatim(fake).geocode_address("", "", "1030", commune(SCHAERBEEK))
    assert result.precision == "commune"
    assert fake.calls == []


def test_parse_where_uses_the_geocoder_for_an_address():
    fake = FakeNominatim(house())
    where = parse_where("Rue Royale 12, 1030 Schaerbeek", geocoder=nominatim(fake))
    assert where.precision == "address"
    assert (where.latitude, where.longitude) == (50.8649, 4.3692)
    assert where.communes == (SCHAERBEEK,)
    assert where.postcode == "1030"
    with translation.override("fr"):
        assert where.label == "Rue Royale 12, 1030 Schaerbeek"
    assert fake.calls[0][0]["street"] == "12 Rue Royale"


def test_parse_where_falls_back_when_nominatim_is_down():
    fake = FakeNominatim(error=GeocoderUnavailable("down"))
    where = parse_where("Rue Royale 12, 1030 Schaerbeek", geocoder=nominatim(fake))
    assert where.precision == "postcode"
    assert where.communes == (SCHAERBEEK,)


def test_get_geocoder_follows_the_setting():
    assert isinstance(get_geocoder(), OfflineGeocoder)
    with override_settings(GEOCODER="nominatim"):
        geocoder = get_geocoder()
        assert isinstance(geocoder, NominatimGeocoder)
        assert get_geocoder() is geocoder  # one per process: one rate limiter


# --- Antennas ---------------------------------------------------------------------


def test_a_new_antenna_is_geocoded_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        antenna = AntennaFactory()
    assert len(callbacks) == 1
    antenna.refresh_from_db()
    schaerbeek = commune(SCHAERBEEK)
    assert antenna.precision == Precision.COMMUNE
    assert (antenna.latitude, antenna.longitude) == (
        schaerbeek.latitude,
        schaerbeek.longitude,
    )
    assert antenna.geocoded_at is not None


def test_nothing_is_enqueued_before_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        antenna = AntennaFactory()
    assert len(callbacks) == 1
    antenna.refresh_from_db()
    assert antenna.latitude is None
    assert antenna.precision == Precision.NONE


def test_changing_the_address_geocodes_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        antenna = AntennaFactory()
    antenna = Antenna.objects.get(pk=antenna.pk)
    antenna.postcode, antenna.commune = "1050", commune(IXELLES)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        antenna.save()
    assert len(callbacks) == 1
    antenna.refresh_from_db()
    assert antenna.latitude == commune(IXELLES).latitude


def test_an_unchanged_address_is_not_geocoded_again(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        antenna = AntennaFactory()
    antenna = Antenna.objects.get(pk=antenna.pk)
    antenna.phone = "02 000 00 00"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        antenna.save()
    assert callbacks == []


def test_publishing_a_draft_with_a_new_address_geocodes_again(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        antenna = AntennaFactory()
    antenna = Antenna.objects.get(pk=antenna.pk)
    antenna.postcode, antenna.commune = "1050", commune(IXELLES)
    with django_capture_on_commit_callbacks(execute=True):
        revision = antenna.save_revision()
    antenna.refresh_from_db()
    assert antenna.postcode == "1030"  # a draft doesn't touch the live row…
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        revision.publish()
    assert len(callbacks) == 1
    antenna.refresh_from_db()
    assert antenna.postcode == "1050"
    assert antenna.latitude == commune(IXELLES).latitude  # …publishing does


def test_hand_set_coordinates_are_never_overwritten(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        antenna = AntennaFactory(
            latitude=50.8671,
            longitude=4.3712,
            precision=Precision.ADDRESS,
            coordinates_set_by_hand=True,
        )
    antenna = Antenna.objects.get(pk=antenna.pk)
    antenna.postcode, antenna.commune = "1050", commune(IXELLES)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        antenna.save()
    assert callbacks == []
    assert geocode_antenna(antenna) is False
    assert geocode_antennas.call([antenna.pk]) == 0
    antenna.refresh_from_db()
    assert (antenna.latitude, antenna.longitude) == (50.8671, 4.3712)
    assert antenna.precision == Precision.ADDRESS
    assert antenna.geocoded_at is None


def test_unticking_hand_set_coordinates_geocodes_again(
    django_capture_on_commit_callbacks,
):
    antenna = AntennaFactory(
        latitude=50.8671, longitude=4.3712, coordinates_set_by_hand=True
    )
    antenna = Antenna.objects.get(pk=antenna.pk)
    antenna.coordinates_set_by_hand = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        antenna.save()
    assert len(callbacks) == 1
    antenna.refresh_from_db()
    assert antenna.latitude == commune(SCHAERBEEK).latitude
    assert antenna.precision == Precision.COMMUNE


def test_saving_unrelated_fields_enqueues_nothing(django_capture_on_commit_callbacks):
    antenna = AntennaFactory()  # no coordinates: a full save would enqueue
    antenna.phone = "02 000 00 00"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        antenna.save(update_fields=["phone"])
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        antenna.save()
    assert len(callbacks) == 1


def test_geocode_antenna_reports_changes():
    antenna = AntennaFactory()
    assert geocode_antenna(antenna) is True
    assert antenna.precision == Precision.COMMUNE
    assert geocode_antenna(antenna) is False  # same answer
    stored = Antenna.objects.get(pk=antenna.pk)
    assert stored.latitude == antenna.latitude
    assert stored.geocoded_at == antenna.geocoded_at


def test_an_antenna_without_address_loses_its_coordinates():
    antenna = AntennaFactory(
        street="", number="", postcode="", commune=None, latitude=50.8, longitude=4.3
    )
    assert geocode_antenna(antenna) is True
    antenna.refresh_from_db()
    assert antenna.latitude is None
    assert antenna.precision == Precision.NONE


def test_the_task_skips_missing_antennas():
    first, second = AntennaFactory(), AntennaFactory()
    assert geocode_antennas.call([first.pk, second.pk, 999_999]) == 2
    assert Antenna.objects.filter(precision=Precision.COMMUNE).count() == 2


class BrokenGeocoder:
    def geocode_address(self, street, number, postcode, commune):
        raise RuntimeError("geocoder exploded")


def test_a_failing_geocoder_does_not_fail_the_save(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    monkeypatch.setattr(directory.tasks, "get_geocoder", BrokenGeocoder)
    with (
        caplog.at_level(logging.ERROR),
        django_capture_on_commit_callbacks(execute=True),
    ):
        antenna = AntennaFactory()
    assert Antenna.objects.filter(pk=antenna.pk).exists()
    antenna.refresh_from_db()
    assert antenna.latitude is None
    assert "Could not geocode antenna" in caplog.text


def test_a_failing_task_backend_does_not_fail_the_save(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    class DownBackend:
        def enqueue(self, antenna_ids):
            raise ConnectionError("task database is down")

    monkeypatch.setattr(directory.tasks, "geocode_antennas", DownBackend())
    with (
        caplog.at_level(logging.ERROR),
        django_capture_on_commit_callbacks(execute=True),
    ):
        antenna = AntennaFactory()
    assert Antenna.objects.filter(pk=antenna.pk).exists()
    assert "Could not enqueue the geocoding" in caplog.text


def test_a_failing_enqueue_does_not_fail_the_save(monkeypatch, caplog):
    def broken(antenna_ids):
        raise RuntimeError("no")

    monkeypatch.setattr(directory.signals, "enqueue_geocoding", broken)
    with caplog.at_level(logging.ERROR):
        antenna = AntennaFactory()
    assert Antenna.objects.filter(pk=antenna.pk).exists()
    assert "Could not enqueue the geocoding of antenna" in caplog.text


def test_fixtures_are_not_geocoded(monkeypatch):
    calls = []
    monkeypatch.setattr(directory.signals, "enqueue_geocoding", calls.append)
    antenna = AntennaFactory.build(pk=123_456)
    directory.signals.geocode_after_save(
        sender=Antenna, instance=antenna, created=True, raw=True
    )
    assert calls == []
    directory.signals.geocode_after_save(
        sender=Antenna, instance=antenna, created=True, raw=False
    )
    assert calls == [[123_456]]


def test_enqueue_geocoding_in_chunks_after_commit(
    django_capture_on_commit_callbacks, monkeypatch
):
    enqueued = []

    class RecordingTask:
        def enqueue(self, antenna_ids):
            enqueued.append(antenna_ids)

    monkeypatch.setattr(directory.tasks, "geocode_antennas", RecordingTask())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enqueue_geocoding(iter([*range(1, 1202), 5]))  # duplicates dropped
    assert enqueued == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [len(chunk) for chunk in enqueued] == [500, 500, 201]
    assert enqueued[0][0] == 1
    assert enqueued[-1][-1] == 1201
