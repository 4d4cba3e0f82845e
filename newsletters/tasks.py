"""Background tasks (django-tasks): sending batches and the print edition."""

from django_tasks import task


@task()
def send_issue_batch(issue_id: int) -> dict[str, int]:
    from newsletters.sending import send_batch

    return send_batch(issue_id)


@task()
def regenerate_issue_pdf(issue_id: int) -> bool:
    """Regenerate the print edition if the published content changed."""
    from newsletters.models import NewsletterIssuePage
    from newsletters.pdf import update_issue_pdf

    issue = NewsletterIssuePage.objects.filter(pk=issue_id, live=True).first()
    if issue is None:
        return False
    return update_issue_pdf(issue)


@task()
def send_subscription_confirmation(subscriber_id: int) -> bool:
    """The double opt-in e-mail, sent by the worker (the SMTP connection has
    ``EMAIL_TIMEOUT``: a hanging server never holds a web request)."""
    from newsletters.emails import send_confirmation
    from newsletters.models import Subscriber

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
