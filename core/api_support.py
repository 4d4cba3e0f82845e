"""Shared pieces of the JSON API: errors, language, pagination, parameter types.

Parameters carry their real types in the OpenAPI document (integers with bounds,
enumerations, lengths); a value the types refuse is a 400 whose message, in the
requested language, names the parameter and what it expects
(:func:`parameter_problems`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Literal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Schema
from pydantic import Field, StringConstraints

MAX_PAGE_SIZE = 100
# Far enough for every list; beyond, the engine refuses to page (10,000 hits).
MAX_PAGE = 1000
MAX_TEXT = 200  # a place, a name: longer is never a real value

Lang = Literal["fr", "nl"]


class ParameterProblem(Schema):
    name: str
    message: str


class Error(Schema):
    detail: str


class BadRequest(Error):
    """A 400: ``detail`` for people; ``errors`` per parameter when the value did
    not have the documented type."""

    errors: list[ParameterProblem] = Field(default_factory=list)


class ApiError(ValueError):
    """A bad parameter; ``str()`` is the message returned with a 400."""


# pattern → the values it accepts, to name them in an error message
_CHOICES: dict[str, list[str]] = {}


# pattern → the message saying what it expects
_PATTERN_MESSAGES: dict[str, Callable[[], str]] = {}


def patterned(pattern: str, message: Callable[[], str]):
    """A string matching ``pattern``; ``message()`` says what is expected."""
    _PATTERN_MESSAGES[pattern] = message
    return Annotated[str, StringConstraints(pattern=pattern)]


def choices(values):
    """A string of one or several comma-separated ``values``."""
    values = list(values)
    alternatives = "|".join(re.escape(value) for value in values)
    pattern = rf"^({alternatives})(,({alternatives}))*$"
    _CHOICES[pattern] = values
    return Annotated[str, StringConstraints(pattern=pattern)]


def lang_query():
    return Query(None, description="fr or nl; by default the request's language.")


def page_query():
    return Query(1, ge=1, le=MAX_PAGE)


def page_size_query(default: int):
    return Query(default, ge=1, le=MAX_PAGE_SIZE)


def language_of(request, lang: str | None = "") -> str:
    """``lang`` if given (fr/nl), else the request's language."""
    codes = [code for code, _name in settings.LANGUAGES]
    if lang:
        if lang not in codes:
            raise ApiError(
                _("Unknown language “%(value)s”: use fr or nl.") % {"value": lang}
            )
        return lang
    language = translation.get_language_from_request(request) or ""
    return language if language in codes else settings.LANGUAGE_CODE


def parse_page(page: int | str, page_size: int | str) -> tuple[int, int]:
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


def flag(value: bool | None) -> str:
    """A typed boolean as the query-string parsers read it."""
    return "" if value is None else ("true" if value else "false")


def parameter_problems(errors: list[dict], params=None) -> list[dict]:
    """Pydantic's errors as ``{"name", "message"}``, messages translated;
    ``params`` (the query string) gives the values refused."""
    problems = []
    for error in errors:
        # ("query", "authority", 0), or ("query", "filters", "authority") for a
        # parameter of a schema read as a whole: the parameter is the last name.
        names = [str(p) for p in error.get("loc", ()) if not str(p).isdigit()]
        name = names[-1] if names and names[-1] != "query" else "?"
        value = params.get(name, "") if params is not None else ""
        problems.append({"name": name, "message": _problem(name, error, value)})
    return problems


def _problem(name: str, error: dict, value: str = "") -> str:
    """The message for one of pydantic's validation errors on parameter ``name``."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        return _pattern_problem(name, context.get("pattern", ""))
    if kind in _BOUNDS:
        return _bound_problem(kind, name, context.get(_BOUNDS[kind]))
    return _type_problem(kind, name, value) or _other_problem(kind, name, context)


# pydantic's error type → the key of its limit in the error's context
_BOUNDS = {
    "greater_than_equal": "ge",
    "greater_than": "gt",
    "less_than_equal": "le",
    "less_than": "lt",
}


def _bound_problem(kind: str, name: str, limit) -> str:
    messages = {
        "greater_than_equal": _("“%(name)s” must be at least %(limit)s."),
        "greater_than": _("“%(name)s” must be more than %(limit)s."),
        "less_than_equal": _("“%(name)s” must be at most %(limit)s."),
        "less_than": _("“%(name)s” must be less than %(limit)s."),
    }
    return messages[kind] % {"name": name, "limit": limit}


def _pattern_problem(name: str, pattern: str) -> str:
    if pattern in _PATTERN_MESSAGES:
        return _PATTERN_MESSAGES[pattern]()
    if pattern in _CHOICES:
        return _("“%(name)s” must be one or several of %(choices)s.") % {
            "name": name,
            "choices": ", ".join(_CHOICES[pattern]),
        }
    return _("“%(name)s” does not have the documented form.") % {"name": name}


def _type_problem(kind: str, name: str, value: str) -> str | None:
    """The message for a value of the wrong type (number, boolean), else None."""
    if kind.startswith("int_"):
        return _("“%(name)s” must be a whole number.") % {"name": name}
    if kind.startswith("float_") or kind == "finite_number":
        return _("“%(name)s” must be a number.") % {"name": name}
    if kind.startswith("bool_"):
        return _("“%(value)s” is not a valid %(name)s: use true or false.") % {
            "name": name,
            "value": str(value)[:40],
        }
    return None


def _other_problem(kind: str, name: str, context: dict) -> str:
    if kind == "string_too_long":
        return _("“%(name)s” is too long (%(max)s characters at most).") % {
            "name": name,
            "max": context.get("max_length"),
        }
    if kind in ("literal_error", "enum"):
        return _("“%(name)s” must be one of %(choices)s.") % {
            "name": name,
            "choices": context.get("expected", ""),
        }
    if kind == "missing":
        return _("“%(name)s” is required.") % {"name": name}
    return _("“%(name)s” is not valid.") % {"name": name}
