"""Security in Chromium: hostile record text on every map stays text, and no page
of any type breaks its Content-Security-Policy (public site and Wagtail admin)."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import (
    PHONE,
    WatchedPage,
    administrator_with_device,
    log_in_to_admin,
)

pytestmark = [pytest.mark.browser]

PASSWORD = "correct horse battery staple"
HOSTILE = {
    "template": "Zorglub X ${alert(document.domain)}",
    "script": "</script><script>alert(2)</script>",
    "attribute": '"><img src=x onerror=alert(3)>',
    "quotes": 'it\'s `q` "q" \\u0027',
    "box": "${alert(4)}",
}


@pytest.fixture
def hostile_records(live_demo, django_capture_on_commit_callbacks):
    """An organisation, its antenna and the antenna's commune, hostile text in every
    field a map, its popup or its tooltip shows; all removed afterwards."""
    from directory.models import Antenna, Category, Commune, Organisation

    with django_capture_on_commit_callbacks(execute=True):
        commune = Commune.objects.create(
            refnis="99991",
            name=HOSTILE["attribute"],
            name_fr=HOSTILE["attribute"],
            name_nl=HOSTILE["attribute"],
            slug="hostile-commune",
            slug_fr="hostile-commune",
            slug_nl="hostile-gemeente",
            region="brussels",
            latitude=50.8300,
            longitude=4.3000,
        )
        organisation = Organisation.objects.create(
            external_id="hostile-org",
            name=HOSTILE["template"],
            name_fr=HOSTILE["template"],
            name_nl=HOSTILE["template"],
            slug="hostile-org",
            description_fr=HOSTILE["script"],
            description_nl=HOSTILE["script"],
            live=True,
        )
        organisation.categories.add(Category.objects.get(slug="planning-familial"))
        organisation.save()
        antenna = Antenna.objects.create(
            external_id="hostile-antenna",
            organisation=organisation,
            name=HOSTILE["script"],
            name_fr=HOSTILE["script"],
            name_nl=HOSTILE["script"],
            slug="hostile-antenna",
            street=HOSTILE["attribute"],
            number=HOSTILE["quotes"],
            box=HOSTILE["box"],
            postcode="1030",
            commune=commune,
            latitude=50.8300,
            longitude=4.3000,
            precision="address",
            coordinates_set_by_hand=True,
            opening_hours="24/7",
            live=True,
        )
    yield antenna
    with django_capture_on_commit_callbacks(execute=True):
        antenna.delete()
        organisation.delete()
        commune.delete()


def _open_popup(page, title: str) -> bool:
    """Clicks the marker called ``title`` when it is shown alone; whether it was."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(800)  # fitBounds' and the clusters' animations
    marker = page.locator(f".leaflet-marker-icon[title='{_css(title)}']")
    if marker.count() != 1 or not marker.is_visible():
        return False
    marker.click()
    page.locator(".leaflet-popup-content").wait_for()
    return True


def _css(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "\\'")


def test_hostile_text_on_maps_stays_text(browser, live_demo, hostile_records):
    antenna = hostile_records
    context = browser.new_context(viewport=PHONE, locale="fr-BE")
    watched = WatchedPage(context.new_page(), live_demo.url)
    page = watched.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = {
        "/fr/antennes/hostile-antenna/": True,
        "/nl/organisaties/hostile-org/": True,
        "/fr/recherche/?q=Zorglub": True,
        "/fr/pres-de-chez-moi/?where=50.8300%2C4.3000": False,
        "/fr/communes/hostile-commune/": False,
        "/fr/categories/planning-familial/": False,
    }
    try:
        for path, popup_expected in pages.items():
            watched.goto(path)
            page.locator(".leaflet-marker-icon").first.wait_for()
            opened = _open_popup(page, antenna.name)
            assert opened or not popup_expected, path
            if opened:
                popup = page.locator(".leaflet-popup-content")
                text = popup.inner_text()
                assert HOSTILE["script"] in text, path
                assert HOSTILE["attribute"] in text, path  # street and commune
                assert HOSTILE["quotes"] in text and HOSTILE["box"] in text
                assert (
                    popup.locator("a")
                    .get_attribute("href")
                    .endswith("/hostile-antenna/")
                )
                assert popup.locator("img, script").count() == 0
                # The tooltip is text as well.
                page.locator(".leaflet-popup-close-button").click()
                page.locator(
                    f".leaflet-marker-icon[title='{_css(antenna.name)}']"
                ).hover()
                tooltip = page.locator(".leaflet-tooltip")
                tooltip.wait_for()
                assert tooltip.inner_text() == HOSTILE["script"]
            # Shown literally in the page as well (headings, lists).
            assert page.get_by_text(HOSTILE["script"]).count() >= 1, path
            assert page.locator("main img[src=x]").count() == 0, path
            watched.assert_no_csp_violation()
            assert watched.console_errors == [], path
            assert dialogs == [], path
        assert watched.foreign_requests() == []
    finally:
        context.close()


