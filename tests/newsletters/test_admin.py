import pytest
from django.core import mail

from tests.conftest import login_verified
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_sending_view_needs_publish_permission(client, issue):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(f"/admin/newsletters/issues/{issue.pk}/sending/")
    assert response.status_code in (302, 403)
    assert _delivery_count(issue) == 0


def _delivery_count(issue) -> int:
    from newsletters.models import Delivery

    return Delivery.objects.filter(issue=issue).count()


def test_sending_view_test_send_and_progress(client, issue):
    admin = UserFactory(is_superuser=True, is_staff=True, email="ed@example.org")
    login_verified(client, admin)
    edit = client.get(f"/admin/pages/{issue.pk}/edit/").content.decode()
    url = f"/admin/newsletters/issues/{issue.pk}/sending/"
    assert url in edit  # the header button
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="ed@example.org"' in page.content.decode()
    # Sending before the test is refused with a message, nothing is queued.
    client.post(url, {"action": "send"})
    assert _delivery_count(issue) == 0
    client.post(url, {"action": "test", "email": "not an address"})
    assert mail.outbox == []
    client.post(url, {"action": "test", "email": "ed@example.org"})
    assert len(mail.outbox) == 1
    progress = client.get(f"/admin/newsletters/issues/{issue.pk}/progress/").json()
    assert progress == {
        "total": 0,
        "sent": 0,
        "failed": 0,
        "remaining": 0,
        "done": False,
    }


def test_subscribers_are_listed_in_the_admin(client, mutmail):
    login_verified(client, UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/snippets/newsletters/subscriber/")
    assert response.status_code == 200
    assert "lezer.nl@example.org" in response.content.decode()
