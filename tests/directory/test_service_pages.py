"""Organisation and antenna pages list the services with their conditions in plain
words, in the page's language; professionals-only contacts stay out of the public
pages; every record text is escaped."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from directory.models import (
    Language,
    OrganisationContact,
    Public,
    Service,
    ServiceAtLocation,
    ServiceContact,
)
from directory.permissions import FEDERATION_EDITORS, PROFESSIONALS
from directory.service_words import hours_in_words
from tests.conftest import login_verified
from tests.factories import AntennaFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

HOSTILE = "</script><img src=x onerror=alert(1)>${x}\"'"


@pytest.fixture
def org():
    organisation = OrganisationFactory(
        name_fr="Centre d'action sociale", name_nl="Centrum voor sociale actie"
    )
    organisation.languages.set(Language.objects.filter(code__in=["fr", "nl"]))
    organisation.save()  # parental many-to-many: written on save
    antenna = AntennaFactory(
        organisation=organisation,
        name_fr="Antenne Nord",
        name_nl="Antenne Noord",
        dropin_hours="Th 14:00-16:00",
        hearing_loop="yes",
        step_free_entrance="no",
        public_transport_fr="métro Clemenceau",
        public_transport_nl="",
        transport_stops="Clemenceau",
    )
    service = Service.objects.create(
        organisation=organisation,
        external_id="svc-perm",
        name_fr="Permanence sociale",
        name_nl="Sociale permanentie",
        walk_in=True,
        walk_in_hours="Tu 09:00-12:00",
        cost=Service.Cost.FREE,
        documents_fr="votre carte d'identité",
        documents_nl="uw identiteitskaart",
        minimum_age=18,
        income_condition="no",
        anonymous="yes",
        online_url="https://example.org/demande",
        last_verified_on=date.today(),
    )
    service.publics.set([Public.objects.create(slug="x-adults", name_fr="Adultes")])
    service.languages.set(Language.objects.filter(code="ar"))
    service.save()
    ServiceAtLocation.objects.create(service=service, antenna=antenna)
    appointment = Service.objects.create(
        organisation=organisation,
        external_id="svc-budget",
        name_fr="Guidance budgétaire",
        name_nl="",
        by_appointment=True,
        appointment_hours="Mo-Fr 09:30-12:00",
        referral_required=True,
        referral_note_fr="le CPAS",
        status=Service.Status.SUSPENDED,
    )
    ServiceAtLocation.objects.create(service=appointment, antenna=antenna)
    Service.objects.create(
        organisation=organisation,
        external_id="svc-ended",
        name_fr="Service arrêté",
        status=Service.Status.ENDED,
    )
    ServiceContact.objects.create(
        service=service, kind="helpline", phone="0800 12 345", audience="public"
    )
    ServiceContact.objects.create(
        service=service,
        kind="person",
        name="Ligne directe pro",
        phone="02 555 66 77",
        audience="professionals",
    )
    OrganisationContact.objects.create(
        organisation=organisation,
        kind="person",
        name="Amina B.",
        role_fr="assistante sociale",
        email="amina@example.org",
        audience="professionals",
    )
    OrganisationContact.objects.create(
        organisation=organisation,
        antenna=antenna,
        kind="main",
        phone="02 111 22 33",
        language=Language.objects.get(code="nl"),
    )
    return organisation, antenna, service


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.content.decode()


def test_hours_in_words_both_languages():
    from django.utils import translation

    with translation.override("fr"):
        assert hours_in_words("Tu 09:00-12:00") == "le mardi de 9 h à 12 h"
        assert hours_in_words("Mo-Fr 09:30-12:00,13:00-16:00; PH off") == (
            "du lundi au vendredi de 9 h 30 à 12 h et de 13 h à 16 h"
        )
        assert hours_in_words("Mo,We 08:00-10:00") == (
            "le lundi et le mercredi de 8 h à 10 h"
        )
        assert hours_in_words("Mo,We,Fr 08:00-12:05") == (
            "le lundi, le mercredi et le vendredi de 8 h à 12 h 05"
        )
        assert hours_in_words("24/7") == "jour et nuit, 7 jours sur 7"
    with translation.override("nl"):
        assert hours_in_words("Mo-Su 00:00-24:00") == "dag en nacht, 7 dagen op 7"
        assert hours_in_words("Mo 08:00-09:00,10:00-11:00,12:00-13:00") == (
            "op maandag van 8 tot 9 uur, van 10 tot 11 uur en van 12 tot 13 uur"
        )
        assert hours_in_words("Tu 09:00-12:00") == "op dinsdag van 9 tot 12 uur"
        assert hours_in_words("Sa 10:00-24:00") == "op zaterdag van 10 tot 24 uur"
    assert hours_in_words("") == ""


def test_organisation_page_in_french(client, org):
    organisation, antenna, _service = org
    _, html = _page(client, f"/fr/organisations/{organisation.slug}/")
    assert "Sans rendez-vous le mardi de 9 h à 12 h · gratuit" in html
    assert "apportez votre carte d’identité" in html or (
        "apportez votre carte d&#x27;identité" in html
    )
    assert "anonyme" in html
    assert "à partir de 18 ans" in html
    assert "sans condition de revenus" in html
    assert "Adultes" in html and "arabe" in html
    assert 'href="https://example.org/demande"' in html
    assert 'href="tel:+3280012345"' in html
    # Where: the antenna, and its hours for this service there.
    assert "Antenne Nord" in html
    # Suspended: listed, and said to be closed; ended: not listed.
    assert "Guidance budgétaire" in html
    assert "Temporairement fermé" in html
    assert "uniquement sur orientation : le CPAS" in html
    assert "Service arrêté" not in html


def test_organisation_page_in_dutch_with_fallback(client, org):
    organisation, _antenna, _service = org
    _, html = _page(client, f"/nl/organisaties/{organisation.slug}/")
    assert "Zonder afspraak op dinsdag van 9 tot 12 uur · gratis" in html
    assert "breng uw identiteitskaart mee" in html
    # No Dutch name: the French one, marked as French, with a notice.
    assert (
        '<span lang="fr">Guidance budgétaire</span> '
        '<small class="fallback__mark">(in het Frans)</small>'
    ) in html
    assert 'lang="fr">le CPAS</span> <small class="fallback__mark">(in het Frans)' in (
        html
    )


def test_antenna_page_accessibility_languages_and_services(client, org):
    _organisation, antenna, _service = org
    _, html = _page(client, f"/fr/antennes/{antenna.slug}/")
    assert "Boucle à induction : oui" in html
    assert "Entrée sans marche : non" in html
    # Unknown facts are not shown (neither as "no").
    assert "Toilettes adaptées" not in html
    assert "métro Clemenceau" in html and "Clemenceau" in html
    # The antenna has no languages of its own: the organisation's.
    assert "français, néerlandais" in html
    # The walk-in service at this antenna, with its hours here.
    assert "Sans rendez-vous le mardi de 9 h à 12 h" in html
    # The antenna's own contact, with its language.
    assert 'href="tel:+3221112233"' in html and "en néerlandais" in html
    _, nl = _page(client, f"/nl/antennes/{antenna.slug}/")
    # No Dutch transport text: the French one, marked.
    assert '<span lang="fr">métro Clemenceau</span>' in nl


def _professional():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=PROFESSIONALS))
    return user


def test_professional_contacts_only_for_professionals(client, org):
    organisation, antenna, _service = org
    url = f"/fr/organisations/{organisation.slug}/"
    response, html = _page(client, url)
    assert "Amina B." not in html and "Ligne directe pro" not in html
    assert "0800 12 345" in html

    pro = _professional()
    login_verified(client, pro)
    response, html = _page(client, url)
    assert "Amina B." in html and "Ligne directe pro" in html
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]

    # The next anonymous visitor never gets the professional's copy.
    client.logout()
    response, html = _page(client, url)
    assert "Amina B." not in html and "Ligne directe pro" not in html
    assert "Cookie" in response["Vary"]


def test_federation_editors_see_professional_contacts_others_do_not(client, org):
    organisation, _antenna, _service = org
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=FEDERATION_EDITORS))
    login_verified(client, editor)
    _, html = _page(client, f"/fr/organisations/{organisation.slug}/")
    assert "Amina B." in html
    client.force_login(UserFactory())  # logged in, not a professional
    _, html = _page(client, f"/fr/organisations/{organisation.slug}/")
    assert "Amina B." not in html


def test_hostile_text_in_every_new_field_is_escaped(client, org):
    organisation, antenna, service = org
    texts = [
        "name",
        "description",
        "eligibility",
        "required_status",
        "cost_note",
        "referral_note",
        "documents",
    ]
    for field in texts:
        for code in ("fr", "nl"):
            setattr(service, f"{field}_{code}", f"{field} {HOSTILE}")
    service.referral_required = True
    service.save()
    location = service.locations.get()
    location.note_fr = location.note_nl = f"note {HOSTILE}"
    location.save()
    antenna.public_transport_fr = f"transport {HOSTILE}"
    antenna.transport_stops = f"stops {HOSTILE}"
    antenna.save()
    ServiceContact.objects.create(
        service=service,
        kind="person",
        name=f"name {HOSTILE}",
        role_fr=f"role {HOSTILE}",
        note_fr=f"cnote {HOSTILE}",
        phone=f"02 {HOSTILE}"[:40],
        audience="public",
    )
    for url in (
        f"/fr/organisations/{organisation.slug}/",
        f"/fr/antennes/{antenna.slug}/",
        f"/nl/organisaties/{organisation.slug}/",
    ):
        _, html = _page(client, url)
        assert "<img src=x" not in html
        assert "</script><img" not in html
        assert "onerror=alert(1)&gt;${x}&quot;&#x27;" in html
    _, html = _page(client, f"/fr/organisations/{organisation.slug}/")
    for field in ("description", "eligibility", "required_status", "cost_note"):
        assert f"{field} &lt;/script&gt;&lt;img" in html, field
    for field in ("referral_note", "documents"):
        assert f"{field} &lt;/script&gt;&lt;img" in html, field


def test_printable_list_carries_conditions_and_documents(client, org):
    from django.core.cache import cache

    cache.clear()
    _organisation, antenna, _service = org
    antenna.latitude, antenna.longitude = 50.8676, 4.3737
    antenna.save()
    response = client.get("/fr/pres-de-chez-moi/imprimer/?where=1030")
    html = response.content.decode()
    assert antenna.name_fr in html
    assert "Permanence sociale" in html
    assert "apportez votre carte" in html
    assert "Ligne directe pro" not in html


def test_unverified_report_covers_services(admin_client, org):
    organisation, _antenna, service = org
    organisation.last_verified_on = date.today()
    organisation.save()
    Service.objects.filter(external_id="svc-budget").update(
        last_verified_on=date(2020, 1, 1)
    )
    html = admin_client.get("/admin/reports/unverified/").content.decode()
    assert "Guidance budgétaire" in html
    assert "Permanence sociale" not in html  # verified today
    assert "Service arrêté" not in html  # ended: nothing to verify
    csv = admin_client.get("/admin/reports/unverified/?export=csv")
    body = b"".join(csv.streaming_content).decode() if csv.streaming else ""
    body = body or csv.content.decode()
    assert "svc-budget" in body


def test_unverified_report_scoped_to_the_editors_records(client, org):
    from directory.models import EditorAssignment

    organisation, _antenna, _service = org
    other = OrganisationFactory()
    Service.objects.create(organisation=other, external_id="svc-other", name="Autre")
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=FEDERATION_EDITORS))
    EditorAssignment.objects.create(
        user=editor,
        organisation=organisation,
        role=EditorAssignment.Role.FEDERATION_EDITOR,
    )
    login_verified(client, editor)
    html = client.get("/admin/reports/unverified/").content.decode()
    assert "Guidance budgétaire" in html
    assert "svc-other" not in html and "Autre —" not in html


def test_documents_to_bring_read_as_one_sentence():
    """ "apportez carte d'identité", not "apportez Carte d'identité"; an acronym
    keeps its capitals."""
    from django.utils import translation

    from directory.models import Service
    from directory.service_words import _documents

    service = Service(documents_fr="Carte d'identité", documents_nl="OCMW-attest")
    with translation.override("fr"):
        assert str(_documents(service)[0]) == "apportez carte d&#x27;identité"
    with translation.override("nl"):
        assert str(_documents(service)[0]) == "breng OCMW-attest mee"
