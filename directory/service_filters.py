"""Filters at the level of the service: "walk-in now", "free", "no referral
needed", "anonymous" and the language spoken — all holding for the *same*
service at the same antenna.

One computation, three uses: the index documents (:func:`trait_tokens`,
:func:`trait_week`, :func:`trait_holiday`, read by the antennas' and
organisations' ``FilterField``s ``traits``, ``trait_week`` and
``trait_holiday``), the database backends and the near-me lookup
(:func:`offer_matches`, on objects).

How "the same service" is kept in an index that has no sub-documents: each
service offered at an antenna adds

- a token per combination of its yes/no traits and language
  (``anonymous+free@ar``, ``free``…): the filters ticked ask for the one token
  of their combination;
- its walk-in hours at that antenna (``effective_walk_in_hours``) as
  minute-of-week ranges shifted by a multiple of a week proper to each such
  combination (and the holiday hours by a multiple of a day): "walk-in now"
  asks for the current minute at the shift of the combination ticked.

What remains approximate: an organisation's document mixes its antennas (as
"open now" does): the closure and holiday community of one antenna may count
for another one's walk-in hours there; the antenna's own document is exact.
A language code with characters other than ``a``–``z`` cannot be told apart
from "no language" in the walk-in ranges.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from itertools import combinations

from core.search_contracts import Selection
from core.text import folded_words
from directory.open_now import status_at
from directory.search_documents import DAY, WEEK, holiday_ranges, weekly_ranges

WALK_IN_NOW = "walk_in_now"
FREE = "free"
NO_REFERRAL = "no_referral"
ANONYMOUS = "anonymous"
# The yes/no traits, in the order of their bits in a combination's number.
TRAITS = (ANONYMOUS, FREE, NO_REFERRAL)
SERVICE_CONDITIONS = (WALK_IN_NOW, FREE, NO_REFERRAL, ANONYMOUS)
LANGUAGE_FACET = "language"
ACTIVE = "active"
# Room for every code of up to three letters (27³ numbers) in a signed 32-bit
# range field: 8 · 27³ combinations of a week each stay below 2³¹.
LANGUAGE_BASE = 27


def traits_of(service) -> set[str]:
    traits = set()
    if service.is_free:
        traits.add(FREE)
    if not service.referral_required:
        traits.add(NO_REFERRAL)
    if service.is_anonymous:
        traits.add(ANONYMOUS)
    return traits


def live_offers(antenna) -> list:
    """The services offered at ``antenna`` that a visitor may use (active, at a
    published antenna receiving the public); reads the prefetched rows."""
    if not (antenna.live and antenna.receives_public):
        return []
    return [
        offer
        for offer in antenna.service_locations.all()
        if offer.service.status == ACTIVE
    ]


def languages_of(offer) -> list[str]:
    """The service's languages, else the antenna's, else the organisation's."""
    for languages in (
        offer.service.languages.all(),
        offer.antenna.languages.all(),
        offer.antenna.organisation.languages.all(),
    ):
        codes = [language.code for language in languages]
        if codes:
            return sorted(codes)
    return []


def token(traits: Iterable[str], language: str | None = None) -> str:
    """A combination of traits and a language as the index holds it."""
    text = "+".join(sorted(traits))
    return f"{text}@{language}" if language else text


def _subsets(traits: set[str]) -> list[tuple[str, ...]]:
    ordered = sorted(traits)
    return [c for size in range(len(ordered) + 1) for c in combinations(ordered, size)]


def language_number(code: str | None) -> int:
    number = 0
    for char in (code or "").lower()[:3]:
        number = number * LANGUAGE_BASE + (ord(char) - 96 if "a" <= char <= "z" else 0)
    return number


def combination_number(traits: Iterable[str], language: str | None) -> int:
    mask = sum(1 << TRAITS.index(trait) for trait in traits if trait in TRAITS)
    return mask + (1 << len(TRAITS)) * language_number(language)


def offsets(traits: Iterable[str], languages: Iterable[str | None]) -> list:
    """``(week offset, holiday offset)`` of each combination wanted."""
    traits = list(traits)
    return [
        (number * WEEK, number * DAY)
        for number in sorted(
            {combination_number(traits, language) for language in languages}
        )
    ]


def _combinations(offer) -> list[tuple[tuple[str, ...], str | None]]:
    languages = [None, *languages_of(offer)]
    return [
        (subset, language)
        for subset in _subsets(traits_of(offer.service))
        for language in languages
    ]


# --- The index documents ---------------------------------------------------------


def trait_tokens(offers: Iterable) -> list[str]:
    tokens = {
        token(subset, language)
        for offer in offers
        for subset, language in _combinations(offer)
        if subset
    }
    return sorted(tokens)


def _shifted(offers: Iterable, ranges_of, unit: int) -> list[dict]:
    shifted = []
    for offer in offers:
        ranges = ranges_of(offer.effective_walk_in_hours())
        if not ranges:
            continue
        numbers = {combination_number(s, lang) for s, lang in _combinations(offer)}
        for number in sorted(numbers):
            shifted.extend(
                {"gte": r["gte"] + number * unit, "lt": r["lt"] + number * unit}
                for r in ranges
            )
    return shifted


def trait_week(offers: Iterable) -> list[dict]:
    return _shifted(offers, weekly_ranges, WEEK)


def trait_holiday(offers: Iterable) -> list[dict]:
    return _shifted(offers, holiday_ranges, DAY)


def offer_languages(offers: Iterable) -> set[str]:
    return {code for offer in offers for code in languages_of(offer)}


def offer_words(offers: Iterable, code: str) -> str:
    """The names and descriptions of the services, in one language."""
    words = []
    for service in dict.fromkeys(offer.service for offer in offers):
        for field in ("name", "description"):
            value = getattr(service, f"{field}_{code}", "") or ""
            if value:
                words.append(value)
    return " ".join(words)


# --- Tests on objects (database backends, near-me, what matched) ----------------


def wanted_traits(selection: Selection) -> set[str]:
    return set(selection.conditions) & set(TRAITS)


def walk_in_open(offer, moment: datetime) -> bool:
    hours = offer.effective_walk_in_hours()
    if not hours:
        return False
    antenna = offer.antenna
    region = antenna.commune.region if antenna.commune else None
    community = antenna.organisation.holiday_community(region)
    return status_at(hours, moment, community, antenna.closed_until).is_open


def offer_matches(offer, selection: Selection, moment: datetime) -> bool:
    """Whether one service at one antenna meets every service filter asked."""
    if not wanted_traits(selection) <= traits_of(offer.service):
        return False
    languages = selection.values.get(LANGUAGE_FACET)
    if languages and not set(languages) & set(languages_of(offer)):
        return False
    return WALK_IN_NOW not in selection.conditions or walk_in_open(offer, moment)


def asks_services(selection: Selection) -> bool:
    return bool(set(selection.conditions) & set(SERVICE_CONDITIONS))


def word_match(offer, words: tuple[str, ...]) -> bool:
    """Whether the service's name or description holds one of ``words``
    (folded: accents and case aside)."""
    service = offer.service
    text = " ".join(
        getattr(service, f"{field}_{code}", "") or ""
        for field in ("name", "description")
        for code in ("fr", "nl")
    )
    held = set(folded_words(text))
    return any(word in held for word in words)
