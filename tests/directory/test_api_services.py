"""The services in the JSON API (issue #17): the services list and record, and the
organisation's and antenna's records with their services, contacts, languages and
accessibility. Professionals-only contacts never come out: the API is anonymous."""

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Category, Language, Public
from tests.factories import (
    AntennaFactory,
    OrganisationContactFactory,
    OrganisationFactory,
    ServiceAtLocationFactory,
    ServiceContactFactory,
    ServiceFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.api]

SECRET = "ligne-directe-pro-7f3a9c"  # only in professionals-only contacts
HOSTILE = '</script><script>alert("x")</script><!--'


@pytest.fixture
def cpas():
    """An organisation with two antennas, a full service offered at both (hours
    of its own at one), a suspended, an ended service, and contacts of each
    audience."""
    org = OrganisationFactory(external_id="cpas-test", name_fr="CPAS de Test")
    org.languages.set(Language.objects.filter(code__in=["fr", "nl"]))
    org.save()
    main = AntennaFactory(
        organisation=org,
        external_id="cpas-test-main",
        dropin_hours="",
        step_free_entrance="yes",
        hearing_loop="no",
        public_transport_fr="Métro Clemenceau",
        public_transport_nl="Metro Clemenceau",
        transport_stops="Clemenceau, Lemmens",
        latitude=50.84,
        longitude=4.31,
    )
    main.languages.set(Language.objects.filter(code__in=["ar", "fr"]))
    main.save()
    branch = AntennaFactory(organisation=org, external_id="cpas-test-branch")
    service = ServiceFactory(
        organisation=org,
        external_id="cpas-test-permanence",
        name_fr="Permanence sociale sans rendez-vous",
        name_nl="Sociale permanentie zonder afspraak",
        eligibility_fr="Habitants de la commune",
        eligibility_nl="Inwoners van de gemeente",
        minimum_age=18,
        residents_only=True,
        income_condition="yes",
        required_status_fr="bénéficiaire du RIS",
        required_status_nl="leefloner",
        cost="free",
        cost_note_fr="Gratuit",
        cost_note_nl="Gratis",
        walk_in=True,
        by_appointment=True,
        appointment_hours="Th 13:00-16:00",
        referral_required=False,
        documents_fr="Carte d'identité",
        documents_nl="Identiteitskaart",
        online_url="https://cpas.example.org/rdv",
        last_verified_on=date(2026, 3, 1),
        taxonomy__categories=list(Category.objects.filter(slug="cpas")),
        taxonomy__publics=list(Public.objects.filter(slug="tout-public")),
        taxonomy__languages=list(Language.objects.filter(code__in=["fr", "ar"])),
    )
    ServiceAtLocationFactory(
        service=service,
        antenna=main,
        walk_in_hours="Tu 09:00-12:00",
        note_fr="Entrée par la cour",
        note_nl="Ingang via de binnenplaats",
    )
    ServiceAtLocationFactory(service=service, antenna=branch)
    ServiceContactFactory(service=service, kind="helpline", phone="0800 11 222")
    ServiceContactFactory(
        service=service, kind="person", name=SECRET, audience="professionals"
    )
    OrganisationContactFactory(organisation=org, kind="email", email="a@example.org")
    OrganisationContactFactory(
        organisation=org, antenna=main, kind="fax", phone="02 111 11 11"
    )
    OrganisationContactFactory(
        organisation=org, antenna=branch, kind="main", phone="02 222 22 22"
    )
    OrganisationContactFactory(
        organisation=org,
        kind="email",
        email=f"{SECRET}@example.org",
        audience="professionals",
    )
    suspended = ServiceFactory(
        organisation=org, external_id="cpas-test-food", status="suspended"
    )
    ServiceAtLocationFactory(service=suspended, antenna=branch)
    ServiceFactory(organisation=org, external_id="cpas-test-ended", status="ended")
    return org


