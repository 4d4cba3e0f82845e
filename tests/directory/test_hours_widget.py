"""The admin's opening-hours field: a weekly grid that writes the OSM syntax, the
hours previewed in words, and the text saved as typed."""

import json
import re
from html import unescape

import pytest
from django.utils import translation

from directory.models import Antenna
from directory.widgets import OpeningHoursWidget
from places.hours_grid import HoursGrid, grid_from_text, grid_to_text
from places.opening_hours import parse
from tests.factories import AntennaFactory

PREVIEW_URL = "/admin/directory/opening-hours/preview/"
WEEKDAYS = [("09:00", "12:00"), ("13:00", "17:00")]
SATURDAY = [("09:00", "12:00")]


def _week(*days):
    return [list(day) for day in days] + [[] for _ in range(7 - len(days))]


# -- grid <-> text -------------------------------------------------------------


@pytest.mark.parametrize(
    ("grid", "text"),
    [
        (HoursGrid(), ""),
        (HoursGrid(_week(SATURDAY)), "Mo 09:00-12:00; PH off"),
        (
            HoursGrid(_week(*[WEEKDAYS] * 5, SATURDAY)),
            "Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00; PH off",
        ),
        # Identical days are grouped only when consecutive.
        (
            HoursGrid(_week(SATURDAY, [], SATURDAY, SATURDAY)),
            "Mo 09:00-12:00; We-Th 09:00-12:00; PH off",
        ),
        (
            HoursGrid(_week(*[WEEKDAYS] * 5), "special", [("10:00", "12:00")]),
            "Mo-Fr 09:00-12:00,13:00-17:00; PH 10:00-12:00",
        ),
        (
            HoursGrid(_week(*[SATURDAY] * 5, [("10:00", "16:00")]), "same"),
            "Mo-Fr 09:00-12:00; Sa 10:00-16:00; "
            "PH Mo-Fr 09:00-12:00; PH Sa 10:00-16:00",
        ),
        # Past midnight, until midnight, round the clock.
        (
            HoursGrid(_week([], [], [], [], [("22:00", "02:00")])),
            "Fr 22:00-02:00; PH off",
        ),
        (HoursGrid(_week([("18:00", "00:00")])), "Mo 18:00-24:00; PH off"),
        (
            HoursGrid([[("00:00", "00:00")]] * 7, "same"),
            "Mo-Su 00:00-24:00; PH Mo-Su 00:00-24:00",
        ),
    ],
)
def test_grid_to_text_and_back(grid, text):
    assert grid_to_text(grid) == text
    assert grid_from_text(text) == grid


def test_the_text_means_what_the_grid_says():
    grid = HoursGrid(_week(*[WEEKDAYS] * 5, SATURDAY), "same")
    hours = parse(grid_to_text(grid))
    assert hours.holiday_hours() == ("same", [])
    table = [
        [(f"{a:%H:%M}", f"{b:%H:%M}") for a, b in s] for _, s in hours.weekly_table()
    ]
    assert table == grid.days
    special = parse(grid_to_text(HoursGrid(_week(SATURDAY), "special", SATURDAY)))
    assert special.holiday_hours()[0] == "special"


def test_ranges_are_written_in_order():
    grid = HoursGrid(_week([("13:00", "17:00"), ("09:00", "12:00")]))
    assert grid_to_text(grid) == "Mo 09:00-12:00,13:00-17:00; PH off"


@pytest.mark.parametrize(
    ("text", "days", "holidays"),
    [
        # Other spellings of hours a grid can show.
        ("Mo-Fr 09:00-17:00", _week(*[[("09:00", "17:00")]] * 5), "closed"),
        ("mo,tu 09:00-17:00; PH off", _week(*[[("09:00", "17:00")]] * 2), "closed"),
        (
            "Mo-Fr 09:00-17:00; 12:00-13:00 off",
            _week(*[[("09:00", "12:00"), ("13:00", "17:00")]] * 5),
            "closed",
        ),
        ("24/7", [[("00:00", "00:00")]] * 7, "same"),
    ],
)
def test_other_spellings_fill_the_grid(text, days, holidays):
    grid = grid_from_text(text)
    assert grid is not None
    assert (grid.days, grid.holidays) == (days, holidays)


