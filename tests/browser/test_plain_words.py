"""A person's own words on the search page, on a phone: the urgent line and the
category offer are readable, keyboard-reachable and axe-clean, in FR and NL."""

import pytest

pytestmark = [pytest.mark.browser]

QUERIES = {
    "fr": (
        "/fr/recherche/?q=mon mari me frappe",
        "/fr/recherche/?q=je n'ai plus rien à manger à Forest",
    ),
    "nl": (
        "/nl/zoeken/?q=mijn man slaat me",
        "/nl/zoeken/?q=ik heb niets meer te eten in Vorst",
    ),
}


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_urgent_line_and_category_offer(phone_page, lang):
    danger, hunger = QUERIES[lang]
    phone_page.goto(danger)
    box = phone_page.page.locator("main .urgent-help")
    assert box.count() == 1
    assert box.locator("a[href^='tel:']").count() >= 1
    phone_page.assert_clean()
    phone_page.goto(hunger)
    offer = phone_page.page.locator(".need-offer a")
    assert offer.count() == 1
    assert "category=" in offer.get_attribute("href")
    phone_page.page.screenshot(path=f"/tmp/plain-{lang}.png", full_page=True)
    phone_page.assert_clean()
