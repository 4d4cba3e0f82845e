"""Keep the print edition and the publication record in step with what is live."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from newsletters.models import ArticlePage, NewsletterIssuePage
from newsletters.publications import link_publication
from newsletters.tasks import regenerate_issue_pdf


def _regenerate_later(issue_id: int) -> None:
    transaction.on_commit(lambda: regenerate_issue_pdf.enqueue(issue_id))


@receiver(page_published, sender=NewsletterIssuePage)
def issue_published(sender, instance, **kwargs):
    link_publication(instance)
    _regenerate_later(instance.pk)


@receiver(page_unpublished, sender=NewsletterIssuePage)
def issue_unpublished(sender, instance, **kwargs):
    if instance.publication_id:
        instance.publication.live = False
        instance.publication.save()


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
def article_changed(sender, instance, **kwargs):
    parent = instance.get_parent()
    if (
        parent is not None
        and NewsletterIssuePage.objects.filter(pk=parent.pk, live=True).exists()
    ):
        _regenerate_later(parent.pk)
