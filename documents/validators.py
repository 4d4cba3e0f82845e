"""ISBN and ISSN with their check digits (checked by python-stdnum, a maintained
library; only the normalising for display and the messages are ours)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import isbn as stdnum_isbn
from stdnum import issn as stdnum_issn

_SEPARATORS = re.compile(r"[\s-]")


def normalise_isbn(value: str) -> str:
    """``978-2-87003-123-4`` → ``9782870031234`` (upper-case ``X`` kept)."""
    value = (value or "").strip()
    value = re.sub(r"^ISBN(?:-1[03])?:?\s*", "", value, flags=re.IGNORECASE)
    return _SEPARATORS.sub("", value).upper()


def isbn_is_valid(value: str) -> bool:
    digits = normalise_isbn(value)
    if not re.fullmatch(r"\d{9}[\dX]|97[89]\d{10}", digits):
        return False
    return stdnum_isbn.is_valid(digits)


def validate_isbn(value: str) -> None:
    """ISBN-10 (mod 11, ``X`` = 10) or ISBN-13 (978/979, weights 1 and 3, mod 10)."""
    digits = normalise_isbn(value)
    if len(digits) not in (10, 13):
        raise ValidationError(
            _("“%(value)s” is not an ISBN: an ISBN has 10 or 13 characters."),
            code="invalid_isbn_length",
            params={"value": value},
        )
    if not isbn_is_valid(digits):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid ISBN: its check digit does not match. "
                "Please check for a typing error."
            ),
            code="invalid_isbn_checksum",
            params={"value": value},
        )


def normalise_issn(value: str) -> str:
    value = re.sub(r"^ISSN:?\s*", "", (value or "").strip(), flags=re.IGNORECASE)
    return _SEPARATORS.sub("", value).upper()


def issn_is_valid(value: str) -> bool:
    digits = normalise_issn(value)
    return bool(re.fullmatch(r"\d{7}[\dX]", digits)) and stdnum_issn.is_valid(digits)


def validate_issn(value: str) -> None:
    """ISSN: 8 characters, weights 8…2, check = 11 − sum mod 11 (``X`` = 10)."""
    if not re.fullmatch(r"\d{7}[\dX]", normalise_issn(value)):
        raise ValidationError(
            _("“%(value)s” is not an ISSN: an ISSN looks like 1234-5679."),
            code="invalid_issn_format",
            params={"value": value},
        )
    if not issn_is_valid(value):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid ISSN: its check digit does not match. "
                "Please check for a typing error."
            ),
            code="invalid_issn_checksum",
            params={"value": value},
        )


def format_issn(value: str) -> str:
    digits = normalise_issn(value)
    return f"{digits[:4]}-{digits[4:]}" if len(digits) == 8 else value
