"""The documentation centre in Chromium on a phone: catalogue, record, fiche; axe."""

import pytest
from django.urls import reverse
from django.utils import translation

from documents.models import (
    LegislationFicheIndexPage,
    LegislationFichePage,
    Publication,
)

pytestmark = [pytest.mark.browser]


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(f"documents:{name}", kwargs=kwargs or None)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_catalogue_record_and_fiche_are_clean(phone_page, language):
    page = phone_page
    page.goto(url("publication-list", language))
    assert page.page.locator("h1").inner_text()
    assert page.page.locator(".publication-item").count() >= 5
    page.assert_clean()

    # The filters work without JavaScript: a plain GET form.
    page.page.select_option("#kind", "memorandum")
    page.page.locator(".catalogue-filters button[type=submit]").click()
    page.page.wait_for_load_state()
    assert "kind=memorandum" in page.page.url
    assert page.page.locator(".publication-item").count() == 1
    page.assert_clean()

    demo = Publication.objects.get(external_id="portal-demo-fiches-bilingues")
    page.goto(url("publication-detail", language, slug=demo.slug))
    cover = page.page.locator("img.cover")
    assert cover.count() == 1
    assert (
        page.page.evaluate("() => document.querySelector('img.cover').naturalWidth") > 0
    )
    assert page.page.locator(".file-list a").count() == 1
    page.assert_clean()

    fiche = LegislationFichePage.objects.get(slug_fr="secret-professionnel")
    with translation.override(language):
        fiche_url = fiche.get_url()
    page.goto(fiche_url)
    page.page.fill("#fiche-where", "1030")
    page.page.locator(".fiche__where button[type=submit]").click()
    page.page.wait_for_load_state()
    assert "where=1030" in page.page.url
    assert page.page.locator(".who-can-help .hit").count() >= 1
    assert page.page.locator(".legal-reference").count() >= 5
    page.assert_clean()


def test_an_outdated_fiche_and_an_older_revision_are_clean(phone_page):
    page = phone_page
    index = LegislationFicheIndexPage.objects.get()
    with translation.override("fr"):
        page.goto(index.get_url())
    assert page.page.locator(".fiche-list li").count() >= 6
    page.assert_clean()
    fiche = LegislationFichePage.objects.get(slug_fr="conge-parental")
    with translation.override("nl"):
        page.goto(fiche.get_url())
    assert page.page.locator(".notice--warning").count() == 1
    page.assert_clean()
    secrecy = LegislationFichePage.objects.get(slug_fr="secret-professionnel")
    with translation.override("fr"):
        page.goto(secrecy.get_url() + "?as_of=2010-07-01")
    assert page.page.locator(".notice--history").count() == 1
    page.assert_clean()
