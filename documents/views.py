"""Visitor pages of the publications catalogue. Thin: queries live in ``catalogue``."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from documents.citations import FORMATS
from documents.covers import cover_file
from documents.forms import CatalogueForm
from documents.models import Publication, in_public_collection
from documents.serving import (
    Visibility,
    document_visibility,
    may_download,
)

PAGE_SIZE = 20


def publication_list(request):
    """The catalogue with its filters; works without JavaScript."""
    form = CatalogueForm(request.GET).read()
    filters, errors = form.filters, form.messages
    publications = filters.apply(Publication.objects.public())
    page = Paginator(publications, PAGE_SIZE).get_page(form.page_number)
    return render(
        request,
        "documents/publication_list.html",
        {
            "filters": filters,
            "errors": errors,
            "results_page": page,
            "publications": page.object_list,
            "count": page.paginator.count,
            "choices": filters.choices(),
            "query_without_page": filters.as_querystring(),
        },
        status=400 if errors else 200,
    )


def _public_publication(slug: str) -> Publication:
    return get_object_or_404(Publication.objects.public(), slug=slug)


def publication_detail(request, slug):
    publication = _public_publication(slug)
    files = [
        (link, link.document, may_download(request.user, link.document))
        for link in publication.files.select_related("document").order_by("sort_order")
    ]
    main = files[0][1] if files else None
    has_cover = main is not None and cover_file(main) is not None
    return render(
        request,
        "documents/publication_detail.html",
        {
            "publication": publication,
            "files": files,
            "has_cover": has_cover,
            "citation_formats": [
                ("bibtex", "BibTeX"),
                ("ris", "RIS"),
                ("csl-json", "CSL-JSON"),
            ],
        },
    )


def publication_citation(request, slug, format):
    publication = _public_publication(slug)
    if format not in FORMATS:
        raise Http404(_("Unknown citation format."))
    export, content_type, extension = FORMATS[format]
    url = request.build_absolute_uri(publication.get_absolute_url())
    response = HttpResponse(export(publication, url=url), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{publication.slug}.{extension}"'
    )
    return response


def publication_cover(request, slug):
    publication = _public_publication(slug)
    document = publication.main_file()
    # The cover is the file's first page: only for a file anyone may download.
    if (
        document is None
        or document_visibility(document) is not Visibility.PUBLIC
        or not in_public_collection(document)
    ):
        raise Http404(_("This publication has no cover image."))
    path = cover_file(document)
    if path is None:
        raise Http404(_("This publication has no cover image."))
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response
