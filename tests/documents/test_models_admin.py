"""Publication model rules, search declarations, and the editors' admin."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from documents import extraction
from documents.models import (
    LegislationFichePage,
    Publication,
    PublicationCorporateAuthor,
    PublicationFile,
)
from tests.conftest import login_verified
from tests.documents.factories import PublicationFactory, PublicationFileLinkFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DEMO_PDF = Path(extraction.__file__).parent / "demo_data" / "defective.pdf"


def test_the_newsletter_issue_kind_exists():
    assert Publication.Kind.NEWSLETTER_ISSUE == "newsletter_issue"


def test_year_comes_from_the_date_and_slugs_are_unique():
    from datetime import date

    first = PublicationFactory(title_fr="Mémorandum", year=None)
    first.publication_date = date(2024, 2, 15)
    first.year = None
    first.slug = ""
    first.save()
    assert first.year == 2024
    second = PublicationFactory(title_fr="Mémorandum")
    assert first.slug == "memorandum"
    assert second.slug == "memorandum-2"


def test_year_and_date_must_agree():
    from datetime import date

    publication = PublicationFactory.build(
        publication_date=date(2024, 1, 1), year=2023, external_id="x"
    )
    with pytest.raises(ValidationError) as error:
        publication.clean()
    assert "year" in error.value.message_dict


def test_isbn_issn_are_validated_on_the_model():
    publication = PublicationFactory.build(
        external_id="y", isbn="978-2-07-036822-9", issn="0378-5954", slug="y"
    )
    with pytest.raises(ValidationError) as error:
        publication.full_clean()
    assert {"isbn", "issn"} <= set(error.value.message_dict)


def test_a_corporate_author_needs_an_organisation_or_a_name():
    author = PublicationCorporateAuthor(publication=PublicationFactory(), name=" ")
    with pytest.raises(ValidationError):
        author.clean()


def test_search_fields_name_their_language():
    names = {field.field_name for field in Publication.search_fields}
    assert {"title_fr", "title_nl", "file_text_fr", "file_text_nl"} <= names
    full_text = next(
        f for f in Publication.search_fields if f.field_name == "file_text_fr"
    )
    assert full_text.kwargs["es_extra"] == {"index_options": "offsets"}
    filters = {
        f.field_name
        for f in Publication.search_fields
        if f.__class__.__name__ == "FilterField"
    }
    assert {"kind", "year", "language_codes", "theme_slugs", "live"} <= filters
    fiche_filters = {
        f.field_name
        for f in LegislationFichePage.search_fields
        if f.__class__.__name__ == "FilterField"
    }
    assert {"authority", "valid_to", "is_valid", "theme_slugs"} <= fiche_filters


def test_search_types_are_registered():
    from search.registry import result_types

    kinds = result_types()
    assert kinds["publication"].model is Publication
    assert kinds["fiche"].model is LegislationFichePage
    publication = PublicationFactory()
    assert kinds["publication"].url(publication) == publication.get_absolute_url()
    assert publication in kinds["publication"].queryset()
    publication.live = False
    publication.save()
    assert publication not in kinds["publication"].queryset()


@pytest.fixture
def editor(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    login_verified(client, user)
    return user


def test_uploading_a_pdf_in_the_admin_extracts_its_third_page(client, editor):
    upload = SimpleUploadedFile(
        "fiches.pdf", DEMO_PDF.read_bytes(), content_type="application/pdf"
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtaildocs:add"), {"title": "Fiches", "file": upload}
        )
    assert response.status_code == 302
    document = PublicationFile.objects.get(title="Fiches")
    assert document.extraction_status == "done"
    third_page = document.extracted_text[document.page_offsets[2] :]
    assert "Het OCMW en de sociale dienst van het ziekenfonds" in third_page
    assert "Het OCMW en de sociale dienst van het ziekenfonds" in document.text_nl


def test_editors_see_an_image_only_file(client, editor, monkeypatch):
    document = PublicationFile(title="Scan")
    document.file.save("scan.pdf", ContentFile(b"%PDF"), save=False)
    document.save()
    PublicationFile.objects.filter(pk=document.pk).update(
        extraction_status=PublicationFile.ExtractionStatus.IMAGE_ONLY
    )
    publication = PublicationFactory(title_fr="Un scan")
    PublicationFileLinkFactory(publication=publication, document=document)
    edit = reverse("wagtailsnippets_documents_publication:edit", args=[publication.pk])
    response = client.get(edit)
    assert response.status_code == 200
    language = response.content.decode().split('lang="')[1].split('"')[0]
    with translation.override(language):
        warning = gettext(
            "This file has no text layer (a scan) and could not be OCRed: its "
            "content is not searchable. Upload a PDF with text, or install ocrmypdf "
            "with French and Dutch."
        )
        label = str(PublicationFile.ExtractionStatus.IMAGE_ONLY.label)
    page = response.content.decode().replace("&#x27;", "'")
    # The warning, in the admin's language (its command name is in both).
    assert warning in page or "ocrmypdf" in page
    listing = client.get(reverse("wagtailsnippets_documents_publication:list"))
    assert escape(label) in listing.content.decode()


def test_a_bad_isbn_in_the_admin_form_gets_its_message(client, editor):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    def data(isbn):
        return nested_form_data(
            {
                "kind": "book",
                "title_fr": "Boîte à outils",
                "title_nl": "Gereedschapskist",
                "original_language": "fr",
                "external_id": "book-1",
                "isbn": isbn,
                "access": "open",
                "authors": inline_formset([]),
                "corporate_authors": inline_formset([]),
                "files": inline_formset([]),
            }
        )

    add = reverse("wagtailsnippets_documents_publication:add")
    response = client.post(add, data("978-2-07-036822-9"))
    assert response.status_code == 200
    language = response.content.decode().split('lang="')[1].split('"')[0]
    with translation.override(language):
        message = gettext(
            "“%(value)s” is not a valid ISBN: its check digit does not match. "
            "Please check for a typing error."
        ) % {"value": "978-2-07-036822-9"}
    assert escape(message) in response.content.decode()
    assert not Publication.objects.filter(external_id="book-1").exists()
    response = client.post(add, data("978-2-07-036822-8"))
    assert response.status_code == 302
    publication = Publication.objects.get(external_id="book-1")
    assert publication.isbn == "9782070368228"
    assert publication.slug == "boite-a-outils"
