"""Opening hours (OSM ``opening_hours`` subset) and Belgian public holidays.

Pure Python: no database. 2026 calendar used below: 6 April is Easter Monday,
1 May a Friday, 25 May Whit Monday, 11 July a Saturday, 27 September a Sunday,
11 November a Wednesday; summer time starts on 29 March and ends on 25 October.
"""

import os
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from django.utils import translation

from places import holidays as be
from places.opening_hours import (
    BRUSSELS,
    OpeningHoursError,
    OpenStatus,
    minute_of_week_ranges,
    open_status,
    opening_hours_validator,
    parse,
    validate,
)


def local(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def utc(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("24/7", "24/7"),
        ("Mo-Fr 09:00-12:00,13:00-17:00", "Mo-Fr 09:00-12:00,13:00-17:00"),
        (
            "mo - fr  09:00 - 12:00 ;  sa 10:00-12:00",
            "Mo-Fr 09:00-12:00; Sa 10:00-12:00",
        ),
        ("Mo,We,Fr 10:00-12:00", "Mo,We,Fr 10:00-12:00"),
        ("Fr-Mo 10:00-12:00", "Fr-Mo 10:00-12:00"),
        ("Mo-Fr 09:00-17:00; PH OFF", "Mo-Fr 09:00-17:00; PH off"),
        ("Sa,Su,PH Closed", "Sa,Su,PH off"),
        ("PH 10:00-12:00", "PH 10:00-12:00"),
        ("Mo 22:00-02:00", "Mo 22:00-02:00"),
        ("Mo 18:00-24:00", "Mo 18:00-24:00"),
        ("Mo 12:00-11:00", "Mo 12:00-11:00"),
        ("Jul-Aug Mo-Fr 09:00-12:00", "Jul-Aug Mo-Fr 09:00-12:00"),
        ("dec 24-26 off", "Dec 24-26 off"),
        ("2026 Dec 24-2027 Jan 03 off", "2026 Dec 24-2027 Jan 03 off"),
        ("Mo[1] 10:00-12:00", "Mo[1] 10:00-12:00"),
        (
            'Mo-Fr 09:00-12:00 "sur rendez-vous"',
            'Mo-Fr 09:00-12:00 "sur rendez-vous"',
        ),
        ("Mo-Fr 08:00-12:00, We 14:00-18:00", "Mo-Fr 08:00-12:00, We 14:00-18:00"),
        ("Mo–Fr 09:00–12:00;", "Mo-Fr 09:00-12:00"),
    ],
)
def test_parse_accepts_and_normalizes(text, normalized):
    assert parse(text).normalized == normalized


