"""The near-me lookup and the search's `near=` order services by the same rule
(places.ranking), on whichever backend answers the search."""

import pytest

from places.geocoding import parse_where
from places.ranking import rank_key

pytestmark = [pytest.mark.django_db, pytest.mark.search, pytest.mark.api]


def _keys(results, here):
    from directory.models import Antenna

    territories = {
        antenna.external_id: [c.refnis for c in antenna.served_communes.all()]
        for antenna in Antenna.objects.prefetch_related("served_communes")
    }
    return [
        rank_key(territories[r["external_id"]], here, round(r["distance_km"], 1))[:2]
        for r in results
    ]


@pytest.mark.parametrize("near", ["1030", "50.86760,4.37370", "Ixelles", "Namur"])
def test_near_me_and_search_give_the_same_order(client, indexed_demo_everything, near):
    where = parse_where(near)
    here = set(where.communes)
    near_me = client.get(
        "/api/v1/directory/antennas", {"near": near, "page_size": 100}
    ).json()["results"]
    searched = client.get(
        "/api/v1/search", {"near": near, "type": "antenna", "page_size": 100}
    ).json()["results"]
    assert near_me and searched
    common = {r["external_id"] for r in near_me} & {r["external_id"] for r in searched}
    assert len(common) >= 0.9 * len(near_me)
    near_me = [r for r in near_me if r["external_id"] in common]
    searched = [r for r in searched if r["external_id"] in common]
    # The same sequence of (group, distance): the same order, up to services at
    # the same distance (antennas located at their commune's point).
    assert _keys(searched, here) == _keys(near_me, here)
    assert _keys(near_me, here) == sorted(_keys(near_me, here))
    if near == "1030":
        assert near_me[0]["organisation"]["external_id"] == "cpas-schaerbeek"
        assert searched[0]["external_id"] == near_me[0]["external_id"] or (
            _keys(searched[:1], here) == _keys(near_me[:1], here)
        )
