"""Every "where" of the portal: parsing what people type, and geocoding antennas.

- :func:`parse_where` turns a postcode, a commune name (French, Dutch or German), a
  ``lat, lon`` pair or an address into a :class:`Where`, or raises :class:`WhereError`
  with a message for the visitor.
- A :class:`Geocoder` locates an address: :class:`OfflineGeocoder` knows only the
  gazetteer (one representative point per commune), :class:`NominatimGeocoder` asks
  OpenStreetMap's Nominatim, caches every answer in :class:`GeocodedAddress` and falls
  back to the offline geocoder. :func:`get_geocoder` picks one from ``GEOCODER``.
- :func:`geocode_antenna` stores an antenna's coordinates, never over hand-set ones.

The gazetteer (communes and postcodes) is read once per process into an in-memory
index; :func:`clear_gazetteer_cache` drops it (tests, or after editing the gazetteer).
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import math
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal, Protocol

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from core.text import folded_words
from places.distance import distance_km
from places.models import Commune, GeocodedAddress, Postcode, Precision

if TYPE_CHECKING:
    from geopy.location import Location

logger = logging.getLogger(__name__)

WherePrecision = Literal["point", "address", "street", "postcode", "commune"]

# The bounds Antenna.clean() accepts: Belgium's bounding box plus a small margin.
BELGIUM_LATITUDES = (49.4, 51.6)
BELGIUM_LONGITUDES = (2.5, 6.5)

# A Nominatim answer further than this from the commune's representative point is
# a homonym elsewhere, not the address asked for (the widest communes are ~20 km).
MAX_DISTANCE_FROM_COMMUNE_KM = 25.0


class WhereError(ValueError):
    """What the visitor typed is no place we know; ``str(error)`` says why.

    ``code`` is ``"unknown"``, ``"outside"`` (coordinates outside Belgium),
    ``"mismatch"`` (a postcode and a commune that don't go together) or
    ``"ambiguous"`` (a short name several communes share, "Woluwe": ``choices``).
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "unknown",
        text: str = "",
        choices: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.text = text
        self.choices = tuple(choices)  # "ambiguous": the communes' names to offer


@dataclass(frozen=True)
class Where:
    """A place: a point, how precise it is, and the communes it belongs to.

    ``communes`` holds REFNIS codes: one for a commune or an address, one or more for
    a postcode (1040, 1050 and 1804 span two communes). Bare coordinates get the
    commune :func:`commune_at` estimates: the gazetteer has no boundaries, so
    ``commune_estimated`` says so and ``commune_distance_km`` is the distance to the
    nearest known place of that commune, for the page to show honestly. ``label`` is
    in the language that was active when the place was parsed.
    """

    latitude: float
    longitude: float
    precision: WherePrecision
    communes: tuple[str, ...] = ()
    postcode: str | None = None
    label: str = ""
    commune_estimated: bool = False
    commune_distance_km: float | None = None
    # What the visitor typed, when it was read as another name ("Shaerbeek").
    corrected_from: str = ""

    def __str__(self) -> str:
        return self.label

    @property
    def commune_name(self) -> str:
        """The first commune's name in the active language ("" without one)."""
        entries = get_gazetteer().communes
        for refnis in self.communes:
            if refnis in entries:
                return entries[refnis].name()
        return ""

    @property
    def regions(self) -> set[str]:
        entries = get_gazetteer().communes
        return {entries[r].region for r in self.communes if r in entries}

    @property
    def commune_ids(self) -> tuple[int, ...]:
        """Primary keys of :attr:`communes`, for ``served_communes__in=…`` filters."""
        entries = get_gazetteer().communes
        return tuple(
            entries[refnis].pk for refnis in self.communes if refnis in entries
        )


@dataclass(frozen=True)
class GeocodeResult:
    """A geocoder's answer; ``precision`` is a :class:`Precision` value."""

    latitude: float
    longitude: float
    precision: str
    provider: str


class Geocoder(Protocol):
    def geocode_address(
        self, street: str, number: str, postcode: str, commune: Commune | None
    ) -> GeocodeResult | None:
        """The point of this address, or None when nothing at all is known of it."""
        ...


# --- The gazetteer index ----------------------------------------------------------


@dataclass(frozen=True)
class GazetteerCommune:
    pk: int
    refnis: str
    name_fr: str
    name_nl: str
    latitude: float
    longitude: float
    region: str = ""

    def name(self, language: str | None = None) -> str:
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        return self.name_nl if language.startswith("nl") else self.name_fr


@dataclass(frozen=True)
class Gazetteer:
    communes: dict[str, GazetteerCommune]  # by REFNIS code
    names: dict[str, str]  # name key (see name_key()) → REFNIS code
    postcodes: dict[str, tuple[str, ...]]  # postcode → REFNIS codes
    # Part of a name people use alone ("Molenbeek", "Saint-Josse", "Woluwe") →
    # every commune whose name has it.
    short_names: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def lookup(self, text: str) -> str | None:
        """The REFNIS code of the commune named ``text``, in any language."""
        words = normalise_place_name(text).split()
        for variant in _abbreviation_variants(words):
            refnis = self.names.get("".join(variant))
            if refnis:
                return refnis
        return None

    def lookup_short(self, text: str) -> tuple[str, ...]:
        """The communes whose name contains ``text`` as whole words ("St-Josse")."""
        words = normalise_place_name(text).split()
        for variant in _abbreviation_variants(words):
            found = self.short_names.get("".join(variant))
            if found:
                return found
        return ()

    def lookup_typo(self, text: str) -> tuple[str, ...]:
        """The communes a misspelt name most likely means ("Shaerbeek"), by the
        closeness of the search's "did you mean" (difflib), best first.

        The cut-off is a little stricter than the search's 0.8: at 0.8 a five-letter
        name one letter away from another commune's ("Haren", a part of Brussels
        the gazetteer does not list, and Halen) would be taken for it.
        """
        key = name_key(text)
        if len(key) < 4:
            return ()
        matches = difflib.get_close_matches(
            key, [*self.names, *self.short_names], n=4, cutoff=0.85
        )
        found: list[str] = []
        for match in matches:
            for refnis in (
                (self.names[match],) if match in self.names else self.short_names[match]
            ):
                if refnis not in found:
                    found.append(refnis)
        return tuple(found)


# Common names people use that are in no column of the gazetteer.
NAME_ALIASES = {
    "brussels": "21004",
    "brussels city": "21004",
    "bruxelles ville": "21004",
    "brussel stad": "21004",
    "antwerp": "11002",
    "ghent": "44021",
    "ostend": "35013",
}

_gazetteer: Gazetteer | None = None
_gazetteer_lock = threading.Lock()


def normalise_place_name(text: str) -> str:
    """Lower-case words without accents or punctuation.

    ``"Braine-l’Alleud"`` and ``"braine l'alleud"`` both give ``"braine l alleud"``.
    """
    return " ".join(folded_words(text))


def name_key(text: str) -> str:
    """A name's index key: normalised, no spaces ("Saint Gilles" = "Saint-Gilles")."""
    return normalise_place_name(text).replace(" ", "")


def _abbreviation_variants(words: Sequence[str]) -> Iterator[Sequence[str]]:
    """``words`` as typed, then with "St"/"Ste" spelled out (French and Dutch)."""
    yield words
    if "st" in words or "ste" in words:
        for saint in ("saint", "sint"):
            yield [{"st": saint, "ste": "sainte"}.get(word, word) for word in words]


def get_gazetteer() -> Gazetteer:
    """The in-memory index of communes and postcodes, built on first use."""
    global _gazetteer
    gazetteer = _gazetteer
    if gazetteer is not None:
        return gazetteer
    with _gazetteer_lock:
        if _gazetteer is None:
            _gazetteer = _build_gazetteer()
        return _gazetteer


def clear_gazetteer_cache() -> None:
    global _gazetteer
    with _gazetteer_lock:
        _gazetteer = None


def _build_gazetteer() -> Gazetteer:
    communes: dict[str, GazetteerCommune] = {}
    names: dict[str, str] = {}
    short: dict[str, set[str]] = {}
    regions = dict(Commune.objects.values_list("refnis", "region"))
    rows = Commune.objects.order_by("refnis").values_list(
        "pk", "refnis", "name_fr", "name_nl", "name_de", "latitude", "longitude"
    )
    for pk, refnis, name_fr, name_nl, name_de, latitude, longitude in rows:
        name_fr, name_nl = name_fr or name_nl, name_nl or name_fr
        communes[refnis] = GazetteerCommune(
            pk, refnis, name_fr, name_nl, latitude, longitude, regions.get(refnis, "")
        )
        for value in (name_fr, name_nl, name_de):
            if value:
                names.setdefault(name_key(value), refnis)
                for part in _name_parts(value):
                    short.setdefault(part, set()).add(refnis)
    for alias, refnis in NAME_ALIASES.items():
        if refnis in communes:
            names.setdefault(name_key(alias), refnis)
    postcodes: dict[str, list[str]] = {}
    pairs = Postcode.objects.order_by("code", "commune__refnis").values_list(
        "code", "commune__refnis"
    )
    for code, refnis in pairs:
        postcodes.setdefault(code, []).append(refnis)
    return Gazetteer(
        communes=communes,
        names=names,
        postcodes={code: tuple(refnis) for code, refnis in postcodes.items()},
        short_names={
            key: tuple(sorted(found))
            for key, found in short.items()
            if key not in names  # a whole name is never a short one
        },
    )


# Words that never make a short name alone: "Saint", "ten", "la"…
_NAME_LINKS = frozenset(
    "saint sainte sint st ste ten te de du des d la le l lez les sur sous en op aan "
    "van der den het over bij".split()
)


_SAINTS = frozenset("saint sainte sint st ste".split())


def _name_parts(name: str) -> Iterator[str]:
    """The runs of whole words of a commune's name that people use alone:
    "Molenbeek" and "Saint-Jean" in "Molenbeek-Saint-Jean", "Saint-Josse" in
    "Saint-Josse-ten-Noode", "Woluwe" in "Woluwe-Saint-Lambert"."""
    words = normalise_place_name(name).split()
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            if (start, end) == (0, len(words)):
                continue
            run = words[start:end]
            if run[-1] in _NAME_LINKS:
                continue
            if run[0] in _NAME_LINKS and (run[0] not in _SAINTS or len(run) == 1):
                continue
            if len("".join(run)) < 4:
                continue
            yield "".join(run)


# --- Parsing what people type -----------------------------------------------------

_NUMBER = r"[-+]?\d{1,3}"
# "50.85,4.35", "50.85, 4.35", "50.85 4.35", "50.85;4.35" (decimal points)…
_COORDINATES_POINT = re.compile(
    rf"^\(?\s*({_NUMBER}(?:\.\d+)?)\s*(?:[,;]|\s)\s*({_NUMBER}(?:\.\d+)?)\s*\)?$"
)
# …and "50,85; 4,35" or "50,85 4,35" (decimal commas).
_COORDINATES_COMMA = re.compile(
    rf"^\(?\s*({_NUMBER}(?:,\d+)?)\s*(?:;|\s)\s*({_NUMBER}(?:,\d+)?)\s*\)?$"
)
_POSTCODE = re.compile(r"(?<![\w-])(?:[Bb]-?)?(\d{4})(?!\w)")
_COUNTRY = re.compile(
    r"[\s,;]*\b(?:belgique|belgi[eë]|belgium|belgien)\b\.?\s*$", re.IGNORECASE
)
_BOX = re.compile(
    r"[\s,]*\b(?:bte|bo[iî]te|bt|bus|box)\b\.?\s*[\w/-]+\s*$", re.IGNORECASE
)
_NUMBER_LAST = re.compile(
    r"^(?P<street>.*?\D)[\s,]*(?P<number>\d+\s?[a-zA-Z]?(?:\s*[-/]\s*\d+[a-zA-Z]?)?)$"
)
_NUMBER_FIRST = re.compile(r"^(?P<number>\d+[a-zA-Z]?)[\s,]+(?P<street>\D.*)$")
# A word before a commune name that makes it part of a street name instead:
# "Chaussée de Louvain", "Rue de Mons", "Steenweg op Gent".
_STREET_PREPOSITIONS = frozenset(
    "de du des d la le l van der den op naar aan sur lez".split()
)
_MAX_NAME_WORDS = 6


def parse_where(text: str, *, geocoder: Geocoder | None = None) -> Where | None:
    """What ``text`` designates, or None when it is blank.

    Accepts a postcode ("1030"), a commune in French, Dutch or German ("Schaarbeek",
    "saint gilles", "Braine-l'Alleud"), coordinates ("50.85, 4.35") and an address
    ("Rue Royale 12, 1030 Schaerbeek"). An address is located by ``geocoder``
    (default: :func:`get_geocoder`); when it can't do better than the commune, the
    postcode or commune found in the text is the answer.

    Raises :class:`WhereError` for anything else.
    """
    text = " ".join((text or "").split())
    if not text:
        return None
    where = _parse_coordinates(text)
    if where is not None:
        return where
    gazetteer = get_gazetteer()
    refnis = gazetteer.lookup(text)
    if refnis:
        return _commune_where(gazetteer.communes[refnis])
    found = gazetteer.lookup_short(text)
    if len(found) == 1:
        return _commune_where(gazetteer.communes[found[0]])
    if found:
        raise _ambiguous(text, found, gazetteer)
    try:
        return _parse_address(text, gazetteer, geocoder)
    except WhereError as error:
        if error.code != "unknown" or any(char.isdigit() for char in text):
            raise
        found = gazetteer.lookup_typo(text)
        if not found:
            raise
        if len(found) > 1:
            raise _ambiguous(text, found, gazetteer) from error
        return replace(
            _commune_where(gazetteer.communes[found[0]]), corrected_from=text
        )


def _ambiguous(text: str, found: Sequence[str], gazetteer: Gazetteer) -> WhereError:
    names = sorted(gazetteer.communes[refnis].name() for refnis in found)
    return WhereError(
        _("“%(text)s” may be several communes: %(names)s. Which one do you mean?")
        % {"text": text, "names": ", ".join(names)},
        code="ambiguous",
        text=text,
        choices=names,
    )


def lookup_commune(name: str) -> str | None:
    """The REFNIS code of the commune called ``name`` (any language, any spelling)."""
    return get_gazetteer().lookup(name)


def is_in_belgium(latitude: float, longitude: float) -> bool:
    return (
        BELGIUM_LATITUDES[0] <= latitude <= BELGIUM_LATITUDES[1]
        and BELGIUM_LONGITUDES[0] <= longitude <= BELGIUM_LONGITUDES[1]
    )


def _unknown(text: str) -> WhereError:
    return WhereError(
        _("“%(text)s” is not a Belgian postcode, commune or address we know.")
        % {"text": text},
        code="unknown",
        text=text,
    )


def _parse_coordinates(text: str) -> Where | None:
    match = _COORDINATES_POINT.match(text) or _COORDINATES_COMMA.match(text)
    if not match:
        return None
    latitude, longitude = (float(part.replace(",", ".")) for part in match.groups())
    if not is_in_belgium(latitude, longitude) and is_in_belgium(longitude, latitude):
        # "4.35, 50.85": longitude first, as in GeoJSON. Belgium's latitudes and
        # longitudes don't overlap, so there is no doubt about the intent.
        latitude, longitude = longitude, latitude
    if not is_in_belgium(latitude, longitude):
        raise WhereError(
            _("These coordinates are outside Belgium."), code="outside", text=text
        )
    estimate = commune_at(latitude, longitude)
    label = f"{latitude:.5f}, {longitude:.5f}"
    if estimate is None and get_gazetteer().communes:
        # Inside Belgium's bounding box but far from every commune (Lille).
        raise WhereError(
            _("These coordinates are outside Belgium."), code="outside", text=text
        )
    if estimate is None:
        return Where(
            latitude=latitude, longitude=longitude, precision="point", label=label
        )
    commune, distance = estimate
    return Where(
        latitude=latitude,
        longitude=longitude,
        precision="point",
        communes=(commune.refnis,),
        label=f"{label} ({commune.name()})",
        commune_estimated=True,
        commune_distance_km=distance,
    )


# Known places further than this do not vote for the commune of a point.
_VOTE_RADIUS_KM = 3.0
# Every point of Belgium is closer than this to some commune's point; a point
# further away (Lille, inside Belgium's bounding box) gets no commune.
_MAX_ESTIMATE_KM = 12.0
# A vote's weight falls with the square of its distance; this keeps a place right on
# the point from taking every vote (metres of geocoding error).
_VOTE_SOFTENING_KM = 0.05


# Places known to lie in a commune, besides the communes' own points: the apps
# that locate things (the directory's antennas at their address) register a
# function giving (latitude, longitude, commune pk) within a bounding box.
KnownPlaces = Callable[[tuple[float, float], tuple[float, float]], Iterable]
_known_place_sources: list[KnownPlaces] = []


def register_known_places(source: KnownPlaces) -> None:
    """Let :func:`commune_at` also count the places ``source`` gives (once)."""
    if source not in _known_place_sources:
        _known_place_sources.append(source)


def _known_places(
    latitudes: tuple[float, float], longitudes: tuple[float, float]
) -> Iterator[tuple[float, float, int]]:
    for source in _known_place_sources:
        yield from source(latitudes, longitudes)


def commune_at(
    latitude: float, longitude: float
) -> tuple[GazetteerCommune, float] | None:
    """The commune a point most likely lies in, and how far its nearest known place is.

    The gazetteer has one representative point per commune and no boundaries (no
    maintained package ships Belgian commune polygons), and the nearest commune
    point alone is wrong near borders: a commune's point is its main town, not its
    centre. So the known places around the point vote, each for its commune, with a
    weight in 1/d²: the communes' points and the antennas located at their address
    (their commune is known from their postcode). Where antennas are dense — the
    cities — the estimate follows the real borders closely; elsewhere it is the
    nearest commune's point. Each commune votes once, with its nearest place.
    Returns None outside Belgium's bounds or far from every commune's point.
    """
    if not is_in_belgium(latitude, longitude):
        return None
    gazetteer = get_gazetteer()
    if not gazetteer.communes:
        return None
    by_pk = {commune.pk: commune for commune in gazetteer.communes.values()}
    votes: dict[str, float] = {}
    nearest: dict[str, float] = {}

    def vote(refnis: str, distance: float) -> None:
        # One vote per commune, from its nearest known place: a commune with many
        # antennas (Brussels-City) must not outvote its neighbour's closer one.
        weight = 1.0 / (distance + _VOTE_SOFTENING_KM) ** 2
        votes[refnis] = max(votes.get(refnis, 0.0), weight)
        nearest[refnis] = min(distance, nearest.get(refnis, math.inf))

    closest = min(
        gazetteer.communes.values(),
        key=lambda c: distance_km(latitude, longitude, c.latitude, c.longitude),
    )
    closest_km = distance_km(latitude, longitude, closest.latitude, closest.longitude)
    if closest_km > _MAX_ESTIMATE_KM:
        return None  # no Belgian commune near: likely across the border
    radius = max(_VOTE_RADIUS_KM, closest_km)
    for commune in gazetteer.communes.values():
        distance = distance_km(latitude, longitude, commune.latitude, commune.longitude)
        if distance <= radius:
            vote(commune.refnis, distance)
    # ~0.01° of latitude is 1.1 km; of longitude at 50.5° N, 0.7 km.
    dlat, dlon = radius / 111.0, radius / 70.0
    box = (latitude - dlat, latitude + dlat), (longitude - dlon, longitude + dlon)
    for lat, lon, commune_pk in _known_places(*box):
        commune = by_pk.get(commune_pk)
        distance = distance_km(latitude, longitude, lat, lon)
        if commune is not None and distance <= radius:
            vote(commune.refnis, distance)
    refnis = max(votes, key=votes.__getitem__)
    return gazetteer.communes[refnis], nearest[refnis]


def _commune_where(commune: GazetteerCommune) -> Where:
    return Where(
        latitude=commune.latitude,
        longitude=commune.longitude,
        precision="commune",
        communes=(commune.refnis,),
        label=commune.name(),
    )


def _postcode_where(
    postcode: str, refnis: Sequence[str], gazetteer: Gazetteer
) -> Where:
    """A postcode: its commune's point, or the mean of its communes' points."""
    communes = [gazetteer.communes[code] for code in refnis]
    return Where(
        latitude=sum(commune.latitude for commune in communes) / len(communes),
        longitude=sum(commune.longitude for commune in communes) / len(communes),
        precision="postcode",
        communes=tuple(refnis),
        postcode=postcode,
        label=f"{postcode} {', '.join(sorted(commune.name() for commune in communes))}",
    )


def _tokens(text: str) -> list[str]:
    return re.findall(r"[^\s,;]+", text)


def _match_leading(tokens: Sequence[str], gazetteer: Gazetteer) -> tuple[str, int]:
    """The commune the first tokens name, and how many tokens it takes."""
    for size in range(min(len(tokens), _MAX_NAME_WORDS), 0, -1):
        refnis = gazetteer.lookup(" ".join(tokens[:size]))
        if refnis:
            return refnis, size
    return "", 0


def _match_trailing(tokens: Sequence[str], gazetteer: Gazetteer) -> tuple[str, int]:
    """The commune the last tokens name (not "de Louvain"), and how many it takes."""
    for size in range(min(len(tokens), _MAX_NAME_WORDS), 0, -1):
        start = len(tokens) - size
        if start and normalise_place_name(tokens[start - 1]) in _STREET_PREPOSITIONS:
            continue
        refnis = gazetteer.lookup(" ".join(tokens[start:]))
        if refnis:
            return refnis, size
    return "", 0


def split_street(text: str) -> tuple[str, str]:
    """``("Rue Royale", "12")`` from "Rue Royale 12", "12, rue Royale"…

    A box ("bte 3", "bus 3") is dropped: geocoders don't use it.
    """
    text = _BOX.sub("", text.strip(" ,;")).strip(" ,;")
    match = _NUMBER_LAST.match(text) or _NUMBER_FIRST.match(text)
    if not match:
        return text, ""
    return match["street"].strip(" ,;"), re.sub(r"\s+", "", match["number"])


def _parse_address(text: str, gazetteer: Gazetteer, geocoder: Geocoder | None) -> Where:
    cleaned = _COUNTRY.sub("", text)
    postcode = None
    before, after = cleaned, ""
    known = [m for m in _POSTCODE.finditer(cleaned) if m[1] in gazetteer.postcodes]
    if known:
        match = known[-1]
        postcode = match[1]
        before, after = cleaned[: match.start()], cleaned[match.end() :]

    before_tokens, after_tokens = _tokens(before), _tokens(after)
    refnis, size = _match_leading(after_tokens, gazetteer)
    commune_follows_postcode = bool(refnis)
    if refnis:
        street_tokens = before_tokens + after_tokens[size:]
    else:
        # Whatever follows the postcode is a locality we don't know ("1020 Laeken"):
        # the postcode decides.
        refnis, size = _match_trailing(before_tokens, gazetteer)
        street_tokens = before_tokens[: len(before_tokens) - size]
    if not postcode and not refnis:
        raise _unknown(text)
    if (
        postcode
        and refnis
        and refnis not in gazetteer.postcodes[postcode]
        and commune_follows_postcode
        and re.search(r"[^\W\d_]\s*$", before)
    ):
        # "Chaussée de Wavre 1050 Auderghem": a house number, not a postcode.
        postcode = None
        street_tokens = [*before_tokens, match[1], *after_tokens[size:]]
    if postcode and refnis and refnis not in gazetteer.postcodes[postcode]:
        raise WhereError(
            _("Postcode %(postcode)s is not in %(commune)s.")
            % {"postcode": postcode, "commune": gazetteer.communes[refnis].name()},
            code="mismatch",
            text=text,
        )

    if postcode:
        where = _postcode_where(
            postcode, (refnis,) if refnis else gazetteer.postcodes[postcode], gazetteer
        )
    else:
        where = _commune_where(gazetteer.communes[refnis])
    street, number = split_street(" ".join(street_tokens))
    if not street or not re.search(r"[^\W\d_]", street):
        return where

    geocoder = geocoder or get_geocoder()
    if isinstance(geocoder, OfflineGeocoder):
        return where  # it knows nothing finer than the commune
    commune = Commune.objects.filter(refnis=refnis).first() if refnis else None
    try:
        result = geocoder.geocode_address(
            street=street, number=number, postcode=postcode or "", commune=commune
        )
    except Exception:
        logger.exception("Geocoder failed on %r", text)
        return where
    if result is None or result.precision not in (Precision.ADDRESS, Precision.STREET):
        return where
    place = where.label if postcode else gazetteer.communes[refnis].name()
    return Where(
        latitude=result.latitude,
        longitude=result.longitude,
        precision=str(result.precision),  # type: ignore[arg-type]
        communes=where.communes,
        postcode=postcode,
        label=f"{' '.join(part for part in (street, number) if part)}, {place}",
    )


# --- Geocoders --------------------------------------------------------------------


class OfflineGeocoder:
    """The gazetteer only: the commune's representative point, precision "commune".

    There are no per-postcode coordinates, so an address is located at its commune's
    point (usually the main town); with no commune, at its postcode's commune, or the
    mean of its communes' points for the three postcodes that span two.
    """

    provider = "offline"

    def geocode_address(
        self, street: str, number: str, postcode: str, commune: Commune | None
    ) -> GeocodeResult | None:
        if commune is not None:
            return GeocodeResult(
                commune.latitude, commune.longitude, Precision.COMMUNE, self.provider
            )
        gazetteer = get_gazetteer()
        refnis = gazetteer.postcodes.get((postcode or "").strip())
        if not refnis:
            return None
        communes = [gazetteer.communes[code] for code in refnis]
        return GeocodeResult(
            sum(entry.latitude for entry in communes) / len(communes),
            sum(entry.longitude for entry in communes) / len(communes),
            Precision.COMMUNE,
            self.provider,
        )


class NominatimGeocoder:
    """OpenStreetMap's Nominatim, at most one request a second, answers cached.

    ``geocoder`` is a geopy geocoder (anything with geopy's ``geocode()``); by
    default ``geopy.geocoders.Nominatim`` with ``settings.NOMINATIM_USER_AGENT``.
    Nominatim is only asked about addresses with a street; a failure (network,
    quota, timeout: any geopy error) is logged and the offline answer is returned,
    uncached, so the next attempt asks again. "Not found" is cached too.
    """

    provider = "nominatim"

    def __init__(
        self,
        geocoder: Any = None,
        *,
        user_agent: str | None = None,
        timeout: float = 5,
        min_delay_seconds: float = 1,
        fallback: Geocoder | None = None,
    ) -> None:
        if geocoder is None:
            geocoder = Nominatim(
                user_agent=user_agent or settings.NOMINATIM_USER_AGENT, timeout=timeout
            )
        self.timeout = timeout
        self.fallback = fallback or OfflineGeocoder()
        # No retries: a failure falls back at once instead of holding a request.
        self._geocode = RateLimiter(
            geocoder.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )

    def cache_key(
        self, street: str, number: str, postcode: str, commune: Commune | None
    ) -> str:
        parts = [street, number, postcode, commune.refnis if commune else ""]
        query = " | ".join(normalise_place_name(part or "") for part in parts)
        key = f"{self.provider}: {query}"
        max_length = GeocodedAddress._meta.get_field("query").max_length
        if len(key) > max_length:
            digest = hashlib.sha256(key.encode()).hexdigest()
            key = f"{key[: max_length - len(digest) - 1]}#{digest}"
        return key

    def geocode_address(
        self, street: str, number: str, postcode: str, commune: Commune | None
    ) -> GeocodeResult | None:
        def fallback() -> GeocodeResult | None:
            return self.fallback.geocode_address(street, number, postcode, commune)

        if not (street or "").strip():
            return fallback()
        key = self.cache_key(street, number, postcode, commune)
        cached = GeocodedAddress.objects.filter(query=key).first()
        if cached is not None:
            if cached.latitude is None or cached.longitude is None:
                return fallback()
            return GeocodeResult(
                cached.latitude, cached.longitude, cached.precision, self.provider
            )

        query = {
            "street": " ".join(part for part in (number, street) if part),
            "postalcode": postcode,
            "city": _local_name(commune) if commune else "",
            "country": "Belgium",
        }
        try:
            location = self._geocode(
                {name: value for name, value in query.items() if value},
                exactly_one=True,
                addressdetails=True,
                country_codes="be",
                timeout=self.timeout,
            )
        except GeopyError as error:
            logger.warning("Nominatim failed on %s: %s", key, error)
            return fallback()

        result = self._result(location, number, commune)
        GeocodedAddress.objects.update_or_create(
            query=key,
            defaults={
                "provider": self.provider,
                "latitude": result.latitude if result else None,
                "longitude": result.longitude if result else None,
                "precision": result.precision if result else Precision.NONE,
            },
        )
        return result or fallback()

    def _result(
        self, location: Location | None, number: str, commune: Commune | None
    ) -> GeocodeResult | None:
        """The answer when it is an address or a street in the right place."""
        if location is None:
            return None
        latitude, longitude = float(location.latitude), float(location.longitude)
        if not is_in_belgium(latitude, longitude):
            return None
        if (
            commune is not None
            and distance_km(latitude, longitude, commune.latitude, commune.longitude)
            > MAX_DISTANCE_FROM_COMMUNE_KM
        ):
            logger.info("Nominatim's answer is too far from %s: ignored", commune)
            return None
        precision = nominatim_precision(location.raw or {}, has_number=bool(number))
        if precision is None:
            return None
        return GeocodeResult(latitude, longitude, precision, self.provider)


def nominatim_precision(raw: dict, *, has_number: bool) -> str | None:
    """ "address" for a house, "street" for a street; None for a town, a postcode…

    Reads Nominatim's ``address.house_number`` (with ``addressdetails``), and its
    ``class``/``category``, ``type`` and ``addresstype``.
    """
    details = raw.get("address") or {}
    category = raw.get("class") or raw.get("category")
    kind = raw.get("type")
    addresstype = raw.get("addresstype")
    if has_number and (
        details.get("house_number")
        or kind == "house"
        or addresstype in {"house", "building"}
    ):
        return Precision.ADDRESS
    if (
        category == "highway"
        or addresstype == "road"
        or (details.get("road") and category not in {"place", "boundary"})
    ):
        return Precision.STREET
    return None


def _local_name(commune: Commune) -> str:
    """The commune's name as OpenStreetMap writes it: Dutch in Flanders."""
    if commune.region == "flanders":
        return commune.name_nl or commune.name
    return commune.name_fr or commune.name


_geocoders: dict[str, Geocoder] = {}


def get_geocoder() -> Geocoder:
    """The geocoder ``settings.GEOCODER`` names, one per process (for rate limiting)."""
    name = settings.GEOCODER
    geocoder = _geocoders.get(name)
    if geocoder is None:
        geocoder = NominatimGeocoder() if name == "nominatim" else OfflineGeocoder()
        _geocoders[name] = geocoder
    return geocoder
