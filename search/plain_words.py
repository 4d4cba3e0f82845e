"""Queries in people's own words: what in a sentence carries meaning.

A visitor types "je n'ai plus rien à manger" or "mijn zoon zit in de
gevangenis, wie kan ons helpen" rather than a category's name. This module
reads such a query:

- question, filler and negation words (:data:`FILLER_WORDS`) carry no weight:
  they are left out of what must match, and a negation never excludes;
- everyday words of needs (``needs.txt``, reviewed like ``synonyms.txt``) name
  the directory's categories, so that a problem finds the category's services
  even when their records never use the visitor's word.

Both backends use it (:mod:`search.query`, :mod:`search.services`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.text import folded_words
from places.geocoding import WhereError, get_gazetteer, parse_where

NEEDS_FILE = Path(__file__).with_name("needs.txt")

# Folded (lower case, no accents, apostrophes split off). French then Dutch.
FILLER_WORDS = frozenset(
    """
    je j me m moi mon ma mes tu te t toi ton ta tes il elle on se s son sa ses
    nous notre nos vous votre vos ils elles leur leurs lui eux y
    qui que qu quoi ou comment pourquoi quand quel quelle quels quelles
    est suis es sommes etes sont ai as a avons avez ont etre avoir ete fut
    ne n pas plus rien jamais aucun aucune personne non
    peut peux pouvons pouvez peuvent pouvoir puis veux veut voudrais vouloir
    dois doit devoir faut fais fait faire vais va vient viens
    besoin trouver trouve chercher cherche cherchons aider aidez aide aidez-moi
    svp stp bonjour merci urgent
    un une des le la les l du de d au aux et en dans pour par avec sans sur
    sous chez ce c cet cette ces ca cela ceci tres trop depuis
    quelqu quelque quelques tout tous toute toutes autre
    ik mij me m mijn je jij u uw hij hem zij ze haar we wij ons onze jullie hun
    het de een en of in op te ten ter van voor met aan bij naar om uit door
    niet geen meer niets niks nooit nog al
    kan kun kunt kunnen wil wilt willen moet moeten mag mogen zal zou
    is ben bent zijn was waren heb hebt heeft hebben had word wordt worden
    wie wat waar hoe waarom wanneer welke welk
    zoek zoeken zoekt vinden vind vindt helpen help helpt hulp nodig
    graag alstublieft dank bedankt hallo er daar hier dat dit die deze
    iemand iets
    """.split()
)


# Everyday words a "did you mean" must not "correct" into a name ("mari" is not
# a misspelt "midi"): the people a problem is about.
EVERYDAY_WORDS = frozenset(
    """
    mari femme epoux epouse compagnon compagne fils fille enfant enfants bebe ado
    mere pere parents famille voisin maison argent travail
    man vrouw partner zoon dochter kind kinderen baby moeder vader ouders familie
    buren huis geld werk grootmoeder grootvader broer zus frere soeur
    """.split()
)


@dataclass(frozen=True)
class Need:
    slug: str  # the need's (a category's slug in needs.txt)
    words: tuple[str, ...]  # folded; the last may end with "*"


@cache
def needs(path: Path = NEEDS_FILE) -> tuple[Need, ...]:
    """The vocabulary of needs, longest phrases first."""
    found: list[Need] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        slug, phrases = line.split(":", 1)
        for phrase in phrases.split(","):
            if "&" in phrase:
                continue  # a combination (see combinations())
            star = phrase.strip().endswith("*")
            words = folded_words(phrase.replace("*", ""))
            if not words:
                continue
            if star:
                words[-1] += "*"
            found.append(Need(slug.strip(), tuple(words)))
    return tuple(sorted(found, key=lambda need: -len(need.words)))


@dataclass(frozen=True)
class Combination:
    """Words that name a category together, in any order: ``papiers|papieren &
    soign*|dokter`` (each part one of its alternatives, folded, ``*`` a prefix)."""

    slug: str
    parts: tuple[tuple[str, ...], ...]

    def found_in(self, tokens: list[str]) -> bool:
        return all(
            any(_word_matches(word, token) for word in part for token in tokens)
            for part in self.parts
        )


@cache
def combinations(path: Path = NEEDS_FILE) -> tuple[Combination, ...]:
    """The vocabulary's combinations: ``slug: a|b & c|d`` (see ``needs.txt``)."""
    found: list[Combination] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        slug, phrases = line.split(":", 1)
        for phrase in phrases.split(","):
            if "&" not in phrase:
                continue
            parts = tuple(
                tuple(
                    _folded_word(word) for word in part.split("|") if folded_words(word)
                )
                for part in phrase.split("&")
            )
            if all(parts):
                found.append(Combination(slug.strip(), parts))
    return tuple(found)


def _folded_word(word: str) -> str:
    folded = "".join(folded_words(word.replace("*", "")))
    return folded + "*" if word.strip().endswith("*") else folded


