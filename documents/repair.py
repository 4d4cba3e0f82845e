"""Repair the defects of text extracted from real-world PDFs.

Three defects of the sector's PDFs (see ``shared/sector-facts.md``):

- **lost ligatures**: a ligature glyph without a Unicode mapping comes out as
  ``�`` (or ``(cid:123)``, or a private-use character), often followed by a
  spurious space: ``� ches``, ``di� érentes``. The word is rebuilt with each of
  fi, fl, ff, ffi, ffl (joined to the next fragment or not) and the candidate
  most frequent in the French and Dutch word lists wins;
- **hyphenation across line breaks**: ``betrek-`` / ``king`` → ``betrekking``,
  but a real compound keeps its hyphen (``porte-`` / ``parole``): when the joined
  word is unknown and both halves are words, the hyphen stays;
- **letter-spaced headings**: ``H e t  d o e l  v a n`` → ``Het doel van``;
  when the gaps between words are no wider than between letters, the letters are
  segmented into the most probable sequence of known words.

The word lists (``documents/wordlists/*.txt.gz``) come from wordfreq; see
``build_wordlists.py`` there.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from pathlib import Path

WORDLISTS = Path(__file__).with_name("wordlists")
LIGATURES = ("fi", "fl", "ff", "ffi", "ffl")
_LIGATURE_CHARS = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
# What an extractor writes for a glyph it cannot map.
PLACEHOLDER = r"(?:\ufffd|\(cid:\d+\)|[\ue000-\uf8ff])"
_LETTERS = r"[^\W\d_]"
_LIGATURE_RE = re.compile(
    rf"(?P<pre>{_LETTERS}*)(?P<ph>{PLACEHOLDER})(?P<gap>[ \t]?)(?P<post>{_LETTERS}*)"
)
_HYPHEN_RE = re.compile(
    rf"(?P<a>{_LETTERS}+)-[ \t]*\n[ \t]*(?P<b>{_LETTERS}+)(?P<punct>[^\w\s]*)[ \t]*"
)
# Unknown words score below every listed one.
_UNKNOWN = -1.0


@cache
def word_frequencies(language: str) -> dict[str, float]:
    """``word → zipf`` for ``fr`` or ``nl`` (lower-case words)."""
    frequencies: dict[str, float] = {}
    with gzip.open(WORDLISTS / f"{language}.txt.gz", "rt", encoding="utf-8") as rows:
        for row in rows:
            word, _tab, zipf = row.rstrip("\n").partition("\t")
            frequencies.setdefault(word, float(zipf))
    return frequencies


def zipf(word: str) -> float:
    """Frequency of ``word`` in French or Dutch, whichever is higher (-1 if unknown)."""
    lowered = word.lower()
    return max(
        word_frequencies("fr").get(lowered, _UNKNOWN),
        word_frequencies("nl").get(lowered, _UNKNOWN),
    )


def is_word(word: str) -> bool:
    return zipf(word) > _UNKNOWN


def _match_case(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word


def _restore_case(word: str, model: str) -> str:
    """Upper-case the rebuilt ligature letters when the word around is upper-case."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word


def repair_ligatures(text: str) -> str:
    """``� ches`` → ``fiches``, ``di� érentes`` → ``différentes``."""
    for char, letters in _LIGATURE_CHARS.items():
        text = text.replace(char, letters)

    def fix(match: re.Match) -> str:
        pre, gap, post = match["pre"], match["gap"], match["post"]
        case_model = pre + post
        joined = max(
            (zipf(pre + _match_case(lig, case_model) + post), pre + lig + post)
            for lig in LIGATURES
        )
        if joined[0] > _UNKNOWN:
            return _restore_case(joined[1], case_model)
        if gap and post:
            # The gap may be real only when no joined word exists (a word
            # ending with the ligature): "chef� " is rare, "� ches" is common.
            split = max(
                (min(zipf(pre + lig), zipf(post)), pre + lig + gap + post)
                for lig in LIGATURES
            )
            if split[0] > _UNKNOWN:
                return _restore_case(split[1], case_model)
        # No candidate is a known word: "fi" is by far the commonest ligature.
        return _restore_case(pre + "fi" + post, case_model)

    return _LIGATURE_RE.sub(fix, text)


def repair_hyphenation(text: str) -> str:
    """Join words split at a line end; keep the hyphen of real compounds."""

    def word(a: str, b: str) -> str:
        if is_word(a + b):
            return a + b
        if b[0].isupper() and a[0].isupper():
            return f"{a}-{b}"  # Saint-Gilles, Sint-Jans-Molenbeek
        if is_word(a) and is_word(b) and len(a) > 1 and len(b) > 1:
            return f"{a}-{b}"
        return a + b

    def fix(match: re.Match) -> str:
        # The rebuilt word ends the first line; the second line keeps the rest.
        return word(match["a"], match["b"]) + match["punct"] + "\n"

    return _HYPHEN_RE.sub(fix, text)


def _segment(letters: str) -> list[str]:
    """The most probable split of ``letters`` into known words (dynamic programming)."""
    lowered = letters.lower()
    size = len(lowered)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("-inf"), 0)] * size
    for end in range(1, size + 1):
        for start in range(max(0, end - 30), end):
            piece = lowered[start:end]
            frequency = zipf(piece)
            if frequency == _UNKNOWN:
                # Unknown pieces are allowed, at a price growing with their length.
                cost = -10.0 - 2.0 * len(piece)
            else:
                # Every word costs; frequent words cost less. Favours few, long words.
                cost = frequency - 8.0
            score = best[start][0] + cost
            if score > best[end][0]:
                best[end] = (score, start)
    words, end = [], size
    while end > 0:
        start = best[end][1]
        words.append(letters[start:end])
        end = start
    return list(reversed(words))


def _is_letter_spaced(line: str) -> bool:
    tokens = line.split()
    if len(tokens) < 4:
        return False
    singles = sum(1 for token in tokens if len(token) == 1 and token.isalpha())
    return singles / len(tokens) >= 0.6


def repair_letter_spacing(text: str) -> str:
    """``H e t  d o e l  v a n`` → ``Het doel van``, line by line."""
    lines = []
    for line in text.split("\n"):
        if not _is_letter_spaced(line):
            lines.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        groups = re.split(r"\s{2,}", line.strip())
        if len(groups) > 1:
            words = [group.replace(" ", "") for group in groups]
        else:
            words = _segment(line.replace(" ", ""))
        lines.append(indent + " ".join(words))
    return "\n".join(lines)


def collapse_spaces(text: str) -> str:
    """Runs of spaces (justified or layout-mode text) become one; lines are trimmed."""
    return "\n".join(
        re.sub(r"[ \t]{2,}", " ", line).strip() for line in text.split("\n")
    )


def repair_text(text: str) -> str:
    """All repairs, in the order that lets each see clean input."""
    text = text.replace("\r\n", "\n").replace("\u00ad\n", "-\n")
    text = repair_letter_spacing(text)
    text = collapse_spaces(text)
    text = repair_ligatures(text)
    text = repair_hyphenation(text)
    return text
