"""Belgian public holidays, federal and community.

The federal list comes from the ``holidays`` package
(``holidays.country_holidays("BE")``): New Year, Easter Sunday and Monday,
1 May, Ascension, Whit Sunday and Monday, 21 July, 15 August, 1 November,
11 November and 25 December. Easter Sunday and Whit Sunday are legal holidays
too; they always fall on a Sunday.

On top of it, each community has its own holiday, on which the services it
funds or recognises usually close:

* ``"fr"`` — French-speaking community (Fédération Wallonie-Bruxelles):
  27 September;
* ``"nl"`` — Flemish community: 11 July;
* ``"de"`` — German-speaking community: 15 November;
* ``"bi"`` — bicommunity services (Brussels COCOM/GGC, bilingual federal
  services): they depend on neither community, so **only the federal list**
  applies. This is a deliberate choice: such services are not bound by either
  community holiday, and closing on both would under-report their opening
  days. A service that does close on 27 September or 11 July should say so in
  its opening hours (for example ``Sep 27 off``);
* ``None`` — unknown or not applicable: the federal list only, as for ``"bi"``.

Names are given in French or Dutch (and German or English, which the
``holidays`` package also supports).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

import holidays as holidays_lib

__all__ = [
    "COMMUNITIES",
    "LANGUAGES",
    "holiday_checker",
    "holiday_name",
    "holidays_between",
    "is_public_holiday",
    "next_public_holiday",
    "public_holidays",
]

COMMUNITIES: frozenset[str | None] = frozenset({"fr", "nl", "de", "bi", None})
"""Accepted values for ``community`` arguments."""

LANGUAGES: frozenset[str] = frozenset({"fr", "nl", "de", "en"})
"""Languages in which holiday names can be returned."""

# (month, day) and names of the community holidays, by community.
_COMMUNITY_HOLIDAYS: dict[str, tuple[int, int, dict[str, str]]] = {
    "fr": (
        9,
        27,
        {
            "fr": "Fête de la Fédération Wallonie-Bruxelles",
            "nl": "Feestdag van de Franse Gemeenschap",
            "de": "Feiertag der Französischen Gemeinschaft",
            "en": "French Community Holiday",
        },
    ),
    "nl": (
        7,
        11,
        {
            "fr": "Fête de la Communauté flamande",
            "nl": "Feestdag van de Vlaamse Gemeenschap",
            "de": "Feiertag der Flämischen Gemeinschaft",
            "en": "Flemish Community Holiday",
        },
    ),
    "de": (
        11,
        15,
        {
            "fr": "Fête de la Communauté germanophone",
            "nl": "Feestdag van de Duitstalige Gemeenschap",
            "de": "Tag der Deutschsprachigen Gemeinschaft",
            "en": "German-speaking Community Holiday",
        },
    ),
}

# Language codes of the ``holidays`` package.
_PACKAGE_LANGUAGES = {"fr": "fr", "nl": "nl", "de": "de", "en": "en_US"}


def _check_community(community: str | None) -> None:
    if community not in COMMUNITIES:
        raise ValueError(
            f"Unknown community {community!r}; expected one of 'fr', 'nl', 'de', "
            "'bi' or None."
        )


def _normalize_language(language: str) -> str:
    """``"fr-be"``, ``"nl_BE"`` → ``"fr"``, ``"nl"``; reject unsupported ones."""
    code = language.replace("_", "-").split("-")[0].lower()
    if code not in LANGUAGES:
        raise ValueError(f"Unsupported language {language!r} for holiday names.")
    return code


@lru_cache(maxsize=128)
def _federal(year: int, language: str) -> dict[date, str]:
    calendar = holidays_lib.country_holidays(
        "BE", years=year, language=_PACKAGE_LANGUAGES[language]
    )
    return dict(sorted(calendar.items()))


@lru_cache(maxsize=256)
def _year_holidays(year: int, community: str | None, language: str) -> dict[date, str]:
    result = dict(_federal(year, language))
    if community in _COMMUNITY_HOLIDAYS:
        month, day, names = _COMMUNITY_HOLIDAYS[community]
        result[date(year, month, day)] = names[language]
    return dict(sorted(result.items()))


def public_holidays(
    year: int, community: str | None = None, language: str = "fr"
) -> dict[date, str]:
    """All public holidays of ``year`` for ``community``, as ``{date: name}``.

    The dictionary is sorted by date and must not be modified (it is cached).
    """
    _check_community(community)
    return _year_holidays(year, community, _normalize_language(language))


def is_public_holiday(day: date, community: str | None = None) -> bool:
    """Whether ``day`` is a public holiday for services of ``community``."""
    return day in public_holidays(day.year, community)


def holiday_name(
    day: date, community: str | None = None, language: str = "fr"
) -> str | None:
    """The name of the holiday on ``day`` in ``language``, or ``None``."""
    return public_holidays(day.year, community, language).get(day)


def holidays_between(
    start: date, end: date, community: str | None = None, language: str = "fr"
) -> list[tuple[date, str]]:
    """The holidays from ``start`` to ``end`` (both inclusive), in date order."""
    result: list[tuple[date, str]] = []
    for year in range(start.year, end.year + 1):
        result.extend(
            (day, name)
            for day, name in public_holidays(year, community, language).items()
            if start <= day <= end
        )
    return result


def holiday_checker(community: str | None = None) -> Callable[[date], bool]:
    """A ``date -> bool`` function for ``community``, for the opening-hours code."""
    _check_community(community)

    def check(day: date) -> bool:
        return is_public_holiday(day, community)

    return check


def next_public_holiday(
    after: date, community: str | None = None, language: str = "fr"
) -> tuple[date, str] | None:
    """The first holiday strictly after ``after`` (within a year and a day)."""
    found = holidays_between(
        after + timedelta(days=1), after + timedelta(days=367), community, language
    )
    return found[0] if found else None
