"""The print edition of an issue: WeasyPrint, FR | NL in two columns, numbered pages
and a table of contents; stored as the issue's publication file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from core.constants import LANGUAGE_CODES
from core.languages import in_language
from documents.models import PublicationFile
from newsletters.models import NewsletterIssuePage
from newsletters.publications import link_publication

PDF_TEMPLATE = "newsletters/print/issue.html"


class LocalFilesOnly:
    """WeasyPrint URL fetcher: media and static files from disk, nothing else."""

    def __init__(self) -> None:
        from weasyprint.urls import URLFetcher

        self.roots = [Path(settings.MEDIA_ROOT).resolve()]
        self._fetcher = URLFetcher(allowed_protocols=["file"])

    def fetch(self, url: str, headers=None):
        from urllib.parse import unquote, urlparse

        from weasyprint.urls import URLFetchingError

        parsed = urlparse(url)
        path = Path(unquote(parsed.path)).resolve()
        if parsed.scheme != "file" or not any(
            path.is_relative_to(root) for root in self.roots
        ):
            raise URLFetchingError(f"Refused outside resource: {url}")
        return self._fetcher.fetch(url, headers)

    def __call__(self, url: str):
        return self.fetch(url)


def issue_html(issue: NewsletterIssuePage) -> str:
    """The HTML of the print edition (both languages side by side)."""
    newsletter = issue.newsletter
    articles = []
    for number, article in enumerate(issue.articles(), start=1):
        articles.append(
            {
                "anchor": f"article-{number}",
                "page": article,
                "titles": {
                    code: in_language(article, "title", code) for code in LANGUAGE_CODES
                },
                "standfirsts": {
                    code: in_language(article, "standfirst", code)
                    for code in LANGUAGE_CODES
                },
                "bodies": {
                    code: in_language(article, "body", code) for code in LANGUAGE_CODES
                },
            }
        )
    with translation.override("fr"):
        return render_to_string(
            PDF_TEMPLATE,
            {
                "issue": issue,
                "newsletter": newsletter,
                "titles": {
                    code: in_language(issue, "title", code) for code in LANGUAGE_CODES
                },
                "newsletter_titles": {
                    code: in_language(newsletter, "title", code)
                    for code in LANGUAGE_CODES
                },
                "editorials": {
                    code: in_language(issue, "editorial", code)
                    for code in LANGUAGE_CODES
                },
                "articles": articles,
                "for_print": True,
            },
        )


def render_print_edition(html: str) -> tuple[bytes, int]:
    """An issue's print edition as (PDF bytes, number of pages); its images
    are read from the media files only."""
    from weasyprint import HTML

    document = HTML(
        string=html,
        base_url=Path(settings.MEDIA_ROOT).resolve().as_uri() + "/",
        url_fetcher=LocalFilesOnly(),
    ).render()
    return document.write_pdf(), len(document.pages)


def render_issue_pdf(issue: NewsletterIssuePage) -> bytes:
    return render_print_edition(issue_html(issue))[0]


def update_issue_pdf(issue: NewsletterIssuePage, force: bool = False) -> bool:
    """(Re)generate the print edition when the published content changed.

    Returns True when a new PDF was stored.
    """
    html = issue_html(issue)
    fingerprint = hashlib.sha256(html.encode()).hexdigest()
    current = issue.print_file
    if not force and current is not None and issue.print_fingerprint == fingerprint:
        return False
    pdf, pages = render_print_edition(html)
    newsletter = issue.newsletter
    title = f"{newsletter.title} N° {issue.number} ({issue.issue_date:%Y-%m-%d})"
    filename = f"{newsletter.slug}-{issue.number}.pdf".replace("/", "-")
    with transaction.atomic():
        document = current or PublicationFile(title=title)
        document.title = title
        if document.file:
            document.file.delete(save=False)
        document.file.save(filename, ContentFile(pdf), save=False)
        document.file_size = len(pdf)
        document.page_count = pages
        document._set_file_hash()
        document.save()
        NewsletterIssuePage.objects.filter(pk=issue.pk).update(
            print_file=document, print_fingerprint=fingerprint
        )
    issue.print_file = document
    issue.print_fingerprint = fingerprint
    link_publication(issue)
    return True
