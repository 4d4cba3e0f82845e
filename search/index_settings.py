"""Index settings and analysis, in one place, versioned.

Everything the engine needs to analyse the portal's texts lives here and is sent
with each index (Wagtail merges :data:`INDEX_SETTINGS` into its own settings):

- ``portal_french``: French text — elisions (``l'``, ``d'``, ``qu'``…) cut, case
  and accents folded, French stop words dropped, light stemming;
- ``portal_dutch``: Dutch text — folded, Dutch stop words dropped, the sector's
  compounds split at index time (``energiefactuur`` → ``energie`` + ``factuur``,
  word list in ``dutch_compound_parts.txt``), Dutch stemming;
- ``portal_name``: names and acronyms — folded, never stemmed;
- each has a ``*_search`` twin used for queries, which adds the synonyms of
  ``synonyms.txt`` and every commune's French and Dutch names from the gazetteer
  (Ixelles ↔ Elsene). Synonyms apply at query time only, so a changed list needs
  no re-indexing of documents — but it changes the settings, hence the fingerprint.

:func:`fingerprint` digests all of it (with :data:`VERSION`); the engine's
mapping carries it in ``_meta`` so that ``manage.py sync_search_index`` knows
when the live indexes are stale and rebuilds them.
"""

from __future__ import annotations

import csv
import hashlib
import json
from functools import cache
from pathlib import Path

VERSION = 6  # 5: antennas index `receives_public`; 6: `served_refnis` (ranking)

HERE = Path(__file__).resolve().parent
SYNONYMS_FILE = HERE / "synonyms.txt"
COMPOUND_PARTS_FILE = HERE / "dutch_compound_parts.txt"
COMMUNES_FILE = HERE.parent / "places" / "gazetteer" / "communes.csv"

FRENCH_ELISIONS = [
    "l",
    "m",
    "t",
    "qu",
    "n",
    "s",
    "j",
    "d",
    "c",
    "jusqu",
    "quoiqu",
    "lorsqu",
    "puisqu",
]

FRENCH = "portal_french"
DUTCH = "portal_dutch"
NAME = "portal_name"

# Catch-all fields of every portal index: each translated field is copied into
# its language's field, neutral fields (acronyms, postcodes, streets) into both,
# names and titles also into ``_names`` (unstemmed, for names and typos).
TEXT_FIELD = {"fr": "_text_fr", "nl": "_text_nl"}
NAMES_FIELD = "_names"
# Names again, per language and stemmed: "maison médicale" is the name of the
# category "Maisons médicales".
LANGUAGE_NAMES_FIELD = {"fr": "_names_fr", "nl": "_names_nl"}


def _lines(path: Path) -> list[str]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


def sector_synonyms(path: Path | None = None) -> list[str]:
    """The reviewed synonym rules (``synonyms.txt``)."""
    return _lines(path or SYNONYMS_FILE)


def commune_synonyms(path: Path | None = None) -> list[str]:
    """One rule per commune whose French and Dutch (or German) names differ."""
    rules = []
    with (path or COMMUNES_FILE).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names = []
            for key in ("name_fr", "name_nl", "name_de"):
                name = (row.get(key) or "").strip().replace(",", " ")
                if name and name.casefold() not in {n.casefold() for n in names}:
                    names.append(name)
            if len(names) > 1:
                rules.append(", ".join(names))
    return rules


def compound_parts(path: Path | None = None) -> list[str]:
    return _lines(path or COMPOUND_PARTS_FILE)


