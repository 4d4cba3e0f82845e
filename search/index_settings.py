"""Index settings sent to the engine (merged into Wagtail's own by ``INDEX_SETTINGS``).

Versioned: bump ``VERSION`` whenever the analysis changes, so a rebuild is known to
be due. For now one bilingual default analyser: French elisions (``l'``, ``d'``,
``qu'``…) are cut, case and accents are folded, so ``d'accessibilité`` matches
``accessibilite``. Language-specific analysers come with the search core.
"""

VERSION = 1

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

BILINGUAL_DEFAULT = {
    "type": "custom",
    "tokenizer": "standard",
    "filter": ["portal_elision", "lowercase", "asciifolding"],
}

INDEX_SETTINGS = {
    "settings": {
        "index": {"number_of_shards": 1},
        "analysis": {
            "filter": {
                "portal_elision": {
                    "type": "elision",
                    "articles_case": True,
                    "articles": FRENCH_ELISIONS,
                },
            },
            "analyzer": {
                "default": BILINGUAL_DEFAULT,
                "default_search": BILINGUAL_DEFAULT,
            },
        },
    }
}
