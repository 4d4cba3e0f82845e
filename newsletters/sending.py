"""Sending an issue to its subscribers, at most once each.

One :class:`~newsletters.models.Delivery` row per (issue, subscriber) is created when
the editor presses *Send*. Background tasks then work through them in batches: a
batch *claims* its rows atomically (``pending`` → ``claimed`` with a lease), marks
each one ``transmitting`` just before handing it to the mail backend and ``sent``
right after. Whatever happens to a worker:

* rows it had claimed but not started go back to ``pending`` when the lease expires,
  and the next task sends them;
* the one row it may have been transmitting is reported as failed, never re-sent
  (the e-mail may have left);
* a second *Send* click or a second worker only finds rows nobody holds.
"""

from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from newsletters.emails import IssueMailer, build_test_message, issue_subject
from newsletters.models import Delivery, NewsletterIssuePage, Subscriber

logger = logging.getLogger(__name__)


def _setting(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return int(value)


def batch_size() -> int:
    return _setting("NEWSLETTER_BATCH_SIZE", 50)


def claim_lease() -> timedelta:
    """How long a batch holds its rows; after that a dead worker's rows are freed."""
    return timedelta(seconds=_setting("NEWSLETTER_CLAIM_LEASE", 300))


def max_attempts() -> int:
    return _setting("NEWSLETTER_MAX_ATTEMPTS", 5)


def backoff(attempts: int) -> timedelta:
    """1, 4, 16, 64… minutes after the 1st, 2nd, 3rd… failure."""
    return timedelta(minutes=4 ** max(attempts - 1, 0))


class SendRefused(Exception):
    """The issue cannot be sent (yet); the message says why, translated."""


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    failed: int
    remaining: int
    failures: list[tuple[str, str]]

    @property
    def done(self) -> bool:
        return self.total > 0 and self.remaining == 0


def progress(issue: NewsletterIssuePage) -> Progress:
    counts = issue.deliveries.counts()
    failures = list(
        issue.deliveries.filter(Q(status=Delivery.Status.FAILED) | ~Q(last_error=""))
        .exclude(status=Delivery.Status.SENT)
        .values_list("subscriber__email", "last_error")[:50]
    )
    return Progress(
        total=sum(counts.values()),
        sent=counts[Delivery.Status.SENT],
        failed=counts[Delivery.Status.FAILED],
        remaining=counts[Delivery.Status.PENDING]
        + counts[Delivery.Status.CLAIMED]
        + counts[Delivery.Status.TRANSMITTING],
        failures=failures,
    )


def refusal(issue: NewsletterIssuePage) -> str | None:
    """Why ``issue`` cannot be sent now, or None."""
    if not issue.live:
        return _("Publish the issue before sending it.")
    if issue.test_sent_at is None:
        return _("Send a test to yourself first.")
    if issue.last_published_at and issue.test_sent_at < issue.last_published_at:
        return _("The issue changed since the test: send a new test first.")
    return None


def send_test(issue: NewsletterIssuePage, email: str) -> None:
    if not issue.live:
        raise SendRefused(_("Publish the issue before testing it."))
    build_test_message(issue, email).send()
    NewsletterIssuePage.objects.filter(pk=issue.pk).update(
        test_sent_at=timezone.now(), test_sent_to=email
    )
    issue.test_sent_at = timezone.now()
    issue.test_sent_to = email


def create_deliveries(issue: NewsletterIssuePage) -> int:
    """A pending row for each confirmed subscriber who has none yet."""
    subscribers = Subscriber.objects.confirmed().filter(
        newsletter_id=issue.get_parent().pk
    )
    existing = Delivery.objects.filter(issue=issue).values("subscriber_id")
    rows = [
        Delivery(issue=issue, subscriber_id=pk)
        for pk in subscribers.exclude(pk__in=existing).values_list("pk", flat=True)
    ]
    Delivery.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    return len(rows)


def start_sending(issue: NewsletterIssuePage) -> int:
    """The *Send* action: create the rows and queue the first batch. Safe to repeat
    (a second click adds rows only for new confirmed subscribers)."""
    reason = refusal(issue)
    if reason:
        raise SendRefused(reason)
    with transaction.atomic():
        created = create_deliveries(issue)
        NewsletterIssuePage.objects.filter(
            pk=issue.pk, send_started_at__isnull=True
        ).update(send_started_at=timezone.now())
    transaction.on_commit(lambda: enqueue_batch(issue.pk))
    return created


def resume_stalled() -> list[int]:
    """Queue a batch for every sending with work left and no batch waiting in the
    task queue; the ids of those issues.

    Each batch queues its successor, but a worker killed after taking a batch
    from the queue and before queueing the next one leaves none: run when a
    worker starts (``manage.py worker``), so that the next worker resumes the
    sending. A batch queued twice is harmless (rows are claimed atomically).
    """
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(send_issue_batch.get_backend(), DatabaseBackend):
        return []  # no queue to inspect (e.g. the immediate backend)
    open_issues = set(
        Delivery.objects.filter(
            status__in=[Delivery.Status.PENDING, Delivery.Status.CLAIMED]
        )
        .values_list("issue_id", flat=True)
        .distinct()
    )
    if not open_issues:
        return []
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    waiting = set()
    for args_kwargs in DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=send_issue_batch.module_path
    ).values_list("args_kwargs", flat=True):
        args = (args_kwargs or {}).get("args") or []
        if args:
            waiting.add(args[0])
    resumed = sorted(
        issue_id for issue_id in open_issues - waiting if next_run(issue_id) is not None
    )
    for issue_id in resumed:
        enqueue_batch(issue_id)
        logger.info("Resumed the sending of issue %s", issue_id)
    return resumed


