"""Text folding shared by every matcher: place names, everyday words, keys."""

from __future__ import annotations

import re
import unicodedata


def strip_accents(text: str) -> str:
    """``text`` without its combining accents ("Liège" → "Liege")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(char for char in text if not unicodedata.combining(char))


def folded_words(text: str) -> list[str]:
    """Lower-case words without accents; apostrophes, hyphens and punctuation
    separate words ("Braine-l’Alleud" → ``["braine", "l", "alleud"]``)."""
    return re.findall(r"[^\W_]+", strip_accents(text).casefold())
