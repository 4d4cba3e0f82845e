"""Filters at the service level (walk-in now, free, no referral, anonymous, the
language): on the engine, on the database fallback (PostgreSQL's
``search_document``, or SQLite's objects) and in near-me; all for the same
service."""

import functools
import inspect
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.search.backends import get_search_backend
from wagtail.search.index import insert_or_update_object, remove_object

from search.filters import SearchFilters
from search.services import search
from tests.factories import (
    AntennaFactory,
    OrganisationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
TUESDAY_10 = datetime(2024, 1, 9, 10, 0, tzinfo=BRUSSELS)
TUESDAY_15 = datetime(2024, 1, 9, 15, 0, tzinfo=BRUSSELS)  # antennas open, no walk-in
ARMISTICE = datetime(2025, 11, 11, 10, 0, tzinfo=BRUSSELS)  # a Tuesday, a holiday
MOLENBEEK = "21012"
WALK_IN = "Tu 09:00-12:00"


def _antenna(organisation, name, **fields):
    from places.models import Commune

    return AntennaFactory(
        organisation=organisation,
        name_fr=name,
        name=name,
        postcode="1080",
        commune=Commune.objects.get(refnis=MOLENBEEK),
        latitude=50.855,
        longitude=4.33,
        precision="address",
        opening_hours="Mo-Fr 09:00-16:00; PH off",
        **fields,
    )


def _offer(antenna, **fields):
    languages = fields.pop("languages", [])
    service = ServiceFactory(organisation=antenna.organisation, **fields)
    service.languages.set(languages)
    service.save()  # a ParentalManyToManyField is written on save
    ServiceAtLocationFactory(service=service, antenna=antenna)
    return service


def build():
    """good: one free, anonymous walk-in service speaking Arabic; trap: a free
    service by appointment and a paid walk-in one; closed: a free walk-in
    service at a closed antenna; suspended: a suspended one."""
    from directory.models import Language

    arabic, _ = Language.objects.get_or_create(
        code="ar", defaults={"name": "arabe", "name_fr": "arabe", "name_nl": "Arabisch"}
    )
    good = _antenna(OrganisationFactory(name_fr="Zèbre social"), "Zèbre Molenbeek")
    _offer(
        good,
        name_fr="Permanence sociale sans rendez-vous",
        name_nl="Sociale permanentie zonder afspraak",
        description_fr="Guidance budgétaire et colis alimentaire.",
        cost="free",
        walk_in=True,
        walk_in_hours=WALK_IN,
        anonymous="yes",
        languages=[arabic],
    )
    trap = _antenna(OrganisationFactory(name_fr="Piège"), "Piège Molenbeek")
    _offer(
        trap,
        name_fr="Sur rendez-vous",
        cost="free",
        by_appointment=True,
        referral_required=True,
    )
    _offer(
        trap,
        name_fr="Payant sans rendez-vous",
        cost="fee",
        walk_in=True,
        walk_in_hours=WALK_IN,
        anonymous="yes",
        referral_required=True,
    )
    closed = _antenna(
        OrganisationFactory(name_fr="Fermé"),
        "Fermé Molenbeek",
        closed_until=datetime(2099, 1, 1).date(),
    )
    _offer(
        closed,
        name_fr="Fermé gratuit",
        cost="free",
        walk_in=True,
        walk_in_hours=WALK_IN,
    )
    suspended = _antenna(OrganisationFactory(name_fr="Suspendu"), "Suspendu")
    _offer(
        suspended,
        name_fr="Suspendu gratuit",
        cost="free",
        walk_in=True,
        walk_in_hours=WALK_IN,
        anonymous="yes",
        status="suspended",
    )
    antennas = {"good": good, "trap": trap, "closed": closed, "suspended": suspended}
    for antenna in antennas.values():
        insert_or_update_object(antenna.organisation)
        insert_or_update_object(antenna)
        _BUILT.extend([antenna, antenna.organisation])
    _refresh()
    return antennas


_BUILT: list = []


@pytest.fixture(autouse=True)
def _forget_built_records():
    """The database rolls back after each test, the engine's index does not:
    without this, copies of the same records pile up in the index test after
    test, and a page of hits could be made of records that no longer exist."""
    yield
    while _BUILT:
        remove_object(_BUILT.pop())


def _refresh():
    from django.conf import settings

    from directory.models import Antenna, Organisation

    if settings.SEARCH_URL:
        backend = get_search_backend("default")
        for model in (Antenna, Organisation):
            backend.get_index_for_model(model).refresh()


def on_both_backends(function):
    """``function`` as two tests (one marker each: a marker given to one
    parametrised case reaches its siblings through the shared fixture list):
    on the engine's index, and on the database fallback (PostgreSQL's one
    statement, or SQLite's objects) with the engine out of the picture."""

    @pytest.mark.engine
    @functools.wraps(function)
    def on_the_engine(*args, **kwargs):
        return function(*args, **_given(kwargs, "engine"))

    @functools.wraps(function)
    def on_the_database(*args, **kwargs):
        kwargs["settings"].SEARCH_URL = ""
        return function(*args, **_given(kwargs, "database"))

    def _given(kwargs: dict, backend: str) -> dict:
        wanted = inspect.signature(function).parameters
        given = {name: value for name, value in kwargs.items() if name in wanted}
        return {**given, "backend": backend}

    on_the_engine.__signature__ = _signature(function, "indexed_demo_everything")
    on_the_database.__signature__ = _signature(function)
    module = sys.modules[function.__module__]
    setattr(module, f"{function.__name__}_on_the_engine", on_the_engine)
    setattr(module, f"{function.__name__}_on_the_database", on_the_database)
    on_the_engine.__name__ = f"{function.__name__}_on_the_engine"
    on_the_database.__name__ = f"{function.__name__}_on_the_database"
    return None


def _signature(function, *fixtures: str) -> inspect.Signature:
    signature = inspect.signature(function)
    parameters = [p for name, p in signature.parameters.items() if name != "backend"]
    for name in ("settings", *fixtures):
        if name not in signature.parameters:
            parameters.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY))
    return signature.replace(parameters=parameters)