def enqueue_batch(issue_id: int, run_after: datetime | None = None) -> None:
    task = send_issue_batch
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # e.g. the immediate backend: a later *Send* resumes
        task = task.using(run_after=run_after)
    task.enqueue(issue_id)


def release_expired(issue_id: int, now: datetime | None = None) -> None:
    now = now or timezone.now()
    rows = Delivery.objects.filter(issue_id=issue_id, lease_until__lt=now)
    rows.filter(status=Delivery.Status.CLAIMED).update(
        status=Delivery.Status.PENDING, claim_token="", lease_until=None
    )
    rows.filter(status=Delivery.Status.TRANSMITTING).update(
        status=Delivery.Status.FAILED,
        claim_token="",
        lease_until=None,
        last_error="interrupted while being handed to the mail server; "
        "not re-sent to avoid a duplicate",
    )


def claim_batch(issue_id: int, size: int | None = None) -> list[Delivery]:
    """Atomically take up to ``size`` ready rows for this worker."""
    size = size or batch_size()
    now = timezone.now()
    token = uuid.uuid4().hex
    ready = Delivery.objects.filter(
        issue_id=issue_id, status=Delivery.Status.PENDING, next_attempt_at__lte=now
    ).order_by("pk")
    claim = {
        "status": Delivery.Status.CLAIMED,
        "claim_token": token,
        "lease_until": now + claim_lease(),
    }
    with transaction.atomic():
        if db_connection.features.has_select_for_update_skip_locked:
            ids = list(
                ready.select_for_update(skip_locked=True).values_list("pk", flat=True)[
                    :size
                ]
            )
        else:
            ids = list(ready.values_list("pk", flat=True)[:size])
        # The status condition makes the claim safe even without row locks
        # (SQLite): a row another worker took meanwhile is no longer pending.
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.PENDING).update(
            **claim
        )
    return list(
        Delivery.objects.filter(claim_token=token, status=Delivery.Status.CLAIMED)
        .select_related("subscriber")
        .order_by("pk")
    )


def next_run(issue_id: int) -> datetime | None:
    """When another batch may find work: now, later (backoff, leases), or never."""
    open_rows = Delivery.objects.filter(
        issue_id=issue_id,
        status__in=[
            Delivery.Status.PENDING,
            Delivery.Status.CLAIMED,
            Delivery.Status.TRANSMITTING,
        ],
    )
    if not open_rows.exists():
        return None
    first = open_rows.aggregate(
        pending=Min("next_attempt_at", filter=Q(status=Delivery.Status.PENDING)),
        lease=Min("lease_until"),
    )
    times = [t for t in (first["pending"], first["lease"]) if t is not None]
    return max(min(times), timezone.now()) if times else None


