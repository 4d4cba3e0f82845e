"""Subscription abuse: one confirmation e-mail per address a day, a limit per
client, mail through the task queue with an SMTP timeout, no race."""

import socket
import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def _subscribe(client, newsletter, email, language="fr", **extra):
    return client.post(
        newsletter.subscribe_url(language),
        {"email": email, "languages": "fr"},
        **extra,
    )


def test_one_confirmation_per_address_a_day_whoever_asks(mutmail, settings):
    from newsletters.models import Subscriber

    settings.NEWSLETTER_SUBSCRIBE_PER_CLIENT_PER_HOUR = 100
    answers = set()
    for number in range(4):
        client = Client(REMOTE_ADDR=f"198.51.100.{number}")
        response = _subscribe(client, mutmail, "cible@example.org")
        assert response.status_code == 200
        answers.add(response.content)
    assert len(answers) == 1  # the same answer each time
    assert len(mail.outbox) == 1
    subscriber = Subscriber.objects.get(email="cible@example.org")
    assert subscriber.confirmation_sent_at is not None
    # A day later a new confirmation may go.
    Subscriber.objects.filter(pk=subscriber.pk).update(
        confirmation_sent_at=timezone.now() - timedelta(days=1, minutes=1)
    )
    _subscribe(Client(REMOTE_ADDR="198.51.100.9"), mutmail, "cible@example.org")
    assert len(mail.outbox) == 2


def test_the_answer_does_not_tell_who_is_subscribed(client, mutmail):
    confirmed = _subscribe(client, mutmail, "bilingue@example.org")
    unknown = _subscribe(client, mutmail, "inconnu@example.org")
    assert confirmed.status_code == unknown.status_code == 200
    strip = {"bilingue@example.org": "X", "inconnu@example.org": "X"}
    texts = []
    for response in (confirmed, unknown):
        text = response.content.decode()
        for address, mask in strip.items():
            text = text.replace(address, mask)
        # The CSRF token differs from response to response.
        texts.append(
            "\n".join(line for line in text.splitlines() if "csrf" not in line)
        )
    assert texts[0] == texts[1]


@pytest.mark.parametrize(
    ("language", "words"), [("fr", "Trop de requêtes"), ("nl", "Te veel verzoeken")]
)
def test_a_client_over_its_limit_gets_a_translated_429(
    client, mutmail, settings, language, words
):
    from newsletters.models import Subscriber

    settings.NEWSLETTER_SUBSCRIBE_PER_CLIENT_PER_HOUR = 3
    for number in range(3):
        response = _subscribe(client, mutmail, f"a{number}@example.org", language)
        assert response.status_code == 200
    response = _subscribe(client, mutmail, "a3@example.org", language)
    assert response.status_code == 429
    assert words in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert not Subscriber.objects.filter(email="a3@example.org").exists()
    assert len(mail.outbox) == 3
    # Another client is not affected.
    other = _subscribe(Client(REMOTE_ADDR="192.0.2.50"), mutmail, "b@example.org")
    assert other.status_code == 200


def test_the_confirmation_goes_through_the_task_queue(mutmail, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = _subscribe(Client(), mutmail, "file@example.org")
    assert response.status_code == 200
    assert mail.outbox == []  # not sent by the web request
    queued = DBTaskResult.objects.get(
        task_path="newsletters.tasks.send_subscription_confirmation"
    )
    assert queued.status == "READY"


def test_smtp_has_a_timeout(settings):
    """A server that accepts the connection and never answers: the send fails
    after EMAIL_TIMEOUT instead of holding the worker for ever."""
    from django.core.mail import get_connection

    assert settings.EMAIL_TIMEOUT == 10
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    settings.EMAIL_TIMEOUT = 1
    connection = get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host="127.0.0.1",
        port=server.getsockname()[1],
    )
    outcome = {}

    def send():
        started = time.monotonic()
        try:
            connection.open()
        except OSError as error:
            outcome["error"] = error
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    thread.join(timeout=10)
    server.close()
    assert not thread.is_alive(), "the SMTP connection hung"
    # smtplib reports the timeout as a timeout or as a closed connection.
    assert "timed out" in str(outcome["error"])
    assert outcome["seconds"] < 5


@pytest.mark.postgres
def test_simultaneous_subscriptions_store_one_row_and_send_one_mail(
    django_db_serialized_rollback, transactional_db, settings
):
    """Sixteen requests for one address at once (several gunicorn workers): one
    row, one e-mail, no error."""
    from django.db import connection

    from newsletters.models import NewsletterPage, Subscriber
    from tests.conftest import seed_demo_quietly

    seed_demo_quietly()
    newsletter = NewsletterPage.objects.get(slug_fr="mutmail")
    settings.NEWSLETTER_SUBSCRIBE_PER_CLIENT_PER_HOUR = 1000
    url = newsletter.subscribe_url("fr")
    barrier = threading.Barrier(16)
    statuses, errors = [], []

    def post(number):
        try:
            client = Client(REMOTE_ADDR=f"203.0.113.{number}")
            barrier.wait(timeout=30)
            statuses.append(
                client.post(
                    url, {"email": "course@example.org", "languages": "nl"}
                ).status_code
            )
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert statuses == [200] * 16
    assert Subscriber.objects.filter(email="course@example.org").count() == 1
    confirmations = [m for m in mail.outbox if m.to == ["course@example.org"]]
    assert len(confirmations) == 1


def test_sub_addresses_of_one_mailbox_get_few_e_mails(mutmail, settings):
    """ "victim+1@…", "victim+2@…": one inbox, at most three confirmations a day."""
    from newsletters.views import mailbox

    assert mailbox(" Victim+news@Example.org ") == "victim@example.org"
    settings.NEWSLETTER_SUBSCRIBE_PER_CLIENT_PER_HOUR = 100
    for number in range(8):
        client = Client(REMOTE_ADDR=f"203.0.113.{number}")
        response = _subscribe(client, mutmail, f"victim+{number}@example.org")
        assert response.status_code == 200
    assert len(mail.outbox) == 3
