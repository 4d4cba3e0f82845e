"""A citizen on a phone in Schaerbeek uses her location; maps show their base layer."""

import base64

import pytest
from django.test import override_settings

from config.security import public_directives
from tests.browser.conftest import PHONE, WatchedPage

pytestmark = [pytest.mark.browser]

SCHAERBEEK = {"latitude": 50.86760, "longitude": 4.37370}
# A 1×1 transparent PNG: what the routed tile server answers.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
TEXTS = {
    "fr": {
        "path": "/fr/pres-de-chez-moi/",
        "button": "Utiliser ma position",
        "says": "semble se trouver à Schaerbeek",
    },
    "nl": {
        "path": "/nl/in-mijn-buurt/",
        "button": "Mijn locatie gebruiken",
        "says": "lijkt in Schaarbeek te liggen",
    },
}


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_my_location_in_schaerbeek_puts_its_cpas_first(browser, live_demo, lang):
    context = browser.new_context(
        viewport=PHONE,
        locale=f"{lang}-BE",
        geolocation=SCHAERBEEK,
        permissions=["geolocation"],
    )
    page = WatchedPage(context.new_page(), live_demo.url)
    try:
        page.goto(TEXTS[lang]["path"])
        button = page.page.locator("[data-locate]")
        button.wait_for(state="visible")
        with page.page.expect_navigation():
            button.click()
        assert "where=50.8676" in page.page.url
        body = page.page.locator("main").inner_text()
        assert TEXTS[lang]["says"] in body
        first = page.page.locator(".hit-list .hit").first
        assert "Schaerbeek" in first.inner_text() or "Schaarbeek" in first.inner_text()
        assert first.locator(".hit__note").inner_text()  # competent for the commune
        page.page.screenshot(path=f"/tmp/schaerbeek-{lang}.png", full_page=False)
        page.assert_clean()
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_a_map_requests_its_base_layer(browser, live_demo, lang):
    tiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    requested = []

    def serve_tile(route):
        requested.append(route.request)
        route.fulfill(status=200, content_type="image/png", body=PNG)

    with override_settings(
        MAP_TILES_URL=tiles,
        CONTENT_SECURITY_POLICY={"DIRECTIVES": public_directives(tiles)},
    ):
        context = browser.new_context(viewport=PHONE, locale=f"{lang}-BE")
        context.route("https://tile.openstreetmap.org/**", serve_tile)
        page = WatchedPage(context.new_page(), live_demo.url)
        try:
            page.goto(f"/{lang}/")
            page.page.locator(".leaflet-tile-loaded").first.wait_for()
            page.page.locator(".map[data-markers]").wait_for()
            markers = int(page.page.locator(".map").get_attribute("data-markers"))
            assert markers > 10
            attribution = page.page.locator(".leaflet-control-attribution").inner_text()
            assert "OpenStreetMap" in attribution
            assert requested
            referer = requested[0].headers.get("referer", "")
            assert referer == live_demo.url + "/"  # the origin, not the page
            assert page.console_errors == []
            assert page.csp_violations == []
        finally:
            context.close()


def test_without_a_base_layer_no_external_request(phone_page):
    phone_page.goto("/fr/")
    phone_page.page.locator(".map[data-markers]").wait_for()
    assert phone_page.page.locator(".leaflet-tile").count() == 0
    phone_page.assert_clean()


NAV = {
    "fr": {
        "menu": "Menu",
        "fiches": "Fiches de législation",
        "news": "Lettre d'information",
    },
    "nl": {"menu": "Menu", "fiches": "Wetgevingsfiches", "news": "Nieuwsbrief"},
}


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_phone_menu_reaches_the_fiches_and_the_newsletter(browser, live_demo, lang):
    context = browser.new_context(viewport=PHONE, locale=f"{lang}-BE")
    page = WatchedPage(context.new_page(), live_demo.url)
    try:
        for target in ("fiches", "news"):
            page.goto(f"/{lang}/")
            links = page.page.locator("#site-nav-list")
            assert not links.is_visible()  # folded on a phone
            toggle = page.page.get_by_role("button", name=NAV[lang]["menu"])
            toggle.focus()
            page.page.keyboard.press("Enter")
            assert toggle.get_attribute("aria-expanded") == "true"
            link = page.page.get_by_role("link", name=NAV[lang][target], exact=True)
            link.focus()
            with page.page.expect_navigation():
                page.page.keyboard.press("Enter")
            current = page.page.locator('#site-nav-list [aria-current="page"]')
            assert current.inner_text(timeout=2000) == NAV[lang][target]
            page.page.screenshot(path=f"/tmp/nav-{lang}-{target}.png")
            page.assert_clean()
    finally:
        context.close()


def test_desktop_shows_the_menu_open(browser, live_demo):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = WatchedPage(context.new_page(), live_demo.url)
    try:
        page.goto("/fr/")
        assert page.page.locator("#site-nav-list").is_visible()
        assert not page.page.locator(".site-nav__toggle").is_visible()
        page.page.screenshot(path="/tmp/nav-desktop.png")
        page.assert_clean()
    finally:
        context.close()


def test_the_search_pages_near_field_is_usable_on_a_phone(phone_page):
    phone_page.goto("/fr/recherche/?q=cpas")
    near = phone_page.page.locator("#search-page-near").bounding_box()
    assert near["width"] >= 250  # it was squashed to ~40 px
    phone_page.assert_clean()
