"""Validators for Belgian identifiers used by the directory.

The enterprise number (BCE/KBO) is checked by python-stdnum (``stdnum.be.vat``: the
Belgian VAT number is the enterprise number), a maintained library; only the
messages are ours.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.be import vat as enterprise_number

_NON_DIGITS = re.compile(r"[\s./-]")


def normalise_enterprise_number(value: str) -> str:
    """``BE 0412.345.678`` → ``0412345678`` (digits only; 9-digit old form padded)."""
    digits = _NON_DIGITS.sub("", value or "").upper().removeprefix("BE")
    if len(digits) == 9 and digits.isdigit():
        digits = "0" + digits
    return digits


def enterprise_number_is_valid(value: str) -> bool:
    return enterprise_number.is_valid(normalise_enterprise_number(value))


def validate_enterprise_number(value: str) -> None:
    """Belgian enterprise number (BCE/KBO): 10 digits, starting with 0 or 1, mod-97."""
    if not enterprise_number_is_valid(value):
        raise ValidationError(
            _(
                "“%(value)s” is not a valid enterprise number (BCE/KBO): 10 digits "
                "starting with 0 or 1, the last two being 97 minus the first eight "
                "modulo 97."
            ),
            code="invalid_enterprise_number",
            params={"value": value},
        )


def format_enterprise_number(value: str) -> str:
    digits = normalise_enterprise_number(value)
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}" if len(digits) == 10 else value
