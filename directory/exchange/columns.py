"""The exchange format's columns, their vocabularies and the shared value types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from directory.models import Answer, Antenna, Wheelchair

COLUMNS: tuple[str, ...] = (
    "organisation_id",
    "organisation_name_fr",
    "organisation_name_nl",
    "description_fr",
    "description_nl",
    "enterprise_number",
    "legal_form",
    "federations",
    "categories",
    "publics",
    "languages",
    "website",
    "email",
    "phone",
    "phone_2",
    "short_name",
    "community",
    "status",
    "closed_on",
    "last_verified_on",
    "accreditations",
    "antenna_id",
    "antenna_name_fr",
    "antenna_name_nl",
    "street",
    "number",
    "box",
    "postcode",
    "commune",
    "latitude",
    "longitude",
    "precision",
    "opening_hours",
    "dropin_hours",
    "wheelchair",
    "receives_public",
    "antenna_phone",
    "antenna_email",
    "closed_until",
    "closure_note",
    "served_communes",
    "antenna_languages",
    "step_free_entrance",
    "adapted_toilets",
    "hearing_loop",
    "sign_language",
    "easy_read",
    "public_transport_fr",
    "public_transport_nl",
    "transport_stops",
)
# The antenna's languages, accessibility and public transport (issue 17).
ANTENNA_EXTRA_COLUMNS = COLUMNS[COLUMNS.index("antenna_languages") :]
# Columns a file may leave out (files written before they existed). An absent
# ``receives_public`` means yes, as an empty cell does; the other optional columns,
# when absent, leave their field as it is (and at its default in a new record).
OPTIONAL_COLUMNS = frozenset(
    {
        "phone_2",
        "short_name",
        "community",
        "status",
        "closed_on",
        "last_verified_on",
        "accreditations",
        "precision",
        "receives_public",
        "antenna_phone",
        "antenna_email",
        "closed_until",
        "closure_note",
        "served_communes",
        *ANTENNA_EXTRA_COLUMNS,
    }
)
# Notes about a row, accepted in every format and never stored nor exported: the
# demo directory names the public page each fact comes from in ``source``.
NOTE_COLUMNS = frozenset({"source"})
ORGANISATION_COLUMNS = COLUMNS[: COLUMNS.index("antenna_id")]
ANTENNA_COLUMNS = COLUMNS[COLUMNS.index("antenna_id") :]
LIST_COLUMNS = frozenset(
    {
        "federations",
        "categories",
        "publics",
        "languages",
        "accreditations",
        "served_communes",
        "antenna_languages",
    }
)
FORMATS = ("csv", "xlsx", "json")

# Column → model field, for the plain text columns.
ORGANISATION_TEXT = {
    "organisation_name_fr": "name_fr",
    "organisation_name_nl": "name_nl",
    "description_fr": "description_fr",
    "description_nl": "description_nl",
    "legal_form": "legal_form",
    "phone": "phone",
    "phone_2": "phone_2",
    "short_name": "short_name",
}
ANTENNA_TEXT = {
    "antenna_name_fr": "name_fr",
    "antenna_name_nl": "name_nl",
    "street": "street",
    "number": "number",
    "box": "box",
    "antenna_phone": "phone",
    "closure_note": "closure_note",
    "public_transport_fr": "public_transport_fr",
    "public_transport_nl": "public_transport_nl",
    "transport_stops": "transport_stops",
}
# Translation fields are nullable: an empty value is stored as NULL, like the admin.
NULLABLE = frozenset(
    {
        "name_fr",
        "name_nl",
        "description_fr",
        "description_nl",
        "public_transport_fr",
        "public_transport_nl",
    }
)

# The model fields the columns fill, compared and written as such.
ORGANISATION_FIELDS = (
    "name_fr",
    "name_nl",
    "description_fr",
    "description_nl",
    "enterprise_number",
    "legal_form",
    "website",
    "email",
    "phone",
)
ORGANISATION_MORE_FIELDS = (
    "phone_2",
    "short_name",
    "community",
    "status",
    "closed_on",
    "last_verified_on",
)
ANTENNA_FIELDS = (
    "name_fr",
    "name_nl",
    "street",
    "number",
    "box",
    "postcode",
    "commune_id",
    "opening_hours",
    "dropin_hours",
    "wheelchair",
    "receives_public",
)
ANTENNA_MORE_FIELDS = (
    "phone",
    "email",
    "closed_until",
    "closure_note",
    *Antenna.ACCESSIBILITY_FIELDS,
    "public_transport_fr",
    "public_transport_nl",
    "public_transport",
    "transport_stops",
)
COORDINATE_FIELDS = (
    "latitude",
    "longitude",
    "precision",
    "coordinates_set_by_hand",
    "geocoded_at",
)
# Organisation many-to-many column → spec attribute.
M2M = {"categories": "categories", "publics": "publics", "languages": "languages"}
# Antenna many-to-many field → spec attribute (None there: not in the file).
ANTENNA_M2M = {"served_communes": "served_communes", "languages": "languages"}

LATITUDE_RANGE = (49.4, 51.6)
LONGITUDE_RANGE = (2.5, 6.5)

RECEIVES_PUBLIC = {
    "": True,
    "yes": True,
    "oui": True,
    "ja": True,
    "no": False,
    "non": False,
    "nee": False,
}
WHEELCHAIR = {
    "": Wheelchair.UNKNOWN,
    "unknown": Wheelchair.UNKNOWN,
    "yes": Wheelchair.YES,
    "oui": Wheelchair.YES,
    "ja": Wheelchair.YES,
    "partial": Wheelchair.PARTIAL,
    "partiel": Wheelchair.PARTIAL,
    "partiellement": Wheelchair.PARTIAL,
    "gedeeltelijk": Wheelchair.PARTIAL,
    "no": Wheelchair.NO,
    "non": Wheelchair.NO,
    "nee": Wheelchair.NO,
}

# A yes/no fact that may be unknown (an empty cell).
ANSWER = {
    "": Answer.UNKNOWN,
    "unknown": Answer.UNKNOWN,
    "yes": Answer.YES,
    "oui": Answer.YES,
    "ja": Answer.YES,
    "no": Answer.NO,
    "non": Answer.NO,
    "nee": Answer.NO,
}
# A yes/no flag: an empty cell means no.
FLAG = {
    "": False,
    "yes": True,
    "oui": True,
    "ja": True,
    "no": False,
    "non": False,
    "nee": False,
}

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called while reading, validating and writing."""

