"""Federation editors edit their own members only; member accounts only propose."""

import pytest
from django.contrib.auth.models import Group

from directory.models import EditorAssignment, Organisation
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
def federations():
    fdss = OrganisationFactory(external_id="fdss", name_fr="FdSS", name="FdSS")
    fass = OrganisationFactory(external_id="fass", name_fr="FASS", name="FASS")
    own = MembershipFactory(federation=fdss).member
    other = MembershipFactory(federation=fass).member
    return {
        "fdss": fdss,
        "fass": fass,
        "own": own,
        "other": other,
        "own_antenna": AntennaFactory(organisation=own),
        "other_antenna": AntennaFactory(organisation=other),
    }


def _editor(
    organisation, role=EditorAssignment.Role.FEDERATION_EDITOR, group=FEDERATION_EDITORS
):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    EditorAssignment.objects.create(user=user, organisation=organisation, role=role)
    return user


def _edit_url(obj):
    label = obj._meta.model_name
    return f"/admin/snippets/directory/{label}/edit/{obj.pk}/"


def test_federation_editor_edits_own_members_not_others(client, federations):
    login_verified(client, _editor(federations["fdss"]))
    assert client.get(_edit_url(federations["own"])).status_code == 200
    assert client.get(_edit_url(federations["own_antenna"])).status_code == 200
    assert client.get(_edit_url(federations["fdss"])).status_code == 200
    assert (
        client.get(_edit_url(federations["other"])).status_code == 302
        or client.get(_edit_url(federations["other"])).status_code == 403
    )
    assert client.get(_edit_url(federations["other_antenna"])).status_code in (302, 403)


def test_federation_editor_cannot_post_to_another_federations_member(
    client, federations
):
    other = federations["other"]
    login_verified(client, _editor(federations["fdss"]))
    response = client.post(
        _edit_url(other), {"name_fr": "Piraté", "action-publish": "1"}
    )
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.name_fr != "Piraté"


def test_listing_shows_only_editable_records(client, federations):
    login_verified(client, _editor(federations["fdss"]))
    html = client.get("/admin/snippets/directory/organisation/").content.decode()
    assert federations["own"].name_fr in html
    assert federations["other"].name_fr not in html


def test_member_account_can_propose_but_not_publish(federations):
    from directory.permissions import DirectoryPermissionPolicy

    policy = DirectoryPermissionPolicy(Organisation)
    member = _editor(
        federations["own"], EditorAssignment.Role.MEMBER_ACCOUNT, MEMBER_ACCOUNTS
    )
    assert policy.user_has_permission_for_instance(member, "change", federations["own"])
    assert not policy.user_has_permission_for_instance(
        member, "publish", federations["own"]
    )
    assert not policy.user_has_permission_for_instance(
        member, "change", federations["other"]
    )
    editor = _editor(federations["fdss"])
    assert policy.user_has_permission_for_instance(
        editor, "publish", federations["own"]
    )


def test_ended_membership_ends_the_right(federations):
    from datetime import date

    from directory.permissions import DirectoryPermissionPolicy

    link = federations["own"].federation_links.get()
    link.end_date = date(2020, 1, 1)
    link.save()
    editor = _editor(federations["fdss"])
    policy = DirectoryPermissionPolicy(Organisation)
    assert not policy.user_has_permission_for_instance(
        editor, "change", federations["own"]
    )


def test_unverified_report_lists_old_records(admin_client, federations):
    from datetime import date

    Organisation.objects.filter(pk=federations["own"].pk).update(
        last_verified_on=date(2020, 5, 1)
    )
    Organisation.objects.exclude(pk=federations["own"].pk).update(
        last_verified_on=date.today()
    )
    html = admin_client.get("/admin/reports/unverified/").content.decode()
    assert federations["own"].name_fr in html
    assert federations["other"].name_fr not in html


def _form(org, **changes):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = {
        "name_fr": org.name_fr,
        "name_nl": org.name_nl,
        "external_id": org.external_id,
        "short_name": org.short_name,
        "description_fr": org.description_fr,
        "description_nl": org.description_nl,
        "status": org.status,
        "accreditations": inline_formset([]),
        "services": inline_formset([]),
        "contacts": inline_formset([]),
        "federation_links": inline_formset(
            [
                {
                    "id": link.pk,
                    "federation": link.federation_id,
                    "start_date": "",
                    "end_date": "",
                }
                for link in org.federation_links.all()
            ],
            initial=org.federation_links.count(),
        ),
    }
    data.update(changes)
    return nested_form_data(data)


def test_member_proposal_waits_for_the_federation_editor(client, federations):
    own = federations["own"]
    member = _editor(own, EditorAssignment.Role.MEMBER_ACCOUNT, MEMBER_ACCOUNTS)
    client.force_login(member)
    response = client.post(_edit_url(own), _form(own, name_fr="Nouveau nom"))
    assert response.status_code == 302, response.content.decode()[:2000]
    own.refresh_from_db()
    assert own.name_fr != "Nouveau nom", "a member's change must not go live"
    assert own.has_unpublished_changes
    assert own.latest_revision.content["name_fr"] == "Nouveau nom"

    # Publishing is refused to the member…
    client.post(
        _edit_url(own), _form(own, name_fr="Nouveau nom", **{"action-publish": "1"})
    )
    own.refresh_from_db()
    assert own.name_fr != "Nouveau nom"

    # …and done by the federation editor.
    login_verified(client, _editor(federations["fdss"]))
    response = client.post(
        _edit_url(own), _form(own, name_fr="Nouveau nom", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.name_fr == "Nouveau nom"
    assert not own.has_unpublished_changes


def test_admin_explains_bad_input(admin_client, federations):
    from directory.models import Antenna

    own = federations["own"]
    response = admin_client.post(
        _edit_url(own),
        _form(own, enterprise_number="0123.456.789", **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    assert (
        "not a valid enterprise number" in response.content.decode()
        or "numéro d" in response.content.decode()
    )
    own.refresh_from_db()
    assert own.enterprise_number == ""

    antenna = federations["own_antenna"]
    antenna.postcode = "1050"  # Schaerbeek is 1030
    antenna.opening_hours = "Mo-Fr 9-17"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        antenna.full_clean()
    assert set(error.value.message_dict) >= {"postcode", "opening_hours"}
    assert Antenna.objects.get(pk=antenna.pk).postcode == "1030"


def test_valid_enterprise_number_is_normalised():
    from directory.validators import (
        enterprise_number_is_valid,
        normalise_enterprise_number,
    )

    assert normalise_enterprise_number("BE 0202.239.951") == "0202239951"
    assert normalise_enterprise_number("403.170.701") == "0403170701"
    assert enterprise_number_is_valid("BE 0202.239.951")
    assert enterprise_number_is_valid("0403.170.701")
    assert not enterprise_number_is_valid("0202.239.952")
    assert not enterprise_number_is_valid("0123456789")
    assert not enterprise_number_is_valid("2123456789")
