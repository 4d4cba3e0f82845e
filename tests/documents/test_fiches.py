"""Legislation fiches on the demo site: references, warnings, who can help,
``?as_of=``, PDF; and the demo seeder's idempotence."""

import os
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Revision

from documents.models import (
    LegislationFicheIndexPage,
    LegislationFichePage,
    Publication,
    PublicationFile,
)
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


def fiche(slug_fr: str) -> LegislationFichePage:
    return LegislationFichePage.objects.get(slug_fr=slug_fr)


def page_url(page, language: str) -> str:
    with translation.override(language):
        return page.get_url()


def get(client, page, language: str, **params):
    return client.get(page_url(page, language), params)


def text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def test_at_least_six_fiches_in_both_languages(demo, client):
    fiches = LegislationFichePage.objects.live()
    assert fiches.count() >= 6
    for page in fiches:
        assert page.title_fr and page.title_nl and page.summary_fr and page.summary_nl
        assert len(page.body_fr) and len(page.body_nl)
        for language in ("fr", "nl"):
            assert get(client, page, language).status_code == 200
    assert page_url(fiche("secret-professionnel"), "nl").endswith("/beroepsgeheim/")


def test_index_lists_and_filters_by_authority(demo, client):
    index = LegislationFicheIndexPage.objects.get()
    response = client.get(page_url(index, "fr"), {"authority": "cocom"})
    assert response.status_code == 200
    titles = {page.title_fr for page in response.context["fiches"]}
    assert titles == {
        "Les allocations familiales à Bruxelles",
        "L'allocation de naissance à Bruxelles",
    }


def test_professional_secrecy_shows_its_legal_references(demo, client):
    page = fiche("secret-professionnel")
    references = page.legal_references()
    assert {r["articles"] for r in references} >= {"458", "14", "36, 50"}
    law_2010 = next(r for r in references if r["articles"] == "14")
    assert law_2010["date"] == date(2010, 2, 4)
    assert law_2010["publication_date"] == date(2010, 3, 10)
    assert {r["date"] for r in references} >= {
        date(1945, 6, 12),
        date(1998, 11, 30),
        date(1976, 7, 8),
    }
    for language in ("fr", "nl"):
        body = text(get(client, page, language))
        with translation.override(language):
            published = gettext(
                "Published in the Moniteur belge / Belgisch Staatsblad on %(date)s"
            )
        assert published.split("%(date)s")[0].strip() in body
        assert "Code pénal / Strafwetboek" in body
        assert "458" in body
    assert "Sûreté de l'État" in text(get(client, page, "fr"))
    assert "Staatsveiligheid" in text(get(client, page, "nl"))


def test_review_date_and_reviewer_are_shown(demo, client):
    page = fiche("secret-professionnel")
    body = text(get(client, page, "fr"))
    assert 'datetime="2026-06-15"' in body
    assert "Centre de documentation" in body


def test_a_fiche_reviewed_more_than_a_year_ago_says_so(demo, client):
    page = fiche("conge-parental")
    assert page.review_overdue()
    for language in ("fr", "nl"):
        response = get(client, page, language)
        assert response.context["review_overdue"]
        with translation.override(language):
            warning = gettext("This fiche may be out of date.")
        assert warning in text(response)
    fresh = fiche("intervention-majoree")
    fresh.last_reviewed = timezone.localdate() - timedelta(days=30)
    fresh.save_revision().publish()
    with translation.override("fr"):
        warning = gettext("This fiche may be out of date.")
    assert warning not in text(get(client, fiche("intervention-majoree"), "fr"))


def test_a_fiche_past_its_validity_says_so(demo, client):
    page = fiche("statut-omnio")
    assert page.validity_ended()
    response = get(client, page, "nl")
    with translation.override("nl"):
        assert gettext("These rules no longer apply.") in text(response)


