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

from core.languages import in_language

if TYPE_CHECKING:
    from directory.models import Antenna, Organisation

BELGIUM = "32"
# Where a second number may start: " - ", " / ", "/", ",", ";", " ou ", " of ".
# A separator only ends the first number when what comes before it is a whole
# number ("02 - 435 50 50" and "02/435.50.50" are one number each).
_SEPARATOR = re.compile(r"\s*[-–/]\s*|\s*[,;]\s*|\s+(?:ou|of|or)\s+", re.IGNORECASE)
_START = re.compile(r"[+(\d]")


def _is_whole(part: str) -> bool:
    digits = re.sub(r"\D", "", part.replace("(0)", "0"))
    if part.lstrip().startswith("+"):
        return len(digits) >= 10
    if digits.startswith("0"):
        return len(digits) >= 9
    return len(digits) >= 3


def _first_number(text: str) -> str:
    """The first number written in ``text``: a label before it ("Tél.") and what
    follows it (a second number, an extension, a note) left out."""
    start = _START.search(text)
    if not start:
        return ""
    text = text[start.start() :]
    for separator in _SEPARATOR.finditer(text):
        if _is_whole(text[: separator.start()]):
            text = text[: separator.start()]
            break
    match = re.match(r"\+?[\d\s./()\-]*\d", text)
    return match.group(0) if match else ""


def tel_href(number: str) -> str:
    """The ``tel:`` URL for a phone number as written, or "" when it is not one.

    Belgian national numbers (a leading 0, 9 or 10 digits) get the country code;
    short numbers (107, 1813, 116 000) stay as they are; a digit count no phone
    number has gives no link. The result only ever contains "tel:", "+" and digits,
    whatever the input.
    """
    written = _first_number(number or "")
    international = written.startswith("+")
    # "+32 (0)2 …": the trunk 0 is dropped abroad; "(0)2 …" alone is national.
    written = written.replace("(0)", "" if international else "0")
    digits = re.sub(r"\D", "", written)
    if not digits:
        return ""
    if international:
        return f"tel:+{digits}" if 8 <= len(digits) <= 15 else ""
    if digits.startswith("00") and 10 <= len(digits) <= 17:
        return f"tel:+{digits[2:]}"
    if digits.startswith("0"):
        return f"tel:+{BELGIUM}{digits[1:]}" if len(digits) in (9, 10) else ""
    return f"tel:{digits}" if 3 <= len(digits) <= 6 else ""


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


# --- Contacts of the service level (OrganisationContact, ServiceContact) -------


@dataclass(frozen=True)
class ContactLine:
    """One contact as a page shows it: its kind, who, how to reach them."""

    kind: str
    name: str
    role: object  # core.languages.TranslatedValue
    phone: Phone | None
    email: str
    language: str
    note: object  # core.languages.TranslatedValue
    for_professionals: bool


def contact_lines(contacts, show_professionals: bool) -> list[ContactLine]:
    """The contacts a visitor may see, in their order: professionals-only ones
    only when ``show_professionals`` (``permissions.sees_professional_contacts``)."""
    lines = []
    for contact in contacts:
        if not contact.is_public and not show_professionals:
            continue
        phone = _phones(contact.phone)
        lines.append(
            ContactLine(
                kind=contact.get_kind_display(),
                name=contact.name.strip(),
                role=in_language(contact, "role"),
                phone=phone[0] if phone else None,
                email=contact.email.strip(),
                language=str(contact.language) if contact.language_id else "",
                note=in_language(contact, "note"),
                for_professionals=not contact.is_public,
            )
        )
    return lines
