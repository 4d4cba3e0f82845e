"""Who can help me here: the same answer for every way of naming the place."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from directory.lookup import AntennaFilters, find_antennas
from places.geocoding import parse_where

pytestmark = [pytest.mark.django_db, pytest.mark.search]

BRUSSELS = ZoneInfo("Europe/Brussels")
TUESDAY_10 = datetime(2026, 11, 24, 10, 0, tzinfo=BRUSSELS)
SUNDAY_10 = datetime(2026, 11, 29, 10, 0, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    "where", ["1030", "Schaarbeek", "schaerbeek", "Schaerbeek", "SCHAARBEEK"]
)
def test_same_answer_whatever_the_spelling(demo_directory, where):
    reference = [
        h.antenna.external_id
        for h in find_antennas(parse_where("1030"), AntennaFilters(), at=TUESDAY_10)
    ]
    hits = find_antennas(parse_where(where), AntennaFilters(), at=TUESDAY_10)
    assert [h.antenna.external_id for h in hits] == reference
    assert hits[0].antenna.organisation.external_id == "cpas-schaerbeek"
    assert hits[0].competent


def test_competent_first_then_by_distance(demo_directory):
    hits = find_antennas(parse_where("1030"), AntennaFilters(), at=TUESDAY_10)
    groups = [h.rank_group for h in hits]
    assert groups == sorted(groups)
    others = [h.distance_km for h in hits if h.rank_group == 1]
    assert others == sorted(others)
    # The Ixelles CPAS serves Ixelles only: listed, but after those who serve here.
    ixelles = next(h for h in hits if h.antenna.external_id == "cpas-ixelles-siege")
    assert ixelles.rank_group == 2 and not ixelles.serves_here


def test_open_now_filter_on_a_sunday(demo_directory):
    hits = find_antennas(
        parse_where("1000"), AntennaFilters(open_now=True), at=SUNDAY_10
    )
    assert hits, "the 24/7 listening line is open on Sunday"
    assert all(h.status.is_open for h in hits)
    assert {h.antenna.external_id for h in hits} == {"tele-accueil-bxl-ligne"}


def test_filters(demo_directory):
    hits = find_antennas(
        parse_where("Ixelles"),
        AntennaFilters(category="maison-medicale"),
        at=TUESDAY_10,
    )
    assert hits and all(
        h.antenna.organisation.categories.filter(slug="maison-medicale").exists()
        for h in hits
    )
    assert hits[0].antenna.external_id == "mm-ixelles-siege"
    parent = find_antennas(
        parse_where("Ixelles"), AntennaFilters(category="sante"), at=TUESDAY_10
    )
    assert {h.antenna.pk for h in hits} <= {h.antenna.pk for h in parent}
    assert all(
        h.antenna.wheelchair == "yes"
        for h in find_antennas(
            parse_where("1000"), AntennaFilters(wheelchair=True), at=TUESDAY_10
        )
    )
    arabic = find_antennas(
        parse_where("1000"), AntennaFilters(language="ar"), at=TUESDAY_10
    )
    assert arabic and all(
        h.antenna.organisation.languages.filter(code="ar").exists() for h in arabic
    )


def test_closed_organisation_and_drafts_are_not_listed(demo_directory):
    from directory.models import Organisation

    Organisation.objects.filter(external_id="cpas-schaerbeek").update(status="closed")
    hits = find_antennas(parse_where("1030"), AntennaFilters(), at=TUESDAY_10)
    assert "cpas-schaerbeek" not in {h.antenna.organisation.external_id for h in hits}


def test_radius_keeps_competent_services(demo_directory):
    hits = find_antennas(
        parse_where("1030"), AntennaFilters(radius_km=1), at=TUESDAY_10
    )
    assert all(h.competent or h.distance_km <= 1 for h in hits)
    assert "cpas-schaerbeek-reyers" in {h.antenna.external_id for h in hits}


# A point in Schaerbeek (rue Royale Sainte-Marie), as a phone's location gives it.
SCHAERBEEK_POINT = "50.86760,4.37370"


def test_a_point_puts_its_communes_services_first(demo_directory):
    where = parse_where(SCHAERBEEK_POINT)
    assert where.communes == ("21015",)
    assert where.commune_estimated
    hits = find_antennas(where, AntennaFilters(), at=TUESDAY_10)
    assert hits[0].antenna.organisation.external_id == "cpas-schaerbeek"
    assert hits[0].competent
    cpas = [h for h in hits if h.antenna.organisation.external_id.startswith("cpas-")]
    # Other communes' CPAS come after every service that serves Schaerbeek.
    assert all(h.rank_group == 2 for h in cpas if not h.competent)


def test_every_commune_point_is_in_its_commune(demo_directory):
    from places.geocoding import commune_at, get_gazetteer

    wrong = [
        commune.refnis
        for commune in get_gazetteer().communes.values()
        if commune_at(commune.latitude, commune.longitude)[0].refnis != commune.refnis
    ]
    assert wrong == []


def test_a_point_beside_a_located_antenna_takes_its_commune(demo_directory):
    """Near a border, the antennas located at their address vote for their commune
    (the Schaerbeek CPAS' seat is at the Reyers, closer to Etterbeek's point)."""
    from directory.models import Antenna
    from places.distance import distance_km
    from places.geocoding import commune_at, get_gazetteer

    seat = Antenna.objects.get(external_id="cpas-schaerbeek-reyers")
    latitude, longitude = seat.latitude + 0.0005, seat.longitude - 0.0005
    nearest_point = min(
        get_gazetteer().communes.values(),
        key=lambda c: distance_km(latitude, longitude, c.latitude, c.longitude),
    )
    assert nearest_point.refnis != "21015"  # the nearest commune point misleads
    commune, distance = commune_at(latitude, longitude)
    assert commune.refnis == "21015"
    assert distance < 0.2


@pytest.mark.parametrize(
    ("typed", "refnis"),
    [
        ("Molenbeek", "21012"),
        ("Sint-Jans-Molenbeek", "21012"),
        ("St-Josse", "21014"),
        ("Saint-Josse", "21014"),
        ("sint joost", "21014"),
        ("Watermael", "21017"),
        ("Louvain-la-Neuve", "25121"),
    ],
)
def test_short_and_abbreviated_commune_names(demo_directory, typed, refnis):
    where = parse_where(typed)
    assert where.communes == (refnis,)
    assert where.corrected_from == ""


@pytest.mark.parametrize(
    ("typed", "refnis"),
    [("Shaerbeek", "21015"), ("Etterbek", "21005"), ("Anderlect", "21001")],
)
def test_typos_are_corrected_and_said(demo_directory, typed, refnis):
    where = parse_where(typed)
    assert where.communes == (refnis,)
    assert where.corrected_from == typed


def test_a_name_two_communes_share_asks_which(demo_directory):
    from places.geocoding import WhereError

    with pytest.raises(WhereError) as error:
        parse_where("Woluwe")
    assert error.value.code == "ambiguous"
    assert error.value.choices == ("Woluwe-Saint-Lambert", "Woluwe-Saint-Pierre")


@pytest.mark.parametrize("typed", ["Haren", "Saint", "Sint", "Rue Neuve"])
def test_no_wild_guess(demo_directory, typed):
    """A word close to some commune's name is not taken for it when it is not
    close enough ("Haren", a part of Brussels, is not Halen)."""
    from places.geocoding import WhereError

    with pytest.raises(WhereError):
        parse_where(typed)


def test_an_office_that_receives_no_one_is_left_out(demo_directory):
    from directory.models import Antenna

    hits = find_antennas(parse_where("1000"), AntennaFilters(), at=TUESDAY_10)
    shown = {h.antenna.external_id for h in hits}
    offices = set(
        Antenna.objects.filter(receives_public=False).values_list(
            "external_id", flat=True
        )
    )
    assert offices, "the demo has federation secretariats"
    assert not shown & offices


@pytest.mark.parametrize(
    ("point", "refnis"),
    [
        ((50.8413, 4.3286), "21001"),  # Anderlecht, place Clemenceau
        ((50.8545, 4.3226), "21012"),  # Molenbeek's town hall
        ((50.8275, 4.3725), "21009"),  # Ixelles, place Flagey
    ],
)
def test_a_commune_with_many_antennas_does_not_outvote_its_neighbour(
    demo_directory, point, refnis
):
    """Each commune votes once, with its nearest place (Brussels-City's many
    antennas used to win points in Anderlecht and Molenbeek)."""
    from places.geocoding import commune_at

    assert commune_at(*point)[0].refnis == refnis


def test_a_point_across_the_border_is_outside(demo_directory):
    from places.geocoding import WhereError

    with pytest.raises(WhereError) as error:
        parse_where("50.6292,3.0573")  # Lille, inside Belgium's bounding box
    assert error.value.code == "outside"
