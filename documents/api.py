"""JSON API of the documentation centre (``/api/v1/documents/…``).

Parameters are parsed by the catalogue's own rules, so a bad value is a 400 with a
message in the requested language."""

from __future__ import annotations

from typing import Literal

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from ninja.responses import Status

from core.api_support import (
    MAX_TEXT,
    ApiError,
    BadRequest,
    Error,
    Lang,
    lang_query,
    language_of,
    page_query,
    page_size_query,
    parse_page,
)
from core.parameters import InvalidParameter
from documents.catalogue import (
    MAX_YEAR,
    MIN_YEAR,
    parse_catalogue_filters,
)
from documents.models import Authority, LegislationFichePage, Publication

router = Router(tags=["documents"])


class FileOut(Schema):
    title: str
    url: str
    page_count: int | None
    text_status: str


class PublicationOut(Schema):
    external_id: str
    kind: str
    title: str
    title_fr: str
    title_nl: str
    original_title: str
    original_language: str
    url: str
    authors: list[str]
    corporate_authors: list[str]
    publisher: str
    year: int | None
    publication_date: str | None
    series: str
    series_number: str
    isbn: str
    issn: str
    languages: list[str]
    themes: list[str]
    keywords: list[str]
    access: str
    files: list[FileOut]
    citations: dict[str, str]


class PublicationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PublicationOut]


class FicheOut(Schema):
    id: int
    title: str
    title_fr: str
    title_nl: str
    url: str
    authority: str
    valid_from: str | None
    valid_to: str | None
    last_reviewed: str | None
    review_overdue: bool
    validity_ended: bool


def publication_payload(publication: Publication) -> dict:
    slug = publication.slug
    return {
        "external_id": publication.external_id,
        "kind": publication.kind,
        "title": str(publication.title),
        "title_fr": publication.title_fr or "",
        "title_nl": publication.title_nl or "",
        "original_title": publication.original_title,
        "original_language": publication.original_language,
        "url": publication.get_absolute_url(),
        "authors": [a.display_name for a in publication.person_authors()],
        "corporate_authors": [
            c.display_name for c in publication.corporate_author_list()
        ],
        "publisher": publication.publisher,
        "year": publication.year,
        "publication_date": publication.publication_date.isoformat()
        if publication.publication_date
        else None,
        "series": publication.series,
        "series_number": publication.series_number,
        "isbn": publication.isbn,
        "issn": publication.issn,
        "languages": publication.language_codes(),
        "themes": publication.theme_slugs(),
        "keywords": publication.keyword_list(),
        "access": publication.access,
        "files": [
            {
                "title": document.title,
                "url": document.url,
                "page_count": document.page_count,
                "text_status": document.extraction_status,
            }
            for document in publication.documents()
        ],
        "citations": {
            name: reverse(
                "documents:publication-citation",
                kwargs={"slug": slug, "format": name},
            )
            for name in ("bibtex", "ris", "csl-json")
        },
    }


PublicationKind = Literal[tuple(Publication.Kind.values)]
FicheAuthority = Literal[tuple(Authority.values)]
TEXT = Query(None, max_length=MAX_TEXT)
YEAR = Query(None, ge=MIN_YEAR, le=MAX_YEAR)


@router.get(
    "/publications",
    response={200: PublicationPage, 400: BadRequest},
    summary="Publications of the documentation centre, filtered",
)
def list_publications(
    request: HttpRequest,
    kind: PublicationKind | None = Query(None),
    theme: str | None = TEXT,
    year_from: int | None = YEAR,
    year_to: int | None = YEAR,
    language: str | None = TEXT,
    author: str | None = Query(None, max_length=100),
    organisation: str | None = TEXT,
    lang: Lang | None = lang_query(),
    page: int = page_query(),
    page_size: int = page_size_query(20),
):
    """The same filters as the catalogue page: ``kind`` (book, journal_issue,
    article, brochure, report, memorandum, newsletter_issue), ``theme`` (a category
    slug, its sub-themes included), ``year_from``/``year_to``, ``language`` (ISO
    code), ``author`` (part of a name) and ``organisation`` (slug)."""
    with translation.override(language_of(request, lang)):
        number, size = parse_page(page, page_size)
        try:
            filters = parse_catalogue_filters(
                {
                    "kind": kind,
                    "theme": theme,
                    "year_from": "" if year_from is None else str(year_from),
                    "year_to": "" if year_to is None else str(year_to),
                    "language": language,
                    "author": author,
                    "organisation": organisation,
                }
            )
        except InvalidParameter as error:
            raise ApiError(" ".join(error.messages)) from None
        publications = filters.apply(Publication.objects.public())
        paginator = Paginator(publications, size)
        # Past the last page: an empty list, as in the other lists.
        results = (
            [publication_payload(p) for p in paginator.page(number)]
            if number <= paginator.num_pages
            else []
        )
        return {
            "count": paginator.count,
            "page": number,
            "page_size": size,
            "results": results,
        }


@router.get(
    "/publications/{external_id}",
    response={200: PublicationOut, 400: BadRequest, 404: Error},
    summary="One publication",
)
def get_publication(
    request: HttpRequest,
    external_id: str = Path(..., max_length=MAX_TEXT),
    lang: Lang | None = lang_query(),
):
    with translation.override(language_of(request, lang)):
        publication = (
            Publication.objects.public().filter(external_id=external_id).first()
        )
        if publication is None:
            return Status(
                404,
                {
                    "detail": _("No publication has the identifier “%(value)s”.")
                    % {"value": external_id[:64]}
                },
            )
        return Status(200, publication_payload(publication))


@router.get(
    "/fiches",
    response={200: list[FicheOut], 400: BadRequest},
    summary="Legislation fiches, with their review and validity state",
)
def list_fiches(
    request: HttpRequest,
    authority: FicheAuthority | None = Query(None),
    lang: Lang | None = lang_query(),
):
    with translation.override(language_of(request, lang)):
        fiches = LegislationFichePage.objects.live().public().order_by("title")
        if authority:
            fiches = fiches.filter(authority=authority)
        return [
            {
                "id": fiche.pk,
                "title": fiche.title,
                "title_fr": fiche.title_fr or "",
                "title_nl": fiche.title_nl or "",
                "url": fiche.get_url(request) or "",
                "authority": fiche.authority,
                "valid_from": fiche.valid_from.isoformat()
                if fiche.valid_from
                else None,
                "valid_to": fiche.valid_to.isoformat() if fiche.valid_to else None,
                "last_reviewed": fiche.last_reviewed.isoformat()
                if fiche.last_reviewed
                else None,
                "review_overdue": fiche.review_overdue(),
                "validity_ended": fiche.validity_ended(),
            }
            for fiche in fiches
        ]
