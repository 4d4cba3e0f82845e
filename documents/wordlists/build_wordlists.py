"""Build the French and Dutch word-frequency lists used by ``documents.repair``.

Run ``pip install wordfreq`` then ``python documents/wordlists/build_wordlists.py``.
Writes ``fr.txt.gz`` and ``nl.txt.gz``: one ``word<TAB>zipf`` a line, the most
frequent first (zipf = log10 of the frequency per billion words).

Source: wordfreq 3.1 (code Apache-2.0; data CC BY-SA 4.0, built from Wikipedia,
subtitles, news, books, web text and more — see wordfreq's README for the credits).
"""

from __future__ import annotations

import gzip
from pathlib import Path

from core.constants import LANGUAGE_CODES

SIZE = 80_000
HERE = Path(__file__).parent


def main() -> None:
    import wordfreq

    for language in LANGUAGE_CODES:
        rows = []
        for word in wordfreq.top_n_list(language, SIZE):
            if not any(ch.isalpha() for ch in word):
                continue
            rows.append(f"{word}\t{wordfreq.zipf_frequency(word, language):.2f}\n")
        with gzip.open(HERE / f"{language}.txt.gz", "wt", encoding="utf-8") as out:
            out.writelines(rows)
        print(language, len(rows))  # noqa: T201


if __name__ == "__main__":
    main()