@pytest.mark.parametrize(
    ("text", "position", "token", "english"),
    [
        (
            "Mo-Fr 9-17",
            6,
            "9",
            'Invalid time "9" at position 7: write times as HH:MM, '
            "for example 09:00-17:00.",
        ),
        (
            "Xx 10:00-12:00",
            0,
            "Xx",
            'Unknown word "Xx" at position 1. Weekdays are written Mo, Tu, We, Th, '
            "Fr, Sa, Su, months Jan to Dec and public holidays PH.",
        ),
        (
            "Mo 25:00-26:00",
            3,
            "25:00",
            'Invalid opening time "25:00" at position 4: it must be between 00:00 '
            "and 23:59.",
        ),
        (
            "Mo 09:60-10:00",
            3,
            "09:60",
            'Invalid time "09:60" at position 4: minutes must be between 00 and 59.',
        ),
        (
            "Mo 10:00-49:00",
            9,
            "49:00",
            'Invalid closing time "49:00" at position 10: it must not be later '
            "than 48:00.",
        ),
        (
            "Mo 9:00-12:00",
            3,
            "9:00",
            'Invalid time "9:00" at position 4: write times as HH:MM, '
            "for example 09:00-17:00.",
        ),
        (
            "Lu-Ve 9h-17h",
            0,
            "Lu",
            'Unknown word "Lu" at position 1. Weekdays are written Mo, Tu, We, Th, '
            "Fr, Sa, Su, months Jan to Dec and public holidays PH.",
        ),
        (
            "Mo-Fr 09:00",
            6,
            "09:00",
            'The time "09:00" at position 7 must be followed by "-" and a closing '
            "time, for example 09:00-12:00.",
        ),
        (
            "Mo-Fr 09:00-12:00 13:00-17:00",
            18,
            "13:00",
            'Unexpected time "13:00" at position 19: separate time spans with a '
            "comma, as in 09:00-12:00,13:00-17:00.",
        ),
        ("Mo-Fr 09:00-12:00,", 17, ",", 'Nothing follows the "," at position 18.'),
        (
            "Mo-We[1] 10:00-12:00",
            5,
            "[",
            "An occurrence in brackets at position 6 can only follow a single "
            "weekday, as in Mo[1], not a range of weekdays.",
        ),
        (
            "Mo[6] 10:00-12:00",
            3,
            "6",
            'Invalid occurrence "6" at position 4: use 1 to 5 or -1 to -5, as in '
            "Mo[1] (first Monday) or Fr[-1] (last Friday).",
        ),
        (
            "SH off",
            0,
            "SH",
            'School holidays ("SH") at position 1 are not supported.',
        ),
        (
            "Mo-Fr 10:00+",
            11,
            "+",
            'Open-ended times ("+") at position 12 are not supported: give a '
            "closing time.",
        ),
        (
            "Mo-Fr sunrise-sunset",
            6,
            "sunrise",
            'Variable times and dates ("sunrise") at position 7 are not supported.',
        ),
        (
            'Mo 10:00-12:00 || "sur rendez-vous"',
            15,
            "||",
            'Fallback rules ("||") at position 16 are not supported.',
        ),
        (
            'Mo 10:00-12:00 "ouvert',
            15,
            '"',
            "The comment starting at position 16 lacks its closing double quote.",
        ),
        ("Dec 32 off", 4, "32", 'Invalid day of the month "32" at position 5.'),
        (
            "Dec 26-24 off",
            0,
            "Dec",
            "The date range at position 1 ends before it starts.",
        ),
        (
            "Mo-",
            3,
            "",
            "A weekday (Mo, Tu, We, Th, Fr, Sa, Su) is expected at position 4.",
        ),
        ("Mo 10:00-12:00 @", 15, "@", 'Unexpected "@" at position 16.'),
        ("", 0, "", "The opening hours are empty."),
        (" ; ", 0, "", "The opening hours are empty."),
    ],
)
def test_parse_rejects_with_position(text, position, token, english):
    with pytest.raises(OpeningHoursError) as caught:
        parse(text)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.english == english
    assert error.position == position
    assert error.token == token


def test_validate_and_django_validator():
    assert validate("Mo-Fr 09:00-17:00; PH off") == []
    with translation.override("en"):
        assert validate("Mo-Fr 9-17") == [
            'Invalid time "9" at position 7: write times as HH:MM, '
            "for example 09:00-17:00."
        ]
    opening_hours_validator("")  # blank values are the field's business
    opening_hours_validator("Mo-Fr 09:00-17:00")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        opening_hours_validator("Mo 25:00-26:00")
    assert caught.value.code == "invalid_opening_hours"


