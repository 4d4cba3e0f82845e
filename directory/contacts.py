"""How a record's contact details reach a visitor: ``tel:`` links, e-mail, website.

Phone numbers are stored as written ("02 435 50 50", "0800 30 030", "107"); the
``tel:`` link gets a normalised form that phones dial anywhere ("+3224355050").
An antenna without its own phone or e-mail shows its organisation's, and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from directory.models import Antenna, Organisation

BELGIUM = "32"
# The dialable part: an optional "+", "00" or "(0)" trunk prefix, then digits and the
# separators people write between them. Anything after (an extension, a note) is
# left out of the link, and so is a second number ("02 240 30 80 - 02 435 50 90").
_SECOND_NUMBER = re.compile(r"\s[-–/]\s|[,;]")
_DIALABLE = re.compile(r"\s*(\+?[\d\s./()\-]*\d)")


def tel_href(number: str) -> str:
    """The ``tel:`` URL for a phone number as written, or "" if it has no digits.

    Belgian national numbers (a leading 0, 9 or 10 digits) get the country code;
    short numbers (107, 1813, 116 000) stay as they are. The result only ever
    contains "tel:", "+" and digits, whatever the input.
    """
    first = _SECOND_NUMBER.split(number or "", maxsplit=1)[0]
    match = _DIALABLE.match(first)
    if not match:
        return ""
    written = match.group(1).replace("(0)", "")
    international = written.lstrip().startswith("+")
    digits = re.sub(r"\D", "", written)
    if not digits:
        return ""
    if international:
        return f"tel:+{digits}"
    if digits.startswith("00") and len(digits) > 4:
        return f"tel:+{digits[2:]}"
    if digits.startswith("0") and len(digits) in (9, 10):
        return f"tel:+{BELGIUM}{digits[1:]}"
    return f"tel:{digits}"


def web_href(url: str) -> str:
    """The website as a link target, only for http(s) addresses (never
    ``javascript:`` or other schemes an imported record might carry)."""
    url = (url or "").strip()
    if not url:
        return ""
    if "://" not in url:
        url = f"https://{url}"
    return url if urlsplit(url).scheme in ("http", "https") else ""


@dataclass(frozen=True)
class Phone:
    text: str
    href: str


@dataclass(frozen=True)
class Contacts:
    """What a record page shows under phone, e-mail and website."""

    phones: list[Phone]
    email: str
    website: str
    website_href: str
    phones_from_organisation: bool = False
    email_from_organisation: bool = False

    def __bool__(self) -> bool:
        return bool(self.phones or self.email or self.website)


def _phones(*numbers: str) -> list[Phone]:
    return [Phone(n.strip(), tel_href(n)) for n in numbers if n and n.strip()]


def organisation_contacts(organisation: Organisation) -> Contacts:
    return Contacts(
        phones=_phones(organisation.phone, organisation.phone_2),
        email=organisation.email.strip(),
        website=organisation.website.strip(),
        website_href=web_href(organisation.website),
    )


def antenna_contacts(antenna: Antenna) -> Contacts:
    """The antenna's own phone and e-mail, else its organisation's (flagged so the
    page can say whose number it is); the website is always the organisation's."""
    organisation = organisation_contacts(antenna.organisation)
    own_phones = _phones(antenna.phone)
    own_email = antenna.email.strip()
    return Contacts(
        phones=own_phones or organisation.phones,
        email=own_email or organisation.email,
        website=organisation.website,
        website_href=organisation.website_href,
        phones_from_organisation=not own_phones and bool(organisation.phones),
        email_from_organisation=not own_email and bool(organisation.email),
    )