def _found(antennas, conditions, at=TUESDAY_10, kinds=("antenna",), values=None):
    outcome = search(
        "",
        types=list(kinds),
        page_size=500,
        filters=SearchFilters(values=values or {}, conditions=set(conditions), at=at),
    )
    mine = {a.pk: name for name, a in antennas.items()}
    mine_orgs = {a.organisation_id: name for name, a in antennas.items()}
    found = set()
    for result in outcome.results:
        table = mine if result.type == "antenna" else mine_orgs
        if result.obj.pk in table:
            found.add(table[result.obj.pk])
    return found, outcome


CASES = [
    ({"free"}, TUESDAY_10, None, {"good", "trap", "closed"}),
    ({"walk_in_now"}, TUESDAY_10, None, {"good", "trap"}),
    ({"walk_in_now"}, TUESDAY_15, None, set()),
    ({"walk_in_now"}, ARMISTICE, None, set()),
    ({"free", "walk_in_now"}, TUESDAY_10, None, {"good"}),
    ({"anonymous"}, TUESDAY_10, None, {"good", "trap"}),
    ({"anonymous", "free"}, TUESDAY_10, None, {"good"}),
    ({"no_referral"}, TUESDAY_10, None, {"good", "closed"}),
    ({"free"}, TUESDAY_10, {"language": ["ar"]}, {"good"}),
    ({"walk_in_now"}, TUESDAY_10, {"language": ["ar"]}, {"good"}),
    ({"walk_in_now", "anonymous"}, TUESDAY_10, {"language": ["nl"]}, set()),
]


@on_both_backends
@pytest.mark.search
@pytest.mark.django_db
@pytest.mark.parametrize(("conditions", "at", "values", "expected"), CASES)
def test_service_filters_hold_for_the_same_service(
    backend, conditions, at, values, expected
):
    antennas = build()
    found, outcome = _found(antennas, conditions, at=at, values=values)
    assert outcome.backend == backend
    assert found == expected
    found_orgs, _ = _found(
        antennas, conditions, at=at, kinds=("organisation",), values=values
    )
    if "walk_in_now" in conditions:
        # An organisation's document mixes its antennas' closures: "closed" is
        # its only antenna here, so the approximation does not show.
        expected = expected | ({"closed"} & found_orgs)
    assert found_orgs == expected


@on_both_backends
@pytest.mark.search
@pytest.mark.django_db
def test_service_filter_counts_are_the_filtered_counts(backend):
    antennas = build()
    _found_, outcome = _found(antennas, {"free"})
    assert outcome.facets["walk_in_now"][True] >= 1
    both, _ = _found(antennas, {"free", "walk_in_now"})
    assert both == {"good"}


@on_both_backends
@pytest.mark.search
@pytest.mark.django_db
def test_service_words_find_the_antenna_offering_it(backend):
    antennas = build()
    for words in ("colis alimentaire", "guidance budgétaire"):
        outcome = search(words, types=["antenna"], page_size=50)
        assert antennas["good"] in [r.obj for r in outcome.results], words