def test_who_can_help_lists_the_nearest_services_for_a_postcode(demo, client):
    page = fiche("secret-professionnel")
    response = get(client, page, "fr", where="1030")
    assert response.status_code == 200
    assert response.context["where"].communes == ("21015",)  # Schaerbeek
    body = text(response)
    section = body[body.index('class="who-can-help"') :]
    # The first service listed is in Schaerbeek, the closest first.
    first = section[section.index('class="hit') :]
    assert "1030" in first[: first.index("</li>")]
    distances = [
        float(d.replace(",", ".").split()[0])
        for d in __import__("re").findall(r'class="distance">([\d,.]+ km)', section)
    ]
    assert distances and distances[0] <= 2.0


def test_who_can_help_in_liege_shows_services_there(demo, client):
    page = fiche("intervention-majoree")
    response = get(client, page, "fr", where="4000")
    body = text(response)
    section = body[body.index('class="who-can-help"') :]
    assert "4000 Li" in section


def test_an_unknown_place_gets_a_translated_400(demo, client):
    page = fiche("secret-professionnel")
    for language in ("fr", "nl"):
        response = get(client, page, language, where="Atlantis 99999")
        assert response.status_code == 400
        assert response.context["where_error"]
        assert 'aria-invalid="true"' in text(response)


def test_as_of_shows_the_older_revision(demo, client):
    page = fiche("secret-professionnel")
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() >= 2
    old = get(client, page, "fr", as_of="2010-07-01")
    assert old.status_code == 200
    assert "cette fiche sera mise à jour" in text(old)
    assert "Depuis le 1er septembre 2010" not in text(old)
    # The older body: no article 14 of the 2010 law yet, a section announcing it.
    assert "Une loi nouvelle" in text(old)
    assert "Ce qui a changé en 2010" not in text(old)
    assert old.context["page"].valid_from is None
    with translation.override("fr"):
        notice = gettext(
            "You are reading this fiche as it was published on %(published)s "
            "(the version in force on %(date)s). It may be out of date."
        )
    assert notice.split("%")[0] in text(old)
    current = get(client, page, "fr", as_of=timezone.localdate().isoformat())
    assert "Depuis le 1er septembre 2010" in text(current)
    dutch = get(client, page, "nl", as_of="2011-01-01")
    assert "deze fiche wordt dan bijgewerkt" in text(dutch)


def test_as_of_a_date_before_the_first_publication(demo, client):
    page = fiche("secret-professionnel")
    for language in ("fr", "nl"):
        response = get(client, page, language, as_of="2001-01-01")
        assert response.status_code == 404
        with translation.override(language):
            start = gettext(
                "This fiche was not yet published on %(date)s; it was first "
                "published on %(first)s."
            )
        assert start.split("%")[0] in text(response)


@pytest.mark.parametrize("value", ["2011-13-01", "yesterday", "01/01/2011"])
def test_as_of_a_bad_date_is_a_translated_400(demo, client, value):
    page = fiche("secret-professionnel")
    for language in ("fr", "nl"):
        response = get(client, page, language, as_of=value)
        assert response.status_code == 400
        with translation.override(language):
            message = gettext(
                "“%(value)s” is not a date: write it as YYYY-MM-DD, "
                "e.g. 2011-01-01. Here is the current version."
            )
        assert message.split("%")[0] in text(response)


def test_pdf_of_a_fiche(demo, client):
    page = fiche("secret-professionnel")
    for language in ("fr", "nl"):
        response = client.get(page_url(page, language) + "pdf/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(response.content))
    pdf_text = " ".join(p.extract_text() for p in reader.pages)
    assert "beroepsgeheim" in pdf_text
    assert "458" in pdf_text


def test_pdf_of_an_older_revision(demo, client):
    page = fiche("secret-professionnel")
    response = client.get(page_url(page, "fr") + "pdf/", {"as_of": "2010-07-01"})
    assert response.content.startswith(b"%PDF")
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(response.content))
    pdf_text = " ".join(p.extract_text() for p in reader.pages)
    assert "mise à jour" in pdf_text


def test_print_stylesheet_hides_the_navigation(demo, client):
    body = text(get(client, fiche("secret-professionnel"), "fr"))
    assert "documents/documents.css" in body
    from django.contrib.staticfiles import finders

    css = open(finders.find("documents/documents.css"), encoding="utf-8").read()
    assert "@media print" in css and ".site-header" in css


