"""The documentation centre in the search: a PDF uploaded in the admin is found by a
phrase of its third page, highlighted, in the results of its language."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from search.services import search
from tests.conftest import login_verified
from tests.factories import UserFactory

DEMO_PDF = (
    Path(__file__).resolve().parents[2] / "documents" / "demo_data" / "defective.pdf"
)
PHRASE = "Het OCMW en de sociale dienst van het ziekenfonds"

pytestmark = [pytest.mark.engine, pytest.mark.search, pytest.mark.django_db]


def test_uploaded_pdf_phrase_is_found_and_highlighted(client, indexed_demo_everything):
    from documents.models import Publication, PublicationFile, PublicationFileLink

    login_verified(client, UserFactory(is_superuser=True, is_staff=True))
    upload = SimpleUploadedFile(
        "mutuelles.pdf", DEMO_PDF.read_bytes(), content_type="application/pdf"
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtaildocs:add"), {"title": "Mutuelles", "file": upload}
        )
    assert response.status_code == 302
    document = PublicationFile.objects.get(title="Mutuelles")
    with TestCase.captureOnCommitCallbacks(execute=True):
        publication = Publication(
            title_fr="Guide des mutualités",
            title_nl="Gids van de ziekenfondsen",
            title="Guide des mutualités",
            kind=Publication.Kind.BROCHURE,
            live=True,
        )
        publication.files = [PublicationFileLink(document=document)]
        publication.save()
    backend = get_search_backend("default")
    backend.get_index_for_model(Publication).refresh()

    outcome = search(PHRASE, language="nl", types=["publication"])
    assert outcome.backend == "engine"
    # Demo publications carry the same PDF: all are found, each highlighted.
    found = {r.obj: r for r in outcome.results}
    assert publication in found
    snippet = found[publication].snippet
    assert snippet.language == "nl"
    assert "<mark>OCMW</mark>" in snippet.html and "<mark>ziekenfonds" in snippet.html
    # Repaired text is searchable: "betrekking" was split across two lines.
    assert publication in [r.obj for r in search("betrekking", language="nl").results]
