"""The service filters as search conditions (:class:`core.search_contracts.
Condition`, ``joint``): the engine's query, the SQL on the ``search_document``
row and the test on an object, each for the whole :class:`Selection` at once
(see :mod:`directory.service_filters` for the index design)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import pgettext_lazy

from core.search_contracts import Condition, Selection
from directory.models import Antenna, Organisation
from directory.open_now import shifted_database_clause, shifted_engine_clause
from directory.service_filters import (
    ANONYMOUS,
    FREE,
    LANGUAGE_FACET,
    NO_REFERRAL,
    WALK_IN_NOW,
    live_offers,
    offer_matches,
    offsets,
    token,
    wanted_traits,
)

LABELS = {
    WALK_IN_NOW: pgettext_lazy("service filter", "Walk-in now (no appointment)"),
    FREE: pgettext_lazy("service filter", "Free"),
    NO_REFERRAL: pgettext_lazy("service filter", "No referral needed"),
    ANONYMOUS: pgettext_lazy("service filter", "Anonymous"),
}


def _languages(selection: Selection) -> list[str | None]:
    return list(selection.values.get(LANGUAGE_FACET) or ()) or [None]


def _tokens(selection: Selection) -> list[str]:
    traits = wanted_traits(selection)
    return [token(traits, language) for language in _languages(selection)]


def engine_clause(moment: datetime, selection: Selection) -> dict:
    if WALK_IN_NOW in selection.conditions:
        return shifted_engine_clause(
            moment,
            ("trait_week_filter", "trait_holiday_filter"),
            offsets(wanted_traits(selection), _languages(selection)),
        )
    return {"terms": {"traits_filter": _tokens(selection)}}


def database_clause(moment: datetime, selection: Selection) -> tuple[str, list]:
    if WALK_IN_NOW in selection.conditions:
        return shifted_database_clause(
            moment,
            ("trait_week", "trait_holiday"),
            offsets(wanted_traits(selection), _languages(selection)),
        )
    return "(d.traits && %s::text[])", [_tokens(selection)]


def _antennas(obj) -> list:
    if isinstance(obj, Antenna):
        return [obj] if obj.organisation.live else []
    if isinstance(obj, Organisation):
        return list(obj.antennas.all())
    return []


def holds(obj, moment: datetime, selection: Selection) -> bool:
    """A service at the antenna (or at one of the organisation's) meets all."""
    return any(
        offer_matches(offer, selection, moment)
        for antenna in _antennas(obj)
        for offer in live_offers(antenna)
    )


def conditions() -> list[Condition]:
    return [
        Condition(
            name,
            LABELS[name],
            engine_clause,
            holds,
            database_clause=database_clause,
            joint=True,
        )
        for name in (WALK_IN_NOW, FREE, NO_REFERRAL, ANONYMOUS)
    ]
