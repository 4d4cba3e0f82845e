"""The admin's weekly-hours grid and the ``opening_hours`` text it stands for.

A grid is seven days (Monday first) of up to :data:`MAX_SPANS` time ranges
(``("09:00", "12:00")``; an end at or before its start runs past midnight, an
end of ``"00:00"`` closes at midnight) and a public-holiday policy:
``"closed"``, ``"same"`` (the ordinary hours of that weekday) or ``"special"``
with its own ranges. :func:`grid_to_text` writes the OSM syntax,
:func:`grid_from_text` reads a value back when a grid can show it.

This module is the reference; ``directory/static/directory/admin/opening_hours.js``
mirrors :func:`grid_to_text` in the browser (the tests check both agree).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time
from typing import Literal

from places.opening_hours import WEEKDAY_CODES, OpeningHoursError, parse

MAX_SPANS = 3
HolidayChoice = Literal["closed", "same", "special"]
TimeSpan = tuple[str, str]
_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")


@dataclass
class HoursGrid:
    days: list[list[TimeSpan]] = field(default_factory=lambda: [[] for _ in range(7)])
    holidays: HolidayChoice = "closed"
    holiday_spans: list[TimeSpan] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError("a grid has seven days")
        if self.holidays not in ("closed", "same", "special"):
            raise ValueError(f"unknown holiday choice {self.holidays!r}")
        for spans in [*self.days, self.holiday_spans]:
            if len(spans) > MAX_SPANS:
                raise ValueError(f"at most {MAX_SPANS} ranges a day")
            for span in spans:
                if len(span) != 2 or not all(_TIME.fullmatch(t) for t in span):
                    raise ValueError(f"not a time range: {span!r}")

    def as_json(self) -> dict:
        """The grid as the widget's script reads it."""
        return {
            "days": [[list(span) for span in spans] for spans in self.days],
            "holidays": self.holidays,
            "holiday_spans": [list(span) for span in self.holiday_spans],
        }


def _spans_text(spans: list[TimeSpan]) -> str:
    # "24:00" reads better than "00:00" as the end of a day.
    return ",".join(
        f"{start}-{'24:00' if end == '00:00' else end}" for start, end in sorted(spans)
    )


def _days_text(first: int, last: int) -> str:
    if first == last:
        return WEEKDAY_CODES[first]
    return f"{WEEKDAY_CODES[first]}-{WEEKDAY_CODES[last]}"


def grid_to_text(grid: HoursGrid) -> str:
    """The OSM ``opening_hours`` value of a grid; ``""`` when it opens never.

    Identical consecutive days are grouped (``Mo-Fr 09:00-12:00; Sa 09:00-12:00``),
    closed days are left out. Holidays: ``PH off``, ``PH <days> <times>`` for each
    group (the same hours as the weekday they fall on; without a ``PH`` rule the
    portal treats holidays as closed) or ``PH <times>``.
    """
    groups: list[tuple[int, int, str]] = []
    for day, spans in enumerate(grid.days):
        text = _spans_text(spans)
        if groups and groups[-1][1] == day - 1 and groups[-1][2] == text:
            groups[-1] = (groups[-1][0], day, text)
        elif text:
            groups.append((day, day, text))
    rules = [f"{_days_text(first, last)} {text}" for first, last, text in groups]
    if grid.holidays == "special" and grid.holiday_spans:
        rules.append(f"PH {_spans_text(grid.holiday_spans)}")
    elif grid.holidays == "same":
        rules += [f"PH {rule}" for rule in rules]
    elif rules:  # closed, or special hours without a range
        rules.append("PH off")
    return "; ".join(rules)


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def grid_from_text(text: str) -> HoursGrid | None:
    """The grid showing ``text``, or ``None`` when a grid cannot show it (invalid,
    dates, months, n-th weekdays, comments, more than three ranges a day, holiday
    hours that differ by weekday)."""
    if not text or not text.strip():
        return HoursGrid()
    try:
        hours = parse(text)
    except OpeningHoursError:
        return None
    if hours.has_date_rules or hours.comments:
        return None
    days = [
        [(_hhmm(a), _hhmm(b)) for a, b in spans] for _, spans in hours.weekly_table()
    ]
    policy, holiday_spans = hours.holiday_hours()
    if policy == "special" and not holiday_spans:
        return None
    if any(len(spans) > MAX_SPANS for spans in days) or len(holiday_spans) > MAX_SPANS:
        return None
    grid = HoursGrid(days, policy, [(_hhmm(a), _hhmm(b)) for a, b in holiday_spans])
    # Only when the grid's own text means the same (e.g. spill-over cuts).
    written = grid_to_text(grid)
    if not written:
        return grid
    again = parse(written)
    if (again.weekly_table(), again.holiday_hours()) != (
        hours.weekly_table(),
        hours.holiday_hours(),
    ):
        return None
    return grid
