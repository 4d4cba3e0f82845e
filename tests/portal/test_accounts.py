"""Admin accounts: lockout after failed logins, a limited password reset and
two-factor authentication (required for administrators and federation editors)."""

import base64
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.permissions import FEDERATION_EDITORS, MEMBER_ACCOUNTS
from tests.conftest import totp_code

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

LOGIN = "/admin/login/"
RESET = "/admin/password_reset/"
ENROL = "/admin/two-factor/"
VERIFY = "/admin/two-factor/verify/"
PASSWORD = "a-long-passphrase-42"


def _user(username="editrice", group=None, **extra):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def _login(client, username="editrice", password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def _code(device: TOTPDevice) -> str:
    return totp_code(device)


def _after_the_throttle_delay(device: TOTPDevice) -> None:
    """django-otp makes a device wait after a wrong code (1 s, 2 s, 4 s...)."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )


# --- Lockout ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "Compte temporairement bloqué"), ("nl", "Account tijdelijk geblokkeerd")],
)
def test_failed_logins_lock_the_account_for_that_client(settings, language, words):
    settings.AXES_FAILURE_LIMIT = 5
    _user(group=MEMBER_ACCOUNTS)
    client = Client(REMOTE_ADDR="198.51.100.20", HTTP_ACCEPT_LANGUAGE=language)
    for _ in range(4):
        assert _login(client, password="wrong").status_code == 200
    locked = _login(client, password="wrong")
    assert locked.status_code == 429
    assert words in locked.content.decode()
    # Even the right password is refused from there during the cool-off...
    assert _login(client).status_code == 429
    # ...but not from elsewhere: the lock is on the username and the address.
    elsewhere = Client(REMOTE_ADDR="192.0.2.80")
    assert _login(elsewhere).status_code == 302
    # An administrator unlocks it with django-axes' command.
    call_command("axes_reset_username", "editrice")
    assert _login(client).status_code == 302


# --- Password reset --------------------------------------------------------------


def test_password_reset_sends_at_most_the_allowed_emails_per_address(settings):
    settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR = 2
    _user()
    answers = []
    for number in range(5):
        client = Client(REMOTE_ADDR=f"198.51.100.{number}")
        response = client.post(RESET, {"email": "editrice@example.org"})
        answers.append((response.status_code, response["Location"]))
    assert len(set(answers)) == 1 and answers[0][0] == 302  # always the same answer
    assert len(mail.outbox) == 2
    unknown = Client(REMOTE_ADDR="198.51.100.99").post(
        RESET, {"email": "personne@example.org"}
    )
    assert (unknown.status_code, unknown["Location"]) == answers[0]


def test_password_reset_is_limited_per_client(settings):
    settings.PASSWORD_RESET_PER_CLIENT_PER_HOUR = 3
    client = Client(REMOTE_ADDR="203.0.113.30", HTTP_ACCEPT_LANGUAGE="nl")
    for number in range(3):
        assert (
            client.post(RESET, {"email": f"x{number}@example.org"}).status_code == 302
        )
    refused = client.post(RESET, {"email": "x9@example.org"})
    assert refused.status_code == 429
    assert "Te veel verzoeken" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0


# --- Two-factor authentication ---------------------------------------------------


def test_an_administrator_must_enrol_before_any_admin_page():
    admin = _user("patronne", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    assert client.get("/admin/").url == ENROL
    assert client.get("/admin/pages/").url == f"{ENROL}?next=%2Fadmin%2Fpages%2F"
    # What the enrolment page itself loads stays open (icons, translations).
    assert client.get("/admin/sprite/").status_code == 200
    assert client.get("/admin/jsi18n/").status_code == 200
    page = client.get(ENROL)
    assert page.status_code == 200
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    secret = base64.b32encode(device.bin_key).decode()
    assert secret in html
    data_uri = html.split('src="data:image/svg+xml;base64,')[1].split('"')[0]
    assert b"<svg" in base64.b64decode(data_uri)  # a QR code drawn on the server
    # A wrong code is refused with a message; the right one lets them in.
    wrong = client.post(ENROL, {"token": "000000", "next": "/admin/pages/"})
    assert (
        wrong.status_code == 200 and 'class="error-message"' in wrong.content.decode()
    )
    _after_the_throttle_delay(device)
    right = client.post(ENROL, {"token": _code(device), "next": "/admin/pages/"})
    assert right.status_code == 302 and right.url == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_federation_editor_enters_a_code_after_the_password():
    editor = _user(group=FEDERATION_EDITORS)
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client = Client()
    assert _login(client).status_code == 302
    assert client.get("/admin/").url == VERIFY
    # An unverified user cannot enrol a second device to get round the first.
    assert client.get(ENROL).url.startswith(VERIFY)
    assert client.get("/admin/snippets/").url.startswith(f"{VERIFY}?next=")
    wrong = client.post(VERIFY, {"token": "123456"})
    assert wrong.status_code == 200
    assert client.get("/admin/").status_code == 302
    _after_the_throttle_delay(device)
    assert client.post(VERIFY, {"token": _code(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200
    # Required: they cannot switch it off.
    client.post(ENROL, {"action": "disable"})
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()


def test_a_federation_editor_without_a_device_must_enrol():
    _user(group=FEDERATION_EDITORS)
    client = Client()
    assert _login(client).status_code == 302
    assert client.get("/admin/").url == ENROL


def test_member_accounts_may_use_it_and_then_must():
    member = _user(group=MEMBER_ACCOUNTS)
    client = Client()
    client.force_login(member)
    assert client.get("/admin/").status_code == 200  # optional for them
    account = client.get("/admin/account/").content.decode()
    assert ENROL in account  # offered in their account area
    assert client.get(ENROL).status_code == 200
    device = TOTPDevice.objects.get(user=member)
    assert client.post(ENROL, {"token": _code(device)}).status_code == 302
    # Once enrolled, a new login asks for the code.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # a later code
    again = Client()
    again.force_login(member)
    assert again.get("/admin/").url == VERIFY
    assert again.post(VERIFY, {"token": _code(device)}).status_code == 302
    assert again.get("/admin/").status_code == 200
    # Not required for them: they may switch it off.
    again.post(ENROL, {"action": "disable"})
    assert not TOTPDevice.objects.filter(user=member).exists()


def test_the_verification_page_is_translated():
    editor = _user(group=FEDERATION_EDITORS)
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(editor)
    page = client.get(VERIFY, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Tweestapsverificatie" in page or "zescijferige" in page


def test_a_lost_device_is_removed_by_command_and_enrolled_again():
    admin = _user("patronne", is_superuser=True, is_staff=True)
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    output = io.StringIO()
    call_command("reset_two_factor", "patronne", stdout=output)
    assert "1 two-factor device(s) removed" in output.getvalue()
    assert not TOTPDevice.objects.filter(user=admin).exists()
    client = Client()
    client.force_login(admin)
    assert client.get("/admin/").url == ENROL


def test_logins_are_limited_per_client_whatever_the_usernames(client, settings):
    """Spraying usernames from one address: axes counts per username, this per
    client."""
    settings.ADMIN_LOGIN_PER_CLIENT_PER_HOUR = 5
    statuses = [
        client.post(
            "/admin/login/", {"username": f"user{number}", "password": "wrong"}
        ).status_code
        for number in range(7)
    ]
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]
