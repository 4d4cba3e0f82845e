"""Reading a query string's parameters: the one error of every input layer
(the search, the directory's lookup, the publications catalogue — pages and
API alike) and the parameters they share.

:class:`InvalidParameter`'s messages are for the visitor, translated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

TRUE = frozenset({"true", "1", "yes", "on"})
FALSE = frozenset({"false", "0", "no", "off", ""})
MAX_RADIUS_KM = 300.0


class InvalidParameter(ValueError):
    """Parameters a visitor gave that cannot be used.

    ``str()`` is the message (several joined by ``"; "``); ``messages`` lists
    them one by one, for pages that show each.
    """

    def __init__(self, messages: str | list[str]) -> None:
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(str(message) for message in self.messages))


def split_values(raw_values: list[str]) -> list[str]:
    """Repeated and comma-separated values, once each, in order."""
    values = []
    for raw in raw_values:
        values.extend(part.strip() for part in raw.split(",") if part.strip())
    return list(dict.fromkeys(values))


def clean_flag(value: str | None, name: str) -> bool:
    """A yes/no parameter (``true``/``false``, ``1``/``0``…; absent is no)."""
    value = (value or "").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise InvalidParameter(
        _("“%(value)s” is not a valid %(name)s: use true or false.")
        % {"value": value, "name": name}
    )


def clean_radius(value: str | None) -> float | None:
    """A radius in kilometres (``2.5`` or ``2,5``), None when not given."""
    value = (value or "").strip().replace(",", ".")
    if not value:
        return None
    try:
        radius = float(value)
    except ValueError as error:
        raise InvalidParameter(
            _("The radius must be a number of kilometres.")
        ) from error
    if not 0 < radius <= MAX_RADIUS_KM:
        raise InvalidParameter(
            _("The radius must be between 0 and %(max)d km.") % {"max": MAX_RADIUS_KM}
        )
    return radius


class ParameterField(forms.Field):
    """A form field read by one of the shared cleaning functions (``clean_value``
    takes the raw text, or None when absent), so that a page's form and the API
    refuse a value with the same message. Never required; the text is read as
    given (a ``CharField`` would refuse a NUL byte the cleaning functions drop).
    """

    def __init__(self, clean_value: Callable[[str | None], Any], **kwargs) -> None:
        super().__init__(required=False, **kwargs)
        self.clean_value = clean_value

    def clean(self, value):
        try:
            return self.clean_value(value)
        except InvalidParameter as problem:
            raise ValidationError(problem.messages) from problem


def form_messages(form: forms.Form) -> list[str]:
    """A form's messages, field by field in the form's order, then the others."""
    names = [*form.fields, NON_FIELD_ERRORS]
    return [str(message) for name in names for message in form.errors.get(name, [])]
