"""The visitor's two languages: switcher links and content fallback."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool


def language_links(request, page=None, alternates=None) -> list[LanguageLink]:
    """Where each language's version of the current page lives.

    Wagtail pages have a slug per language, so their counterpart URL comes from the
    page itself; other views use Django's translated URL patterns.
    """
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if alternates and code in alternates:
            url = alternates[code]
        elif page is not None:
            with translation.override(code):
                url = page.get_url(request) or f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
            if url == request.get_full_path() and code != current:
                url = f"/{code}/"
        links.append(LanguageLink(code, name, url, code == current))
    return links


@dataclass(frozen=True)
class TranslatedValue:
    """A field's value in the visitor's language, or in the other one as fallback."""

    value: object
    lang: str
    is_fallback: bool

    def __str__(self) -> str:
        return "" if self.value is None else str(self.value)

    def __bool__(self) -> bool:
        return _is_filled(self.value)


def _is_filled(value) -> bool:
    if value is None:
        return False
    if hasattr(value, "raw_data"):  # StreamValue
        return len(value) > 0
    return bool(str(value).strip())


def in_language(obj, field: str, language: str | None = None) -> TranslatedValue:
    """``obj.<field>`` for ``language``, falling back to the other language.

    Reads the ``_fr``/``_nl`` columns directly so that the caller knows whether the
    text is in the visitor's language and can mark it with a ``lang`` attribute.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    language = language.split("-")[0]
    order = [language] + [code for code, _ in settings.LANGUAGES if code != language]
    for code in order:
        value = getattr(obj, f"{field}_{code}", None)
        if _is_filled(value):
            return TranslatedValue(value, code, code != language)
    return TranslatedValue(getattr(obj, field, None), language, False)


_FRENCH_ELIDING = frozenset("aeiouyàâäéèêëîïôöùûüœæ")


def after_de(place: str, language: str | None = None) -> str:
    """``place`` as it follows the preposition "de" in French, preposition included:
    "d’Anvers", "d’Etterbeek", "de Namur", "de Huy" (Belgian place names take an
    aspirated h). Other languages: the name as it is, their sentence carries its
    own preposition ("in de buurt van Antwerpen")."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if not language.startswith("fr"):
        return place
    first = place[:1].casefold()
    return f"d’{place}" if first in _FRENCH_ELIDING else f"de {place}"
