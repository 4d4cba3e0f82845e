"""Checks of place data."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_postcode(value: str) -> None:
    if not re.fullmatch(r"[1-9]\d{3}", value or ""):
        raise ValidationError(
            _("“%(value)s” is not a Belgian postcode (four digits)."),
            code="invalid_postcode",
            params={"value": value},
        )
