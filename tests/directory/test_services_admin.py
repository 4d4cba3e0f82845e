"""Services, their places and contacts are edited with their organisation, with
the organisation's permissions: federation editors publish, members propose."""

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from directory.models import EditorAssignment, Language, Service
from directory.permissions import FEDERATION_EDITORS, MEMBER_ACCOUNTS
from tests.conftest import login_verified
from tests.factories import (
    AntennaFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def member():
    fdss = OrganisationFactory(external_id="fdss-x", name="FdSS X", name_fr="FdSS X")
    own = MembershipFactory(federation=fdss).member
    return {
        "federation": fdss,
        "own": own,
        "antenna": AntennaFactory(organisation=own),
        "foreign_antenna": AntennaFactory(),
    }


def _editor(organisation, role, group):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    EditorAssignment.objects.create(user=user, organisation=organisation, role=role)
    return user


def _errors(response) -> str:
    import re

    html = response.content.decode()
    return " | ".join(re.findall(r"error-message[^>]*>(.*?)</", html, re.S))


def _edit_url(org):
    return f"/admin/snippets/directory/organisation/edit/{org.pk}/"


def _service(antenna_id, **changes):
    service = {
        "id": "",
        "external_id": "svc-permanence",
        "name_fr": "Permanence sociale",
        "name_nl": "Sociale permanentie",
        "status": "active",
        "cost": "free",
        "walk_in": "on",
        "walk_in_hours": "Tu 09:00-12:00",
        "documents_fr": "votre carte d'identité",
        "documents_nl": "uw identiteitskaart",
        "anonymous": "",
        "income_condition": "",
        "locations": inline_formset(
            [{"id": "", "antenna": antenna_id, "walk_in_hours": "", "note_fr": ""}]
        ),
        "contacts": inline_formset(
            [
                {
                    "id": "",
                    "kind": "helpline",
                    "phone": "0800 12 345",
                    "audience": "public",
                }
            ]
        ),
    }
    service.update(changes)
    return service


def _existing(forms) -> int:
    return sum(1 for form in forms if form.get("id"))


def _form(org, services, contacts=(), **changes):
    data = {
        "name_fr": org.name_fr,
        "name_nl": org.name_nl,
        "external_id": org.external_id,
        "status": org.status,
        "services": inline_formset(services, initial=_existing(services)),
        "contacts": inline_formset(list(contacts), initial=_existing(contacts)),
        "accreditations": inline_formset([]),
        "federation_links": inline_formset(
            [
                {"id": link.pk, "federation": link.federation_id}
                for link in org.federation_links.all()
            ],
            initial=org.federation_links.count(),
        ),
    }
    data.update(changes)
    return nested_form_data(data)


def _org_contact(antenna_id=""):
    return {
        "id": "",
        "kind": "person",
        "name": "Amina B.",
        "role_fr": "Assistante sociale",
        "email": "amina@example.org",
        "audience": "professionals",
        "antenna": antenna_id,
        "language": Language.objects.get(code="ar").pk,
    }


def test_federation_editor_publishes_a_service_with_place_and_contact(client, member):
    own, antenna = member["own"], member["antenna"]
    login_verified(
        client,
        _editor(
            member["federation"],
            EditorAssignment.Role.FEDERATION_EDITOR,
            FEDERATION_EDITORS,
        ),
    )
    page = client.get(_edit_url(own)).content.decode()
    assert "services-TOTAL_FORMS" in page and "contacts-TOTAL_FORMS" in page
    # The antenna choice offers the organisation's antennas only.
    assert antenna.name in page
    assert member["foreign_antenna"].name not in page
    response = client.post(
        _edit_url(own),
        _form(
            own,
            [_service(antenna.pk)],
            [_org_contact(antenna.pk)],
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    service = Service.objects.get(organisation=own)
    assert service.name_nl == "Sociale permanentie" and service.walk_in
    assert [loc.antenna for loc in service.locations.all()] == [antenna]
    assert service.contacts.get().phone == "0800 12 345"
    contact = own.contacts.get()
    assert contact.antenna == antenna and contact.audience == "professionals"

    # Edited again: the walk-in hours change, the place stays.
    location = service.locations.get()
    changed = _service(
        antenna.pk,
        id=service.pk,
        walk_in_hours="We 14:00-16:00",
        locations=inline_formset(
            [{"id": location.pk, "antenna": antenna.pk}], initial=1
        ),
        contacts=inline_formset(
            [
                {
                    "id": service.contacts.get().pk,
                    "kind": "helpline",
                    "phone": "0800 12 345",
                    "audience": "public",
                }
            ],
            initial=1,
        ),
    )
    response = client.post(
        _edit_url(own),
        _form(
            own,
            [changed],
            [{**_org_contact(antenna.pk), "id": contact.pk}],
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302, _errors(response)
    service.refresh_from_db()
    assert service.walk_in_hours == "We 14:00-16:00"
    assert service.locations.get().pk == location.pk


def test_another_organisations_antenna_is_a_form_error(admin_client, member):
    own = member["own"]
    response = admin_client.post(
        _edit_url(own),
        _form(own, [_service(member["foreign_antenna"].pk)], **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    assert "error-message" in response.content.decode()
    assert not Service.objects.filter(organisation=own).exists()


def test_bad_service_hours_are_a_form_error(admin_client, member):
    own = member["own"]
    response = admin_client.post(
        _edit_url(own),
        _form(
            own,
            [_service(member["antenna"].pk, walk_in_hours="mardi matin")],
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 200
    assert not Service.objects.filter(organisation=own).exists()


def test_member_account_proposes_a_service_as_a_draft(client, member):
    own, antenna = member["own"], member["antenna"]
    login_verified(
        client,
        _editor(own, EditorAssignment.Role.MEMBER_ACCOUNT, MEMBER_ACCOUNTS),
    )
    response = client.post(_edit_url(own), _form(own, [_service(antenna.pk)]))
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert not Service.objects.filter(organisation=own).exists()
    own.refresh_from_db()
    assert own.has_unpublished_changes
    proposed = own.latest_revision.content["services"]
    assert [s["name_fr"] for s in proposed] == ["Permanence sociale"]

    # Publishing is refused to the member: still nothing live.
    client.post(
        _edit_url(own), _form(own, [_service(antenna.pk)], **{"action-publish": "1"})
    )
    assert not Service.objects.filter(organisation=own).exists()

    # The federation editor publishes it.
    login_verified(
        client,
        _editor(
            member["federation"],
            EditorAssignment.Role.FEDERATION_EDITOR,
            FEDERATION_EDITORS,
        ),
    )
    # The edit view shows the proposal (the draft's services with their places)…
    html = client.get(_edit_url(own)).content.decode()
    assert 'value="Permanence sociale"' in html
    assert f'<option value="{antenna.pk}" selected>' in html
    # …and publishing the member's revision makes it live, place and contact too.
    own.refresh_from_db()
    own.latest_revision.publish(user=None)
    service = Service.objects.get(organisation=own)
    assert service.locations.get().antenna == antenna
    assert service.contacts.get().phone == "0800 12 345"


def test_antenna_edit_view_has_languages_and_accessibility(admin_client, member):
    antenna = member["antenna"]
    html = admin_client.get(
        f"/admin/snippets/directory/antenna/edit/{antenna.pk}/"
    ).content.decode()
    for field in (
        "languages",
        "step_free_entrance",
        "hearing_loop",
        "easy_read",
        "public_transport_fr",
        "transport_stops",
    ):
        assert f'name="{field}"' in html, field
