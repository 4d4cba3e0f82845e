"""The home page in Chromium: both languages, language switch, search box, axe-core."""

import re

import pytest

pytestmark = [pytest.mark.browser]

CASES = {
    "fr": {
        "other": "nl",
        "query": "accessibilité",
        "results": "/fr/recherche/",
        "result_link": "/fr/accessibilite/",
    },
    "nl": {
        "other": "fr",
        "query": "toegankelijk",
        "results": "/nl/zoeken/",
        "result_link": "/nl/toegankelijkheid/",
    },
}


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_home_switch_language_and_search(phone_page, lang):
    case = CASES[lang]
    page = phone_page.page
    phone_page.goto(f"/{lang}/")
    assert page.locator("html").get_attribute("lang") == lang
    # Fits a 360-px phone: nothing wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_page.assert_clean()

    # Language switcher lands on the counterpart home page.
    page.locator(f'.language-switcher a[hreflang="{case["other"]}"]').click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == case["other"]
    assert page.url.endswith(f"/{case['other']}/")
    page.go_back()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == lang

    # The header search box lands on the results.
    page.get_by_role("searchbox").first.fill(case["query"])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(case["results"]) + r"\?q="))
    results = page.locator(".search-result a")
    assert results.count() >= 1
    assert case["result_link"] in [
        results.nth(i).get_attribute("href") for i in range(results.count())
    ]
    phone_page.assert_clean()


def test_public_pages_pass_axe(phone_page):
    for path in [
        "/fr/a-propos/",
        "/nl/privacy/",
        "/nl/toegankelijkheid/",
        "/fr/recherche/?q=zzzz",
    ]:
        phone_page.goto(path)
        try:
            phone_page.assert_clean()
        except AssertionError as error:
            raise AssertionError(f"{path}: {error}") from error


def test_switcher_keeps_the_page_and_skip_link_works(phone_page):
    page = phone_page.page
    phone_page.goto("/fr/a-propos/")
    page.locator('.language-switcher a[hreflang="nl"]').click()
    page.wait_for_load_state()
    assert page.url.endswith("/nl/over-het-portaal/")
    phone_page.goto("/nl/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0