@pytest.mark.parametrize(
    "text",
    [
        "Jul-Aug Mo-Fr 09:00-12:00",
        "Dec 24 off; Mo-Fr 09:00-17:00",
        "Mo[1] 09:00-12:00",
        'Mo-Fr 09:00-17:00 "on appointment"',
        "Mo 08:00-09:00,10:00-11:00,12:00-13:00,14:00-15:00",
        "Mo-Fr 09:00-17:00; PH Mo 10:00-12:00",  # holiday hours vary by weekday
        "Mo-Fr 9-17",  # invalid
    ],
)
def test_rules_the_grid_cannot_show(text):
    assert grid_from_text(text) is None


def test_a_malformed_grid_is_refused():
    with pytest.raises(ValueError):
        HoursGrid(_week([("9:00", "12:00")]))
    with pytest.raises(ValueError):
        HoursGrid(_week([("09:00", "10:00")] * 4))
    with pytest.raises(ValueError):
        HoursGrid(holidays="sometimes")


# -- the widget ----------------------------------------------------------------


def _grid_json(html: str, input_id: str):
    match = re.search(
        rf'<script id="{input_id}-grid" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert match, html
    return json.loads(match.group(1))


def test_widget_renders_the_text_the_grid_and_the_preview():
    text = "Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00; PH off"
    with translation.override("fr"):
        html = OpeningHoursWidget().render(
            "opening_hours", text, {"id": "id_opening_hours"}
        )
    assert 'name="opening_hours"' in html
    assert f'value="{text}"' in html
    assert _grid_json(html, "id_opening_hours") == grid_from_text(text).as_json()
    assert 'data-preview-url="/admin/directory/opening-hours/preview/"' in html
    assert 'aria-live="polite"' in html
    page = unescape(html)
    assert "<li>Lundi : 09:00–12:00, 13:00–17:00</li>" in page
    assert "<li>Dimanche : Fermé</li>" in page
    assert "<li>Fermé les jours fériés.</li>" in page
    assert "Ajouter une plage" in page
    # The grid is only shown by the script; it has no field of its own.
    assert '<fieldset class="opening-hours-grid" data-grid hidden>' in html
    assert html.count("name=") == 1
    note = re.search(r"<p [^>]*data-grid-note([^>]*)>", html)
    assert note and "hidden" in note.group(1)


def test_widget_disables_the_grid_for_rules_it_cannot_show():
    with translation.override("nl"):
        html = OpeningHoursWidget().render(
            "dropin_hours", "Jul-Aug Mo 09:00-12:00", {"id": "id_dropin_hours"}
        )
    assert _grid_json(html, "id_dropin_hours") is None
    assert "data-grid hidden disabled>" in html
    note = re.search(r"<p [^>]*data-grid-note([^>]*)>([^<]*)</p>", html)
    assert note and "hidden" not in note.group(1)
    assert "Deze uren gebruiken regels die het rooster niet kan tonen" in note.group(2)
    assert "<li>Maandag: 09:00–12:00</li>" not in html  # only in July and August
    assert "Sommige regels gelden alleen op bepaalde data" in unescape(html)


def test_widget_keeps_record_text_out_of_scripts():
    hostile = '</script><script>alert(1)</script> "x'
    html = OpeningHoursWidget().render("opening_hours", hostile, {"id": "id_oh"})
    assert "<script>alert" not in html
    assert _grid_json(html, "id_oh") is None


def test_widget_media_is_a_static_file():
    media = OpeningHoursWidget().media
    assert media._js == ["directory/admin/opening_hours.js"]


# -- the preview endpoint ------------------------------------------------------


def _set_admin_language(user, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.mark.django_db
def test_preview_of_valid_hours(admin_client, admin_user):
    _set_admin_language(admin_user, "fr")
    response = admin_client.get(
        PREVIEW_URL, {"value": "Mo-Fr 09:00-12:00,13:00-17:00; PH 10:00-12:00"}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["valid"] is True and data["error"] == ""
    assert data["lines"][0] == "Lundi : 09:00–12:00, 13:00–17:00"
    assert data["lines"][6] == "Dimanche : Fermé"
    assert data["lines"][7] == "Jours fériés : 10:00–12:00."
    assert data["grid"]["holidays"] == "special"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "day"), [("fr", "Lundi : Fermé"), ("nl", "Maandag: Gesloten")]
)
def test_preview_in_the_admin_language(admin_client, admin_user, language, day):
    _set_admin_language(admin_user, language)
    data = admin_client.get(PREVIEW_URL, {"value": "Tu 10:00-11:00"}).json()
    assert data["lines"][0] == day


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "nl"])
def test_preview_of_invalid_hours_gives_the_parsers_message(
    admin_client, admin_user, language
):
    from places.opening_hours import OpeningHoursError

    _set_admin_language(admin_user, language)
    with pytest.raises(OpeningHoursError) as error:
        parse("Mo-Fr 9-17")
    with translation.override(language):
        expected = error.value.message
    with translation.override("en"):
        english = error.value.message
    assert expected != english  # really translated
    data = admin_client.get(PREVIEW_URL, {"value": "Mo-Fr 9-17"}).json()
    assert data == {"valid": False, "error": expected, "lines": [], "grid": None}


