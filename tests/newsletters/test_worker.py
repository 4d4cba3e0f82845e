"""The key property: a real task worker (``manage.py worker``) killed in the middle of
a sending, then a new one, and every subscriber has exactly one e-mail."""

import os
import signal
import subprocess
import sys
import time
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

pytestmark = [pytest.mark.postgres]

SUBSCRIBERS = 1000
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TITLES = {"fr": "Numéro d'essai", "nl": "Proefnummer"}


def _database_url() -> str:
    s = connection.settings_dict
    return (
        f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST'] or '127.0.0.1'}:"
        f"{s['PORT'] or 5432}/{s['NAME']}"
        # The test is about the worker dying, not the database server: commits
        # need not wait for the disk.
        "?options=-c%20synchronous_commit%3Doff"
    )


def _worker(mail_dir: Path, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_URL": f"filemail:///{mail_dir}",  # 4 slashes: absolute path
        "NEWSLETTER_BATCH_SIZE": "25",
        "NEWSLETTER_CLAIM_LEASE": "2",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("SEARCH_URL", None)
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.1", "--no-reload"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def _issue_with_subscribers():
    from wagtail.models import Page, Site

    from newsletters.models import NewsletterIssuePage, NewsletterPage, Subscriber
    from tests.factories import MembershipFactory

    federation = MembershipFactory().federation
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        top = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", slug_fr="root", slug_nl="root")
        )
        home = top.add_child(
            instance=Page(title="Home", slug="home", slug_fr="home", slug_nl="home")
        )
        site = Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True
        )
    root = site.root_page
    newsletter = NewsletterPage(
        title="Lettre",
        title_fr="Lettre",
        title_nl="Brief",
        slug="lettre",
        slug_fr="lettre",
        slug_nl="brief",
        organisation=federation,
    )
    root.add_child(instance=newsletter)
    issue = NewsletterIssuePage(
        title=TITLES["fr"],
        title_fr=TITLES["fr"],
        title_nl=TITLES["nl"],
        slug="essai",
        slug_fr="essai",
        slug_nl="proef",
        number="1",
        editorial_fr="<p>Bonjour.</p>",
        editorial_nl="<p>Goedendag.</p>",
    )
    newsletter.add_child(instance=issue)
    issue.save_revision().publish()
    NewsletterIssuePage.objects.filter(pk=issue.pk).update(test_sent_at=timezone.now())
    languages = ["fr", "nl", "both"]
    Subscriber.objects.bulk_create(
        Subscriber(
            newsletter=newsletter,
            email=f"s{n:04d}@example.org",
            languages=languages[n % 3],
            consent_at=timezone.now(),
        )
        for n in range(SUBSCRIBERS)
    )
    return NewsletterIssuePage.objects.get(pk=issue.pk)


def _kill_between_messages(process: subprocess.Popen, issue) -> int:
    """SIGKILL the worker once some, not all, are sent — frozen first so that it is
    not holding a message half-handed to the mail backend (that case is reported,
    never re-sent: see test_sending)."""
    from newsletters.models import Delivery

    rows = Delivery.objects.filter(issue=issue)
    deadline = time.monotonic() + 40
    while rows.filter(status="sent").count() < 150:
        assert process.poll() is None, "the worker stopped by itself"
        assert time.monotonic() < deadline, "the worker sends nothing"
        time.sleep(0.05)
    while True:
        os.kill(process.pid, signal.SIGSTOP)
        if not rows.filter(status="transmitting").exists():
            break
        os.kill(process.pid, signal.SIGCONT)
        time.sleep(0.003)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)
    return rows.filter(status="sent").count()


def _read_mails(mail_dir: Path) -> list:
    separator = b"\n" + b"-" * 79 + b"\n"
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(separator):
            if chunk.strip():
                messages.append(message_from_bytes(chunk))
    return messages


def test_a_killed_worker_never_sends_twice_and_a_new_one_finishes(
    django_db_serialized_rollback, transactional_db, tmp_path
):
    from newsletters import sending
    from newsletters.models import Delivery, Subscriber

    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log = tmp_path / "worker.log"
    issue = _issue_with_subscribers()
    with override_settings(TASKS=DB_TASKS):
        sending.start_sending(issue)

    first = _worker(mail_dir, log)
    try:
        sent_before_kill = _kill_between_messages(first, issue)
    finally:
        if first.poll() is None:
            first.kill()
    assert 0 < sent_before_kill < SUBSCRIBERS
    assert Delivery.objects.filter(issue=issue).exclude(status="sent").exists()

    second = _worker(mail_dir, log)
    try:
        deadline = time.monotonic() + 45
        while sending.progress(issue).remaining:
            assert second.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, sending.progress(issue)
            time.sleep(0.2)
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(10)
        except subprocess.TimeoutExpired:
            second.kill()

    progress = sending.progress(issue)
    assert (progress.sent, progress.failed) == (SUBSCRIBERS, 0)

    messages = _read_mails(mail_dir)
    recipients = [m["To"] for m in messages]
    assert len(recipients) == SUBSCRIBERS
    assert len(set(recipients)) == SUBSCRIBERS

    subscribers = {s.email: s for s in Subscriber.objects.all()}
    for message in messages:
        subscriber = subscribers[message["To"]]
        subject = str(make_header(decode_header(message["Subject"])))
        wanted = subscriber.language_codes()
        for code, title in TITLES.items():
            assert (title in subject) == (code in wanted), (subject, wanted)
        link = " ".join(message["List-Unsubscribe"].split())
        assert link.startswith(
            f"<{settings.WAGTAILADMIN_BASE_URL}/newsletters/unsubscribe/"
            f"{subscriber.unsubscribe_token}/>, <mailto:"
        )
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert {part.get_content_type() for part in message.walk()} >= {
            "text/plain",
            "text/html",
        }

    # The links work: one-click POST without cookie or CSRF token.
    client = Client(enforce_csrf_checks=True)
    for message in messages[:3]:
        url = message["List-Unsubscribe"].split("<")[1].split(">")[0]
        path = url.removeprefix(settings.WAGTAILADMIN_BASE_URL)
        assert client.get(path).status_code == 200
        assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
        assert not Subscriber.objects.filter(email=message["To"]).exists()