def test_the_demo_pdf_is_attached_and_repaired(demo):
    publication = Publication.objects.get(external_id="portal-demo-fiches-bilingues")
    document = publication.main_file()
    assert document.extraction_status == PublicationFile.ExtractionStatus.DONE
    assert document.page_count == 3
    for word in ("fiches", "différentes"):
        assert word in publication.file_text_fr()
    for word in ("betrekking", "Het doel van"):
        assert word in publication.file_text_nl()


def test_demo_publications(demo):
    expected = {
        "fdss-memorandum-2024": "memorandum",
        "uvcw-cpas-plus-2024-01": "journal_issue",
        "uvcw-boite-a-outils": "book",
        "cbcs-hors-circuit-2017": "report",
    }
    for external_id, kind in expected.items():
        publication = Publication.objects.get(external_id=external_id)
        assert publication.kind == kind
        assert publication.themes.exists() and publication.languages.exists()
    memorandum = Publication.objects.get(external_id="fdss-memorandum-2024")
    assert memorandum.corporate_author_list()[0].organisation.external_id == "fdss"


def test_seeding_again_adds_nothing(demo):
    counts = (
        Publication.objects.count(),
        PublicationFile.objects.count(),
        LegislationFichePage.objects.count(),
        Revision.objects.count(),
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed_demo", stdout=open(os.devnull, "w"))
    assert (
        Publication.objects.count(),
        PublicationFile.objects.count(),
        LegislationFichePage.objects.count(),
        Revision.objects.count(),
    ) == counts


def test_without_weasyprint_the_pdf_link_says_to_print(demo, client, monkeypatch):
    from documents import pdf

    def unavailable(html):
        raise pdf.PdfUnavailable("no pango")

    monkeypatch.setattr(pdf, "render_fiche_pdf", unavailable)
    page = fiche("secret-professionnel")
    response = client.get(page_url(page, "nl") + "pdf/")
    assert response.status_code == 503
    with translation.override("nl"):
        message = gettext(
            "The PDF cannot be made right now. Use your browser's print "
            "function: the page is laid out for printing."
        )
    assert message in text(response)


@pytest.mark.api
def test_fiches_api_tells_review_and_validity(demo, client):
    response = client.get("/api/v1/documents/fiches", {"lang": "nl"})
    fiches = {f["title_fr"]: f for f in response.json()}
    assert len(fiches) >= 6
    assert fiches["Le congé parental"]["review_overdue"] is True
    assert fiches["Le statut Omnio"]["validity_ended"] is True
    assert (
        fiches["Le statut Omnio"]["url"].startswith("/nl/")
        or "/nl/" in (fiches["Le statut Omnio"]["url"])
    )
    cocom = client.get("/api/v1/documents/fiches", {"authority": "cocom"}).json()
    assert len(cocom) == 2


def test_editors_can_open_fiche_and_publication_forms(demo, client):
    from django.urls import reverse

    from tests.factories import UserFactory

    login_verified(client, UserFactory(is_superuser=True, is_staff=True))
    page = fiche("secret-professionnel")
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code
        == 200
    )
    index = LegislationFicheIndexPage.objects.get()
    add = reverse(
        "wagtailadmin_pages:add",
        args=["documents", "legislationfichepage", index.pk],
    )
    assert client.get(add).status_code == 200
    publication = Publication.objects.get(external_id="fdss-memorandum-2024")
    edit = reverse("wagtailsnippets_documents_publication:edit", args=[publication.pk])
    assert client.get(edit).status_code == 200
    assert (
        client.get(reverse("wagtailsnippets_documents_publication:add")).status_code
        == 200
    )


def test_the_pdf_link_keeps_the_place_and_the_date(demo, client):
    page = fiche("secret-professionnel")
    body = text(get(client, page, "fr", where="1030", as_of="2010-07-01"))
    assert "pdf/?as_of=2010-07-01&amp;where=1030" in body
    response = client.get(page_url(page, "fr") + "pdf/", {"where": "1030"})
    import io

    import pypdf

    pdf_text = " ".join(
        p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    assert "1030 Schaerbeek" in pdf_text or "1030 Schaarbeek" in pdf_text
