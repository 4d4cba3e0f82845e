"""The sheets of the exchange format: antennas (the main one), services, contacts.

Each sheet has its columns, the optional ones (a file may leave them out) and its
list columns. The services sheet has one row per service at an antenna (a service
at no place has one row with an empty ``antenna_id``); the contacts sheet one row
per contact. See :mod:`directory.exchange` for the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from directory.exchange.columns import COLUMNS, LIST_COLUMNS, OPTIONAL_COLUMNS


@dataclass(frozen=True)
class Sheet:
    """A sheet's name, its columns in order, the optional ones, the list ones, and
    the optional ones whose absence means an empty cell (not "leave as it is")."""

    name: str
    columns: tuple[str, ...]
    optional: frozenset[str]
    lists: frozenset[str]
    absent_means_empty: frozenset[str] = frozenset()

    def order(self, column: str) -> int:
        return self.columns.index(column) if column in self.columns else -1


SERVICE_COLUMNS: tuple[str, ...] = (
    "service_id",
    "organisation_id",
    "antenna_id",
    "service_name_fr",
    "service_name_nl",
    "service_description_fr",
    "service_description_nl",
    "categories",
    "publics",
    "languages",
    "eligibility_fr",
    "eligibility_nl",
    "minimum_age",
    "maximum_age",
    "residents_only",
    "income_condition",
    "required_status_fr",
    "required_status_nl",
    "cost",
    "cost_note_fr",
    "cost_note_nl",
    "walk_in",
    "walk_in_hours",
    "by_appointment",
    "appointment_hours",
    "phone_first",
    "phone_hours",
    "referral_required",
    "referral_note_fr",
    "referral_note_nl",
    "documents_fr",
    "documents_nl",
    "anonymous",
    "online_url",
    "service_status",
    "service_last_verified_on",
    "location_walk_in_hours",
    "location_appointment_hours",
    "location_note_fr",
    "location_note_nl",
)
# The columns of the service at one antenna; the others describe the service and
# are repeated, identical, on each of its rows.
LOCATION_COLUMNS: tuple[str, ...] = (
    "antenna_id",
    "location_walk_in_hours",
    "location_appointment_hours",
    "location_note_fr",
    "location_note_nl",
)
SERVICE_OWN_COLUMNS: tuple[str, ...] = tuple(
    column for column in SERVICE_COLUMNS if column not in LOCATION_COLUMNS
)
SERVICE_REQUIRED = frozenset(
    {
        "service_id",
        "organisation_id",
        "antenna_id",
        "service_name_fr",
        "service_name_nl",
    }
)
SERVICE_LISTS = frozenset({"categories", "publics", "languages"})

# Column → model field, for the services' plain text columns (hours apart).
SERVICE_TEXT = {
    "service_name_fr": "name_fr",
    "service_name_nl": "name_nl",
    "service_description_fr": "description_fr",
    "service_description_nl": "description_nl",
    "eligibility_fr": "eligibility_fr",
    "eligibility_nl": "eligibility_nl",
    "required_status_fr": "required_status_fr",
    "required_status_nl": "required_status_nl",
    "cost_note_fr": "cost_note_fr",
    "cost_note_nl": "cost_note_nl",
    "referral_note_fr": "referral_note_fr",
    "referral_note_nl": "referral_note_nl",
    "documents_fr": "documents_fr",
    "documents_nl": "documents_nl",
}
SERVICE_HOURS = ("walk_in_hours", "appointment_hours", "phone_hours")
# yes/no, empty = no
SERVICE_FLAGS = (
    "residents_only",
    "walk_in",
    "by_appointment",
    "phone_first",
    "referral_required",
)
# yes/no, empty = unknown
SERVICE_ANSWERS = ("income_condition", "anonymous")
SERVICE_AGES = ("minimum_age", "maximum_age")
LOCATION_TEXT = {
    "location_walk_in_hours": "walk_in_hours",
    "location_appointment_hours": "appointment_hours",
    "location_note_fr": "note_fr",
    "location_note_nl": "note_nl",
}

CONTACT_COLUMNS: tuple[str, ...] = (
    "organisation_id",
    "antenna_id",
    "service_id",
    "kind",
    "name",
    "role_fr",
    "role_nl",
    "phone",
    "email",
    "language",
    "audience",
    "note_fr",
    "note_nl",
)
CONTACT_REQUIRED = frozenset({"organisation_id", "antenna_id", "service_id", "kind"})
CONTACT_TEXT = ("name", "role_fr", "role_nl", "phone", "note_fr", "note_nl")

ANTENNAS = Sheet(
    name="",
    columns=COLUMNS,
    optional=OPTIONAL_COLUMNS,
    lists=LIST_COLUMNS,
    # An absent ``receives_public`` means yes, as an empty cell does.
    absent_means_empty=frozenset({"receives_public"}),
)
SERVICES = Sheet(
    name="services",
    columns=SERVICE_COLUMNS,
    optional=frozenset(SERVICE_COLUMNS) - SERVICE_REQUIRED,
    lists=SERVICE_LISTS,
)
CONTACTS = Sheet(
    name="contacts",
    columns=CONTACT_COLUMNS,
    optional=frozenset(CONTACT_COLUMNS) - CONTACT_REQUIRED,
    lists=frozenset(),
    # A contact is replaced as a whole: a column left out is an empty cell.
    absent_means_empty=frozenset(CONTACT_COLUMNS) - CONTACT_REQUIRED,
)
SHEETS = (ANTENNAS, SERVICES, CONTACTS)
# The sheets' names in an XLSX workbook and as keys of a JSON object.
SHEET_NAMES = {"antennas": ANTENNAS, "services": SERVICES, "contacts": CONTACTS}