def _get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_a_service_record_in_either_language(client, cpas, lang):
    service = _get(client, "/api/v1/directory/services/cpas-test-permanence", lang=lang)
    assert service["name"] == service[f"name_{lang}"]
    assert service["name_nl"] == "Sociale permanentie zonder afspraak"
    assert service["organisation"]["external_id"] == "cpas-test"
    assert service["categories"] == ["cpas"]
    assert service["publics"] == ["tout-public"]
    assert service["languages"] == ["ar", "fr"]
    eligibility = service["eligibility"]
    assert eligibility["text"] == eligibility[f"text_{lang}"]
    assert eligibility["minimum_age"] == 18 and eligibility["maximum_age"] is None
    assert eligibility["residents_only"] is True
    assert eligibility["income_condition"] is True
    assert eligibility["required_status_nl"] == "leefloner"
    assert service["cost"] == "free" and service["cost_note_nl"] == "Gratis"
    assert service["documents"] == service[f"documents_{lang}"]
    assert service["anonymous"] is None  # unknown, not "no"
    assert service["access"] == {
        "walk_in": True,
        "walk_in_hours": "",
        "by_appointment": True,
        "appointment_hours": "Th 13:00-16:00",
        "phone_first": False,
        "phone_hours": "",
        "referral_required": False,
        "referral_note": "",
        "referral_note_fr": "",
        "referral_note_nl": "",
    }
    assert service["online_url"] == "https://cpas.example.org/rdv"
    assert service["status"] == "active"
    assert service["last_verified_on"] == "2026-03-01"


def test_a_service_gives_its_hours_at_each_place(client, cpas):
    service = _get(client, "/api/v1/directory/services/cpas-test-permanence")
    places = {p["antenna"]["external_id"]: p for p in service["locations"]}
    assert set(places) == {"cpas-test-main", "cpas-test-branch"}
    main = places["cpas-test-main"]
    assert main["walk_in_hours"] == "Tu 09:00-12:00"  # this place's own
    assert main["appointment_hours"] == "Th 13:00-16:00"  # the service's
    assert main["note_nl"] == "Ingang via de binnenplaats"
    assert main["address"]["postcode"] == "1030"
    assert main["latitude"] == 50.84
    # No hours of its own, none for the service, no drop-in: the opening hours.
    branch = places["cpas-test-branch"]
    assert branch["walk_in_hours"] == "Mo-Fr 09:00-12:00,13:00-16:00; PH off"


