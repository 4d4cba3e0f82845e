"""Turning directory records into what a visitor reads: badges, weekly tables, links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.constants import BRUSSELS
from places.maps import MapData, MapPoint, map_data
from places.opening_hours import OpeningHoursError, OpenStatus, parse


def weekday_names() -> list[str]:
    return [
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    ]


@dataclass(frozen=True)
class Badge:
    is_open: bool | None
    text: str
    css: str


def _when(moment: datetime, now: datetime) -> str:
    local, today = moment.astimezone(BRUSSELS), now.astimezone(BRUSSELS).date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return clock
    if (local.date() - today).days == 1:
        return _("tomorrow at %(time)s") % {"time": clock}
    if (local.date() - today).days < 7:
        return _("%(day)s at %(time)s") % {
            "day": weekday_names()[local.weekday()].lower(),
            "time": clock,
        }
    return _("%(date)s at %(time)s") % {
        "date": formats.date_format(local.date(), "SHORT_DATE_FORMAT"),
        "time": clock,
    }


def status_badge(status: OpenStatus, now: datetime | None = None) -> Badge:
    now = now or timezone.now()
    if status.reason == "unknown":
        return Badge(None, _("Opening hours unknown"), "unknown")
    if status.is_open:
        text = _("Open now")
        if status.next_change:
            text = _("Open now · closes at %(when)s") % {
                "when": _when(status.next_change, now)
            }
        return Badge(True, text, "open")
    if status.reason == "closure":
        text = _("Exceptionally closed")
    elif status.reason == "holiday":
        text = _("Closed (public holiday)")
    else:
        text = _("Closed")
    if status.next_change:
        text = _("%(state)s · opens %(when)s") % {
            "state": text,
            "when": _when(status.next_change, now),
        }
    return Badge(False, text, "closed")


@dataclass(frozen=True)
class WeeklyRow:
    day: str
    spans: list[tuple[time, time]]


@dataclass(frozen=True)
class WeeklyTable:
    rows: list[WeeklyRow]
    holidays: str  # "closed", "same" or "special"
    holiday_spans: list[tuple[time, time]]


def weekly_table(text: str) -> WeeklyTable | None:
    """Rows Monday → Sunday and what happens on public holidays; None if
    unparsable."""
    if not text:
        return None
    try:
        hours = parse(text)
    except OpeningHoursError:
        return None
    names = weekday_names()
    rows = [WeeklyRow(names[weekday], spans) for weekday, spans in hours.weekly_table()]
    policy, spans = hours.holiday_hours()
    return WeeklyTable(rows, policy, spans)


def directions_url(antenna) -> str:
    """OpenStreetMap directions to the antenna (a link, not an embedded asset)."""
    if antenna.has_coordinates:
        return (
            "https://www.openstreetmap.org/directions?route=%3B"
            f"{antenna.latitude:.5f}%2C{antenna.longitude:.5f}"
        )
    return f"https://www.openstreetmap.org/search?query={antenna.address_line}"


def antennas_map(hits_or_antennas, label: str) -> MapData | None:
    points = []
    for item in hits_or_antennas:
        antenna = getattr(item, "antenna", item)
        if not antenna.has_coordinates:
            continue
        badge = getattr(item, "badge", None)
        points.append(
            MapPoint(
                antenna.latitude,
                antenna.longitude,
                antenna.name,
                antenna_url(antenna),
                badge.text if badge else "",
                antenna.address_line,
            )
        )
    return map_data(points, label=label)


def antenna_url(antenna) -> str:
    from django.urls import reverse

    return reverse("directory:antenna", kwargs={"slug": antenna.slug})


@dataclass(frozen=True)
class HoursPreview:
    """An ``opening_hours`` value in words, as the admin's preview shows it."""

    valid: bool
    error: str
    lines: list[str]


def _spans_in_words(spans: list[tuple[time, time]]) -> str:
    return ", ".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in spans)


def hours_preview(text: str) -> HoursPreview:
    """What visitors will read for ``text`` (the words of the public hours table),
    or the parser's message in the active language. Blank is valid and says
    nothing."""
    if not text or not text.strip():
        return HoursPreview(True, "", [])
    try:
        hours = parse(text)
    except OpeningHoursError as error:
        return HoursPreview(False, error.message, [])
    table = weekly_table(text)
    assert table is not None  # parsed above
    lines = [
        _("%(day)s: %(hours)s")
        % {"day": row.day, "hours": _spans_in_words(row.spans) or _("Closed")}
        for row in table.rows
    ]
    if table.holidays == "closed":
        lines.append(_("Closed on public holidays."))
    elif table.holidays == "same":
        lines.append(_("Open on public holidays too, same hours."))
    elif table.holiday_spans:
        spans = _spans_in_words(table.holiday_spans)
        lines.append(f"{_('Public holidays:')} {spans}.")
    else:
        lines.append(_("Special hours on public holidays."))
    if hours.has_date_rules:
        lines.append(_("Some rules apply only on certain dates or weeks of the month."))
    lines += [_("Note: %(comment)s") % {"comment": note} for note in hours.comments]
    return HoursPreview(True, "", lines)
