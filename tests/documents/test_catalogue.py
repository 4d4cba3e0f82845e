"""The publications catalogue: filters, record, cover, downloads, citations."""

import json
from pathlib import Path

import bibtexparser
import pytest
import rispy
from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from directory.models import Category, Language
from documents import extraction
from documents.citations import citation_key, to_bibtex, to_csl_json, to_ris
from documents.models import Publication, PublicationFile
from tests.documents.factories import (
    PublicationAuthorFactory,
    PublicationCorporateAuthorFactory,
    PublicationFactory,
    PublicationFileLinkFactory,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

DEMO_PDF = Path(extraction.__file__).parent / "demo_data" / "defective.pdf"


def url(name: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"documents:{name}", kwargs=kwargs or None)


@pytest.fixture
def catalogue():
    """A small catalogue with every filter's dimension."""
    fdss = OrganisationFactory(name_fr="Fédération des Services Sociaux", slug="fdss")
    memorandum = PublicationFactory(
        kind="memorandum",
        title_fr="Mémorandum 2024",
        title_nl="Memorandum 2024",
        year=2024,
    )
    memorandum.languages.set(Language.objects.filter(code="fr"))
    memorandum.themes.set(Category.objects.filter(slug="cap"))
    memorandum.save()
    PublicationCorporateAuthorFactory(
        publication=memorandum, organisation=fdss, name=""
    )
    analysis = PublicationFactory(
        kind="report", title_fr="Hors-circuit", title_nl="Buiten het circuit", year=2017
    )
    analysis.languages.set(Language.objects.filter(code__in=["fr", "nl"]))
    analysis.themes.set(Category.objects.filter(slug="sante"))
    analysis.save()
    PublicationAuthorFactory(
        publication=analysis, family_name="Colle", given_names="Eric"
    )
    review = PublicationFactory(
        kind="journal_issue", title_fr="CPAS+ n° 1", title_nl="CPAS+ nr. 1", year=2011
    )
    review.themes.set(Category.objects.filter(slug="cpas"))
    review.save()
    draft = PublicationFactory(title_fr="Brouillon", year=2024)
    draft.live = False
    draft.save()
    return {"memorandum": memorandum, "analysis": analysis, "review": review}


def titles(response) -> list[str]:
    return [p.title_fr for p in response.context["publications"]]


def test_list_in_both_languages(client, catalogue):
    for language in ("fr", "nl"):
        response = client.get(url("publication-list", language))
        assert response.status_code == 200
        assert set(titles(response)) == {
            "Mémorandum 2024",
            "Hors-circuit",
            "CPAS+ n° 1",
        }
    # Dutch titles on the Dutch list.
    assert "Buiten het circuit" in response.content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"kind": "memorandum"}, {"Mémorandum 2024"}),
        ({"theme": "aide-sociale-generale"}, {"Mémorandum 2024", "CPAS+ n° 1"}),
        ({"theme": "sante"}, {"Hors-circuit"}),
        ({"year_from": "2012"}, {"Mémorandum 2024", "Hors-circuit"}),
        ({"year_from": "2010", "year_to": "2017"}, {"Hors-circuit", "CPAS+ n° 1"}),
        ({"language": "nl"}, {"Hors-circuit"}),
        ({"author": "colle"}, {"Hors-circuit"}),
        ({"author": "Fédération des Services"}, {"Mémorandum 2024"}),
        ({"organisation": "fdss"}, {"Mémorandum 2024"}),
        ({"kind": "book"}, set()),
    ],
)
def test_filters_work_without_javascript(client, catalogue, query, expected):
    response = client.get(url("publication-list"), query)
    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_bad_filters_get_a_translated_400(client, catalogue):
    for language in ("fr", "nl"):
        response = client.get(
            url("publication-list", language),
            {"kind": "poem", "year_from": "20x4", "theme": "nope"},
        )
        assert response.status_code == 400
        page = response.content.decode()
        with translation.override(language):
            assert (
                gettext("Unknown type of publication: “%(value)s”.") % {"value": "poem"}
            ) in page.replace("&quot;", '"')
            assert gettext("Unknown theme: “%(value)s”.") % {"value": "nope"} in page


def test_inverted_years_are_refused(client, catalogue):
    response = client.get(
        url("publication-list"), {"year_from": "2020", "year_to": "2010"}
    )
    assert response.status_code == 400
    assert (
        gettext("The first year comes after the last one.") in response.content.decode()
    )


def test_pagination(client, db):
    for number in range(25):
        PublicationFactory(title_fr=f"Rapport {number:02d}", year=2000 + number)
    first = client.get(url("publication-list"))
    assert len(first.context["publications"]) == 20
    second = client.get(url("publication-list"), {"page": "2"})
    assert len(second.context["publications"]) == 5
    # Filters stay in the pagination links.
    filtered = client.get(url("publication-list"), {"kind": "report", "page": "1"})
    assert "kind=report&amp;page=2" in filtered.content.decode()


def test_drafts_are_not_shown(client, catalogue):
    draft = Publication.objects.get(title_fr="Brouillon")
    assert client.get(url("publication-detail", slug=draft.slug)).status_code == 404