@on_both_backends
@pytest.mark.search
@pytest.mark.django_db
def test_a_changed_service_reindexes_its_antennas(
    backend, django_capture_on_commit_callbacks
):
    antennas = build()
    service = (
        antennas["trap"]
        .service_locations.get(service__name_fr="Sur rendez-vous")
        .service
    )
    with django_capture_on_commit_callbacks(execute=True):
        service.walk_in, service.walk_in_hours = True, WALK_IN
        service.save()
    _refresh()
    found, _ = _found(antennas, {"free", "walk_in_now"})
    assert found == {"good", "trap"}


# --- Near-me: the lookup, its page and its API -----------------------------------


@pytest.mark.search
@pytest.mark.django_db
def test_near_me_keeps_the_same_service_and_names_it(db):
    from directory.lookup import (
        AntennaFilters,
        find_antennas,
        materialize,
        rank_antennas,
    )
    from places.geocoding import parse_where

    antennas = build()
    where = parse_where("1080")
    filters = AntennaFilters(free=True, walk_in_now=True)
    ranked = rank_antennas(where, filters, at=TUESDAY_10)
    ids = {r.pk for r in ranked}
    assert antennas["good"].pk in ids
    assert not ids & {antennas[n].pk for n in ("trap", "closed", "suspended")}
    hits = materialize(ranked, at=TUESDAY_10, filters=filters)
    good = next(h for h in hits if h.antenna.pk == antennas["good"].pk)
    assert [o.service.name_fr for o in good.services] == [
        "Permanence sociale sans rendez-vous"
    ]
    later = find_antennas(where, filters, at=TUESDAY_15)
    assert antennas["good"].pk not in {h.antenna.pk for h in later}
    arabic = rank_antennas(where, AntennaFilters(language="ar", anonymous=True))
    assert {r.pk for r in arabic} & {a.pk for a in antennas.values()} == {
        antennas["good"].pk
    }


@pytest.mark.api
@pytest.mark.django_db
def test_near_me_api_filters_and_refuses_bad_values(client, monkeypatch):
    from django.utils import timezone

    antennas = build()
    monkeypatch.setattr(timezone, "now", lambda: TUESDAY_10)
    url = "/api/v1/directory/antennas?near=1080&page_size=100"
    payload = client.get(f"{url}&free=true&walk_in_now=true").json()
    ids = {r["id"] if "id" in r else r.get("external_id") for r in payload["results"]}
    assert antennas["good"].external_id in ids
    assert antennas["trap"].external_id not in ids
    for name in ("free", "walk_in_now", "anonymous", "no_referral"):
        response = client.get(f"{url}&{name}=maybe&lang=nl")
        assert response.status_code in (400, 422)
        assert "maybe" in response.content.decode() or response.status_code == 422


@pytest.mark.search
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "nl"])
def test_near_me_page_names_the_matched_service(client, language, monkeypatch):
    from django.utils import timezone, translation

    build()
    monkeypatch.setattr(timezone, "now", lambda: TUESDAY_10)
    with translation.override(language):
        url = reverse("directory:nearby")
    html = client.get(f"{url}?where=1080&free=1&walk_in_now=1").content.decode()
    expected = {
        "fr": "Permanence sociale sans rendez-vous",
        "nl": "Sociale permanentie zonder afspraak",
    }[language]
    assert expected in html
    assert 'name="walk_in_now"' in html and "checked" in html
    response = client.get(f"{url}?where=1080&anonymous=perhaps")
    assert response.status_code == 400
    assert "perhaps" in response.content.decode()


@on_both_backends
@pytest.mark.search
@pytest.mark.django_db
def test_search_page_names_the_matched_service(client, backend):
    build()
    url = reverse("search")
    # The filters leave the demo's food aid out of the first page: what is tested
    # here is the card naming the service that matched, not the ranking.
    wanted = {"q": "colis alimentaire", "free": "1", "anonymous": "1", "language": "ar"}
    html = client.get(url, wanted).content.decode()
    main = html[html.find("<main") : html.find("</main>")]
    assert "Permanence sociale sans rendez-vous" in html, main


@pytest.mark.search
@pytest.mark.django_db
def test_matched_services_take_the_same_queries_for_more_results(client, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: TUESDAY_10)
    build()
    url = reverse("directory:nearby") + "?where=1080&free=1"

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    queries()  # caches warmed (the gazetteer, the site's settings)
    before = queries()
    for number in range(4):
        organisation = OrganisationFactory(name_fr=f"Autre {number}")
        antenna = _antenna(organisation, f"Autre {number}")
        _offer(antenna, name_fr=f"Gratuit {number}", cost="free")
    queries()  # caches that the new records' saves emptied
    assert queries() == before
