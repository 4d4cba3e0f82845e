"""Which service at which antenna a result is about: "Permanence sociale sans
rendez-vous" under an antenna found by "free + walk-in now" or by the words
"colis alimentaire". Computed for the page shown only, its rows fetched in a
fixed number of queries whatever the number of results."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from core.search_contracts import Selection
from core.text import folded_words
from directory.models import Antenna, Category, Organisation, ServiceAtLocation
from directory.service_filters import (
    LANGUAGE_FACET,
    asks_services,
    live_offers,
    offer_matches,
    word_match,
)

CATEGORY_FACET = "category"
MIN_WORD = 4  # shorter words ("de", "la", "het") name no service


def _offers_queryset():
    return ServiceAtLocation.objects.select_related("service").prefetch_related(
        "service__languages",
        Prefetch(
            "service__categories",
            queryset=Category.objects.select_related("parent__parent__parent"),
        ),
    )


def prefetch_offers(antennas: list) -> None:
    """The services of ``antennas`` and what the filters read, in bulk."""
    prefetch_related_objects(
        antennas,
        "languages",
        "organisation__languages",
        Prefetch("service_locations", queryset=_offers_queryset()),
    )


def _in_category(offer, slug: str) -> bool:
    for category in offer.service.categories.all():
        if category.slug == slug or any(a.slug == slug for a in category.ancestors()):
            return True
    return False


def matching(
    offers: list, selection: Selection, moment: datetime, words: tuple[str, ...] = ()
) -> list:
    """The offers a result shows as matched: those meeting the service filters
    and the category asked, narrowed to those the words name (when some do)."""
    filtered = asks_services(selection) or bool(selection.values.get(LANGUAGE_FACET))
    categories = selection.values.get(CATEGORY_FACET) or ()
    found = offers
    if filtered:
        found = [o for o in found if offer_matches(o, selection, moment)]
    if categories:
        found = [o for o in found if any(_in_category(o, c) for c in categories)]
    named = [o for o in found if word_match(o, words)] if words else []
    if named:
        return named
    return found if (filtered or categories) else []


def query_words(text: str) -> tuple[str, ...]:
    return tuple(
        w for w in dict.fromkeys(folded_words(text or "")) if len(w) >= MIN_WORD
    )


def annotate_results(
    objects: list, selection: Selection, text: str, moment: datetime | None = None
) -> None:
    """Set ``matched_services`` (offers, each with its ``service`` and
    ``antenna``) on the antennas and organisations among ``objects``."""
    moment = moment or timezone.now()
    words = query_words(text)
    antennas = [obj for obj in objects if isinstance(obj, Antenna)]
    organisations = [obj for obj in objects if isinstance(obj, Organisation)]
    if organisations:
        prefetch_related_objects(
            organisations,
            Prefetch(
                "antennas",
                queryset=Antenna.objects.select_related("commune"),
                to_attr="antennas_for_matches",
            ),
        )
    nested = [a for org in organisations for a in org.antennas_for_matches]
    prefetch_offers(antennas + nested)
    for antenna in antennas:
        antenna.matched_services = matching(
            live_offers(antenna), selection, moment, words
        )
    for organisation in organisations:
        offers = [
            offer
            for antenna in organisation.antennas_for_matches
            for offer in live_offers(antenna)
        ]
        organisation.matched_services = matching(offers, selection, moment, words)