def _word_matches(wanted: str, token: str) -> bool:
    if wanted.endswith("*"):
        return token.startswith(wanted[:-1])
    return wanted == token


def _matches(words: tuple[str, ...], tokens: list[str], start: int) -> bool:
    if start + len(words) > len(tokens):
        return False
    for wanted, token in zip(words, tokens[start:], strict=False):
        if wanted.endswith("*"):
            if not token.startswith(wanted[:-1]):
                return False
        elif wanted != token:
            return False
    return True


@dataclass(frozen=True)
class PlainQuery:
    """What a query says: its meaningful words and the categories it names."""

    words: tuple[str, ...]  # folded, fillers left out, in order
    needs: tuple[str, ...]  # slugs, in the order the query names them
    is_sentence: bool  # the query had filler words (a question, a sentence)

    @property
    def text(self) -> str:
        return " ".join(self.words)


def is_everyday(word: str) -> bool:
    """Whether ``word`` is a filler, an everyday word or a word of needs: known,
    never to be corrected into another."""
    folded = " ".join(folded_words(word))
    return folded in FILLER_WORDS or folded in EVERYDAY_WORDS or folded in _need_words()


@cache
def _need_words() -> frozenset[str]:
    return frozenset(
        word.rstrip("*") for need in needs() for word in need.words if "*" not in word
    )


def corrected(token: str) -> str:
    """``token``, or the word of needs it misspells ("violance" → "violence"):
    a close match (difflib) among the words and prefixes of :func:`needs`."""
    if len(token) < 5 or token in FILLER_WORDS or token in EVERYDAY_WORDS:
        return token  # "dochter" is no misspelt "dokter"
    stems = [w for need in needs() for w in need.words]
    for stem in stems:
        if stem.endswith("*") and token.startswith(stem[:-1]):
            return token
        if stem == token:
            return token
    candidates = {w.rstrip("*"): w for w in stems if len(w.rstrip("*")) >= 4}
    for candidate in difflib.get_close_matches(token, candidates, n=1, cutoff=0.85):
        return candidate
    # A misspelt word whose start is a prefix of needs ("violance" ~ "violence*").
    for candidate, stem in candidates.items():
        if stem.endswith("*"):
            head = token[: len(candidate)]
            if difflib.SequenceMatcher(None, head, candidate).ratio() >= 0.8:
                return candidate + token[len(candidate) :]
    return token


def read(query: str) -> PlainQuery:
    """The meaningful words and named categories of ``query`` (a word of needs
    misspelt still names its category)."""
    typed = folded_words(query)
    tokens = [corrected(token) for token in typed]
    named: list[str] = []
    index = 0
    while index < len(tokens):
        for need in needs():
            if _matches(need.words, tokens, index):
                named.append(need.slug)
                index += len(need.words)
                break
        else:
            index += 1
    for combination in combinations():
        if combination.found_in(tokens):
            named.append(combination.slug)
    words = [token for token in typed if token not in FILLER_WORDS]
    return PlainQuery(
        words=tuple(dict.fromkeys(words)),
        needs=tuple(dict.fromkeys(named)),
        is_sentence=len(words) < len(typed),
    )


# Words that introduce a place in a sentence: "à Jette", "près de Namur",
# "in Schaarbeek", "bij Luik" (folded; "de", "d", "van" may follow).
PLACE_WORDS = frozenset(
    "a in dans pres bij te nabij rond autour omgeving regio region vers".split()
)
_PLACE_LINKS = frozenset("de d du van".split())


def place_in_sentence(query: str):
    """``query`` without the place it names inside a sentence, and that place (a
    :class:`places.geocoding.Where`), or ``(query, None)``.

    A place counts when a word such as "à", "in" or "près de" introduces a
    commune's name ("à Jette", "in Schaarbeek"), or when a sentence holds a
    postcode; a bare "cpas schaerbeek" or "maison médicale 4000" stays a query
    whose commune is a bonus (:func:`search.query.communes_in`).
    """

    raw = query.split()
    folded = [" ".join(folded_words(word)) for word in raw]
    gazetteer = get_gazetteer()
    sentence = read(query).is_sentence
    for index, word in enumerate(folded):
        if sentence and word in gazetteer.postcodes:
            span, place = (index, index + 1), word
        elif word in PLACE_WORDS:
            start = index + 1
            while start < len(folded) and folded[start] in _PLACE_LINKS:
                start += 1
            span = None
            for size in range(min(4, len(folded) - start), 0, -1):
                name = " ".join(folded[start : start + size])
                if len(name) >= 3 and (
                    gazetteer.lookup(name) or len(gazetteer.lookup_short(name)) == 1
                ):
                    span, place = (index, start + size), name
                    break
            if span is None:
                continue
        else:
            continue
        try:
            where = parse_where(place)
        except WhereError:
            continue
        if where is None:
            continue
        rest = " ".join(raw[: span[0]] + raw[span[1] :]).strip(" ,;.?!")
        return rest, where
    return query, None
