import re

import pytest
from django.core import mail
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def _confirm_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/newsletters/confirm/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_subscribe_form_is_translated(client, mutmail):
    fr = client.get(mutmail.subscribe_url("fr")).content.decode()
    assert 'name="website"' in fr  # honeypot
    assert "Français" in fr or "French" in fr or 'value="fr"' in fr
    assert client.get(mutmail.subscribe_url("nl")).status_code == 200


def test_bad_input_is_refused_with_a_message_and_saves_nothing(client, mutmail):
    from newsletters.models import Subscriber

    before = Subscriber.objects.count()
    response = client.post(
        mutmail.subscribe_url("fr"), {"email": "not-an-address", "languages": "xx"}
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert Subscriber.objects.count() == before
    assert mail.outbox == []


def test_honeypot_answers_the_same_and_stores_nothing(client, mutmail):
    from newsletters.models import Subscriber

    response = client.post(
        mutmail.subscribe_url("fr"),
        {"email": "bot@example.org", "languages": "fr", "website": "http://spam"},
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="bot@example.org").exists()
    assert mail.outbox == []


def test_double_opt_in(client, mutmail):
    from newsletters.models import Subscriber

    response = client.post(
        mutmail.subscribe_url("nl"), {"email": "Nieuw@Example.org", "languages": "nl"}
    )
    assert response.status_code == 200
    subscriber = Subscriber.objects.get(email="nieuw@example.org")
    assert subscriber.consent_at is None and subscriber.languages == "nl"
    assert len(mail.outbox) == 1
    link = _confirm_link(mail.outbox[0])
    # A mail scanner following the link confirms nothing: it gets a button.
    page = client.get(link)
    assert page.status_code == 200 and '<form method="post"' in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.consent_at is None
    assert client.post(link).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.consent_at is not None
    assert subscriber.confirm_token is None
    # The link is used up; a second use says so, translated, without an error.
    again = client.get(link)
    assert again.status_code == 410
    assert "<h1>" in again.content.decode()


def test_subscribing_again_does_not_reveal_or_duplicate(client, mutmail):
    from newsletters.models import Subscriber

    for _ in range(2):
        client.post(
            mutmail.subscribe_url("fr"),
            {"email": "deux@example.org", "languages": "both"},
        )
    assert Subscriber.objects.filter(email="deux@example.org").count() == 1
    # Pending: the confirmation is not sent again the same day.
    assert len(mail.outbox) == 1
    confirmed = Subscriber.objects.get(email="bilingue@example.org")
    response = client.post(
        mutmail.subscribe_url("fr"),
        {"email": "bilingue@example.org", "languages": "fr"},
    )
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    confirmed.refresh_from_db()
    assert confirmed.languages == "both"


def test_unsubscribe_get_shows_a_form_and_post_works_without_csrf(mutmail):
    from newsletters.models import Subscriber

    subscriber = Subscriber.objects.get(email="lezer.nl@example.org")
    url = f"/newsletters/unsubscribe/{subscriber.unsubscribe_token}/"
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="nl">' in html and '<form method="post"' in html
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    # RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, no cookie, no token.
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert client.get(url).status_code == 410


def test_unknown_tokens_give_a_clear_page(client, db):
    response = client.get("/newsletters/confirm/nope/")
    assert response.status_code == 410
    assert "<h1>" in response.content.decode()


def test_e_mail_links_point_where_the_portal_answers(client, mutmail, settings):
    """`make run` on another port: links used to say 127.0.0.1:8000."""
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8123"
    client.post(
        mutmail.subscribe_url("fr"), {"email": "port@example.org", "languages": "fr"}
    )
    assert len(mail.outbox) == 1
    assert "http://127.0.0.1:8123/newsletters/confirm/" in mail.outbox[0].body
    assert ":8000" not in mail.outbox[0].body


def test_make_run_sets_the_base_url_from_its_host_and_port():
    import subprocess
    from pathlib import Path

    from django.conf import settings as django_settings

    script = Path(django_settings.BASE_DIR) / "scripts" / "run.sh"
    lines = [
        line
        for line in script.read_text().splitlines()
        if "=" in line and "PORT" in line
    ] + [line for line in script.read_text().splitlines() if "PORTAL_BASE_URL" in line]
    shell = "\n".join([*lines, 'echo "$PORTAL_BASE_URL"'])
    result = subprocess.run(
        ["bash", "-c", shell],
        env={"HOST": "0.0.0.0", "PORT": "8123", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "http://0.0.0.0:8123"
