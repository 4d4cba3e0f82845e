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
