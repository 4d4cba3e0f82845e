"""Ranking rules on hand-made records (no demo data)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from directory.lookup import AntennaFilters, find_antennas
from places.geocoding import parse_where
from tests.factories import AntennaFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.search]

TUESDAY_10 = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))


def test_competence_beats_distance():
    far = AntennaFactory(
        external_id="far-cpas",
        postcode="1030",
        latitude=50.8478,
        longitude=4.4004,
        coordinates_set_by_hand=True,
    )
    from directory.models import Commune

    schaerbeek = Commune.objects.get(refnis="21015")
    far.served_communes.set([schaerbeek])
    far.save()
    AntennaFactory(
        external_id="near-anyone",
        postcode="1030",
        latitude=50.8690,
        longitude=4.3770,
        coordinates_set_by_hand=True,
    )
    hits = find_antennas(parse_where("1030"), AntennaFilters(), at=TUESDAY_10)
    assert [h.antenna.external_id for h in hits] == ["far-cpas", "near-anyone"]
    assert hits[0].distance_km > hits[1].distance_km


def test_organisation_factory_without_antenna_is_not_listed():
    OrganisationFactory()
    assert find_antennas(parse_where("1030"), AntennaFilters(), at=TUESDAY_10) == []
