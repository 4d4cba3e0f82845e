"""No record without its required fields, drafts included (autosave used to save a
nameless antenna as soon as an organisation was chosen)."""

import pytest
from django.core.exceptions import ValidationError

from directory.models import Antenna, Organisation

pytestmark = [pytest.mark.django_db]


def test_a_draft_antenna_without_a_name_is_refused(demo_directory):
    organisation = Organisation.objects.get(external_id="cpas-schaerbeek")
    antenna = Antenna(organisation=organisation, live=False, external_id="x-1")
    with pytest.raises(ValidationError) as error:
        antenna.full_clean()
    assert "name_fr" in error.value.message_dict


def test_a_name_in_one_language_is_enough(demo_directory):
    organisation = Organisation.objects.get(external_id="cpas-schaerbeek")
    antenna = Antenna(
        organisation=organisation, live=False, external_id="x-2", name_nl="Zetel"
    )
    antenna.full_clean(exclude=["slug", "commune", "postcode"])


def test_the_admin_autosave_of_a_new_antenna_saves_nothing(
    admin_client, demo_directory
):
    """What the editor's autosave posts after choosing an organisation."""
    organisation = Organisation.objects.get(external_id="cpas-schaerbeek")
    before = Antenna.objects.count()
    response = admin_client.post(
        "/admin/snippets/directory/antenna/add/",
        {"organisation": organisation.pk, "wheelchair": "unknown"},
        headers={"Accept": "application/json"},
    )
    assert Antenna.objects.count() == before
    assert response.status_code in (200, 400)
