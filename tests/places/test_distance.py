"""places.distance measures as geopy does."""

import pytest
from geopy.distance import great_circle

from places.distance import distance_km

pytestmark = pytest.mark.smoke


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ((50.8467, 4.3525), (50.8676, 4.3737)),  # Brussels-City, Schaerbeek
        ((50.4669, 4.8675), (50.6326, 5.5797)),  # Namur, Liège
        ((51.2194, 4.4025), (49.6833, 5.8167)),  # Antwerp, Arlon
        ((50.85, 4.35), (50.85, 4.35)),  # same point
    ],
)
def test_distance_is_geopys_great_circle(first, second):
    assert distance_km(*first, *second) == pytest.approx(
        great_circle(first, second).km, abs=1e-9
    )
