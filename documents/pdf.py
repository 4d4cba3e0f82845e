"""A legislation fiche as PDF, rendered on demand with WeasyPrint.

The print template links to nothing outside itself (its stylesheet is given to
WeasyPrint from the static files) and the fetcher only accepts ``data:`` URLs, so
rendering never reaches the network.
"""

from __future__ import annotations

import logging

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation

logger = logging.getLogger(__name__)
PRINT_CSS = "documents/fiche-print.css"


class PdfUnavailable(RuntimeError):
    """WeasyPrint or its system libraries (Pango) are missing."""


def render_fiche_pdf(html: str) -> bytes:
    """A fiche's print page as PDF, with the fiche's print stylesheet; nothing
    fetched but ``data:`` URLs."""
    try:
        from weasyprint import CSS, HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as error:  # OSError: Pango not installed
        logger.error("WeasyPrint unavailable: %s", error)
        raise PdfUnavailable(str(error)) from error

    fetcher = URLFetcher(allowed_protocols={"data"})
    stylesheet = CSS(filename=finders.find(PRINT_CSS), url_fetcher=fetcher)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])


def fiche_pdf_response(request, response: TemplateResponse, page) -> HttpResponse:
    response.render()
    pdf = render_fiche_pdf(response.content.decode("utf-8"))
    language = translation.get_language() or "fr"
    slug = getattr(page, f"slug_{language}", None) or page.slug
    answer = HttpResponse(pdf, content_type="application/pdf")
    answer["Content-Disposition"] = f'inline; filename="{slug}.pdf"'
    return answer
