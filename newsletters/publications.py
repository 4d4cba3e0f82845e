"""Each issue is a publication of the documentation centre (kind "newsletter
issue"), with the print edition as its file, so it is found and cited like the
other publications."""

from __future__ import annotations

from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import Truncator

from core.constants import LANGUAGE_CODES
from core.languages import in_language
from newsletters.models import NewsletterIssuePage

PRINT_LABEL = "FR | NL"


def _abstract(issue: NewsletterIssuePage, code: str) -> str:
    text = strip_tags(str(in_language(issue, "editorial", code)))
    return Truncator(" ".join(text.split())).words(80)


@transaction.atomic
def link_publication(issue: NewsletterIssuePage):
    """Create or update the issue's publication record and attach its PDF."""
    from directory.models import Language
    from documents.models import Publication, PublicationFileLink

    newsletter = issue.newsletter
    organisation = newsletter.organisation
    external_id = f"newsletter-issue-{issue.pk}"
    publication = (
        Publication.objects.filter(newsletter_issue__pk=issue.pk).first()
        or Publication.objects.filter(external_id=external_id).first()
        or Publication(external_id=external_id)
    )
    publication.kind = Publication.Kind.NEWSLETTER_ISSUE
    titles = {}
    for code in LANGUAGE_CODES:
        series = str(in_language(newsletter, "title", code))
        titles[code] = (
            f"{series} N° {issue.number} · {in_language(issue, 'title', code)}"
        )
    publication.title = titles["fr"]
    publication.title_fr = titles["fr"]
    publication.title_nl = titles["nl"]
    publication.abstract = publication.abstract_fr = _abstract(issue, "fr")
    publication.abstract_nl = _abstract(issue, "nl")
    publication.publisher = organisation.name_fr or organisation.name
    publication.publisher_organisation = organisation
    publication.publication_date = issue.issue_date
    publication.year = issue.issue_date.year
    publication.series = str(newsletter.title)
    publication.series_number = issue.number
    publication.url = issue.get_full_url() or ""
    publication.access = Publication.Access.OPEN
    publication.live = issue.live
    if issue.print_file and issue.print_file.page_count:
        publication.pages = str(issue.print_file.page_count)
    publication.save()
    publication.languages.set(Language.objects.filter(code__in=["fr", "nl"]))
    publication.save()
    if (
        issue.print_file_id
        and not PublicationFileLink.objects.filter(
            publication=publication, document_id=issue.print_file_id
        ).exists()
    ):
        PublicationFileLink.objects.create(
            publication=publication,
            document_id=issue.print_file_id,
            label=PRINT_LABEL,
            sort_order=0,
        )
    if issue.publication_id != publication.pk:
        NewsletterIssuePage.objects.filter(pk=issue.pk).update(publication=publication)
        issue.publication = publication
    return publication
