"""The organisation page with its services, on a phone, in French and Dutch:
axe-clean (no serious or critical violation), no CSP violation, no overflow."""

import os

import pytest

from directory.models import (
    Language,
    Organisation,
    Service,
    ServiceAtLocation,
    ServiceContact,
)
from places.models import Commune

pytestmark = [pytest.mark.browser]

SCREENSHOTS = os.environ.get("PORTAL_SCREENSHOTS", "")


@pytest.fixture
def organisation_with_services(live_demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = Organisation.objects.create(
            external_id="svc-browser-org",
            name="Centre d'essai",
            name_fr="Centre d'essai",
            name_nl="Testcentrum",
            live=True,
        )
        antenna = organisation.antennas.create(
            external_id="svc-browser-a",
            name="Antenne d'essai",
            name_fr="Antenne d'essai",
            name_nl="Testantenne",
            street="Rue Royale",
            number="1",
            postcode="1030",
            commune=Commune.objects.get(refnis="21015"),
            latitude=50.8676,
            longitude=4.3737,
            precision="address",
            opening_hours="Mo-Fr 09:00-12:00,13:00-16:00; PH off",
            hearing_loop="yes",
            public_transport_fr="métro Botanique",
            live=True,
        )
        walk_in = Service.objects.create(
            organisation=organisation,
            external_id="svc-browser-walk-in",
            sort_order=0,
            name_fr="Permanence sociale",
            name_nl="Sociale permanentie",
            walk_in=True,
            walk_in_hours="Tu 09:00-12:00",
            cost="free",
            documents_fr="votre carte d'identité",
            documents_nl="uw identiteitskaart",
            anonymous="yes",
            minimum_age=18,
        )
        walk_in.languages.set(Language.objects.filter(code__in=["fr", "ar"]))
        walk_in.save()
        ServiceAtLocation.objects.create(service=walk_in, antenna=antenna)
        ServiceContact.objects.create(
            service=walk_in, kind="helpline", phone="0800 12 345"
        )
        budget = Service.objects.create(
            organisation=organisation,
            external_id="svc-browser-budget",
            sort_order=1,
            name_fr="Guidance budgétaire",
            by_appointment=True,
            appointment_hours="Mo-Fr 09:30-12:00",
            referral_required=True,
            referral_note_fr="le CPAS",
            status="suspended",
        )
        ServiceAtLocation.objects.create(service=budget, antenna=antenna)
    yield organisation
    with django_capture_on_commit_callbacks(execute=True):
        organisation.services.all().delete()
        antenna.delete()
        organisation.delete()


@pytest.mark.parametrize(
    "lang,prefix,expected",
    [
        ("fr", "organisations", "Sans rendez-vous le mardi de 9 h à 12 h"),
        ("nl", "organisaties", "Zonder afspraak op dinsdag van 9 tot 12 uur"),
    ],
)
def test_organisation_page_with_services_on_a_phone(
    phone_page, organisation_with_services, lang, prefix, expected
):
    phone_page.goto(f"/{lang}/{prefix}/{organisation_with_services.slug}/")
    page = phone_page.page
    summary = page.locator(".service__summary").first.inner_text()
    assert summary.startswith(expected)
    assert page.locator(".service").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/services-{lang}.png", full_page=True)
    phone_page.assert_clean()