@pytest.mark.django_db
def test_preview_of_blank_and_too_long_values(admin_client, admin_user):
    _set_admin_language(admin_user, "fr")
    blank = admin_client.get(PREVIEW_URL, {"value": ""}).json()
    assert blank["valid"] and blank["lines"] == []
    assert blank["grid"]["days"] == [[]] * 7
    long = admin_client.get(PREVIEW_URL, {"value": "Mo 09:00-10:00;" * 50}).json()
    assert long["valid"] is False and "500" in long["error"]


@pytest.mark.django_db
def test_preview_needs_an_admin_login(client):
    response = client.get(PREVIEW_URL, {"value": "Mo 09:00-12:00"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    response = client.get(
        PREVIEW_URL,
        {"value": "Mo 09:00-12:00"},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_preview_needs_admin_access(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="visitor"))
    response = client.get(PREVIEW_URL, {"value": "Mo 09:00-12:00"})
    assert response.status_code in (302, 403)
    assert "lines" not in response.content.decode()


# -- the antenna's edit page ---------------------------------------------------


def _edit_url(antenna):
    return f"/admin/snippets/directory/antenna/edit/{antenna.pk}/"


@pytest.mark.django_db
def test_antenna_edit_page_has_the_widget_for_both_fields(admin_client):
    antenna = AntennaFactory(dropin_hours="Tu 14:00-16:00; PH off")
    html = admin_client.get(_edit_url(antenna)).content.decode()
    assert "directory/admin/opening_hours.js" in html
    assert "directory/admin/opening_hours.css" in html
    assert html.count('<div class="opening-hours-widget" data-opening') == 2
    assert (
        _grid_json(html, "id_opening_hours")
        == grid_from_text(antenna.opening_hours).as_json()
    )
    assert _grid_json(html, "id_dropin_hours")["days"][1] == [["14:00", "16:00"]]


def _form_data(antenna, user) -> dict:
    """What the edit form posts back unchanged."""
    from directory.wagtail_hooks import AntennaViewSet

    form_class = AntennaViewSet.edit_handler.bind_to_model(Antenna).get_form_class()
    form = form_class(instance=antenna, for_user=user)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, list | tuple):
            value = [getattr(item, "pk", item) for item in value]
        data[name] = value
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00; PH off",
        # Typed by a power user in a form the grid cannot show: saved as typed.
        'Jul-Aug Mo-Fr 10:00-12:00; mo-fr 09:00-17:00; Dec 24-26 off "hiver"',
    ],
)
def test_posting_the_form_saves_the_text_unchanged(admin_client, admin_user, text):
    antenna = AntennaFactory()
    data = _form_data(antenna, admin_user)
    data.update(
        opening_hours=text, dropin_hours="Tu 14:00-16:00", **{"action-publish": "1"}
    )
    response = admin_client.post(_edit_url(antenna), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    antenna.refresh_from_db()
    assert antenna.opening_hours == text
    assert antenna.dropin_hours == "Tu 14:00-16:00"


@pytest.mark.django_db
def test_posting_invalid_hours_explains_and_saves_nothing(admin_client, admin_user):
    _set_admin_language(admin_user, "fr")
    antenna = AntennaFactory()
    before = antenna.opening_hours
    data = _form_data(antenna, admin_user)
    data.update(opening_hours="Mo-Fr 9-17", **{"action-publish": "1"})
    response = admin_client.post(_edit_url(antenna), data)
    assert response.status_code == 200
    antenna.refresh_from_db()
    assert antenna.opening_hours == before
    # The field keeps what was typed, and the preview shows why it is refused.
    assert 'value="Mo-Fr 9-17"' in response.content.decode()
    assert "data-preview-error>" in response.content.decode()
