"""Shared pieces of the JSON API: errors, language, pagination."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Schema

MAX_PAGE_SIZE = 100


class Error(Schema):
    detail: str


class ApiError(ValueError):
    """A bad parameter; ``str()`` is the message returned with a 400."""


def language_of(request, lang: str = "") -> str:
    """``lang`` if given (fr/nl), else the request's language."""
    codes = [code for code, _name in settings.LANGUAGES]
    if lang:
        if lang not in codes:
            raise ApiError(
                _("Unknown language “%(value)s”: use fr or nl.") % {"value": lang}
            )
        return lang
    return translation.get_language_from_request(request) or settings.LANGUAGE_CODE


def parse_page(page: str, page_size: str) -> tuple[int, int]:
    try:
        number, size = int(page), int(page_size)
    except (TypeError, ValueError):
        raise ApiError(_("page and page_size must be whole numbers.")) from None
    if number < 1:
        raise ApiError(_("page starts at 1."))
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ApiError(
            _("page_size must be between 1 and %(max)d.") % {"max": MAX_PAGE_SIZE}
        )
    return number, size
