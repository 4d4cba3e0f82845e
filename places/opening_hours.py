"""Parse and evaluate OpenStreetMap ``opening_hours`` values (a subset).

Supported syntax (keywords are case-insensitive, whitespace is free):

* ``24/7``;
* weekdays ``Mo Tu We Th Fr Sa Su``, ranges ``Mo-Fr``, wrapping ranges ``Fr-Mo``,
  lists ``Mo,We,Fr``, and the n-th weekday of the month ``Mo[1]``, ``Fr[-1]``,
  ``Tu[1,3]``, ``We[2-4]``;
* public holidays ``PH``, alone (``PH off``), in a list (``Sa,Su,PH off``: union)
  or followed by weekdays (``PH Mo-Fr``: holidays falling on those weekdays);
* time spans ``09:00-12:00``, several separated by commas; an end at or before
  the start wraps past midnight (``22:00-02:00``), ``24:00`` and extended times
  up to ``48:00`` (``22:00-26:00``) are allowed as ends;
* months and dates, optionally with a year: ``Jul-Aug``, ``Dec 24-26``,
  ``Dec 24-Jan 02``, ``Dec 25``, ``2026 Dec 24-2027 Jan 03``, lists
  ``Jan,Jul-Aug``, optionally followed by ``:`` for readability;
* modifiers ``off``/``closed`` and ``open``;
* comments in double quotes (kept in :attr:`OpeningHours.comments`, otherwise
  ignored; a rule made of a comment only changes nothing);
* rules separated by ``;`` (normal) or ``,`` (additional rule).

Rejected with a clear :class:`OpeningHoursError`: school holidays ``SH``, week
numbers, variable times (``sunrise``...), ``easter``, open ends (``10:00+``),
the ``unknown`` modifier, fallback rules (``||``), holiday offsets, badly
written times (``9-17``, ``9h``, ``25:00``) and anything else.

Evaluation semantics
--------------------
Each rule is evaluated per calendar day. A *day program* is the list of spans
that start on that day; a span may run past midnight into the next day (up to
48:00). For a given day, the rules that select it are applied in order:

* a normal (``;``) rule that opens replaces the day's program (OSM override:
  ``Mo-Fr 09:00-17:00; We 09:00-12:00`` opens Wednesday in the morning only);
* an additional (``,``) rule adds its spans;
* ``off`` without a time closes the whole day;
* ``off`` with times only removes those times (``Mo-Fr 09:00-17:00;
  12:00-13:00 off`` is a lunch break); it also removes them from the spill-over
  of the previous evening.

Deviation from opening_hours.js, on purpose: a later rule that selects a day
does not erase the spans of the *previous* day that spill into it: the spill
belongs to the previous day's program. ``Fr 20:00-02:00; Sa 10:00-12:00`` is
open on Saturday from 00:00 to 02:00 and from 10:00 to 12:00.

Why a parser of our own
-----------------------
``opening-hours-py`` 2.1.4 (the maintained Rust implementation, checked on
2026-12-02) parses the full syntax and knows Belgium's federal public holidays
(``country="BE"``), but it does not cover what the directory needs:

* ``PH`` there is the federal list only, while a service funded by a community
  closes on that community's day too (27 September, 11 July, 15 November; see
  :mod:`places.holidays`) — it answers "open" on Monday 27 September 2027 for
  ``Mo-Fr 09:00-12:00; PH off``, where a French-speaking service is closed;
* its errors are English parser traces (``expected EOI, any_rule_separator…``),
  where editors get a French or Dutch sentence naming the faulty part;
* it accepts ``sunrise``, ``SH`` and open ends, which we cannot evaluate without
  data we do not have, and must reject at input.

Times are wall-clock times in Europe/Brussels. A span is converted to instants
so that it covers the daylight-saving changes sensibly: on the last Sunday of
October, a start inside the repeated hour is its first occurrence and an end
inside it is its second one (``00:00-04:00`` lasts five hours); on the last
Sunday of March, a time inside the skipped hour means the moment of the jump
(03:00 CEST), so ``01:00-03:00`` lasts one hour.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal, NamedTuple

from django.core.exceptions import (
    AppRegistryNotReady,
    ImproperlyConfigured,
    ValidationError,
)
from django.utils.translation import gettext_lazy as _

from core.constants import BRUSSELS

__all__ = [
    "BRUSSELS",
    "OpenStatus",
    "OpeningHours",
    "OpeningHoursError",
    "minute_of_week_ranges",
    "open_status",
    "opening_hours_validator",
    "parse",
    "validate",
]


HolidayChecker = Callable[[date], bool]
Span = tuple[int, int]
"""A span in minutes from the start of a day: ``(start, end)``, end excluded."""

DAY = 24 * 60
WEEK = 7 * DAY
_FULL_DAY: tuple[Span, ...] = ((0, DAY),)

WEEKDAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MONTH_CODES = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------

_E_EMPTY = _("The opening hours are empty.")
_E_UNEXPECTED = _('Unexpected "%(token)s" at position %(position)d.')
_E_UNEXPECTED_END = _("The opening hours end unexpectedly at position %(position)d.")
_E_UNKNOWN_WORD = _(
    'Unknown word "%(token)s" at position %(position)d. Weekdays are written '
    "Mo, Tu, We, Th, Fr, Sa, Su, months Jan to Dec and public holidays PH."
)
_E_TIME_FORMAT = _(
    'Invalid time "%(token)s" at position %(position)d: write times as HH:MM, '
    "for example 09:00-17:00."
)
_E_START_RANGE = _(
    'Invalid opening time "%(token)s" at position %(position)d: it must be '
    "between 00:00 and 23:59."
)
_E_END_RANGE = _(
    'Invalid closing time "%(token)s" at position %(position)d: it must not be '
    "later than 48:00."
)
_E_MINUTES = _(
    'Invalid time "%(token)s" at position %(position)d: minutes must be between '
    "00 and 59."
)
_E_SPAN_END = _(
    'The time "%(token)s" at position %(position)d must be followed by "-" and a '
    "closing time, for example 09:00-12:00."
)
_E_SPAN_TOO_LONG = _(
    'The time span starting with "%(token)s" at position %(position)d lasts more '
    "than 24 hours."
)
_E_SPAN_COMMA = _(
    'Unexpected time "%(token)s" at position %(position)d: separate time spans '
    "with a comma, as in 09:00-12:00,13:00-17:00."
)
_E_OPEN_END = _(
    'Open-ended times ("+") at position %(position)d are not supported: give a '
    "closing time."
)
_E_WEEKDAY_EXPECTED = _(
    "A weekday (Mo, Tu, We, Th, Fr, Sa, Su) is expected at position %(position)d."
)
_E_NTH = _(
    'Invalid occurrence "%(token)s" at position %(position)d: use 1 to 5 or -1 '
    "to -5, as in Mo[1] (first Monday) or Fr[-1] (last Friday)."
)
_E_NTH_ON_RANGE = _(
    "An occurrence in brackets at position %(position)d can only follow a single "
    "weekday, as in Mo[1], not a range of weekdays."
)
_E_MONTH_EXPECTED = _("A month (Jan to Dec) is expected at position %(position)d.")
_E_DAY = _('Invalid day of the month "%(token)s" at position %(position)d.')
_E_YEAR = _('Invalid year "%(token)s" at position %(position)d.')
_E_DATE_ORDER = _("The date range at position %(position)d ends before it starts.")
_E_TRAILING_COMMA = _('Nothing follows the "," at position %(position)d.')
_E_COMMENT = _(
    "The comment starting at position %(position)d lacks its closing double quote."
)
_E_SH = _('School holidays ("SH") at position %(position)d are not supported.')
_E_WEEK = _('Week numbers ("week") at position %(position)d are not supported.')
_E_VARIABLE = _(
    'Variable times and dates ("%(token)s") at position %(position)d are not supported.'
)
_E_UNKNOWN_MODIFIER = _(
    'The "unknown" modifier at position %(position)d is not supported: use a '
    "comment in double quotes instead."
)
_E_FALLBACK = _('Fallback rules ("||") at position %(position)d are not supported.')


def _render(message: object, params: dict[str, object], *, translate: bool) -> str:
    """Format a lazy message, translated when Django's i18n is usable.

    Without configured settings (plain Python, scripts) the English msgid is used.
    """
    args = getattr(message, "_args", None)  # a gettext_lazy proxy keeps its msgid
    english = args[0] if args else str(message)
    if translate:
        try:
            return str(message) % params
        except (ImproperlyConfigured, AppRegistryNotReady):
            pass
    return english % params


class OpeningHoursError(ValueError):
    """An invalid or unsupported ``opening_hours`` value.

    ``position`` is the 0-based offset of the offending token in the text,
    ``token`` its text; messages show the 1-based position. ``str(error)`` is
    translated into the active language, ``error.english`` is not.
    """

    def __init__(self, message: object, *, token: str = "", position: int = 0) -> None:
        self.template = message
        self.token = token
        self.position = position
        self.params: dict[str, object] = {"token": token, "position": position + 1}
        self.english = _render(message, self.params, translate=False)
        super().__init__(self.english)

    @property
    def message(self) -> str:
        """The message in the active language."""
        return _render(self.template, self.params, translate=True)

    def __str__(self) -> str:
        return self.message


# --------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------


class _Token(NamedTuple):
    kind: str
    value: object
    text: str
    pos: int


_TOKEN_RE = re.compile(
    r"""
    (?P<space>\s+)
    |(?P<comment>"[^"]*")
    |(?P<open_comment>")
    |(?P<always>24/7)
    |(?P<badtime>\d{1,2}[hH](?:\d{2})?(?![\d:])|\d{1,2}\.\d{2})
    |(?P<time>\d+:\d+)
    |(?P<number>\d+)
    |(?P<word>[^\W\d_]+)
    |(?P<oror>\|\|)
    |(?P<punct>[-\u2010-\u2015,;:\[\]+])
    |(?P<other>.)
    """,
    re.VERBOSE,
)

_PUNCT_KINDS = {
    ",": "COMMA",
    ";": "SEMI",
    ":": "COLON",
    "[": "LBRACK",
    "]": "RBRACK",
    "+": "PLUS",
}
_WEEKDAY_WORDS = {code.lower(): index for index, code in enumerate(WEEKDAY_CODES)}
_MONTH_WORDS = {code.lower(): index + 1 for index, code in enumerate(MONTH_CODES)}
_VARIABLE_WORDS = {"sunrise", "sunset", "dawn", "dusk", "easter"}


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        raw = match.group()
        pos = match.start()
        if kind == "space":
            continue
        if kind == "comment":
            tokens.append(_Token("COMMENT", raw[1:-1], raw, pos))
        elif kind == "open_comment":
            raise OpeningHoursError(_E_COMMENT, token=raw, position=pos)
        elif kind == "always":
            tokens.append(_Token("ALWAYS", None, raw, pos))
        elif kind == "badtime":
            raise OpeningHoursError(_E_TIME_FORMAT, token=raw, position=pos)
        elif kind == "time":
            tokens.append(_Token("TIME", None, raw, pos))
        elif kind == "number":
            tokens.append(_Token("NUM", int(raw), raw, pos))
        elif kind == "word":
            tokens.append(_word_token(raw, pos))
        elif kind == "oror":
            raise OpeningHoursError(_E_FALLBACK, token=raw, position=pos)
        elif kind == "punct":
            tokens.append(_Token(_PUNCT_KINDS.get(raw, "DASH"), None, raw, pos))
        else:
            raise OpeningHoursError(_E_UNEXPECTED, token=raw, position=pos)
    tokens.append(_Token("EOF", None, "", len(text)))
    return tokens


def _word_token(raw: str, pos: int) -> _Token:
    word = raw.lower()
    if word in _WEEKDAY_WORDS:
        return _Token("WEEKDAY", _WEEKDAY_WORDS[word], raw, pos)
    if word in _MONTH_WORDS:
        return _Token("MONTH", _MONTH_WORDS[word], raw, pos)
    if word == "ph":
        return _Token("PH", None, raw, pos)
    if word in ("off", "closed"):
        return _Token("OFF", None, raw, pos)
    if word == "open":
        return _Token("OPEN", None, raw, pos)
    if word == "sh":
        raise OpeningHoursError(_E_SH, token=raw, position=pos)
    if word == "week":
        raise OpeningHoursError(_E_WEEK, token=raw, position=pos)
    if word in _VARIABLE_WORDS:
        raise OpeningHoursError(_E_VARIABLE, token=raw, position=pos)
    if word == "unknown":
        raise OpeningHoursError(_E_UNKNOWN_MODIFIER, token=raw, position=pos)
    raise OpeningHoursError(_E_UNKNOWN_WORD, token=raw, position=pos)


# --------------------------------------------------------------------------
# Syntax tree
# --------------------------------------------------------------------------


def _days_in_month(year: int | None, month: int) -> int:
    # Without a year, February may have 29 days.
    return calendar.monthrange(2000 if year is None else year, month)[1]


def _format_minutes(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, slots=True)
class _DateRange:
    """From ``start`` to ``end`` inclusive; without years it recurs every year."""

    start: tuple[int, int]  # (month, day)
    end: tuple[int, int]
    start_year: int | None
    end_year: int | None
    text: str

    def matches(self, day: date) -> bool:
        if self.start_year is not None and self.end_year is not None:
            return (
                date(self.start_year, *self.start)
                <= day
                <= date(self.end_year, *self.end)
            )
        key = (day.month, day.day)
        if self.start <= self.end:
            return self.start <= key <= self.end
        return key >= self.start or key <= self.end  # wraps over New Year


@dataclass(frozen=True, slots=True)
class _WeekdayItem:
    weekdays: frozenset[int]
    nth: frozenset[int]  # empty: every week; 1..5 from the start, -1..-5 from the end
    text: str

    def matches(self, day: date | None, weekday: int) -> bool:
        if weekday not in self.weekdays:
            return False
        if not self.nth:
            return True
        if day is None:
            return False
        from_start = (day.day - 1) // 7 + 1
        from_end = -((_days_in_month(day.year, day.month) - day.day) // 7 + 1)
        return from_start in self.nth or from_end in self.nth


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of an ``opening_hours`` value, as parsed."""

    text: str
    dates: tuple[_DateRange, ...] = ()
    weekdays: tuple[_WeekdayItem, ...] = ()
    holiday: bool = False
    holiday_and_weekdays: bool = False  # "PH Mo-Fr": intersection, not union
    spans: tuple[Span, ...] | None = None  # None: no time selector
    closed: bool = False
    additional: bool = False
    comment: str | None = None
    noop: bool = False  # a comment on its own

    @property
    def is_regular(self) -> bool:
        """Whether the rule recurs every week (no date, occurrence or PH)."""
        return not self.dates and all(not item.nth for item in self.weekdays)

    def matches(self, day: date | None, weekday: int, holiday: bool) -> bool:
        """Whether the rule selects this day (``day`` is ``None`` for any week)."""
        if self.dates and (day is None or not any(r.matches(day) for r in self.dates)):
            return False
        on_weekday = any(item.matches(day, weekday) for item in self.weekdays)
        if self.holiday:
            if self.holiday_and_weekdays:
                return holiday and on_weekday
            return holiday or on_weekday
        return on_weekday if self.weekdays else True


# --------------------------------------------------------------------------
# Parser
# --------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.index = 0

    @property
    def tok(self) -> _Token:
        return self.tokens[self.index]

    def peek(self, offset: int = 1) -> _Token:
        return self.tokens[min(self.index + offset, len(self.tokens) - 1)]

    def advance(self) -> _Token:
        token = self.tok
        self.index = min(self.index + 1, len(self.tokens) - 1)
        return token

    @staticmethod
    def fail(message: object, token: _Token) -> OpeningHoursError:
        return OpeningHoursError(message, token=token.text, position=token.pos)

    def unexpected(
        self, token: _Token, *, after_times: bool = False
    ) -> OpeningHoursError:
        if token.kind == "EOF":
            return self.fail(_E_UNEXPECTED_END, token)
        if token.kind == "NUM":
            return self.fail(_E_TIME_FORMAT, token)
        if token.kind == "TIME" and after_times:
            return self.fail(_E_SPAN_COMMA, token)
        if token.kind == "PLUS":
            return self.fail(_E_OPEN_END, token)
        return self.fail(_E_UNEXPECTED, token)

    # -- rules -------------------------------------------------------------

    def parse(self) -> OpeningHours:
        rules: list[Rule] = []
        additional = False
        while True:
            while self.tok.kind == "SEMI":  # be lenient with empty rules
                self.advance()
                additional = False
            if self.tok.kind == "EOF":
                break
            rules.append(self.parse_rule(additional))
            if self.tok.kind == "SEMI":
                self.advance()
                additional = False
            elif self.tok.kind == "COMMA":
                comma = self.advance()
                if self.tok.kind in ("EOF", "SEMI", "COMMA"):
                    raise self.fail(_E_TRAILING_COMMA, comma)
                additional = True
            elif self.tok.kind != "EOF":
                raise self.unexpected(self.tok, after_times=rules[-1].spans is not None)
        if not rules:
            raise OpeningHoursError(_E_EMPTY, position=0)
        return OpeningHours(
            rules=tuple(rules),
            comments=tuple(r.comment for r in rules if r.comment is not None),
            source=self.text,
        )

    def parse_rule(self, additional: bool) -> Rule:
        parts: list[str] = []
        dates: tuple[_DateRange, ...] = ()
        weekdays: tuple[_WeekdayItem, ...] = ()
        holiday = intersect = False
        spans: tuple[Span, ...] | None = None
        has_selector = False
        if self.tok.kind == "ALWAYS":
            self.advance()
            spans = _FULL_DAY
            has_selector = True
            parts.append("24/7")
        else:
            dates = self.parse_dates()
            if dates:
                parts.append(",".join(r.text for r in dates))
                if self.tok.kind == "COLON":
                    self.advance()
                    parts[-1] += ":"
            weekdays, holiday, intersect, weekday_text = self.parse_weekdays()
            if weekday_text:
                parts.append(weekday_text)
            if self.tok.kind == "TIME":
                spans, times_text = self.parse_times()
                parts.append(times_text)
            has_selector = bool(dates or weekdays or holiday or spans is not None)

        closed = has_modifier = False
        if self.tok.kind == "OFF":
            self.advance()
            closed = has_modifier = True
            parts.append("off")
        elif self.tok.kind == "OPEN":
            self.advance()
            has_modifier = True
            if not has_selector:
                parts.append("open")
        comment = None
        if self.tok.kind == "COMMENT":
            token = self.advance()
            comment = str(token.value)
            parts.append(token.text)
        if not (has_selector or has_modifier or comment is not None):
            raise self.unexpected(self.tok)
        return Rule(
            text=" ".join(parts),
            dates=dates,
            weekdays=weekdays,
            holiday=holiday,
            holiday_and_weekdays=intersect,
            spans=spans,
            closed=closed,
            additional=additional,
            comment=comment,
            noop=not (has_selector or has_modifier),
        )

    # -- months and dates --------------------------------------------------

    def at_date(self, offset: int = 0) -> bool:
        token = self.peek(offset)
        if token.kind == "MONTH":
            return True
        return (
            token.kind == "NUM"
            and len(token.text) == 4
            and self.peek(offset + 1).kind == "MONTH"
        )

    def parse_dates(self) -> tuple[_DateRange, ...]:
        if not self.at_date():
            return ()
        ranges = [self.parse_date_range()]
        while self.tok.kind == "COMMA" and self.at_date(1):
            self.advance()
            ranges.append(self.parse_date_range())
        return tuple(ranges)

    def parse_date_point(self) -> tuple[int | None, int, int | None, _Token, str]:
        first = self.tok
        year = None
        if self.tok.kind == "NUM" and len(self.tok.text) == 4:
            token = self.advance()
            year = int(token.text)
            if not 1900 <= year <= 2200:
                raise self.fail(_E_YEAR, token)
        if self.tok.kind != "MONTH":
            raise self.fail(_E_MONTH_EXPECTED, self.tok)
        month = int(self.advance().value)  # type: ignore[call-overload]
        day = None
        if self.tok.kind == "NUM" and len(self.tok.text) <= 2:
            token = self.advance()
            day = self.check_day(token, year, month)
        text = " ".join(
            p
            for p in (
                str(year) if year else "",
                MONTH_CODES[month - 1],
                f"{day:02d}" if day else "",
            )
            if p
        )
        return year, month, day, first, text

    def check_day(self, token: _Token, year: int | None, month: int) -> int:
        day = int(token.text)
        if not 1 <= day <= _days_in_month(year, month):
            raise self.fail(_E_DAY, token)
        return day

    def parse_date_range(self) -> _DateRange:
        start_year, start_month, start_day, first, text = self.parse_date_point()
        end_year, end_month, end_day = start_year, start_month, start_day
        after_dash = self.peek()
        if self.tok.kind == "DASH" and (
            after_dash.kind == "MONTH"
            or (after_dash.kind == "NUM" and len(after_dash.text) == 4)
            or (after_dash.kind == "NUM" and start_day is not None)
        ):
            self.advance()
            if self.tok.kind == "NUM" and len(self.tok.text) <= 2:
                # "Dec 24-26": same month
                end_day = self.check_day(self.advance(), start_year, start_month)
                if end_day < start_day:  # type: ignore[operator]
                    raise self.fail(_E_DATE_ORDER, first)
                text += f"-{end_day:02d}"
            else:
                end_year, end_month, end_day, _token, end_text = self.parse_date_point()
                text += f"-{end_text}"
        start = (start_month, start_day or 1)
        end = (end_month, end_day or _days_in_month(end_year, end_month))
        # A year on one side only: the other is the same year or the next/previous.
        if start_year is not None and end_year is None:
            end_year = start_year if end >= start else start_year + 1
        elif end_year is not None and start_year is None:
            start_year = end_year if start <= end else end_year - 1
        if start_year is not None and end_year is not None:
            if end_day is None:
                end = (end_month, _days_in_month(end_year, end_month))
            try:
                in_order = date(start_year, *start) <= date(end_year, *end)
            except ValueError:  # 29 February of a common year
                raise self.fail(_E_DAY, first) from None
            if not in_order:
                raise self.fail(_E_DATE_ORDER, first)
        return _DateRange(start, end, start_year, end_year, text)

    # -- weekdays and holidays ---------------------------------------------

    def parse_weekdays(
        self,
    ) -> tuple[tuple[_WeekdayItem, ...], bool, bool, str]:
        if self.tok.kind not in ("WEEKDAY", "PH"):
            return (), False, False, ""
        items: list[_WeekdayItem] = []
        holiday = False
        texts: list[str] = []
        while True:
            if self.tok.kind == "PH":
                self.advance()
                holiday = True
                texts.append("PH")
            else:
                item = self.parse_weekday_item()
                items.append(item)
                texts.append(item.text)
            if self.tok.kind == "COMMA" and self.peek().kind in ("WEEKDAY", "PH"):
                self.advance()
                continue
            break
        text = ",".join(texts)
        intersect = False
        if holiday and not items and self.tok.kind == "WEEKDAY":
            # "PH Mo-Fr": public holidays that fall on Monday to Friday.
            intersect = True
            more = [self.parse_weekday_item()]
            while self.tok.kind == "COMMA" and self.peek().kind == "WEEKDAY":
                self.advance()
                more.append(self.parse_weekday_item())
            items.extend(more)
            text += " " + ",".join(item.text for item in more)
        return tuple(items), holiday, intersect, text

    def parse_weekday_item(self) -> _WeekdayItem:
        if self.tok.kind != "WEEKDAY":
            raise self.fail(_E_WEEKDAY_EXPECTED, self.tok)
        first = int(self.advance().value)  # type: ignore[call-overload]
        last = first
        is_range = False
        if self.tok.kind == "DASH":
            self.advance()
            if self.tok.kind != "WEEKDAY":
                raise self.fail(_E_WEEKDAY_EXPECTED, self.tok)
            last = int(self.advance().value)  # type: ignore[call-overload]
            is_range = True
        days = frozenset((first + i) % 7 for i in range((last - first) % 7 + 1))
        text = WEEKDAY_CODES[first] + (f"-{WEEKDAY_CODES[last]}" if is_range else "")
        nth: frozenset[int] = frozenset()
        if self.tok.kind == "LBRACK":
            if is_range:
                raise self.fail(_E_NTH_ON_RANGE, self.tok)
            nth, nth_text = self.parse_nth()
            text += nth_text
        return _WeekdayItem(days, nth, text)

    def parse_nth(self) -> tuple[frozenset[int], str]:
        self.advance()  # "["
        values: set[int] = set()
        texts: list[str] = []
        while True:
            negative = False
            if self.tok.kind == "DASH":
                self.advance()
                negative = True
            token = self.tok
            if token.kind != "NUM" or not 1 <= int(token.text) <= 5:
                raise self.fail(_E_NTH, token)
            self.advance()
            number = int(token.text)
            if negative:
                values.add(-number)
                texts.append(f"-{number}")
            elif self.tok.kind == "DASH" and self.peek().kind == "NUM":
                self.advance()
                end_token = self.advance()
                end = int(end_token.text)
                if not number <= end <= 5:
                    raise self.fail(_E_NTH, end_token)
                values.update(range(number, end + 1))
                texts.append(f"{number}-{end}")
            else:
                values.add(number)
                texts.append(str(number))
            if self.tok.kind == "COMMA":
                self.advance()
                continue
            if self.tok.kind == "RBRACK":
                self.advance()
                return frozenset(values), f"[{','.join(texts)}]"
            raise self.fail(_E_NTH, self.tok)

    # -- times -------------------------------------------------------------

    def parse_times(self) -> tuple[tuple[Span, ...], str]:
        spans: list[Span] = []
        texts: list[str] = []
        while True:
            span, text = self.parse_span()
            spans.append(span)
            texts.append(text)
            if self.tok.kind == "COMMA" and self.peek().kind == "TIME":
                self.advance()
                continue
            return tuple(_merge(spans)), ",".join(texts)

    def parse_span(self) -> tuple[Span, str]:
        start_token = self.advance()
        start = self.parse_time(start_token, is_start=True)
        if self.tok.kind == "PLUS":
            raise self.fail(_E_OPEN_END, self.tok)
        if self.tok.kind != "DASH":
            raise self.fail(_E_SPAN_END, start_token)
        self.advance()
        if self.tok.kind == "NUM":
            raise self.fail(_E_TIME_FORMAT, self.tok)
        if self.tok.kind != "TIME":
            raise self.fail(_E_SPAN_END, start_token)
        end_token = self.advance()
        written_end = self.parse_time(end_token, is_start=False)
        if self.tok.kind == "PLUS":
            raise self.fail(_E_OPEN_END, self.tok)
        end = written_end
        if end <= start:  # OSM: an end at or before the start is on the next day
            end += DAY
        if end - start > DAY:
            raise self.fail(_E_SPAN_TOO_LONG, start_token)
        return (start, end), f"{_format_minutes(start)}-{_format_minutes(written_end)}"

    def parse_time(self, token: _Token, *, is_start: bool) -> int:
        match = re.fullmatch(r"(\d{2}):(\d{2})", token.text)
        if match is None:
            raise self.fail(_E_TIME_FORMAT, token)
        hours, minutes = int(match.group(1)), int(match.group(2))
        if minutes > 59:
            raise self.fail(_E_MINUTES, token)
        value = hours * 60 + minutes
        if is_start and value >= DAY:
            raise self.fail(_E_START_RANGE, token)
        if not is_start and value > 2 * DAY:
            raise self.fail(_E_END_RANGE, token)
        return value


# --------------------------------------------------------------------------
# Span arithmetic (minutes, end excluded)
# --------------------------------------------------------------------------


def _merge(spans: Iterable[Span]) -> list[Span]:
    """Sort and join overlapping or touching spans."""
    result: list[Span] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def _subtract(spans: Iterable[Span], removed: Iterable[Span]) -> list[Span]:
    result = list(spans)
    for cut_start, cut_end in removed:
        pieces: list[Span] = []
        for start, end in result:
            if cut_end <= start or end <= cut_start:
                pieces.append((start, end))
                continue
            if start < cut_start:
                pieces.append((start, cut_start))
            if cut_end < end:
                pieces.append((cut_end, end))
        result = pieces
    return _merge(result)


def _clip(spans: Iterable[Span], low: int, high: int) -> list[Span]:
    return [(max(s, low), min(e, high)) for s, e in spans if max(s, low) < min(e, high)]


def _shift(spans: Iterable[Span], offset: int) -> list[Span]:
    return [(s + offset, e + offset) for s, e in spans]


# --------------------------------------------------------------------------
# Local time
# --------------------------------------------------------------------------


def _localize(day: date, minute: int, *, later: bool) -> datetime:
    """The instant, in UTC, at ``minute`` minutes of wall-clock time after ``day``.

    Repeated wall times (October) give the first occurrence, or the second one
    when ``later``; skipped wall times (March) give the moment of the jump.
    Instants are kept in UTC because Python compares and subtracts datetimes
    sharing a tzinfo by their wall-clock time, ignoring ``fold``.
    """
    naive = datetime.combine(day, time()) + timedelta(minutes=minute)
    early = naive.replace(tzinfo=BRUSSELS, fold=0)
    late = naive.replace(tzinfo=BRUSSELS, fold=1)
    early_utc, late_utc = early.astimezone(UTC), late.astimezone(UTC)
    if early_utc == late_utc:
        return early_utc
    if early_utc < late_utc:  # repeated hour
        return late_utc if later else early_utc
    # Skipped hour: find the jump, between the two readings (minute steps).
    instant = late_utc
    while instant < early_utc and instant.astimezone(BRUSSELS).utcoffset() != (
        late.utcoffset()
    ):
        instant += timedelta(minutes=1)
    return instant


def _start_of_day(day: date) -> datetime:
    return _localize(day, 0, later=False)


def _require_aware(at: datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("A timezone-aware datetime is required.")


def _no_holidays(day: date) -> bool:
    return False


def _checker(holidays: bool | HolidayChecker | None, day: date) -> HolidayChecker:
    """A holiday checker from the ``holidays`` argument of per-day methods."""
    if holidays is None or holidays is False:
        return _no_holidays
    if holidays is True:
        return lambda other: other == day
    return holidays


# --------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """A parsed ``opening_hours`` value. Build it with :func:`parse`."""

    rules: tuple[Rule, ...]
    comments: tuple[str, ...] = ()
    source: str = ""

    # -- description -------------------------------------------------------

    @property
    def normalized(self) -> str:
        """The value rewritten in canonical form (``mo-fr 9:00`` is not valid)."""
        text = ""
        for index, rule in enumerate(self.rules):
            if index:
                text += ", " if rule.additional else "; "
            text += rule.text
        return text

    def __str__(self) -> str:
        return self.normalized

    @property
    def has_holiday_rule(self) -> bool:
        """Whether a rule mentions public holidays (``PH``)."""
        return any(rule.holiday for rule in self.rules)

    @property
    def has_date_rules(self) -> bool:
        """Whether some rules depend on the date (months, dates, ``Mo[1]``)."""
        return any(not rule.is_regular for rule in self.rules if not rule.noop)

    @property
    def is_empty(self) -> bool:
        """Whether the value says nothing about opening (comments only)."""
        return all(rule.noop for rule in self.rules)

    @property
    def is_round_the_clock(self) -> bool:
        """Whether the weekly rules never close (``24/7``, ``Mo-Su 00:00-24:00``)."""
        return self.minute_of_week_ranges() == [(0, WEEK)]

    def assume_closed_on_holidays(self) -> OpeningHours:
        """The hours as they apply on public holidays (see :func:`open_status`):
        closed on holidays unless a ``PH`` rule exists or the service never closes
        (a helpline ``Mo-Su 00:00-24:00`` does not stop on Christmas)."""
        if self.has_holiday_rule or self.is_round_the_clock:
            return self
        extra = Rule(text="PH off", holiday=True, closed=True)
        return OpeningHours(self.rules + (extra,), self.comments, self.source)

    def holiday_hours(self) -> tuple[HolidayPolicy, list[tuple[time, time]]]:
        """What happens on a public holiday, for people: ``"closed"``, ``"same"``
        (the ordinary hours of that weekday) or ``"special"``, with the holiday's
        spans when they are the same whatever the weekday."""
        effective = self.assume_closed_on_holidays()
        holiday = [effective._raw_program(None, day, True)[0] for day in range(7)]
        ordinary = [self._raw_program(None, day, False)[0] for day in range(7)]
        if not any(holiday):
            return "closed", []
        if holiday == ordinary:
            return "same", []
        if all(spans == holiday[0] for spans in holiday):
            return "special", [
                (time(start // 60, start % 60), time(end // 60 % 24, end % 60))
                for start, end in holiday[0]
            ]
        return "special", []

    # -- day programs ------------------------------------------------------

    def _raw_program(
        self, day: date | None, weekday: int, holiday: bool
    ) -> tuple[list[Span], list[Span]]:
        """Spans starting on the day, and cuts of the morning's spill-over."""
        spans: list[Span] = []
        cuts: list[Span] = []
        for rule in self.rules:
            if rule.noop or not rule.matches(day, weekday, holiday):
                continue
            if rule.closed:
                if rule.spans is None:
                    spans, cuts = [], []
                else:
                    spans = _subtract(spans, rule.spans)
                    cuts = _merge([*cuts, *_clip(rule.spans, 0, DAY)])
            elif rule.additional:
                spans = _merge([*spans, *(rule.spans or _FULL_DAY)])
            else:
                spans, cuts = list(rule.spans or _FULL_DAY), []
        return spans, cuts

    def _programs(
        self,
        first: date,
        last: date,
        holidays: HolidayChecker,
        closed_through: date | None = None,
    ) -> dict[date, list[Span]]:
        """Effective day programs from ``first`` to ``last``.

        Days up to ``closed_through`` (inclusive) have no program at all.
        """
        raw: dict[date, tuple[list[Span], list[Span]]] = {}
        day = first
        while day <= last + timedelta(days=1):
            if closed_through is not None and day <= closed_through:
                raw[day] = ([], [])
            else:
                raw[day] = self._raw_program(day, day.weekday(), holidays(day))
            day += timedelta(days=1)
        return {
            day: _subtract(spans, _shift(raw[day + timedelta(days=1)][1], DAY))
            for day, (spans, _cuts) in raw.items()
            if day <= last
        }

    def _timeline(
        self,
        first: date,
        last: date,
        holidays: HolidayChecker,
        closed_through: date | None = None,
    ) -> list[tuple[datetime, datetime]]:
        """Merged open intervals, as UTC instants, of the programs first..last."""
        intervals: list[tuple[datetime, datetime]] = []
        for day, spans in self._programs(first, last, holidays, closed_through).items():
            for start, end in spans:
                opens = _localize(day, start, later=False)
                closes = _localize(day, end, later=True)
                if opens < closes:
                    intervals.append((opens, closes))
        intervals.sort()
        merged: list[tuple[datetime, datetime]] = []
        for opens, closes in intervals:
            if merged and opens <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
            else:
                merged.append((opens, closes))
        return merged

    # -- public evaluation -------------------------------------------------

    def minutes_on(
        self, day: date, holidays: bool | HolidayChecker | None = None
    ) -> list[Span]:
        """Wall-clock spans open on the calendar day ``day``, in minutes 0-1440.

        Includes what spills over from the previous day. ``holidays`` is a
        ``date -> bool`` checker, or a bool telling whether ``day`` itself is a
        public holiday (the previous day then counts as an ordinary day).
        """
        check = _checker(holidays, day)
        programs = self._programs(day - timedelta(days=1), day, check)
        own = _clip(programs[day], 0, DAY)
        spill = _shift(_clip(programs[day - timedelta(days=1)], DAY, 2 * DAY), -DAY)
        return _merge(own + spill)

    def intervals_on(
        self, day: date, holidays: bool | HolidayChecker | None = None
    ) -> list[tuple[datetime, datetime]]:
        """Open intervals during the calendar day ``day``, as Brussels instants.

        Intervals are clipped to the day (an end at midnight is the next day's
        00:00) and include the spill-over from the previous day. See
        :meth:`minutes_on` for ``holidays``.
        """
        check = _checker(holidays, day)
        day_start = _start_of_day(day)
        day_end = _start_of_day(day + timedelta(days=1))
        result = []
        for opens, closes in self._timeline(day - timedelta(days=1), day, check):
            opens, closes = max(opens, day_start), min(closes, day_end)
            if opens < closes:
                result.append((opens.astimezone(BRUSSELS), closes.astimezone(BRUSSELS)))
        return result

    def is_open(
        self,
        at: datetime,
        holidays: HolidayChecker | None = None,
        *,
        closed_through: date | None = None,
    ) -> bool:
        """Whether open at the aware instant ``at`` (evaluated in Brussels).

        ``holidays`` tells which days are public holidays (none by default);
        days up to ``closed_through`` inclusive are closed.
        """
        _require_aware(at)
        at = at.astimezone(UTC)
        day = at.astimezone(BRUSSELS).date()
        timeline = self._timeline(
            day - timedelta(days=1), day, holidays or _no_holidays, closed_through
        )
        return any(opens <= at < closes for opens, closes in timeline)

    def next_change(
        self,
        at: datetime,
        holidays: HolidayChecker | None = None,
        horizon_days: int = 14,
        *,
        closed_through: date | None = None,
    ) -> datetime | None:
        """When it next closes (if open at ``at``) or opens (if closed).

        Returns an aware Brussels datetime, or ``None`` when nothing changes
        within ``horizon_days`` days (for example ``24/7``, or always closed).
        Inside October's repeated hour the result may have ``fold=1``; compare
        such values after ``astimezone(UTC)`` (Python's ``==`` with another
        zone is always false for them).
        """
        _require_aware(at)
        at = at.astimezone(UTC)
        day = at.astimezone(BRUSSELS).date()
        last = day + timedelta(days=horizon_days)
        horizon = _start_of_day(last + timedelta(days=1))
        timeline = self._timeline(
            day - timedelta(days=1), last, holidays or _no_holidays, closed_through
        )
        for opens, closes in timeline:
            if closes <= at:
                continue
            if opens <= at:
                return None if closes >= horizon else closes.astimezone(BRUSSELS)
            return opens.astimezone(BRUSSELS)
        return None

    def weekly_table(
        self, week_of: date | None = None, holidays: HolidayChecker | None = None
    ) -> list[tuple[int, list[tuple[time, time]]]]:
        """Spans per weekday (0 = Monday), as written: ``(start, end)`` times.

        An end at or before its start is on the next day (``(22:00, 02:00)``;
        ``(09:00, 00:00)`` closes at midnight, ``(00:00, 00:00)`` is 24 hours).
        Without ``week_of``, only the rules that recur every week count (no
        ``PH``, dates or ``Mo[1]``; see :attr:`has_holiday_rule`,
        :attr:`has_date_rules`); with it, the actual week containing that date.
        """
        if week_of is None:
            programs = self._weekly_programs()
        else:
            monday = week_of - timedelta(days=week_of.weekday())
            by_day = self._programs(
                monday, monday + timedelta(days=6), holidays or _no_holidays
            )
            programs = list(by_day.values())
        return [
            (
                weekday,
                [
                    (time(start // 60, start % 60), time(end // 60 % 24, end % 60))
                    for start, end in spans
                ],
            )
            for weekday, spans in enumerate(programs)
        ]

    def _weekly_programs(self) -> list[list[Span]]:
        raw = [self._raw_program(None, weekday, False) for weekday in range(7)]
        return [
            _subtract(raw[weekday][0], _shift(raw[(weekday + 1) % 7][1], DAY))
            for weekday in range(7)
        ]

    def minute_of_week_ranges(self) -> list[Span]:
        """Weekly open ranges in minutes from Monday 00:00 (0 to 10080).

        Only rules that recur every week count (as in :meth:`weekly_table`);
        ranges over Sunday midnight are split in two; ends are excluded.
        """
        ranges: list[Span] = []
        for weekday, spans in enumerate(self._weekly_programs()):
            for start, end in _shift(spans, weekday * DAY):
                if end <= WEEK:
                    ranges.append((start, end))
                else:
                    ranges.extend([(start, WEEK), (0, end - WEEK)])
        return _merge(ranges)


# --------------------------------------------------------------------------
# Module API
# --------------------------------------------------------------------------


def parse(text: str) -> OpeningHours:
    """Parse an ``opening_hours`` value; raise :class:`OpeningHoursError`."""
    if not text or not text.strip():
        raise OpeningHoursError(_E_EMPTY, position=0)
    return _Parser(text).parse()


def validate(text: str) -> list[str]:
    """Error messages for ``text`` (empty when valid), in the active language."""
    try:
        parse(text)
    except OpeningHoursError as error:
        return [error.message]
    return []


def opening_hours_validator(value: str) -> None:
    """Django validator for model and form fields (blank values pass)."""
    if not value or not value.strip():
        return
    try:
        parse(value)
    except OpeningHoursError as error:
        raise ValidationError(error.message, code="invalid_opening_hours") from error


def minute_of_week_ranges(hours: str | OpeningHours) -> list[Span]:
    """:meth:`OpeningHours.minute_of_week_ranges` of a value or parsed hours."""
    parsed = parse(hours) if isinstance(hours, str) else hours
    return parsed.minute_of_week_ranges()


Reason = Literal["hours", "holiday", "closure", "unknown"]
HolidayPolicy = Literal["closed", "same", "special"]


@dataclass(frozen=True, slots=True)
class OpenStatus:
    """Whether a service is open now, and why.

    ``reason`` is ``"closure"`` during an exceptional closure, ``"holiday"``
    when a public holiday changes the answer (closed on a holiday, or open
    with special ``PH`` hours), ``"unknown"`` when the hours are missing,
    invalid or comments only, and ``"hours"`` otherwise.
    """

    is_open: bool
    next_change: datetime | None
    reason: Reason


def open_status(
    hours: str | OpeningHours | None,
    at: datetime,
    community: str | None = None,
    closed_until: date | None = None,
) -> OpenStatus:
    """Open status of a service at the aware instant ``at``, for badges.

    Public holidays are those of :mod:`places.holidays` for ``community``
    (``"fr"``, ``"nl"``, ``"de"``, ``"bi"`` or ``None``).

    Holiday policy: OSM says that without a ``PH`` rule, the ordinary weekday
    rules also apply on public holidays. Social services almost always close
    on public holidays, and a value such as ``Mo-Fr 09:00-17:00`` is rarely
    meant to include Easter Monday, so **when the value has no ``PH`` rule at
    all, public holidays are treated as closed** (as if ``; PH off`` were
    appended) — **unless the service never closes**: a helpline open
    ``Mo-Su 00:00-24:00`` (24/7) is open on Christmas too. As soon as a ``PH`` rule
    exists, OSM semantics apply.

    ``closed_until`` is an exceptional closure: closed through that date
    inclusive (Brussels calendar days), whatever the hours say.

    Invalid hours give ``reason="unknown"`` instead of an exception: validate
    values when they are saved (:func:`opening_hours_validator`).
    """
    _require_aware(at)
    today = at.astimezone(BRUSSELS).date()
    parsed: OpeningHours | None
    if isinstance(hours, OpeningHours):
        parsed = hours
    else:
        try:
            parsed = parse(hours or "")
        except OpeningHoursError:
            parsed = None
    if parsed is not None and parsed.is_empty:
        parsed = None
    in_closure = closed_until is not None and today <= closed_until
    if parsed is None:
        return OpenStatus(False, None, "closure" if in_closure else "unknown")

    from places.holidays import holiday_checker

    checker = holiday_checker(community)
    effective = parsed.assume_closed_on_holidays()
    horizon = 14
    if in_closure:
        horizon += (closed_until - today).days  # type: ignore[operator]
    is_open = effective.is_open(at, checker, closed_through=closed_until)
    next_change = effective.next_change(
        at, checker, horizon, closed_through=closed_until
    )
    if in_closure or (not is_open and effective.is_open(at, checker)):
        reason: Reason = "closure"
    elif is_open != effective.is_open(at, _no_holidays):
        reason = "holiday"
    else:
        reason = "hours"
    return OpenStatus(is_open, next_change, reason)