def test_only_public_contacts_ever(client, cpas):
    urls = [
        "/api/v1/directory/services",
        "/api/v1/directory/services/cpas-test-permanence",
        "/api/v1/directory/organisations/cpas-test",
        "/api/v1/directory/antennas/cpas-test-main",
        "/api/v1/directory/antennas?page_size=100",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
    service = _get(client, "/api/v1/directory/services/cpas-test-permanence")
    assert [(c["kind"], c["phone"]) for c in service["contacts"]] == [
        ("helpline", "0800 11 222")
    ]


def test_public_services_only(client, cpas):
    hidden = OrganisationFactory(live=False)
    ServiceFactory(organisation=hidden, external_id="draft-org-service")
    listed = _get(client, "/api/v1/directory/services", page_size=100)
    ids = {s["external_id"]: s for s in listed["results"]}
    assert set(ids) == {"cpas-test-permanence", "cpas-test-food"}
    assert listed["count"] == 2
    assert ids["cpas-test-food"]["status"] == "suspended"
    for gone in ("cpas-test-ended", "draft-org-service", "nope"):
        response = client.get(f"/api/v1/directory/services/{gone}?lang=nl")
        assert response.status_code == 404
        assert response.json()["detail"] == (
            f"Geen enkele dienst heeft de identificatie ‘{gone}’."
        )


def test_services_list_filters(client, cpas):
    other = ServiceFactory(
        external_id="other-debts",
        taxonomy__categories=list(Category.objects.filter(slug="dettes")),
    )

    def ids(**params):
        payload = _get(client, "/api/v1/directory/services", **params)
        assert payload["count"] == len(payload["results"])
        return {s["external_id"] for s in payload["results"]}

    assert ids() == {"cpas-test-permanence", "cpas-test-food", other.external_id}
    assert ids(organisation="cpas-test") == {"cpas-test-permanence", "cpas-test-food"}
    assert ids(antenna="cpas-test-main") == {"cpas-test-permanence"}
    assert ids(antenna="cpas-test-branch") == {"cpas-test-permanence", "cpas-test-food"}
    assert ids(category="cpas") == {"cpas-test-permanence"}
    # A category includes its sub-categories.
    assert ids(category="aide-sociale-generale") == {"cpas-test-permanence"}
    assert ids(category="dettes") == {"other-debts"}
    assert ids(category="sante") == set()


def test_services_list_pages(client, cpas):
    everything = _get(client, "/api/v1/directory/services", page_size=100)["results"]
    second = _get(client, "/api/v1/directory/services", page=2, page_size=1)
    assert second["page"] == 2 and second["page_size"] == 1 and second["count"] == 2
    assert second["results"] == everything[1:2]
    beyond = _get(client, "/api/v1/directory/services", page=9)
    assert beyond["results"] == [] and beyond["count"] == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("organisation=nope", "Onbekende organisatie: ‘nope’."),
        ("antenna=nope", "Onbekende antenne: ‘nope’."),
        ("category=nope", "Onbekende categorie: “nope”."),
        ("page=0", "‘page’ moet minstens 1 zijn."),
        ("page=abc", "‘page’ moet een geheel getal zijn."),
        ("page_size=1000", "‘page_size’ mag hoogstens 100 zijn."),
    ],
)
def test_bad_parameters_are_a_translated_400(client, cpas, query, message):
    response = client.get(f"/api/v1/directory/services?{query}&lang=nl")
    assert response.status_code == 400
    assert response.json()["detail"] == message


def test_a_draft_organisation_is_unknown_to_the_filters(client, cpas):
    hidden = OrganisationFactory(live=False, external_id="hidden-org")
    AntennaFactory(organisation=hidden, external_id="hidden-antenna")
    for query in ("organisation=hidden-org", "antenna=hidden-antenna", "lang=en"):
        response = client.get(f"/api/v1/directory/services?{query}")
        assert response.status_code == 400, query
        assert response.json()["detail"]


def test_organisation_record_gives_services_and_contacts(client, cpas):
    org = _get(client, "/api/v1/directory/organisations/cpas-test", lang="nl")
    assert [s["external_id"] for s in org["services"]] == [
        "cpas-test-permanence",
        "cpas-test-food",
    ]
    assert org["services"][0]["name"] == "Sociale permanentie zonder afspraak"
    contacts = {(c["kind"], c["antenna"]) for c in org["contacts"]}
    assert contacts == {
        ("email", None),
        ("fax", "cpas-test-main"),
        ("main", "cpas-test-branch"),
    }
    antennas = {a["external_id"]: a for a in org["antennas"]}
    assert antennas["cpas-test-main"]["languages"] == ["ar", "fr"]
    # No languages of its own: the organisation's.
    assert antennas["cpas-test-branch"]["languages"] == ["fr", "nl"]


def test_antenna_record_gives_its_services_with_the_hours_there(client, cpas):
    antenna = _get(client, "/api/v1/directory/antennas/cpas-test-main", lang="nl")
    assert [s["external_id"] for s in antenna["services"]] == ["cpas-test-permanence"]
    here = antenna["services"][0]["here"]
    assert here["antenna"]["external_id"] == "cpas-test-main"
    assert here["walk_in_hours"] == "Tu 09:00-12:00"
    assert here["note"] == "Ingang via de binnenplaats"
    # The organisation's own contacts and this antenna's, not another antenna's.
    assert {(c["kind"], c["antenna"]) for c in antenna["contacts"]} == {
        ("email", None),
        ("fax", "cpas-test-main"),
    }
    assert antenna["accessibility"] == {
        "step_free_entrance": True,
        "adapted_toilets": None,  # unknown is null, not false
        "hearing_loop": False,
        "sign_language": None,
        "easy_read": None,
        "public_transport": "Metro Clemenceau",
        "public_transport_fr": "Métro Clemenceau",
        "public_transport_nl": "Metro Clemenceau",
        "transport_stops": ["Clemenceau", "Lemmens"],
    }
    branch = _get(client, "/api/v1/directory/antennas/cpas-test-branch")
    assert {s["external_id"] for s in branch["services"]} == {
        "cpas-test-permanence",
        "cpas-test-food",
    }


