from datetime import timedelta
from email import message_from_bytes
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.newsletters.conftest import add_subscribers

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def _start(issue):
    from django.test import TestCase

    from newsletters import sending

    with TestCase.captureOnCommitCallbacks(execute=True):
        return sending.start_sending(issue)


def _ready(issue):
    from newsletters import sending

    sending.send_test(issue, "editor@example.org")
    mail.outbox.clear()
    issue.refresh_from_db()
    return issue


def test_send_needs_publication_and_a_test(issue):
    from newsletters import sending

    with pytest.raises(sending.SendRefused):
        sending.start_sending(issue)
    sending.send_test(issue, "editor@example.org")
    assert mail.outbox[0].subject.startswith("[TEST] ")
    assert mail.outbox[0].to == ["editor@example.org"]
    issue.refresh_from_db()
    assert sending.refusal(issue) is None
    issue.title_fr = "Nouveau titre"
    issue.save_revision().publish()
    issue.refresh_from_db()
    assert "test" in sending.refusal(issue)


def test_each_subscriber_gets_one_mail_in_their_languages(issue, mutmail):
    from newsletters.models import Delivery

    add_subscribers(mutmail, 30)
    _ready(issue)
    with override_settings(NEWSLETTER_BATCH_SIZE=7):
        _start(issue)
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients)) == 33
    by_address = {m.to[0]: m for m in mail.outbox}
    fr = by_address["reader0@example.org"]  # n % 3 == 0 → fr
    nl = by_address["reader1@example.org"]
    both = by_address["reader2@example.org"]
    assert "Pauvreté" in fr.subject and "Armoede" not in fr.subject
    assert "Armoede" in nl.subject and "Pauvreté" not in nl.subject
    assert "Pauvreté" in both.subject and "Armoede" in both.subject
    text = " ".join(both.body.split())
    assert "meer dan één Brusselaar" in text and "plus d'un Bruxellois" in text
    html = both.alternatives[0][0]
    assert 'lang="fr"' in html and 'lang="nl"' in html
    assert "meer dan één" not in " ".join(fr.body.split())
    assert Delivery.objects.filter(issue=issue, status="sent").count() == 33
    # A second click sends nobody the issue again.
    mail.outbox.clear()
    _start(issue)
    assert mail.outbox == []


def test_list_unsubscribe_headers(issue, mutmail, client):
    from newsletters.models import Subscriber

    _ready(issue)
    _start(issue)
    message = message_from_bytes(
        next(m for m in mail.outbox if m.to == ["lezer.nl@example.org"])
        .message()
        .as_bytes()
    )
    subscriber = Subscriber.objects.get(email="lezer.nl@example.org")
    header = " ".join(message["List-Unsubscribe"].split())  # unfolded
    assert header.startswith(
        f"<http://127.0.0.1:8000/newsletters/unsubscribe/"
        f"{subscriber.unsubscribe_token}/>, <mailto:"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = header[1:].split(">")[0].removeprefix("http://127.0.0.1:8000")
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_claims_are_exclusive(issue, mutmail):
    from newsletters import sending
    from newsletters.models import Delivery

    add_subscribers(mutmail, 10)
    sending.create_deliveries(issue)
    first = sending.claim_batch(issue.pk, 5)
    second = sending.claim_batch(issue.pk, 100)
    assert len(first) == 5 and len(second) == 8
    assert not {d.pk for d in first} & {d.pk for d in second}
    assert sending.claim_batch(issue.pk, 100) == []
    assert Delivery.objects.filter(issue=issue, status="claimed").count() == 13


def test_a_sending_left_without_a_queued_batch_is_resumed(issue, mutmail):
    """A worker killed after taking a batch and before queueing the next leaves
    none: the next worker to start queues one, once."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from newsletters import sending

    add_subscribers(mutmail, 4)
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ):
        assert sending.resume_stalled() == []  # nothing to send
        sending.create_deliveries(issue)
        assert sending.resume_stalled() == [issue.pk]
        queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        assert [row.args_kwargs["args"] for row in queued] == [[issue.pk]]
        assert sending.resume_stalled() == []  # a batch is waiting already
        assert queued.count() == 1
    # Without a persistent queue there is nothing to resume.
    assert sending.resume_stalled() == []


def test_a_dead_workers_rows_are_freed_but_an_uncertain_one_is_not_resent(
    issue, mutmail
):
    from newsletters import sending
    from newsletters.models import Delivery

    add_subscribers(mutmail, 4)
    sending.create_deliveries(issue)
    claimed = sending.claim_batch(issue.pk, 100)
    Delivery.objects.filter(pk=claimed[0].pk).update(status="transmitting")
    later = timezone.now() + sending.claim_lease() + timedelta(seconds=1)
    sending.release_expired(issue.pk, now=later)
    statuses = dict(Delivery.objects.filter(issue=issue).values_list("pk", "status"))
    assert statuses.pop(claimed[0].pk) == "failed"
    assert set(statuses.values()) == {"pending"}
    progress = sending.progress(issue)
    assert progress.failed == 1 and progress.remaining == 6
    assert "duplicate" in progress.failures[0][1]


class FlakyBackend:
    """Fails for one address, delivers the others to the test outbox."""

    def __init__(self, *args, **kwargs):
        from django.core.mail.backends.locmem import EmailBackend

        self.inner = EmailBackend()

    def open(self):
        return True

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_messages(self, messages):
        for message in messages:
            if message.to == ["lecteur.fr@example.org"]:
                raise ConnectionRefusedError("mail server down")
        return self.inner.send_messages(messages)


def test_failures_are_retried_with_backoff_then_reported(issue, monkeypatch):
    from newsletters import sending
    from newsletters.models import Delivery

    _ready(issue)
    monkeypatch.setattr(sending, "get_connection", lambda: FlakyBackend())
    with override_settings(NEWSLETTER_MAX_ATTEMPTS=2):
        _start(issue)
        failing = Delivery.objects.get(
            issue=issue, subscriber__email="lecteur.fr@example.org"
        )
        assert failing.status == "pending" and failing.attempts == 1
        assert failing.next_attempt_at > timezone.now() + timedelta(seconds=50)
        assert "mail server down" in failing.last_error
        # Not retried before its time…
        assert sending.claim_batch(issue.pk) == []
        # …then retried, and reported as failed after the last attempt.
        Delivery.objects.filter(pk=failing.pk).update(next_attempt_at=timezone.now())
        sending.send_batch(issue.pk)
    failing.refresh_from_db()
    assert failing.status == "failed" and failing.attempts == 2
    progress = sending.progress(issue)
    assert (progress.sent, progress.failed, progress.remaining) == (2, 1, 0)
    assert progress.failures == [("lecteur.fr@example.org", failing.last_error)]


def test_dry_run_lists_who_would_receive_what(issue):
    out = StringIO()
    call_command("send_newsletter", "25-26", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "lezer.nl@example.org\tnl\tMutmail N° 25-26 · Armoede" in text
    assert "3 recipient(s)" in text
    assert mail.outbox == []


def test_send_command_refuses_without_a_test(issue):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_newsletter", str(issue.pk), stdout=StringIO())