@pytest.fixture
def with_pdf(catalogue):
    publication = catalogue["analysis"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        document = PublicationFile(title="Texte intégral")
        document.file.save(
            "hors-circuit.pdf", ContentFile(DEMO_PDF.read_bytes()), save=False
        )
        document._set_document_file_metadata()
        document.save()
    PublicationFileLinkFactory(publication=publication, document=document, label="PDF")
    return publication


def test_detail_page_with_download_and_cover(client, with_pdf):
    for language in ("fr", "nl"):
        response = client.get(url("publication-detail", language, slug=with_pdf.slug))
        assert response.status_code == 200
        page = response.content.decode()
        document = with_pdf.main_file()
        assert document.url in page
        cover = url("publication-cover", language, slug=with_pdf.slug)
        assert cover in page
        assert "Colle" in page
    image = client.get(cover)
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")


def test_no_cover_without_a_pdf(client, catalogue):
    publication = catalogue["memorandum"]
    response = client.get(url("publication-detail", slug=publication.slug))
    assert (
        url("publication-cover", slug=publication.slug) not in response.content.decode()
    )
    assert (
        client.get(url("publication-cover", slug=publication.slug)).status_code == 404
    )


def test_unknown_publication_and_format_are_404(client, catalogue):
    assert client.get(url("publication-detail", slug="nope")).status_code == 404
    slug = catalogue["memorandum"].slug
    response = client.get(url("publication-citation", slug=slug, format="docx"))
    assert response.status_code == 404


# --- citations ---------------------------------------------------------------------


@pytest.fixture
def cited(db):
    publication = PublicationFactory(
        kind="newsletter_issue",
        title_fr="Mutmail n° 25-26 : secret professionnel & petite enfance",
        original_title="Mutmail N° 25-26",
        publisher="FCSSMB {VCMWZB}",
        place="Bruxelles",
        year=2011,
        series="Mutmail",
        series_number="25-26",
        issn="0378-5955",
        pages="12-20",
        keywords="secret professionnel, petite enfance",
        abstract_fr="Éditorial; ateliers %50 {test}",
    )
    publication.languages.set(Language.objects.filter(code__in=["fr", "nl"]))
    publication.save()
    PublicationAuthorFactory(
        publication=publication, family_name="Dumont", given_names="Marc"
    )
    PublicationAuthorFactory(
        publication=publication, family_name="Colle", given_names="Éric"
    )
    PublicationCorporateAuthorFactory(
        publication=publication,
        name="Fédération de Centres de Service Social Mutualistes Bruxellois",
    )
    return publication


def test_bibtex_parses(client, cited):
    response = client.get(url("publication-citation", slug=cited.slug, format="bibtex"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.bib"')
    library = bibtexparser.parse_string(response.content.decode())
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.key == citation_key(cited) == "dumont2011mutmail"
    assert entry.entry_type == "periodical"
    assert entry["title"] == "Mutmail N° 25-26"
    assert entry["year"] == "2011"
    assert entry["number"] == "25-26"
    assert entry["issn"] == "0378-5955"
    authors = entry["author"]
    assert authors.startswith("Dumont, Marc and Colle, Éric and {Fédération")
    assert entry["publisher"] == r"FCSSMB \{VCMWZB\}"


def test_ris_parses(cited):
    text = to_ris(cited)
    assert "LA  - fr\r\nLA  - nl\r\n" in text
    (record,) = rispy.loads(text)
    assert record["type_of_reference"] == "NEWS"
    assert record["title"] == "Mutmail N° 25-26"
    assert record["authors"][:2] == ["Dumont, Marc", "Colle, Éric"]
    assert (
        "Fédération de Centres de Service Social Mutualistes Bruxellois"
        in record["authors"]
    )
    assert record["year"] == "2011"
    assert record["start_page"] == "12" and record["end_page"] == "20"
    assert record["issn"] == "0378-5955"
    assert record["keywords"] == ["secret professionnel", "petite enfance"]


def test_csl_json(client, cited):
    response = client.get(
        url("publication-citation", slug=cited.slug, format="csl-json")
    )
    (item,) = json.loads(response.content)
    assert item["type"] == "periodical"
    assert item["issued"] == {"date-parts": [[2011]]}
    assert item["author"][0] == {"family": "Dumont", "given": "Marc"}
    assert {
        "literal": "Fédération de Centres de Service Social Mutualistes Bruxellois"
    } in item["author"]
    assert item["collection-number"] == "25-26"
    assert item["URL"].startswith("http://testserver/")


@pytest.mark.parametrize("kind", [value for value, _label in Publication.Kind.choices])
def test_every_kind_exports(kind, db):
    publication = PublicationFactory(kind=kind, title_fr="Un titre {avec} accolades")
    library = bibtexparser.parse_string(to_bibtex(publication))
    assert not library.failed_blocks and len(library.entries) == 1
    assert rispy.loads(to_ris(publication))[0]["title"] == "Un titre {avec} accolades"
    assert (
        json.loads(to_csl_json(publication))[0]["title"] == "Un titre {avec} accolades"
    )


def test_an_unknown_publication_gets_the_translated_404_page(client, db):
    for language in ("fr", "nl"):
        response = client.get(url("publication-detail", language, slug="nope"))
        assert response.status_code == 404
        with translation.override(language):
            assert escape(gettext("Page not found")) in response.content.decode()
