"""What the search index holds about a service, beyond its text.

Values for the engine's filters and facets: themes (the category tree), publics,
languages, wheelchair access, the points of its sites, and when it is open —
each week's opening intervals as minute-of-week ranges (Monday 00:00 = 0, wall
clock in Brussels, so the daylight-saving changes do not move them), the hours
that apply on a public holiday, the community whose holidays apply, and an
exceptional closure date. :func:`directory.open_now.engine_clause` turns "open
now" into a query on them.
"""

from __future__ import annotations

from datetime import date, timedelta

from directory.open_now import parsed_hours

DAY = 24 * 60
WEEK = 7 * DAY
# An ordinary week (no public holiday, no date-bound rule) and an ordinary day
# to evaluate holiday rules on.
REFERENCE_MONDAY = date(2024, 1, 8)


def weekly_ranges(text: str) -> list[dict]:
    """Minute-of-week ranges open in an ordinary week (``{"gte": 540, "lt": 720}``)."""
    hours = parsed_hours(text)
    if hours is None:
        return []
    ranges = []
    for weekday in range(7):
        day = REFERENCE_MONDAY + timedelta(days=weekday)
        for start, end in hours.minutes_on(day, holidays=False):
            if end > start:
                ranges.append({"gte": weekday * DAY + start, "lt": weekday * DAY + end})
    return ranges


def holiday_ranges(text: str) -> list[dict]:
    """Minute-of-day ranges open on a public holiday (the policy of
    :meth:`~places.opening_hours.OpeningHours.assume_closed_on_holidays`)."""
    hours = parsed_hours(text)
    if hours is None:
        return []
    hours = hours.assume_closed_on_holidays()
    return [
        {"gte": start, "lt": end}
        for start, end in hours.minutes_on(REFERENCE_MONDAY, holidays=True)
        if end > start
    ]


def point(antenna) -> dict | None:
    if antenna.latitude is None or antenna.longitude is None:
        return None
    return {"lat": antenna.latitude, "lon": antenna.longitude}


def theme_slugs(categories) -> list[str]:
    """Slugs of the categories and their ancestors (a maison médicale is "santé")."""
    slugs: list[str] = []
    for category in categories:
        slugs.append(category.slug)
        slugs.extend(ancestor.slug for ancestor in category.ancestors())
    return sorted(set(slugs))


def closure(closed_until: date | None) -> str | None:
    return closed_until.isoformat() if closed_until else None