def _public_pages() -> list[str]:
    from documents.models import LegislationFichePage, Publication
    from newsletters.models import ArticlePage, NewsletterIssuePage, NewsletterPage

    def documents(name: str, **kwargs) -> str:
        with translation.override("fr"):
            return reverse(f"documents:{name}", kwargs=kwargs or None)

    mutmail = NewsletterPage.objects.get(slug_fr="mutmail")
    issue = NewsletterIssuePage.objects.live().child_of(mutmail).first()
    article = ArticlePage.objects.live().descendant_of(mutmail).first()
    fiche = LegislationFichePage.objects.get(slug_fr="secret-professionnel")
    publication = Publication.objects.get(external_id="portal-demo-fiches-bilingues")
    with translation.override("fr"):
        urls = [mutmail.get_url(), issue.get_url(), article.get_url(), fiche.get_url()]
    return [
        "/fr/",
        "/nl/",
        "/fr/pres-de-chez-moi/?where=1030",
        "/nl/antennes/cpas-de-schaerbeek-siege/",
        "/fr/organisations/cpas-de-schaerbeek/",
        "/nl/federaties/federation-des-services-sociaux-bicommunautaires/",
        "/fr/categories/planning-familial/",
        "/nl/gemeenten/schaarbeek/",
        "/fr/recherche/?q=cpas",
        documents("publication-list"),
        documents("publication-detail", slug=publication.slug),
        *urls,
        mutmail.subscribe_url("fr"),
    ]


def test_no_public_page_type_breaks_its_policy(phone_page):
    page = phone_page.page
    for path in _public_pages():
        response = phone_page.goto(path)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        try:
            phone_page.assert_clean()
        except AssertionError as error:
            raise AssertionError(f"{path}: {error}") from error
    # The search results page with a map draws it.
    phone_page.goto("/fr/recherche/?q=cpas")
    assert page.locator(".leaflet-marker-icon, .marker-cluster").count() >= 1
    response = page.goto(phone_page.base_url + "/fr/nothing-here/")
    assert response.status == 404
    assert "default-src 'self'" in response.headers["content-security-policy"]
    phone_page.assert_no_csp_violation()
    assert phone_page.axe_violations() == []


@pytest.fixture
def editor(live_demo):
    # Administrators pass a second factor: the login goes through its page too.
    user, device = administrator_with_device("csp-editor", PASSWORD)
    user.totp_device = device
    yield user
    user.delete()


def test_admin_pages_keep_to_the_admin_policy(browser, live_demo, editor):
    from wagtail.admin.admin_url_finder import AdminURLFinder

    from directory.models import Organisation
    from newsletters.models import NewsletterIssuePage
    from portal.models import HomePage

    finder = AdminURLFinder(editor)
    issue = NewsletterIssuePage.objects.live().first()
    paths = [
        "/admin/",
        finder.get_edit_url(HomePage.objects.get()),
        finder.get_edit_url(Organisation.objects.get(slug="cpas-de-schaerbeek")),
        f"/admin/newsletters/issues/{issue.pk}/sending/",
    ]
    context = browser.new_context(locale="fr-BE")
    watched = WatchedPage(context.new_page(), live_demo.url)
    page = watched.page
    try:
        log_in_to_admin(page, live_demo.url, "csp-editor", PASSWORD, editor.totp_device)
        for path in paths:
            response = watched.goto(path)
            policy = response.headers["content-security-policy"]
            assert "script-src 'self' 'unsafe-inline'" in policy
            assert "unsafe-eval" not in policy and "object-src 'none'" in policy
            page.wait_for_load_state("networkidle")
        # The public site seen by the logged-in editor (Wagtail's user bar).
        watched.goto("/fr/")
        page.wait_for_load_state("networkidle")
        for line in watched.csp_violations:
            print(line)
        watched.assert_no_csp_violation()
    finally:
        context.close()