def send_batch(issue_id: int) -> dict[str, int]:
    """One batch: free dead workers' rows, claim, queue the next batch, send."""
    release_expired(issue_id)
    batch = claim_batch(issue_id)
    # Queued before sending, so that a worker killed during this batch leaves the
    # rest of the work in the queue for the next worker.
    successor = next_run(issue_id)
    queued_successor = successor is not None
    if queued_successor:
        enqueue_batch(issue_id, None if successor <= timezone.now() else successor)
    if not batch:
        return {"sent": 0, "failed": 0}
    mailer = IssueMailer(NewsletterIssuePage.objects.get(pk=issue_id))
    sent = failed = 0
    with get_connection() as mail:
        for delivery in batch:
            if _send_one(mailer, delivery, mail):
                sent += 1
            else:
                failed += 1
    if failed and not queued_successor:
        retry_at = next_run(issue_id)
        if retry_at is not None:
            enqueue_batch(issue_id, retry_at)
    return {"sent": sent, "failed": failed}


@task()
def send_issue_batch(issue_id: int) -> dict[str, int]:
    """The worker's side of :func:`send_batch`; each batch queues its successor."""
    return send_batch(issue_id)


def _send_one(mailer, delivery: Delivery, mail) -> bool:
    token = delivery.claim_token
    mine = Delivery.objects.filter(pk=delivery.pk, claim_token=token)
    try:
        message = mailer.for_subscriber(
            delivery.subscriber,
            connection=mail,
            message_id=f"<issue-{delivery.issue_id}.delivery-{delivery.pk}"
            "@newsletters.portal>",
        )
    except Exception as error:  # noqa: BLE001 - reported on the delivery row
        return _failed(delivery, mine, error)
    if not mine.filter(status=Delivery.Status.CLAIMED).update(
        status=Delivery.Status.TRANSMITTING
    ):
        return False  # lost the lease to another worker: not ours to send
    try:
        mail.send_messages([message])
    except Exception as error:  # noqa: BLE001 - SMTP and network errors vary
        return _failed(delivery, mine, error)
    mine.update(
        status=Delivery.Status.SENT,
        sent_at=timezone.now(),
        claim_token="",
        lease_until=None,
        last_error="",
        attempts=delivery.attempts + 1,
    )
    return True


def _failed(delivery: Delivery, mine, error: Exception) -> bool:
    attempts = delivery.attempts + 1
    logger.warning("Delivery %s failed (attempt %s): %s", delivery.pk, attempts, error)
    final = attempts >= max_attempts()
    mine.update(
        status=Delivery.Status.FAILED if final else Delivery.Status.PENDING,
        attempts=attempts,
        next_attempt_at=timezone.now() + backoff(attempts),
        claim_token="",
        lease_until=None,
        last_error=f"{type(error).__name__}: {error}"[:1000],
    )
    return False


def dry_run(issue: NewsletterIssuePage) -> list[tuple[str, str, str]]:
    """(e-mail, languages, subject) of everyone a *Send* would reach now."""
    already = Delivery.objects.filter(
        issue=issue,
        status__in=[Delivery.Status.SENT, Delivery.Status.TRANSMITTING],
    ).values("subscriber_id")
    subscribers = (
        Subscriber.objects.confirmed()
        .filter(newsletter_id=issue.get_parent().pk)
        .exclude(pk__in=already)
        .order_by("email")
    )
    subjects: dict[str, str] = {}
    rows = []
    for subscriber in subscribers:
        if subscriber.languages not in subjects:
            subjects[subscriber.languages] = issue_subject(
                issue, subscriber.language_codes()
            )
        rows.append(
            (subscriber.email, subscriber.languages, subjects[subscriber.languages])
        )
    return rows
