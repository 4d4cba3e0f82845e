"""Background tasks (django-tasks): the print edition and the confirmation e-mail.

The sending's own task, ``send_issue_batch``, lives with the batches it runs and
queues (:mod:`newsletters.sending`, which this module imports). It is re-exported
here so that batches queued under its former path,
``newsletters.tasks.send_issue_batch``, still run.
"""

from django_tasks import task

from newsletters.emails import send_confirmation
from newsletters.models import NewsletterIssuePage, Subscriber
from newsletters.pdf import update_issue_pdf
from newsletters.sending import send_issue_batch

__all__ = [
    "regenerate_issue_pdf",
    "send_issue_batch",
    "send_subscription_confirmation",
]


@task()
def regenerate_issue_pdf(issue_id: int) -> bool:
    """Regenerate the print edition if the published content changed."""
    issue = NewsletterIssuePage.objects.filter(pk=issue_id, live=True).first()
    if issue is None:
        return False
    return update_issue_pdf(issue)


@task()
def send_subscription_confirmation(subscriber_id: int) -> bool:
    """The double opt-in e-mail, sent by the worker (the SMTP connection has
    ``EMAIL_TIMEOUT``: a hanging server never holds a web request)."""
    subscriber = (
        Subscriber.objects.select_related("newsletter")
        .filter(pk=subscriber_id, consent_at__isnull=True)
        .exclude(confirm_token=None)
        .first()
    )
    if subscriber is None:  # confirmed or unsubscribed meanwhile
        return False
    send_confirmation(subscriber)
    return True