# An accreditation as the format carries it:
# (authority, kind, reference, valid from, valid to), dates as ISO text or "".
AccreditationKey = tuple[str, str, str, str, str]


class FormatError(ValueError):
    """The file cannot be read at all: unknown type, bad encoding, broken structure."""


@dataclass(frozen=True, order=True)
class RowError:
    """One problem: ``line`` as in the file (header = 1), column name and message;
    ``sheet`` names the services or contacts sheet (empty: the antennas sheet)."""

    line: int
    column: str
    message: str
    sheet: str = ""

    def __str__(self) -> str:
        values = {
            "sheet": self.sheet,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }
        if self.sheet and self.column:
            return (
                _("Sheet %(sheet)s, line %(line)d, column %(column)s: %(message)s")
                % values
            )
        if self.sheet:
            return _("Sheet %(sheet)s, line %(line)d: %(message)s") % values
        if self.column:
            return _("Line %(line)d, column %(column)s: %(message)s") % values
        return _("Line %(line)d: %(message)s") % values


@dataclass(frozen=True)
class Row:
    """One data row: its line in the file, its cells as stripped text (every column,
    empty when absent), the optional columns the file does not have and its sheet
    (empty: the antennas sheet)."""

    line: int
    values: dict[str, str]
    absent: frozenset[str] = field(default=frozenset())
    sheet: str = ""

    def has(self, column: str) -> bool:
        return column not in self.absent

    def error(self, column: str, message: str) -> RowError:
        return RowError(self.line, column, message, self.sheet)


def column_order(column: str) -> int:
    return COLUMNS.index(column) if column in COLUMNS else -1
