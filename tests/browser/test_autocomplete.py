"""The header search box's suggestions, keyboard only, with axe-core, FR and NL."""

import re

import pytest
from django.utils import translation

pytestmark = [pytest.mark.browser]


CASES = {"fr": {"commune": "Schaerbeek"}, "nl": {"commune": "Schaarbeek"}}


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_keyboard_only_autocomplete(phone_page, lang):
    case = CASES[lang]
    page = phone_page.page
    phone_page.goto(f"/{lang}/")
    box = page.locator("#site-search-q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-autocomplete") == "list"

    box.focus()
    page.keyboard.type("schaer", delay=30)
    listbox = page.locator("#site-search-listbox")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.locator("[role=option]")
    assert 0 < options.count() <= 8
    titles = options.all_inner_texts()
    assert any(case["commune"] in title for title in titles), titles
    status = page.locator("#site-search-status")
    page.wait_for_function(
        "document.getElementById('site-search-status').textContent.length > 0"
    )
    # Announced in the page's language (as the catalogue translates it; the
    # template's {% translate %} doubles the percent sign of the message id).
    with translation.override(lang):
        message = translation.gettext(
            "%%(count)s suggestions, use the up and down arrows to choose"
        )
    expected = message.replace("%%", "%") % {"count": options.count()}
    if options.count() > 1:
        assert status.inner_text() == expected
    phone_page.assert_clean()  # axe-core with the listbox open

    page.keyboard.press("ArrowDown")
    first = options.nth(0)
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowDown")
    if options.count() > 1:
        second = options.nth(1)
        assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
        assert first.get_attribute("aria-selected") == "false"
    page.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")

    page.keyboard.press("Escape")
    assert listbox.is_hidden()
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None

    page.keyboard.press("ArrowDown")  # reopens the same suggestions
    listbox.wait_for(state="visible")
    page.keyboard.press("ArrowDown")
    target = first.get_attribute("data-url")
    assert target.startswith(f"/{lang}/")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(target)
    assert page.locator("html").get_attribute("lang") == lang
    assert phone_page.console_errors == []


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_without_a_choice_enter_submits_the_form(phone_page, lang):
    page = phone_page.page
    phone_page.goto(f"/{lang}/")
    page.locator("#site-search-q").focus()
    page.keyboard.type("schaer", delay=30)
    page.locator("#site-search-listbox").wait_for(state="visible")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"[?&]q=schaer", page.url)
