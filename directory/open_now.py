"""Whether a service is open at a moment: the one computation behind every
"open now" (badges, the directory's lookup, the search on both backends).

A site's status comes from its opening hours (parsed once per distinct text),
the public holidays of its organisation's community and an exceptional
closure (:func:`places.opening_hours.open_status`). The engine cannot run
that: it is given the same hours as minute-of-week ranges
(:mod:`directory.search_documents`), and :func:`engine_clause` asks for the
current minute of the week in Brussels wall-clock time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache

from django.utils import timezone

from places.holidays import is_public_holiday
from places.opening_hours import (
    OpeningHours,
    OpeningHoursError,
    OpenStatus,
    open_status,
    parse,
)

COMMUNITIES = ("fr", "nl", "bi", "de")


@lru_cache(maxsize=4096)
def parsed_hours(text: str | None) -> OpeningHours | None:
    """``text`` parsed, None when blank or invalid (many sites share hours)."""
    if not text or not text.strip():
        return None
    try:
        return parse(text)
    except OpeningHoursError:
        return None


def status_at(
    hours: str | None, at: datetime, community: str | None, closed_until: date | None
) -> OpenStatus:
    """The status of hours written ``hours`` at ``at`` (see ``open_status``)."""
    return open_status(
        parsed_hours(hours), at, community=community, closed_until=closed_until
    )


def antenna_status(antenna, at: datetime | None = None) -> OpenStatus:
    """An antenna's status at ``at`` (now by default), its organisation's
    holidays applying (those of its commune's region when it names none)."""
    region = antenna.commune.region if antenna.commune else None
    return status_at(
        antenna.opening_hours,
        at or timezone.now(),
        antenna.organisation.holiday_community(region),
        antenna.closed_until,
    )


def any_open(antennas: Iterable, at: datetime) -> bool:
    """Whether one of ``antennas`` is open at ``at``."""
    return any(antenna_status(antenna, at).is_open for antenna in antennas)


def holiday_communities_on(moment: datetime) -> list[str]:
    day = moment.date()
    return [c for c in COMMUNITIES if is_public_holiday(day, c)]


def engine_clause(moment: datetime) -> dict:
    """Open at ``moment`` (Brussels time), as an engine query: in the weekly
    hours on an ordinary day, in the holiday hours on a public holiday of the
    site's community, never while closed."""
    minute_of_day = moment.hour * 60 + moment.minute
    minute_of_week = moment.weekday() * 24 * 60 + minute_of_day
    holidays = holiday_communities_on(moment)
    ordinary: dict = {
        "bool": {"filter": [{"term": {"open_week_filter": minute_of_week}}]}
    }
    options = [ordinary]
    if holidays:
        ordinary["bool"]["must_not"] = [
            {"terms": {"holiday_communities_filter": holidays}}
        ]
        options.append(
            {
                "bool": {
                    "filter": [
                        {"terms": {"holiday_communities_filter": holidays}},
                        {"term": {"holiday_hours_filter": minute_of_day}},
                    ]
                }
            }
        )
    return {
        "bool": {
            "should": options,
            "minimum_should_match": 1,
            "must_not": [
                {"range": {"closed_until_filter": {"gte": moment.date().isoformat()}}}
            ],
        }
    }


def database_clause(moment: datetime) -> tuple[str, list]:
    """:func:`engine_clause` on the database fallback's ``search_document`` row
    (alias ``d``, PostgreSQL): its weekly and holiday minutes as multiranges."""
    minute_of_day = moment.hour * 60 + moment.minute
    minute_of_week = moment.weekday() * 24 * 60 + minute_of_day
    holidays = holiday_communities_on(moment)
    sql = (
        "(NOT COALESCE(d.closed_until >= %s, FALSE) AND ("
        "(NOT d.holiday_communities && %s::text[]"
        " AND COALESCE(d.open_week @> %s::integer, FALSE))"
        " OR (d.holiday_communities && %s::text[]"
        " AND COALESCE(d.holiday_hours @> %s::integer, FALSE))))"
    )
    return sql, [moment.date(), holidays, minute_of_week, holidays, minute_of_day]


# --- The same test on other ranges (a service's walk-in hours) ---------------------
# The ranges of several things share a field, each shifted by its own offset (a
# multiple of a week, or of a day for the holiday hours): a moment is asked at
# each offset wanted.


def _minutes(moment: datetime) -> tuple[int, int]:
    minute_of_day = moment.hour * 60 + moment.minute
    return moment.weekday() * 24 * 60 + minute_of_day, minute_of_day


def shifted_engine_clause(
    moment: datetime,
    fields: tuple[str, str],
    offsets: list[tuple[int, int]],
) -> dict:
    """:func:`engine_clause` on the week and holiday range ``fields``, open at
    ``moment`` at one of ``offsets`` (``(week offset, holiday offset)``)."""
    week, day = _minutes(moment)
    holidays = holiday_communities_on(moment)

    def any_term(field: str, values: list[int]) -> dict:
        return {
            "bool": {
                "should": [{"term": {field: value}} for value in values],
                "minimum_should_match": 1,
            }
        }

    ordinary: dict = {
        "bool": {"filter": [any_term(fields[0], [w + week for w, _d in offsets])]}
    }
    options = [ordinary]
    if holidays:
        ordinary["bool"]["must_not"] = [
            {"terms": {"holiday_communities_filter": holidays}}
        ]
        options.append(
            {
                "bool": {
                    "filter": [
                        {"terms": {"holiday_communities_filter": holidays}},
                        any_term(fields[1], [d + day for _w, d in offsets]),
                    ]
                }
            }
        )
    return {
        "bool": {
            "should": options,
            "minimum_should_match": 1,
            "must_not": [
                {"range": {"closed_until_filter": {"gte": moment.date().isoformat()}}}
            ],
        }
    }


def shifted_database_clause(
    moment: datetime, columns: tuple[str, str], offsets: list[tuple[int, int]]
) -> tuple[str, list]:
    """:func:`shifted_engine_clause` on the ``search_document`` row (alias ``d``)."""
    week, day = _minutes(moment)
    holidays = holiday_communities_on(moment)
    weekly, holiday = columns
    sql = (
        "(NOT COALESCE(d.closed_until >= %s, FALSE) AND ("  # noqa: S608 - our columns
        "(NOT d.holiday_communities && %s::text[] AND EXISTS (SELECT 1 FROM"
        f" unnest(%s::integer[]) m WHERE COALESCE(d.{weekly} @> m, FALSE)))"
        " OR (d.holiday_communities && %s::text[] AND EXISTS (SELECT 1 FROM"
        f" unnest(%s::integer[]) m WHERE COALESCE(d.{holiday} @> m, FALSE)))))"
    )
    return sql, [
        moment.date(),
        holidays,
        [w + week for w, _d in offsets],
        holidays,
        [d + day for _w, d in offsets],
    ]