def test_antenna_list_items_give_languages_and_accessibility(client, cpas):
    listed = _get(client, "/api/v1/directory/antennas", page_size=100)["results"]
    main = next(a for a in listed if a["external_id"] == "cpas-test-main")
    assert main["languages"] == ["ar", "fr"]
    assert main["accessibility"]["step_free_entrance"] is True
    assert main["accessibility"]["easy_read"] is None


def _services_list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        _get(client, "/api/v1/directory/services", page_size=100)
    return len(queries)


def _add_full_services(count: int) -> None:
    categories = list(Category.objects.filter(slug__in=["cpas", "dettes"]))
    for _number in range(count):
        service = ServiceFactory(
            taxonomy__categories=categories,
            taxonomy__publics=list(Public.objects.filter(slug="jeunes")),
            taxonomy__languages=list(Language.objects.filter(code="nl")),
        )
        ServiceAtLocationFactory(service=service)
        ServiceAtLocationFactory(service=service)
        ServiceContactFactory(service=service)


def test_the_services_list_queries_do_not_grow_with_the_services(client, db):
    _add_full_services(2)
    few = _services_list_queries(client)
    _add_full_services(8)
    assert _get(client, "/api/v1/directory/services", page_size=100)["count"] == 10
    assert _services_list_queries(client) == few


def test_the_antenna_list_queries_do_not_grow_with_the_antennas(client, db):
    AntennaFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        _get(client, "/api/v1/directory/antennas", page_size=100)
    AntennaFactory.create_batch(8)
    with CaptureQueriesContext(connection) as more:
        _get(client, "/api/v1/directory/antennas", page_size=100)
    assert len(more) == len(few)


def test_hostile_text_comes_out_as_plain_json_strings(client, db):
    service = ServiceFactory(
        external_id="hostile",
        name_fr=HOSTILE,
        name_nl=HOSTILE,
        documents_fr=HOSTILE,
        description_fr="\u2028" + HOSTILE + "\u2029",
    )
    ServiceContactFactory(service=service, kind="person", name=HOSTILE, phone="1")
    response = client.get("/api/v1/directory/services/hostile?lang=fr")
    assert response["Content-Type"].startswith("application/json")
    payload = json.loads(response.content)
    assert payload["name"] == HOSTILE and payload["documents"] == HOSTILE
    assert payload["contacts"][0]["name"] == HOSTILE
    listed = client.get(f"/api/v1/directory/services?organisation={HOSTILE}")
    assert listed.status_code == 400
    assert HOSTILE in listed.json()["detail"]


def test_openapi_document_describes_the_services(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    assert "/api/v1/directory/services/{external_id}" in paths
    parameters = {
        p["name"] for p in paths["/api/v1/directory/services"]["get"]["parameters"]
    }
    assert {"organisation", "category", "antenna", "lang", "page", "page_size"} == (
        parameters
    )
    schemas = spec["components"]["schemas"]
    for name in ("ServiceOut", "ServiceLocationOut", "ContactOut", "Accessibility"):
        assert name in schemas
    assert {"eligibility", "access", "locations", "contacts"} <= set(
        schemas["ServiceOut"]["properties"]
    )
    antenna = paths["/api/v1/directory/antennas/{external_id}"]["get"]
    ok = antenna["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/AntennaDetail")
    assert {"services", "contacts"} <= set(schemas["OrganisationOut"]["properties"])
    assert {"languages", "accessibility"} <= set(schemas["AntennaOut"]["properties"])
