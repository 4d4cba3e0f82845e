"""The admin's opening-hours grid in Chromium: filling it writes the OSM syntax the
Python reference writes, and the preview in words follows."""

import pytest

from places.hours_grid import HoursGrid, grid_to_text
from tests.browser.conftest import (
    AXE_TAGS,
    WatchedPage,
    administrator_with_device,
    log_in_to_admin,
    wait_for_server_transactions,
)

pytestmark = [pytest.mark.browser]

PASSWORD = "correct horse battery staple"
NINE_TO_NOON = [("09:00", "12:00")]
MIRROR_EXAMPLES = [
    HoursGrid(),
    HoursGrid([NINE_TO_NOON, [], NINE_TO_NOON, NINE_TO_NOON, [], [], []]),
    HoursGrid(
        [[("13:00", "17:00"), ("09:00", "12:00")]] * 5 + [NINE_TO_NOON, []],
        "same",
    ),
    HoursGrid([[], [], [], [], [("22:00", "02:00")], [("18:00", "00:00")], []]),
    HoursGrid([NINE_TO_NOON] * 7, "special", [("10:00", "12:00")]),
    HoursGrid([NINE_TO_NOON] + [[]] * 6, "special", []),
]


@pytest.fixture
def hours_editor(live_demo):
    user, device = administrator_with_device("hours-editor", PASSWORD)
    yield user, device
    user.delete()


@pytest.fixture
def blank_antenna(live_demo):
    from tests.factories import AntennaFactory

    antenna = AntennaFactory(opening_hours="", dropin_hours="", live=False)
    yield antenna
    # Closing the page sends a last autosave: deleting the antenna while the
    # server still saves it locks their rows in opposite orders (a deadlock).
    wait_for_server_transactions()
    antenna.delete()


def _log_in(page, base, device):
    log_in_to_admin(page, base, "hours-editor", PASSWORD, device)


def test_filling_the_grid_writes_the_text_and_the_preview(
    browser, live_demo, hours_editor, blank_antenna
):
    _user, device = hours_editor
    context = browser.new_context(locale="fr-BE")
    watched = WatchedPage(context.new_page(), live_demo.url)
    page = watched.page
    try:
        _log_in(page, live_demo.url, device)
        watched.goto(f"/admin/snippets/directory/antenna/edit/{blank_antenna.pk}/")
        page.get_by_role("tab", name="Heures d'ouverture").click()
        widget = page.locator("[data-opening-hours-widget]").first
        text = widget.locator("input[name=opening_hours]")
        grid = widget.locator("[data-grid]")
        holidays = widget.get_by_label("Jours fériés", exact=True)
        assert grid.is_visible() and holidays.is_enabled()
        assert text.input_value() == ""

        monday = widget.locator("tr[data-day='0']")
        monday.get_by_role("button", name="Lundi : ajouter une plage").click()
        monday.get_by_label("Lundi, plage 1, de").fill("09:00")
        monday.get_by_label("Lundi, plage 1, à").fill("12:00")
        expected = grid_to_text(HoursGrid([[("09:00", "12:00")], *[[]] * 6]))
        assert expected == "Mo 09:00-12:00; PH off"
        assert text.input_value() == expected
        preview = widget.locator("[data-preview-lines] li")
        preview.first.filter(has_text="Lundi : 09:00–12:00").wait_for()
        assert preview.nth(1).inner_text() == "Mardi : Fermé"
        assert preview.nth(7).inner_text() == "Fermé les jours fériés."

        # Same hours on holidays, and the same week on Tuesday to Friday.
        holidays.select_option("same")
        assert text.input_value() == "Mo 09:00-12:00; PH Mo 09:00-12:00"

        # Typed text the grid cannot show disables it; the preview still follows.
        text.fill("Jul-Aug Mo 10:00-12:00")
        widget.locator("[data-grid-note]").wait_for(state="visible")
        assert holidays.is_disabled()
        preview.first.filter(has_text="Lundi : Fermé").wait_for()
        # Invalid text: the parser's message.
        text.fill("Mo 9-12")
        widget.locator("[data-preview-error]").wait_for(state="visible")
        assert widget.locator("[data-preview-error]").inner_text() != ""
        # Text the grid can show fills it again.
        text.fill("Tu-Th 14:00-16:00")
        widget.locator("[data-grid-note]").wait_for(state="hidden")
        assert holidays.is_enabled()
        tuesday = widget.locator("tr[data-day='1']")
        assert tuesday.get_by_label("Mardi, plage 1, de").input_value() == "14:00"
        # The script's gridToText writes what the Python reference writes.
        for example in MIRROR_EXAMPLES:
            assert page.evaluate(
                "grid => window.portalOpeningHours.gridToText(grid)", example.as_json()
            ) == grid_to_text(example)
        # The widget itself meets WCAG 2.1 AA (the rest of the page is Wagtail's).
        page.add_script_tag(url=live_demo.url + "/static/vendor/axe-core/axe.min.js")
        result = page.evaluate(
            "async (tags) => await axe.run('[data-opening-hours-widget]',"
            " {runOnly: {type: 'tag', values: tags}})",
            AXE_TAGS,
        )
        assert [v["id"] for v in result["violations"]] == []
        watched.assert_no_csp_violation()
        # Wagtail's autosave posts the form while the invalid text is typed, and
        # refuses it (400): its answer to an invalid form, which the browser
        # logs. Nothing else may fail.
        edit_url = (
            f"{live_demo.url}/admin/snippets/directory/antenna/edit/{blank_antenna.pk}/"
        )
        autosaves = [r for r in watched.refused if r == (400, "POST", edit_url)]
        assert watched.refused == autosaves
        refused_message = (
            "Failed to load resource: the server responded with a status of 400 "
            "(Bad Request)"
        )
        assert watched.console_errors == [refused_message] * len(autosaves)
    finally:
        context.close()
