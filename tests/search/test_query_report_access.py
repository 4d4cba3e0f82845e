"""The search queries report holds visitors' queries: administrators only."""

import pytest
from django.contrib.auth.models import Group

from directory.models import EditorAssignment
from directory.permissions import FEDERATION_EDITORS, MEMBER_ACCOUNTS
from search.models import QueryStat
from tests.conftest import login_verified
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.search, pytest.mark.django_db]

REPORT = "/admin/reports/search-queries/"


def _account(group: str, role: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    EditorAssignment.objects.create(
        user=user, organisation=OrganisationFactory(), role=role
    )
    return user


@pytest.fixture
def secret_query():
    from django.utils import timezone

    QueryStat.objects.create(
        query="violence conjugale rue haute 12",
        language="fr",
        month=timezone.localdate().replace(day=1),
        searches=1,
    )
    return "violence conjugale rue haute 12"


@pytest.mark.parametrize(
    ("group", "role"),
    [
        (FEDERATION_EDITORS, EditorAssignment.Role.FEDERATION_EDITOR),
        (MEMBER_ACCOUNTS, EditorAssignment.Role.MEMBER_ACCOUNT),
    ],
)
def test_editors_get_403_and_no_menu_entry(client, secret_query, group, role):
    login_verified(client, _account(group, role))
    response = client.get(REPORT)
    assert response.status_code == 403
    assert secret_query not in response.content.decode()
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert REPORT not in dashboard.content.decode()


def test_admin_reads_the_report_and_sees_the_menu_entry(admin_client, secret_query):
    response = admin_client.get(REPORT)
    assert response.status_code == 200
    assert secret_query in response.content.decode()
    assert REPORT in admin_client.get("/admin/").content.decode()