def test_errors_work_without_django_settings():
    """The module must be usable from plain Python (scripts, importers)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "from places.opening_hours import parse, OpeningHoursError\n"
        "try:\n"
        "    parse('Xx 10:00-12:00')\n"
        "except OpeningHoursError as error:\n"
        "    print(str(error))\n"
        "print(parse('Mo 10:00-12:00').normalized)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines() == [
        'Unknown word "Xx" at position 1. Weekdays are written Mo, Tu, We, Th, Fr, '
        "Sa, Su, months Jan to Dec and public holidays PH.",
        "Mo 10:00-12:00",
    ]


# --------------------------------------------------------------------------
# Day programs and rule semantics
# --------------------------------------------------------------------------


def test_weekday_and_weekend():
    hours = parse("Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-12:00")
    assert hours.minutes_on(date(2026, 5, 6)) == [(540, 720), (780, 1020)]  # We
    assert hours.minutes_on(date(2026, 5, 9)) == [(600, 720)]  # Sa
    assert hours.minutes_on(date(2026, 5, 10)) == []  # Su
    assert hours.is_open(local(2026, 5, 6, 9, 0))
    assert hours.is_open(local(2026, 5, 6, 11, 59))
    assert not hours.is_open(local(2026, 5, 6, 12, 0))
    assert not hours.is_open(local(2026, 5, 6, 12, 30))
    assert hours.is_open(local(2026, 5, 6, 16, 59))
    assert not hours.is_open(local(2026, 5, 6, 17, 0))
    # An aware instant in another zone is read in Brussels time: 07:30 UTC = 09:30.
    assert hours.is_open(utc(2026, 5, 6, 7, 30))
    assert not hours.is_open(utc(2026, 5, 6, 6, 30))


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        parse("24/7").is_open(datetime(2026, 5, 6, 10, 0))


def test_later_rule_overrides_the_days_it_names():
    hours = parse("Mo-Fr 09:00-17:00; We 09:00-12:00")
    assert hours.minutes_on(date(2026, 5, 5)) == [(540, 1020)]  # Tu untouched
    assert hours.minutes_on(date(2026, 5, 6)) == [(540, 720)]  # We replaced
    # Order matters: the general rule last overrides the exception.
    assert parse("We 09:00-12:00; Mo-Fr 09:00-17:00").minutes_on(date(2026, 5, 6)) == [
        (540, 1020)
    ]


def test_additional_rule_adds_instead_of_overriding():
    hours = parse("Mo-Fr 08:00-12:00, We 14:00-18:00")
    assert hours.minutes_on(date(2026, 5, 6)) == [(480, 720), (840, 1080)]
    assert hours.minutes_on(date(2026, 5, 7)) == [(480, 720)]


def test_off_rules():
    assert parse("Mo-Su 10:00-18:00; Tu off").minutes_on(date(2026, 5, 5)) == []
    lunch = parse("Mo-Fr 09:00-17:00; 12:00-13:00 off")
    assert lunch.minutes_on(date(2026, 5, 4)) == [(540, 720), (780, 1020)]
    assert lunch.minutes_on(date(2026, 5, 9)) == []
    # An "off" with times also cuts the previous evening's spill-over.
    night = parse("Mo 20:00-04:00; Tu 01:00-02:00 off")
    assert night.minutes_on(date(2026, 5, 5)) == [(0, 60), (120, 240)]


def test_spans_past_midnight():
    hours = parse("Fr-Sa 22:00-03:00")
    assert hours.minutes_on(date(2026, 5, 8)) == [(1320, 1440)]  # Fr
    assert hours.minutes_on(date(2026, 5, 9)) == [(0, 180), (1320, 1440)]  # Sa
    assert hours.minutes_on(date(2026, 5, 10)) == [(0, 180)]  # Su: Saturday's
    assert hours.is_open(local(2026, 5, 10, 2, 59))
    assert not hours.is_open(local(2026, 5, 10, 3, 0))
    assert hours.next_change(local(2026, 5, 9, 23, 0)) == local(2026, 5, 10, 3, 0)
    assert hours.intervals_on(date(2026, 5, 9)) == [
        (local(2026, 5, 9, 0, 0), local(2026, 5, 9, 3, 0)),
        (local(2026, 5, 9, 22, 0), local(2026, 5, 10, 0, 0)),
    ]
    # A later rule for the next day does not erase the spill-over into it.
    assert parse("Fr 20:00-02:00; Sa 10:00-12:00").minutes_on(date(2026, 5, 9)) == [
        (0, 120),
        (600, 720),
    ]


def test_end_at_or_before_start_wraps():
    assert parse("Mo 12:00-11:00").minutes_on(date(2026, 5, 4)) == [(720, 1440)]
    assert parse("Mo 12:00-11:00").minutes_on(date(2026, 5, 5)) == [(0, 660)]
    assert parse("Mo 22:00-26:00").minutes_on(date(2026, 5, 5)) == [(0, 120)]
    midnight = parse("Mo 18:00-24:00")
    assert midnight.minutes_on(date(2026, 5, 4)) == [(1080, 1440)]
    assert midnight.minutes_on(date(2026, 5, 5)) == []
    assert midnight.next_change(local(2026, 5, 4, 19, 0)) == local(2026, 5, 5, 0, 0)


def test_24_7():
    hours = parse("24/7")
    assert hours.is_open(utc(2026, 3, 29, 1, 30))
    assert hours.next_change(local(2026, 5, 6, 12, 0)) is None
    assert hours.minute_of_week_ranges() == [(0, 10080)]
    assert hours.weekly_table()[3] == (3, [(time(0, 0), time(0, 0))])
    # Closed on holidays, 24/7 closes at the midnight before Easter Sunday.
    status = open_status("24/7; PH off", local(2026, 4, 4, 12, 0), "fr")
    assert status == OpenStatus(True, local(2026, 4, 5, 0, 0), "hours")
    status = open_status("24/7; PH off", local(2026, 4, 5, 12, 0), "fr")
    assert status == OpenStatus(False, local(2026, 4, 7, 0, 0), "holiday")


def test_public_holiday_rules_follow_osm_order():
    easter_monday = date(2026, 4, 6)
    hours = parse("Mo-Fr 09:00-17:00; PH off")
    assert hours.minutes_on(easter_monday, True) == []
    assert hours.minutes_on(easter_monday, False) == [(540, 1020)]
    special = parse("Mo-Fr 09:00-17:00; PH 10:00-12:00")
    assert special.minutes_on(easter_monday, True) == [(600, 720)]
    assert special.minutes_on(date(2026, 4, 5), True) == [(600, 720)]  # a Sunday
    # A later weekday rule overrides "PH off" (OSM semantics).
    assert parse("PH off; Mo-Fr 09:00-17:00").minutes_on(easter_monday, True) == [
        (540, 1020)
    ]
    # "PH Mo-Fr": holidays falling on weekdays only.
    weekday_ph = parse("Mo-Su 10:00-18:00; PH Mo-Fr off")
    assert weekday_ph.minutes_on(easter_monday, True) == []
    assert weekday_ph.minutes_on(date(2026, 4, 5), True) == [(600, 1080)]
    assert hours.has_holiday_rule
    assert not parse("Mo-Fr 09:00-17:00").has_holiday_rule


def test_month_and_date_rules():
    hours = parse(
        "Mo-Fr 09:00-17:00; Jul-Aug Mo-Fr 09:00-12:00; Dec 24-26 off; Dec 31 off"
    )
    assert hours.minutes_on(date(2026, 6, 30)) == [(540, 1020)]
    assert hours.minutes_on(date(2026, 7, 1)) == [(540, 720)]
    assert hours.minutes_on(date(2026, 8, 31)) == [(540, 720)]
    assert hours.minutes_on(date(2026, 9, 1)) == [(540, 1020)]
    assert hours.minutes_on(date(2026, 12, 23)) == [(540, 1020)]
    assert hours.minutes_on(date(2026, 12, 24)) == []
    assert hours.minutes_on(date(2026, 12, 28)) == [(540, 1020)]
    assert hours.minutes_on(date(2026, 12, 31)) == []
    assert hours.has_date_rules
    # The weekly table ignores date rules.
    assert hours.weekly_table()[0] == (0, [(time(9, 0), time(17, 0))])
    # ... unless asked for an actual week: the week of 24 December 2026.
    week = hours.weekly_table(week_of=date(2026, 12, 24))
    assert [spans for _day, spans in week] == [
        [(time(9, 0), time(17, 0))],
        [(time(9, 0), time(17, 0))],
        [(time(9, 0), time(17, 0))],
        [],
        [],
        [],
        [],
    ]


def test_date_ranges_over_new_year_and_with_years():
    hours = parse("Mo-Su 10:00-12:00; Dec 24-Jan 02 off")
    assert hours.minutes_on(date(2027, 1, 1)) == []
    assert hours.minutes_on(date(2026, 12, 23)) == [(600, 720)]
    assert hours.minutes_on(date(2027, 1, 3)) == [(600, 720)]
    once = parse("Mo-Su 10:00-12:00; 2026 Dec 24-2027 Jan 03 off")
    assert once.minutes_on(date(2027, 1, 2)) == []
    assert once.minutes_on(date(2025, 12, 25)) == [(600, 720)]
    assert once.minutes_on(date(2027, 12, 25)) == [(600, 720)]


def test_nth_weekday_of_month():
    hours = parse("Mo[1] 10:00-12:00; Fr[-1] 14:00-16:00")
    assert hours.minutes_on(date(2026, 6, 1)) == [(600, 720)]  # 1st Monday
    assert hours.minutes_on(date(2026, 6, 8)) == []
    assert hours.minutes_on(date(2026, 5, 29)) == [(840, 960)]  # last Friday
    assert hours.minutes_on(date(2026, 5, 22)) == []
    assert hours.weekly_table()[0] == (0, [])


def test_comments_only_change_nothing():
    hours = parse('"sur rendez-vous"; Mo 10:00-12:00 "rue de la Loi"')
    assert hours.comments == ("sur rendez-vous", "rue de la Loi")
    assert hours.minutes_on(date(2026, 5, 4)) == [(600, 720)]
    assert parse('"sur rendez-vous"').is_empty


# --------------------------------------------------------------------------
# Daylight-saving changes (2026: 29 March and 25 October)
# --------------------------------------------------------------------------


def test_spring_forward_29_march_2026():
    hours = parse("Su 01:00-03:00")
    # 01:00 CET = 00:00 UTC; 03:00 CEST = 01:00 UTC: one hour of opening.
    assert not hours.is_open(utc(2026, 3, 28, 23, 59))
    assert hours.is_open(utc(2026, 3, 29, 0, 0))
    assert hours.is_open(utc(2026, 3, 29, 0, 59))
    assert not hours.is_open(utc(2026, 3, 29, 1, 0))
    assert hours.next_change(utc(2026, 3, 29, 0, 30)) == utc(2026, 3, 29, 1, 0)
    ((opens, closes),) = hours.intervals_on(date(2026, 3, 29))
    assert (opens, closes) == (utc(2026, 3, 29, 0, 0), utc(2026, 3, 29, 1, 0))
    # (Aware datetimes sharing a tzinfo subtract by wall time: use UTC.)
    assert closes.astimezone(UTC) - opens.astimezone(UTC) == timedelta(hours=1)
    assert closes.utcoffset().total_seconds() == 7200

    night = parse("Su 00:00-04:00")
    assert night.is_open(utc(2026, 3, 28, 23, 0))  # 00:00 CET
    assert night.is_open(utc(2026, 3, 29, 1, 59))  # 03:59 CEST
    assert not night.is_open(utc(2026, 3, 29, 2, 0))  # 04:00 CEST
    assert night.next_change(utc(2026, 3, 28, 22, 0)) == utc(2026, 3, 28, 23, 0)

    # Opening inside the skipped hour means opening at the jump, 03:00 CEST.
    gap = parse("Su 02:30-05:00")
    assert gap.next_change(utc(2026, 3, 28, 23, 0)) == utc(2026, 3, 29, 1, 0)
    assert gap.next_change(utc(2026, 3, 28, 23, 0)) == local(2026, 3, 29, 3, 0)


def test_fall_back_25_october_2026():
    hours = parse("Su 01:00-03:00")
    # 01:00 CEST = 23:00 UTC; 03:00 CET = 02:00 UTC: three hours of opening.
    assert not hours.is_open(utc(2026, 10, 24, 22, 59))
    assert hours.is_open(utc(2026, 10, 24, 23, 0))
    assert hours.is_open(utc(2026, 10, 25, 0, 30))  # 02:30 CEST
    assert hours.is_open(utc(2026, 10, 25, 1, 30))  # 02:30 CET
    assert not hours.is_open(utc(2026, 10, 25, 2, 0))  # 03:00 CET
    assert hours.next_change(utc(2026, 10, 25, 0, 30)) == utc(2026, 10, 25, 2, 0)
    assert hours.next_change(utc(2026, 10, 25, 2, 0)) == local(2026, 11, 1, 1, 0)

    night = parse("Su 00:00-04:00")
    assert night.is_open(utc(2026, 10, 24, 22, 0))  # 00:00 CEST
    assert night.is_open(utc(2026, 10, 25, 2, 59))  # 03:59 CET
    assert not night.is_open(utc(2026, 10, 25, 3, 0))  # 04:00 CET
    ((opens, closes),) = night.intervals_on(date(2026, 10, 25))
    assert closes.astimezone(UTC) - opens.astimezone(UTC) == timedelta(hours=5)
    # Inside the repeated hour, a start is its first occurrence (CEST) and an
    # end its second one (CET), so the span keeps every instant it names.
    late = parse("Sa 20:00-02:30")
    assert late.is_open(utc(2026, 10, 25, 1, 15))  # 02:15 CET
    closes = late.next_change(utc(2026, 10, 24, 20, 0))
    assert (closes.hour, closes.minute, closes.fold) == (2, 30, 1)
    # (Python never finds repeated-hour datetimes equal to another zone's.)
    assert closes.astimezone(UTC) == utc(2026, 10, 25, 1, 30)
    early = parse("Su 02:30-05:00")
    opens = early.next_change(utc(2026, 10, 24, 22, 0))
    assert opens.astimezone(UTC) == utc(2026, 10, 25, 0, 30)
    assert early.is_open(utc(2026, 10, 25, 1, 0))  # 02:00 CET, after 02:30 CEST
    # Ordinary day hours are unaffected on the day of the change.
    day = parse("Su 09:00-17:00")
    assert day.next_change(utc(2026, 10, 25, 7, 0)) == utc(2026, 10, 25, 8, 0)
    assert day.is_open(utc(2026, 10, 25, 15, 59))
    assert not day.is_open(utc(2026, 10, 25, 16, 0))


# --------------------------------------------------------------------------
# next_change, weekly table, minute-of-week ranges
# --------------------------------------------------------------------------


def test_next_change_across_the_weekend():
    hours = parse("Mo-Fr 09:00-17:00")
    friday = local(2026, 5, 8, 16, 0)
    assert hours.next_change(friday) == local(2026, 5, 8, 17, 0)
    assert hours.next_change(local(2026, 5, 8, 17, 30)) == local(2026, 5, 11, 9, 0)
    assert hours.next_change(local(2026, 5, 9, 12, 0)) == local(2026, 5, 11, 9, 0)
    result = hours.next_change(utc(2026, 5, 9, 12, 0))
    assert result.tzinfo is BRUSSELS
    assert hours.next_change(local(2026, 5, 9, 12, 0), horizon_days=1) is None
    assert parse("Mo-Fr off").next_change(friday) is None


def test_weekly_table():
    hours = parse("Mo-Fr 09:00-12:00,13:00-17:00; We 09:00-12:00; Sa 22:00-02:00")
    assert hours.weekly_table() == [
        (0, [(time(9, 0), time(12, 0)), (time(13, 0), time(17, 0))]),
        (1, [(time(9, 0), time(12, 0)), (time(13, 0), time(17, 0))]),
        (2, [(time(9, 0), time(12, 0))]),
        (3, [(time(9, 0), time(12, 0)), (time(13, 0), time(17, 0))]),
        (4, [(time(9, 0), time(12, 0)), (time(13, 0), time(17, 0))]),
        (5, [(time(22, 0), time(2, 0))]),
        (6, []),
    ]


def test_minute_of_week_ranges():
    assert minute_of_week_ranges("Mo-Fr 09:00-17:00") == [
        (540, 1020),
        (1980, 2460),
        (3420, 3900),
        (4860, 5340),
        (6300, 6780),
    ]
    # Sunday night wraps over the end of the week into Monday morning.
    assert minute_of_week_ranges("Su 22:00-02:00") == [(0, 120), (9960, 10080)]
    # Adjacent ranges merge; PH and date rules are ignored.
    assert minute_of_week_ranges("Mo 00:00-24:00; Tu 00:00-06:00; PH off") == [
        (0, 1800)
    ]
    assert minute_of_week_ranges(parse("Sa-Su 20:00-04:00")) == [
        (0, 240),
        (8400, 8880),
        (9840, 10080),
    ]


# --------------------------------------------------------------------------
# Belgian holidays
# --------------------------------------------------------------------------


def test_federal_holidays_2026():
    assert list(be.public_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 5),
        date(2026, 4, 6),
        date(2026, 5, 1),
        date(2026, 5, 14),
        date(2026, 5, 24),
        date(2026, 5, 25),
        date(2026, 7, 21),
        date(2026, 8, 15),
        date(2026, 11, 1),
        date(2026, 11, 11),
        date(2026, 12, 25),
    ]
    assert be.holiday_name(date(2026, 4, 6), None, "fr") == "Lundi de Pâques"
    assert be.holiday_name(date(2026, 4, 6), None, "nl") == "Paasmaandag"
    assert be.holiday_name(date(2026, 4, 6), None, "fr-be") == "Lundi de Pâques"
    assert be.holiday_name(date(2026, 4, 7)) is None


def test_community_holidays():
    sep27, jul11 = date(2026, 9, 27), date(2026, 7, 11)
    assert be.is_public_holiday(sep27, "fr")
    assert not be.is_public_holiday(jul11, "fr")
    assert be.is_public_holiday(jul11, "nl")
    assert not be.is_public_holiday(sep27, "nl")
    for community in ("bi", None):
        assert not be.is_public_holiday(sep27, community)
        assert not be.is_public_holiday(jul11, community)
        assert be.is_public_holiday(date(2026, 7, 21), community)
    assert be.holiday_name(sep27, "fr", "fr") == (
        "Fête de la Fédération Wallonie-Bruxelles"
    )
    assert be.holiday_name(jul11, "nl", "nl") == "Feestdag van de Vlaamse Gemeenschap"
    assert be.holiday_name(jul11, "nl", "fr") == "Fête de la Communauté flamande"
    with pytest.raises(ValueError, match="Unknown community"):
        be.is_public_holiday(sep27, "wa")


def test_holidays_between_spans_years():
    assert be.holidays_between(date(2026, 12, 20), date(2027, 1, 10), "nl", "nl") == [
        (date(2026, 12, 25), "Kerstmis"),
        (date(2027, 1, 1), "Nieuwjaar"),
    ]
    assert be.next_public_holiday(date(2026, 11, 1), "fr") == (
        date(2026, 11, 11),
        "Jour de l'Armistice",
    )


# --------------------------------------------------------------------------
# open_status
# --------------------------------------------------------------------------

WEEKDAYS = "Mo-Fr 09:00-17:00"


def test_open_status_on_an_ordinary_weekday():
    assert open_status(WEEKDAYS, local(2026, 5, 6, 10, 0), "fr") == OpenStatus(
        True, local(2026, 5, 6, 17, 0), "hours"
    )
    assert open_status(WEEKDAYS, local(2026, 5, 6, 18, 0), "fr") == OpenStatus(
        False, local(2026, 5, 7, 9, 0), "hours"
    )


@pytest.mark.parametrize(
    ("day", "reopens"),
    [
        (date(2026, 4, 6), date(2026, 4, 7)),  # Easter Monday
        (date(2026, 11, 11), date(2026, 11, 12)),  # Armistice
        (date(2026, 5, 1), date(2026, 5, 4)),  # Labour Day, a Friday
    ],
)
def test_open_status_closed_on_public_holidays_without_ph_rule(day, reopens):
    at = local(day.year, day.month, day.day, 10, 0)
    status = open_status(WEEKDAYS, at, "fr")
    assert status == OpenStatus(
        False, local(reopens.year, reopens.month, reopens.day, 9, 0), "holiday"
    )
    # A PH rule switches to OSM semantics: special hours on holidays.
    special = open_status(WEEKDAYS + "; PH 10:00-12:00", at, "fr")
    assert special == OpenStatus(
        True, local(day.year, day.month, day.day, 12, 0), "hours"
    )


def test_open_status_next_opening_skips_a_holiday_monday():
    # Friday 22 May 2026 after closing; Monday 25 May is Whit Monday.
    status = open_status(WEEKDAYS, local(2026, 5, 22, 17, 30), "nl")
    assert status == OpenStatus(False, local(2026, 5, 26, 9, 0), "hours")


def test_open_status_special_holiday_opening_is_reported():
    hours = "Mo-Fr 09:00-17:00; PH 10:00-12:00"
    # Sunday 27 September is a holiday for French-speaking services only.
    at = local(2026, 9, 27, 11, 0)
    assert open_status(hours, at, "fr") == OpenStatus(
        True, local(2026, 9, 27, 12, 0), "holiday"
    )
    assert open_status(hours, at, "nl") == OpenStatus(
        False, local(2026, 9, 28, 9, 0), "hours"
    )


def test_open_status_community_holidays():
    every_day = "Mo-Su 09:00-17:00"
    sep27 = local(2026, 9, 27, 10, 0)
    jul11 = local(2026, 7, 11, 10, 0)
    assert open_status(every_day, sep27, "fr") == OpenStatus(
        False, local(2026, 9, 28, 9, 0), "holiday"
    )
    assert open_status(every_day, sep27, "nl") == OpenStatus(
        True, local(2026, 9, 27, 17, 0), "hours"
    )
    assert open_status(every_day, jul11, "nl") == OpenStatus(
        False, local(2026, 7, 12, 9, 0), "holiday"
    )
    assert open_status(every_day, jul11, "fr") == OpenStatus(
        True, local(2026, 7, 11, 17, 0), "hours"
    )
    for at in (sep27, jul11):
        assert open_status(every_day, at, "bi").is_open


def test_open_status_exceptional_closure():
    at = local(2026, 5, 5, 10, 0)  # a Tuesday
    assert open_status(WEEKDAYS, at, "fr", closed_until=date(2026, 5, 7)) == (
        OpenStatus(False, local(2026, 5, 8, 9, 0), "closure")
    )
    # The closure ends with its last day.
    assert open_status(
        WEEKDAYS, local(2026, 5, 8, 10, 0), "fr", closed_until=date(2026, 5, 7)
    ) == OpenStatus(True, local(2026, 5, 8, 17, 0), "hours")
    # A long closure still finds the reopening, past the usual 14-day horizon.
    assert open_status(
        WEEKDAYS, at, "fr", closed_until=date(2026, 6, 30)
    ).next_change == local(2026, 7, 1, 9, 0)
    # The last evening's spill-over is part of the closure.
    night = "Mo-Su 20:00-02:00"
    status = open_status(night, local(2026, 5, 6, 1, 0), "fr", date(2026, 5, 5))
    assert status == OpenStatus(False, local(2026, 5, 6, 20, 0), "closure")


def test_open_status_unknown():
    at = local(2026, 5, 6, 10, 0)
    for hours in (None, "", "   ", "Mo-Fr 9-17", '"sur rendez-vous"'):
        assert open_status(hours, at, "fr") == OpenStatus(False, None, "unknown")
    assert open_status(None, at, "fr", date(2026, 5, 7)) == OpenStatus(
        False, None, "closure"
    )
    # Parsed hours are accepted as well as text.
    assert open_status(parse(WEEKDAYS), at, "fr").is_open


@pytest.mark.parametrize("text", ["24/7", "Mo-Su 00:00-24:00"])
def test_round_the_clock_means_open_on_christmas(text):
    """A helpline open every day does not stop on public holidays unless a
    ``PH off`` rule says so (Télé-Accueil used to show closed on 25 December)."""
    christmas_noon = local(2026, 12, 25, 12, 0)
    assert open_status(text, christmas_noon, "fr").is_open
    assert not open_status(text + "; PH off", christmas_noon, "fr").is_open


@pytest.mark.parametrize("text", ["Mo-Fr 09:00-17:00", "Mo-Su 08:00-22:00"])
def test_daytime_hours_still_close_on_holidays(text):
    easter_monday = local(2026, 4, 6, 10, 0)
    status = open_status(text, easter_monday, "fr")
    assert not status.is_open and status.reason == "holiday"


@pytest.mark.parametrize(
    ("text", "policy", "spans"),
    [
        ("Mo-Fr 09:00-17:00", "closed", []),
        ("Mo-Fr 09:00-17:00; PH off", "closed", []),
        ("24/7", "same", []),
        ("Mo-Su 00:00-24:00", "same", []),
        ("24/7; PH off", "closed", []),
        ("Mo-Fr 09:00-17:00; PH 10:00-12:00", "special", [(time(10), time(12))]),
    ],
)
def test_holiday_hours_said_in_words(text, policy, spans):
    assert parse(text).holiday_hours() == (policy, spans)