def build_index_settings(
    synonyms: list[str] | None = None, parts: list[str] | None = None
) -> dict:
    """The settings sent with each index (analysis included)."""
    if synonyms is None:
        synonyms = sector_synonyms() + commune_synonyms()
    if parts is None:
        parts = compound_parts()
    folding = ["lowercase", "asciifolding"]
    return {
        "settings": {
            "index": {"number_of_shards": 1, "number_of_replicas": 0},
            "analysis": {
                "filter": {
                    "portal_elision": {
                        "type": "elision",
                        "articles_case": True,
                        "articles": FRENCH_ELISIONS,
                    },
                    "portal_synonyms": {
                        "type": "synonym_graph",
                        "synonyms": synonyms,
                        "lenient": True,
                    },
                    "portal_french_stop": {"type": "stop", "stopwords": "_french_"},
                    "portal_french_stemmer": {
                        "type": "stemmer",
                        "language": "light_french",
                    },
                    "portal_dutch_stop": {"type": "stop", "stopwords": "_dutch_"},
                    "portal_dutch_decompounder": {
                        "type": "dictionary_decompounder",
                        "word_list": parts,
                        "min_word_size": 6,
                        "min_subword_size": 3,
                        "only_longest_match": False,
                    },
                    "portal_dutch_stemmer": {"type": "stemmer", "language": "dutch"},
                },
                "analyzer": {
                    FRENCH: _analyzer(
                        ["portal_elision", *folding]
                        + ["portal_french_stop", "portal_french_stemmer"]
                    ),
                    f"{FRENCH}_search": _analyzer(
                        ["portal_elision", *folding, "portal_synonyms"]
                        + ["portal_french_stop", "portal_french_stemmer"]
                    ),
                    DUTCH: _analyzer(
                        [*folding, "portal_dutch_stop", "portal_dutch_decompounder"]
                        + ["portal_dutch_stemmer"]
                    ),
                    f"{DUTCH}_search": _analyzer(
                        [*folding, "portal_synonyms", "portal_dutch_stop"]
                        + ["portal_dutch_stemmer"]
                    ),
                    # Typo-tolerant (fuzzy) queries: no synonyms, no compound
                    # parts (``voedselhulp`` must not match every ``hulp``).
                    f"{DUTCH}_plain": _analyzer(
                        [*folding, "portal_dutch_stop", "portal_dutch_stemmer"]
                    ),
                    NAME: _analyzer(["portal_elision", *folding]),
                    f"{NAME}_search": _analyzer(
                        ["portal_elision", *folding, "portal_synonyms"]
                    ),
                    # Fields without a language (StreamField bodies, the admin's
                    # ``_all_text``): bilingual folding, no stemming.
                    "default": _analyzer(["portal_elision", *folding]),
                    "default_search": _analyzer(
                        ["portal_elision", *folding, "portal_synonyms"]
                    ),
                },
            },
        }
    }


def _analyzer(filters: list[str]) -> dict:
    return {"type": "custom", "tokenizer": "standard", "filter": filters}


def analysis_for(column: str) -> dict:
    """Analyzer settings of a text column, from its name's language suffix."""
    if column.endswith("_fr"):
        base = FRENCH
    elif column.endswith("_nl"):
        base = DUTCH
    else:
        base = NAME
    return {"analyzer": base, "search_analyzer": f"{base}_search"}


def language_of(column: str) -> str | None:
    for code in TEXT_FIELD:
        if column.endswith(f"_{code}"):
            return code
    return None


CATCH_ALL_MAPPING = {
    TEXT_FIELD["fr"]: {
        "type": "text",
        "analyzer": FRENCH,
        "search_analyzer": f"{FRENCH}_search",
    },
    TEXT_FIELD["nl"]: {
        "type": "text",
        "analyzer": DUTCH,
        "search_analyzer": f"{DUTCH}_search",
    },
    LANGUAGE_NAMES_FIELD["fr"]: {
        "type": "text",
        "analyzer": FRENCH,
        "search_analyzer": f"{FRENCH}_search",
    },
    LANGUAGE_NAMES_FIELD["nl"]: {
        "type": "text",
        "analyzer": DUTCH,
        "search_analyzer": f"{DUTCH}_search",
    },
    NAMES_FIELD: {
        "type": "text",
        "analyzer": NAME,
        "search_analyzer": f"{NAME}_search",
    },
}


@cache
def index_settings() -> dict:
    return build_index_settings()


def fingerprint(settings: dict | None = None) -> str:
    """A digest of the analysis (and :data:`VERSION`): changes when a rebuild is due."""
    payload = json.dumps(
        {"version": VERSION, "settings": settings or index_settings()},
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


INDEX_SETTINGS = index_settings()
