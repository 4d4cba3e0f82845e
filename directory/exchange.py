"""Import and export of the directory as CSV, XLSX or JSON: one row per antenna.

The commands ``import_directory`` and ``export_directory`` are thin wrappers around
this module, so that an admin upload view can reuse it::

    rows, errors = read_rows(path)            # or an uploaded binary file + fmt
    if not errors:
        plan, errors = validate(rows)
    if not errors:
        result = apply(plan)                  # or apply(plan, dry_run=True)

The format
----------
Columns (:data:`COLUMNS`): the organisation's columns come first, up to ``phone``;
the antenna's start at ``antenna_id``. An organisation with several antennas is
repeated on each of their rows and every repetition must agree. A row with an empty
``antenna_id`` (and no other antenna column) describes an organisation only; the
export writes one for organisations without antennas. Lists (``federations``,
``categories``, ``publics``, ``languages``) are ``;``-separated. JSON is a list of
objects with the same keys (values are strings; numbers, booleans, ``null`` and, for
list columns, arrays are accepted too).

Error locations are file lines: the header is line 1, the first data row line 2
(CSV rows spanning several lines are located by their first line). In JSON there is
no header: the n-th object is reported as line n + 1, so that the same data gets the
same line numbers in every format.

Choices
-------
* **Upsert** on ``organisation_id`` / ``antenna_id`` (``external_id`` fields). An
  antenna that belongs to another organisation in the database is *moved* to the
  organisation of its row (counted as ``moved``). Nothing is ever deleted: antennas of
  an imported organisation that are missing from the file are left alone (counted).
* **The file is authoritative** for every column it has: an empty cell clears the
  field (``wheelchair`` becomes unknown), except coordinates (below).
  ``receives_public`` (``no`` for an office that receives no one) may be left out of
  a file written before it existed: absent or empty, it means yes.
* **Coordinates** given in the file are stored with precision ``address`` and
  ``coordinates_set_by_hand=True`` so that the geocoder never replaces them; when they
  equal the stored ones to 6 decimals (what the export writes) nothing changes, so
  re-importing an export does not turn geocoded positions into hand-set ones. Empty
  coordinates mean "no opinion": stored coordinates are kept unless the address
  (street, number, postcode, commune) changed, in which case they are cleared.
  Antennas left without coordinates that were created or changed, or were never
  geocoded, are handed to ``directory.tasks.enqueue_geocoding`` after the commit.
* **Federations**: each listed federation gets a current membership unless one
  exists (an ended one that ended yesterday is reopened, otherwise a new one starts:
  without start date the first time, today when the pair had an earlier
  membership). Current memberships of an imported organisation to federations it no
  longer lists end *yesterday*, so that ``Organisation.current_federations()`` and
  the export agree with the file at once (one that started today is deleted instead).
  Future memberships are left alone.
* **Idempotence**: records are compared with the file before writing; unchanged
  records, many-to-many sets and memberships are not written (``updated_at`` stays).
* **Drafts and revisions**: new records are created live, without revision. A changed
  record that already has a revision history gets a new revision holding the
  imported state, which becomes its latest and live revision, so the admin's edit
  form shows the imported values; pending drafts stay in the history (counted as
  ``drafts superseded``). Unchanged records keep their drafts.
* The search index is updated and geocoding enqueued after the commit
  (``transaction.on_commit``), since bulk writes send no signals.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from zipfile import BadZipFile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from directory.models import (
    Antenna,
    Category,
    FederationMembership,
    Language,
    Organisation,
    Public,
    Wheelchair,
    opening_hours_error,
)
from directory.validators import (
    normalise_enterprise_number,
    validate_enterprise_number,
)
from places.geocoding import lookup_commune
from places.models import Commune, Postcode, Precision
from places.validators import validate_postcode

logger = logging.getLogger(__name__)

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
    "opening_hours",
    "dropin_hours",
    "wheelchair",
    "receives_public",
)
# Columns a file may leave out (files written before they existed): an absent
# column keeps its default — the antenna receives the public.
OPTIONAL_COLUMNS = frozenset({"receives_public"})
ORGANISATION_COLUMNS = COLUMNS[: COLUMNS.index("antenna_id")]
ANTENNA_COLUMNS = COLUMNS[COLUMNS.index("antenna_id") :]
LIST_COLUMNS = frozenset({"federations", "categories", "publics", "languages"})
FORMATS = ("csv", "xlsx", "json")

# Column → model field, for the plain text columns.
_ORG_TEXT = {
    "organisation_name_fr": "name_fr",
    "organisation_name_nl": "name_nl",
    "description_fr": "description_fr",
    "description_nl": "description_nl",
    "legal_form": "legal_form",
    "phone": "phone",
}
_ANTENNA_TEXT = {
    "antenna_name_fr": "name_fr",
    "antenna_name_nl": "name_nl",
    "street": "street",
    "number": "number",
    "box": "box",
}
# Translation fields are nullable: an empty value is stored as NULL, like the admin.
_NULLABLE = frozenset({"name_fr", "name_nl", "description_fr", "description_nl"})

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
_COORDINATE_FIELDS = (
    "latitude",
    "longitude",
    "precision",
    "coordinates_set_by_hand",
    "geocoded_at",
)
_M2M = {"categories": "categories", "publics": "publics", "languages": "languages"}

LATITUDE_RANGE = (49.4, 51.6)
LONGITUDE_RANGE = (2.5, 6.5)

_RECEIVES_PUBLIC = {
    "": True,
    "yes": True,
    "oui": True,
    "ja": True,
    "no": False,
    "non": False,
    "nee": False,
}
_WHEELCHAIR = {
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

_CHUNK = 500
_URL_VALIDATOR = URLValidator(schemes=["http", "https"])

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called while reading, validating and writing."""


class FormatError(ValueError):
    """The file cannot be read at all: unknown type, bad encoding, broken structure."""


@dataclass(frozen=True, order=True)
class RowError:
    """One problem: ``line`` as in the file (header = 1), column name and message."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Line %(line)d, column %(column)s: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("Line %(line)d: %(message)s") % {
            "line": self.line,
            "message": self.message,
        }


@dataclass(frozen=True)
class Row:
    """One data row: its line in the file and its cells as stripped text."""

    line: int
    values: dict[str, str]


@dataclass
class OrganisationSpec:
    external_id: str
    line: int
    fields: dict[str, Any]
    categories: frozenset[int]
    publics: frozenset[int]
    languages: frozenset[int]
    federations: tuple[str, ...]


@dataclass
class AntennaSpec:
    external_id: str
    line: int
    organisation: str
    fields: dict[str, Any]
    coordinates: tuple[float, float] | None


@dataclass
class Plan:
    """The validated content of a file, ready for :func:`apply`."""

    organisations: dict[str, OrganisationSpec]
    antennas: dict[str, AntennaSpec]
    rows: int


@dataclass
class ImportResult:
    organisations_created: int = 0
    organisations_updated: int = 0
    organisations_unchanged: int = 0
    antennas_created: int = 0
    antennas_updated: int = 0
    antennas_unchanged: int = 0
    antennas_moved: int = 0
    antennas_not_in_file: int = 0
    memberships_created: int = 0
    memberships_ended: int = 0
    geocoding_requested: int = 0
    drafts_superseded: int = 0
    dry_run: bool = False

    def as_dict(self) -> dict[str, int | bool]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# ---------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------


def detect_format(name: str | Path) -> str:
    """``csv``, ``xlsx`` or ``json`` from a file name; :class:`FormatError` else."""
    suffix = Path(str(name)).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise FormatError(
            _("Unsupported file type “%(suffix)s”: use .csv, .xlsx or .json.")
            % {"suffix": suffix or Path(str(name)).name}
        )
    return suffix


def read_rows(
    source: str | Path | IO[bytes], fmt: str | None = None
) -> tuple[list[Row], list[RowError]]:
    """The data rows of a file (path or binary file object) and the header's errors.

    ``fmt`` defaults to the file name's extension. Blank rows are skipped.
    """
    if fmt is None:
        fmt = detect_format(getattr(source, "name", None) or str(source))
    if fmt not in FORMATS:
        raise FormatError(_("Unsupported format “%(fmt)s”.") % {"fmt": fmt})
    reader = {"csv": _read_csv, "xlsx": _read_xlsx, "json": _read_json}[fmt]
    if isinstance(source, str | Path):
        try:
            with open(source, "rb") as stream:
                return reader(stream)
        except OSError as error:
            raise FormatError(
                _("Cannot read %(name)s: %(error)s")
                % {"name": source, "error": error.strerror or error}
            ) from error
    return reader(source)


def _text(value: Any) -> str:
    """A cell as stripped text (XLSX and JSON cells may be numbers or dates)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _header(
    cells: Sequence[Any], line: int = 1
) -> tuple[dict[str, int], list[RowError]]:
    """Map each column to its position; errors for unknown, repeated, missing ones."""
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for position, cell in enumerate(cells):
        name = _text(cell).lstrip("\ufeff").strip().lower()
        if not name:
            continue
        if name not in COLUMNS:
            errors.append(RowError(line, name, _("Unknown column.")))
        elif name in positions:
            errors.append(RowError(line, name, _("This column appears twice.")))
        else:
            positions[name] = position
    for name in COLUMNS:
        if name not in positions and name not in OPTIONAL_COLUMNS:
            errors.append(RowError(line, name, _("Missing column.")))
    return positions, errors


def _row(line: int, cells: Sequence[Any], positions: dict[str, int]) -> Row:
    return Row(
        line,
        {
            name: _text(cells[positions[name]])
            if name in positions and positions[name] < len(cells)
            else ""
            for name in COLUMNS
        },
    )


def _read_csv(stream: IO[bytes]) -> tuple[list[Row], list[RowError]]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    rows: list[Row] = []
    errors: list[RowError] = []
    try:
        reader = csv.reader(text)
        header = next(reader, None)
        if header is None:
            raise FormatError(_("The file is empty."))
        if len(header) == 1 and header[0].count(";") >= len(COLUMNS) // 2:
            raise FormatError(
                _("The columns must be separated by commas, not semicolons.")
            )
        positions, errors = _header(header)
        if errors:
            return [], errors
        previous = reader.line_num
        for cells in reader:
            line, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                errors.append(
                    RowError(
                        line,
                        "",
                        _("This row has %(count)d values, the header %(columns)d.")
                        % {"count": len(cells), "columns": len(header)},
                    )
                )
                continue
            rows.append(_row(line, cells, positions))
    except UnicodeDecodeError as error:
        raise FormatError(_("The file is not UTF-8 text.")) from error
    except csv.Error as error:
        raise FormatError(
            _("Line %(line)d: %(error)s") % {"line": reader.line_num, "error": error}
        ) from error
    finally:
        text.detach()
    return rows, errors


def _read_xlsx(stream: IO[bytes]) -> tuple[list[Row], list[RowError]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as error:
        raise FormatError(_("This is not a readable XLSX file.")) from error
    try:
        if not workbook.worksheets:
            raise FormatError(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None)
        if header is None:
            raise FormatError(_("The first sheet is empty."))
        positions, errors = _header(header)
        if errors:
            return [], errors
        rows = []
        for line, cells in enumerate(lines, start=2):
            if all(_text(cell) == "" for cell in cells):
                continue
            rows.append(_row(line, cells, positions))
        return rows, []
    finally:
        workbook.close()


def _read_json(stream: IO[bytes]) -> tuple[list[Row], list[RowError]]:
    try:
        data = json.loads(stream.read().decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise FormatError(_("The file is not UTF-8 text.")) from error
    except json.JSONDecodeError as error:
        raise FormatError(
            _("Invalid JSON on line %(line)d: %(error)s")
            % {"line": error.lineno, "error": error.msg}
        ) from error
    if not isinstance(data, list):
        raise FormatError(_("The JSON file must contain a list of objects."))
    rows: list[Row] = []
    errors: list[RowError] = []
    for index, item in enumerate(data, start=1):
        line = index + 1
        if not isinstance(item, dict):
            errors.append(RowError(line, "", _("This item is not an object.")))
            continue
        values: dict[str, str] = {}
        for key, value in item.items():
            name = str(key).strip().lower()
            if name not in COLUMNS:
                errors.append(RowError(line, name, _("Unknown column.")))
            elif isinstance(value, list) and name in LIST_COLUMNS:
                values[name] = ";".join(_text(part) for part in value)
            elif isinstance(value, dict | list):
                errors.append(RowError(line, name, _("Expected a text value.")))
            else:
                values[name] = _text(value)
        missing = [
            name
            for name in COLUMNS
            if name not in values and name not in OPTIONAL_COLUMNS
        ]
        for name in missing:
            if name not in {str(key).strip().lower() for key in item}:
                errors.append(RowError(line, name, _("Missing column.")))
        if not any(values.values()):
            continue
        rows.append(Row(line, {name: values.get(name, "") for name in COLUMNS}))
    return rows, errors


# ---------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------


class _Reference:
    """The reference tables, loaded once per validation."""

    def __init__(self) -> None:
        self.categories = dict(Category.objects.values_list("slug", "pk"))
        self.publics = dict(Public.objects.values_list("slug", "pk"))
        self.languages = {
            code.lower(): pk for code, pk in Language.objects.values_list("code", "pk")
        }
        self.communes: dict[str, int] = {}
        self.commune_names: dict[int, str] = {}
        for pk, refnis, *names in _manager(Commune).values_list(
            "pk", "refnis", "name_fr", "name_nl", "name_de", "name"
        ):
            self.communes[refnis] = pk
            self.commune_names[pk] = names[0] or names[-1]
        self.postcodes: dict[str, set[int]] = defaultdict(set)
        for code, commune_id in Postcode.objects.values_list("code", "commune_id"):
            self.postcodes[code].add(commune_id)
        self.opening_hours: dict[str, str | None] = {}

    def commune(self, text: str) -> int | None:
        """A REFNIS code, or a name in any language and spelling (the gazetteer's
        lookup, shared with every "where" a visitor types)."""
        refnis = text.strip()
        if refnis not in self.communes:
            refnis = lookup_commune(text)
        return self.communes.get(refnis) if refnis else None

    def hours_error(self, text: str) -> str | None:
        if text not in self.opening_hours:
            self.opening_hours[text] = opening_hours_error(text)
        return self.opening_hours[text]


def _split(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for part in text.split(";"):
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return list(seen)


def _comparable(column: str, value: str) -> str:
    """The value used to check that the rows of one organisation agree."""
    if column in LIST_COLUMNS:
        return ";".join(sorted(_split(value)))
    if column == "enterprise_number" and value:
        return normalise_enterprise_number(value)
    return value


def _max_length(model: type[models.Model], name: str) -> int | None:
    return model._meta.get_field(name).max_length


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


class _RowChecker:
    """Validates the cells of one row; errors go to a shared list."""

    def __init__(self, row: Row, errors: list[RowError], ref: _Reference) -> None:
        self.row = row
        self.values = row.values
        self.errors = errors
        self.ref = ref
        self.failed = False

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.row.line, column, message))
        self.failed = True

    def text(
        self, column: str, model: type[models.Model], name: str, *, nullable: bool
    ) -> str | None:
        value = self.values[column]
        limit = _max_length(model, name)
        if limit and len(value) > limit:
            self.error(
                column,
                _("At most %(limit)d characters (here %(count)d).")
                % {"limit": limit, "count": len(value)},
            )
        if not value and nullable:
            return None
        return value

    def identifier(self, column: str, model: type[models.Model]) -> str:
        value = self.values[column]
        limit = _max_length(model, "external_id") or 64
        if len(value) > limit:
            self.error(column, _("At most %(limit)d characters.") % {"limit": limit})
        if ";" in value:
            self.error(column, _("An identifier cannot contain “;”."))
        return value

    def lookup(
        self, column: str, table: dict[str, int], message: str
    ) -> frozenset[int]:
        found = set()
        for item in _split(self.values[column]):
            key = item.lower() if column == "languages" else item
            if key in table:
                found.add(table[key])
                continue
            text = message % {"value": item}
            if "," in item:
                text += " " + _("Separate the values with “;”.")
            self.error(column, text)
        return frozenset(found)

    def organisation(self) -> OrganisationSpec | None:
        values = self.values
        data: dict[str, Any] = {}
        external_id = self.identifier("organisation_id", Organisation)
        for column, name in _ORG_TEXT.items():
            data[name] = self.text(
                column, Organisation, name, nullable=name in _NULLABLE
            )
        if not data["name_fr"] and not data["name_nl"]:
            self.error(
                "organisation_name_fr",
                _("Give the organisation's name in French or in Dutch (or both)."),
            )
        number = values["enterprise_number"]
        data["enterprise_number"] = ""
        if number:
            try:
                validate_enterprise_number(number)
            except ValidationError as error:
                self.error("enterprise_number", " ".join(error.messages))
            else:
                data["enterprise_number"] = normalise_enterprise_number(number)
        data["website"] = ""
        if website := values["website"]:
            if "://" not in website:
                website = f"https://{website}"
            limit = _max_length(Organisation, "website") or 200
            try:
                _URL_VALIDATOR(website)
            except ValidationError:
                self.error("website", _("This is not a valid web address."))
            else:
                if len(website) > limit:
                    self.error(
                        "website", _("At most %(limit)d characters.") % {"limit": limit}
                    )
                data["website"] = website
        data["email"] = self.text("email", Organisation, "email", nullable=False)
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                self.error("email", _("This is not a valid e-mail address."))
        categories = self.lookup(
            "categories", self.ref.categories, _("Unknown category “%(value)s”.")
        )
        publics = self.lookup(
            "publics", self.ref.publics, _("Unknown target public “%(value)s”.")
        )
        languages = self.lookup(
            "languages", self.ref.languages, _("Unknown language code “%(value)s”.")
        )
        federations = tuple(sorted(_split(values["federations"])))
        if self.failed:
            return None
        return OrganisationSpec(
            external_id=external_id,
            line=self.row.line,
            fields=data,
            categories=categories,
            publics=publics,
            languages=languages,
            federations=federations,
        )

    def antenna(self, organisation: str) -> AntennaSpec | None:
        values = self.values
        self.failed = False
        data: dict[str, Any] = {}
        external_id = self.identifier("antenna_id", Antenna)
        for column, name in _ANTENNA_TEXT.items():
            data[name] = self.text(column, Antenna, name, nullable=name in _NULLABLE)
        if not data["name_fr"] and not data["name_nl"]:
            self.error(
                "antenna_name_fr",
                _("Give the antenna's name in French or in Dutch (or both)."),
            )
        commune_id = None
        if not values["commune"]:
            self.error("commune", _("The commune is required."))
        else:
            commune_id = self.ref.commune(values["commune"])
            if commune_id is None:
                self.error(
                    "commune",
                    _("Unknown commune “%(value)s”.") % {"value": values["commune"]},
                )
        data["commune_id"] = commune_id
        postcode = values["postcode"]
        data["postcode"] = postcode
        if postcode:
            try:
                validate_postcode(postcode)
            except ValidationError as error:
                self.error("postcode", " ".join(error.messages))
            else:
                communes = self.ref.postcodes.get(postcode, set())
                if not communes:
                    self.error(
                        "postcode",
                        _("Unknown postcode %(postcode)s.") % {"postcode": postcode},
                    )
                elif commune_id is not None and commune_id not in communes:
                    self.error(
                        "postcode",
                        _(
                            "Postcode %(postcode)s is not in %(commune)s "
                            "(it is in %(in)s)."
                        )
                        % {
                            "postcode": postcode,
                            "commune": self.ref.commune_names[commune_id],
                            "in": ", ".join(
                                sorted(self.ref.commune_names[pk] for pk in communes)
                            ),
                        },
                    )
        coordinates = self.coordinates()
        for column in ("opening_hours", "dropin_hours"):
            data[column] = self.text(column, Antenna, column, nullable=False)
            if data[column] and (message := self.ref.hours_error(data[column])):
                self.error(column, message)
        wheelchair = _WHEELCHAIR.get(values["wheelchair"].lower())
        if wheelchair is None:
            self.error(
                "wheelchair", _("Expected yes, partial, no or nothing (unknown).")
            )
        data["wheelchair"] = wheelchair
        receives = _RECEIVES_PUBLIC.get(values["receives_public"].lower())
        if receives is None:
            self.error("receives_public", _("Expected yes, no or nothing (yes)."))
        data["receives_public"] = receives
        if self.failed:
            return None
        return AntennaSpec(
            external_id=external_id,
            line=self.row.line,
            organisation=organisation,
            fields=data,
            coordinates=coordinates,
        )

    def coordinates(self) -> tuple[float, float] | None:
        parsed: dict[str, float | None] = {}
        bounds = {"latitude": LATITUDE_RANGE, "longitude": LONGITUDE_RANGE}
        for column, (low, high) in bounds.items():
            text = self.values[column]
            parsed[column] = None
            if not text:
                continue
            try:
                number = float(text.replace(",", "."))
            except ValueError:
                self.error(column, _("Expected a decimal number."))
                continue
            if not math.isfinite(number) or not low <= number <= high:
                self.error(
                    column,
                    _("%(value)s is outside Belgium (expected %(low)s to %(high)s).")
                    % {"value": text, "low": low, "high": high},
                )
                continue
            parsed[column] = number
        latitude, longitude = parsed["latitude"], parsed["longitude"]
        given = [column for column in bounds if self.values[column]]
        if len(given) == 1:
            missing = "longitude" if given == ["latitude"] else "latitude"
            self.error(missing, _("Give both latitude and longitude, or neither."))
            return None
        if latitude is None or longitude is None:
            return None
        return (latitude, longitude)


def validate(
    rows: Sequence[Row], *, progress: Progress | None = None
) -> tuple[Plan, list[RowError]]:
    """Check every row against the rules and the database; collect every error.

    The plan is meant for :func:`apply` only when the error list is empty.
    """
    ref = _Reference()
    errors: list[RowError] = []
    organisations: dict[str, OrganisationSpec] = {}
    first_rows: dict[str, Row] = {}
    antenna_lines: dict[str, int] = {}
    antennas: dict[str, AntennaSpec] = {}
    stage = _("Validating")
    total = len(rows)
    for done, row in enumerate(rows, start=1):
        checker = _RowChecker(row, errors, ref)
        values = row.values
        organisation_id = values["organisation_id"]
        if not organisation_id:
            checker.error(
                "organisation_id", _("The organisation identifier is required.")
            )
        elif organisation_id in first_rows:
            first = first_rows[organisation_id]
            for column in ORGANISATION_COLUMNS[1:]:
                expected = _comparable(column, first.values[column])
                if _comparable(column, values[column]) != expected:
                    checker.error(
                        column,
                        _(
                            "Differs from line %(line)d (“%(expected)s”), where "
                            "organisation “%(id)s” first appears: all the rows of an "
                            "organisation must agree."
                        )
                        % {
                            "id": organisation_id,
                            "expected": _short(first.values[column]),
                            "line": first.line,
                        },
                    )
        else:
            first_rows[organisation_id] = row
            spec = checker.organisation()
            if spec is not None:
                organisations[organisation_id] = spec
        antenna_id = values["antenna_id"]
        if not antenna_id:
            filled = [column for column in ANTENNA_COLUMNS[1:] if values[column]]
            if filled:
                checker.error(
                    "antenna_id",
                    _("Required when antenna columns are filled in (%(columns)s).")
                    % {"columns": ", ".join(filled)},
                )
        elif antenna_id in antenna_lines:
            checker.error(
                "antenna_id",
                _("Antenna “%(id)s” already appears on line %(line)d.")
                % {"id": antenna_id, "line": antenna_lines[antenna_id]},
            )
        else:
            antenna_lines[antenna_id] = row.line
            antenna = checker.antenna(organisation_id)
            if antenna is not None and organisation_id:
                antennas[antenna_id] = antenna
        if progress:
            progress(stage, done, total)

    wanted = {
        federation
        for spec in organisations.values()
        for federation in spec.federations
        if federation not in first_rows
    }
    known: set[str] = set()
    for chunk in _chunks(wanted):
        known.update(
            Organisation.objects.filter(external_id__in=chunk).values_list(
                "external_id", flat=True
            )
        )
    for spec in organisations.values():
        for federation in spec.federations:
            if federation == spec.external_id:
                errors.append(
                    RowError(
                        spec.line,
                        "federations",
                        _("An organisation cannot be its own federation."),
                    )
                )
            elif federation not in first_rows and federation not in known:
                errors.append(
                    RowError(
                        spec.line,
                        "federations",
                        _(
                            "Unknown federation “%(value)s”: no organisation has this "
                            "identifier, in the file or in the directory."
                        )
                        % {"value": federation},
                    )
                )
    errors.sort(
        key=lambda error: (error.line, _column_order(error.column), error.message)
    )
    return Plan(organisations=organisations, antennas=antennas, rows=len(rows)), errors


def _column_order(column: str) -> int:
    return COLUMNS.index(column) if column in COLUMNS else -1


# ---------------------------------------------------------------------------------
# Applying
# ---------------------------------------------------------------------------------


def _chunks(values: Iterable[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _manager(model: type[models.Model]) -> Any:
    """The model's manager without modeltranslation's rewriting of ``name``.

    ``bulk_update(fields=["name", ...])`` must write the base column itself, not
    have it rewritten into ``name_fr``.
    """
    manager = model._default_manager
    return manager.rewrite(False) if hasattr(manager, "rewrite") else manager.all()


def _same(old: Any, new: Any) -> bool:
    if isinstance(new, str) or new is None:
        return (old or "") == (new or "")
    return old == new


def _same_position(antenna: Antenna, coordinates: tuple[float, float]) -> bool:
    if antenna.latitude is None or antenna.longitude is None:
        return False
    return round(antenna.latitude, 6) == round(coordinates[0], 6) and round(
        antenna.longitude, 6
    ) == round(coordinates[1], 6)


def _is_current(membership: FederationMembership, today: date) -> bool:
    return (membership.start_date is None or membership.start_date <= today) and (
        membership.end_date is None or membership.end_date >= today
    )


class _SlugMaker:
    """Unique slugs in memory (``unique_slug`` costs a query per attempt)."""

    def __init__(self, model: type[models.Model], fallback: str) -> None:
        self.taken = set(model._default_manager.values_list("slug", flat=True))
        self.fallback = fallback
        self.next_number: dict[str, int] = {}

    def __call__(self, text: str) -> str:
        base = slugify(text)[:100] or self.fallback
        slug, number = base, self.next_number.get(base, 2)
        while slug in self.taken:
            slug = f"{base}-{number}"
            number += 1
        self.next_number[base] = number
        self.taken.add(slug)
        return slug


@dataclass
class _Changes:
    """What :func:`apply` will write, computed from the plan and the database."""

    result: ImportResult
    organisations: dict[str, Organisation] = field(default_factory=dict)
    new_organisations: list[Organisation] = field(default_factory=list)
    changed_organisations: dict[str, Organisation] = field(default_factory=dict)
    # m2m name → (pairs to add as (organisation external id, target pk),
    #             pairs to remove as (organisation pk, target pk))
    m2m_add: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    m2m_remove: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # (member external id, federation external id, start date)
    new_memberships: list[tuple[str, str, date | None]] = field(default_factory=list)
    changed_memberships: list[FederationMembership] = field(default_factory=list)
    deleted_memberships: list[int] = field(default_factory=list)
    new_antennas: list[Antenna] = field(default_factory=list)
    changed_antennas: list[Antenna] = field(default_factory=list)
    renamed_organisations: set[str] = field(default_factory=set)
    to_geocode: list[Antenna] = field(default_factory=list)


def apply(
    plan: Plan,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    user: Any = None,
) -> ImportResult:
    """Write the plan in one transaction (nothing at all with ``dry_run``).

    ``user`` is recorded on the revisions created for records with a history.
    """
    result = ImportResult(dry_run=dry_run)
    comparing, writing = _("Comparing"), _("Writing")  # in the caller's language
    language = getattr(settings, "MODELTRANSLATION_DEFAULT_LANGUAGE", None) or "fr"
    # The base ``name``/``description`` columns are written in the default language,
    # falling back to the other one (modeltranslation's descriptors decide).
    with translation.override(language):
        if dry_run:
            _diff(plan, result, progress, comparing)
            return result
        with transaction.atomic():
            changes = _diff(plan, result, progress, comparing)
            _write(changes, progress, user, writing)
            antenna_ids = [antenna.pk for antenna in changes.to_geocode]
            index = _to_index(changes)
            transaction.on_commit(lambda: _after_commit(antenna_ids, index))
    return result


def _diff(
    plan: Plan, result: ImportResult, progress: Progress | None, stage: str
) -> _Changes:
    changes = _Changes(result=result)
    today = timezone.localdate()
    total = len(plan.organisations) + len(plan.antennas)
    done = 0

    existing: dict[str, Organisation] = {}
    for chunk in _chunks(plan.organisations):
        for organisation in Organisation.objects.filter(
            external_id__in=chunk
        ).order_by():
            existing[organisation.external_id] = organisation
    federation_ids = {
        federation
        for spec in plan.organisations.values()
        for federation in spec.federations
        if federation not in plan.organisations
    }
    pk_by_external_id = {
        external_id: organisation.pk for external_id, organisation in existing.items()
    }
    for chunk in _chunks(federation_ids):
        pk_by_external_id.update(
            Organisation.objects.filter(external_id__in=chunk).values_list(
                "external_id", "pk"
            )
        )
    existing_pks = [organisation.pk for organisation in existing.values()]

    current_m2m: dict[str, dict[int, set[int]]] = {}
    for name in _M2M:
        through, source, target = _through(name)
        pairs: dict[int, set[int]] = defaultdict(set)
        for chunk in _chunks(existing_pks):
            for organisation_id, target_id in through.objects.filter(
                **{f"{source}__in": chunk}
            ).values_list(source, target):
                pairs[organisation_id].add(target_id)
        current_m2m[name] = pairs
        changes.m2m_add[name] = []
        changes.m2m_remove[name] = []

    memberships: dict[int, dict[int, list[FederationMembership]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for chunk in _chunks(existing_pks):
        for membership in FederationMembership.objects.filter(member_id__in=chunk):
            memberships[membership.member_id][membership.federation_id].append(
                membership
            )

    now = timezone.now()
    yesterday = today - timedelta(days=1)
    for external_id, spec in plan.organisations.items():
        organisation = existing.get(external_id)
        changed = False
        if organisation is None:
            organisation = Organisation(
                external_id=external_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                **spec.fields,
            )
            changes.new_organisations.append(organisation)
            result.organisations_created += 1
        else:
            differing = [
                name
                for name in ORGANISATION_FIELDS
                if not _same(getattr(organisation, name), spec.fields[name])
            ]
            for name in differing:
                setattr(organisation, name, spec.fields[name])
            if {"name_fr", "name_nl"} & set(differing):
                changes.renamed_organisations.add(external_id)
            changed = bool(differing)
        changes.organisations[external_id] = organisation

        for name, attribute in _M2M.items():
            wanted: frozenset[int] = getattr(spec, attribute)
            current = (
                current_m2m[name].get(organisation.pk, set())
                if organisation.pk
                else set()
            )
            if wanted != current:
                changed = True
                changes.m2m_add[name].extend(
                    (external_id, target) for target in sorted(wanted - current)
                )
                if organisation.pk:
                    changes.m2m_remove[name].extend(
                        (organisation.pk, target) for target in sorted(current - wanted)
                    )

        links = memberships.get(organisation.pk, {}) if organisation.pk else {}
        listed_pks = set()
        for federation in spec.federations:
            federation_pk = pk_by_external_id.get(federation)
            if federation_pk is not None:
                listed_pks.add(federation_pk)
            pair = links.get(federation_pk, []) if federation_pk else []
            if any(m.end_date is None or m.end_date >= today for m in pair):
                continue  # current (or planned to end later)
            changed = True
            reopened = next((m for m in pair if m.end_date == yesterday), None)
            result.memberships_created += 1
            if reopened is not None:
                reopened.end_date = None
                changes.changed_memberships.append(reopened)
            else:
                start = today if pair else None
                changes.new_memberships.append((external_id, federation, start))
        for federation_pk, pair in links.items():
            if federation_pk in listed_pks:
                continue
            for membership in pair:
                if not _is_current(membership, today):
                    continue
                changed = True
                result.memberships_ended += 1
                if membership.start_date is not None and membership.start_date >= today:
                    changes.deleted_memberships.append(membership.pk)
                else:
                    membership.end_date = yesterday
                    changes.changed_memberships.append(membership)

        if organisation.pk:
            if changed:
                changes.changed_organisations[external_id] = organisation
                result.organisations_updated += 1
                if organisation.has_unpublished_changes:
                    result.drafts_superseded += 1
            else:
                result.organisations_unchanged += 1
        done += 1
        if progress:
            progress(stage, done, total)

    existing_antennas: dict[str, Antenna] = {}
    for chunk in _chunks(plan.antennas):
        for antenna in Antenna.objects.filter(external_id__in=chunk).order_by():
            existing_antennas[antenna.external_id] = antenna
    for external_id, spec in plan.antennas.items():
        organisation = changes.organisations[spec.organisation]
        antenna = existing_antennas.get(external_id)
        if antenna is None:
            antenna = Antenna(
                external_id=external_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                **spec.fields,
            )
            if spec.coordinates is not None:
                antenna.latitude, antenna.longitude = spec.coordinates
                antenna.precision = Precision.ADDRESS
                antenna.coordinates_set_by_hand = True
            antenna._import_organisation = organisation
            changes.new_antennas.append(antenna)
            result.antennas_created += 1
            if antenna.latitude is None:
                changes.to_geocode.append(antenna)
        else:
            old_address = antenna.address_fingerprint()
            differing = [
                name
                for name in ANTENNA_FIELDS
                if not _same(getattr(antenna, name), spec.fields[name])
            ]
            for name in differing:
                setattr(antenna, name, spec.fields[name])
            antenna._import_organisation = organisation
            if organisation.pk is None or antenna.organisation_id != organisation.pk:
                differing.append("organisation_id")
                result.antennas_moved += 1
            moved_address = antenna.address_fingerprint() != old_address
            if spec.coordinates is not None:
                if not _same_position(antenna, spec.coordinates):
                    antenna.latitude, antenna.longitude = spec.coordinates
                    antenna.precision = Precision.ADDRESS
                    antenna.coordinates_set_by_hand = True
                    differing.append("latitude")
            elif moved_address and antenna.has_coordinates:
                antenna.latitude = antenna.longitude = None
                antenna.precision = Precision.NONE
                antenna.coordinates_set_by_hand = False
                antenna.geocoded_at = None
                differing.append("latitude")
            if differing:
                changes.changed_antennas.append(antenna)
                result.antennas_updated += 1
                if antenna.has_unpublished_changes:
                    result.drafts_superseded += 1
            else:
                result.antennas_unchanged += 1
            if antenna.latitude is None and (differing or antenna.geocoded_at is None):
                changes.to_geocode.append(antenna)
        done += 1
        if progress:
            progress(stage, done, total)

    # Antennas of imported organisations that the file does not mention: kept.
    for chunk in _chunks(existing_pks):
        for antenna_id in Antenna.objects.filter(organisation_id__in=chunk).values_list(
            "external_id", flat=True
        ):
            if antenna_id not in plan.antennas:
                result.antennas_not_in_file += 1
    result.geocoding_requested = len(changes.to_geocode)
    return changes


def _through(name: str) -> tuple[type[models.Model], str, str]:
    """The through model of an Organisation m2m and its two foreign key attnames."""
    m2m = Organisation._meta.get_field(name)
    return (
        m2m.remote_field.through,
        f"{m2m.m2m_field_name()}_id",
        f"{m2m.m2m_reverse_field_name()}_id",
    )


def _write(changes: _Changes, progress: Progress | None, user: Any, stage: str) -> None:
    now = timezone.now()
    steps = 7
    step = 0

    def advance() -> None:
        nonlocal step
        step += 1
        if progress:
            progress(stage, step, steps)

    if changes.new_organisations:
        slug = _SlugMaker(Organisation, "organisation")
        for organisation in changes.new_organisations:
            organisation.slug = slug(organisation.name_fr or organisation.name_nl or "")
            organisation.created_at = organisation.updated_at = now
        Organisation.objects.bulk_create(changes.new_organisations, batch_size=_CHUNK)
        _ensure_pks(Organisation, changes.new_organisations)
    advance()

    changed = list(changes.changed_organisations.values())
    for organisation in changed:
        organisation.updated_at = now
    if changed:
        _manager(Organisation).bulk_update(
            changed,
            [*ORGANISATION_FIELDS, "name", "description", "updated_at"],
            batch_size=_CHUNK // 5,
        )
    advance()

    pk_of = {
        external_id: organisation.pk
        for external_id, organisation in changes.organisations.items()
    }
    for name in _M2M:
        through, source, target = _through(name)
        removed: dict[int, list[int]] = defaultdict(list)
        for organisation_pk, target_pk in changes.m2m_remove[name]:
            removed[organisation_pk].append(target_pk)
        for organisation_pk, targets in removed.items():
            through.objects.filter(
                **{source: organisation_pk, f"{target}__in": targets}
            ).delete()
        through.objects.bulk_create(
            [
                through(**{source: pk_of[external_id], target: target_pk})
                for external_id, target_pk in changes.m2m_add[name]
            ],
            batch_size=_CHUNK,
        )
    advance()

    if changes.new_memberships:
        federation_pks = dict(pk_of)
        unknown = {
            federation
            for _member, federation, _start in changes.new_memberships
            if federation not in federation_pks
        }
        for chunk in _chunks(unknown):
            federation_pks.update(
                Organisation.objects.filter(external_id__in=chunk).values_list(
                    "external_id", "pk"
                )
            )
        FederationMembership.objects.bulk_create(
            [
                FederationMembership(
                    member_id=pk_of[member],
                    federation_id=federation_pks[federation],
                    start_date=start,
                )
                for member, federation, start in changes.new_memberships
            ],
            batch_size=_CHUNK,
        )
    if changes.changed_memberships:
        FederationMembership.objects.bulk_update(
            changes.changed_memberships, ["end_date"], batch_size=_CHUNK
        )
    if changes.deleted_memberships:
        FederationMembership.objects.filter(pk__in=changes.deleted_memberships).delete()
    advance()

    if changes.new_antennas:
        slug = _SlugMaker(Antenna, "organisation")
        for antenna in changes.new_antennas:
            antenna.organisation_id = antenna._import_organisation.pk
            antenna.slug = slug(antenna.name_fr or antenna.name_nl or "")
            antenna.created_at = antenna.updated_at = now
        Antenna.objects.bulk_create(changes.new_antennas, batch_size=_CHUNK)
        _ensure_pks(Antenna, changes.new_antennas)
    advance()

    if changes.changed_antennas:
        for antenna in changes.changed_antennas:
            antenna.organisation_id = antenna._import_organisation.pk
            antenna.updated_at = now
        _manager(Antenna).bulk_update(
            changes.changed_antennas,
            [
                *ANTENNA_FIELDS,
                *_COORDINATE_FIELDS,
                "organisation_id",
                "name",
                "updated_at",
            ],
            batch_size=_CHUNK // 5,
        )
    advance()

    _revise(Organisation, changed, now, user)
    _revise(Antenna, changes.changed_antennas, now, user)
    advance()


def _ensure_pks(model: type[models.Model], objects: list[Any]) -> None:
    """Databases that do not return ids from bulk inserts: look them up."""
    missing = [obj for obj in objects if obj.pk is None]
    if not missing:
        return
    by_external_id = {obj.external_id: obj for obj in missing}
    for chunk in _chunks(by_external_id):
        for external_id, pk in model._default_manager.filter(
            external_id__in=chunk
        ).values_list("external_id", "pk"):
            by_external_id[external_id].pk = pk
            by_external_id[external_id]._state.adding = False


def _revise(model: type[Any], changed: list[Any], now: datetime, user: Any) -> None:
    """A new published revision for changed records that already have a history."""
    from wagtail.models import Revision

    pks = [obj.pk for obj in changed if obj.latest_revision_id]
    for chunk in _chunks(pks, 100):
        for obj in model._default_manager.filter(pk__in=chunk):
            revision = Revision.objects.create(
                content_object=obj,
                base_content_type=obj.get_base_content_type(),
                user=user,
                content=obj.serializable_data(),
                object_str=str(obj),
                created_at=now,
            )
            _manager(model).filter(pk=obj.pk).update(
                latest_revision=revision,
                live_revision=revision,
                has_unpublished_changes=False,
                last_published_at=now,
            )


def _to_index(changes: _Changes) -> dict[type[models.Model], list[int]]:
    organisations = [obj.pk for obj in changes.new_organisations] + [
        obj.pk for obj in changes.changed_organisations.values()
    ]
    antennas = {obj.pk for obj in changes.new_antennas}
    antennas.update(obj.pk for obj in changes.changed_antennas)
    renamed = [
        changes.organisations[external_id].pk
        for external_id in changes.renamed_organisations
    ]
    for chunk in _chunks(renamed):
        antennas.update(
            Antenna.objects.filter(organisation_id__in=chunk).values_list(
                "pk", flat=True
            )
        )
    return {Organisation: organisations, Antenna: sorted(antennas)}


def _after_commit(antenna_ids: list[int], index: dict[type[models.Model], list[int]]):
    if antenna_ids:
        from directory.tasks import enqueue_geocoding

        enqueue_geocoding(antenna_ids)
    update_search_index(index)


def update_search_index(index: dict[type[models.Model], list[int]]) -> None:
    """Add or refresh these records in every search backend (bulk writes send no
    signals). Errors are logged: the data is committed by then."""
    from modelsearch.backends import get_search_backend
    from modelsearch.conf import get_app_config

    seen: set[str] = set()
    for backend_name, params in get_app_config().get_search_backend_config().items():
        # Without SEARCH_URL, "default" and "database" are the same backend: once.
        key = json.dumps(params, sort_keys=True, default=str)
        if params.get("AUTO_UPDATE", True) is False or key in seen:
            continue
        seen.add(key)
        backend = get_search_backend(backend_name)
        for model, pks in index.items():
            for chunk in _chunks(pks):
                objects = list(model.get_indexed_objects().filter(pk__in=chunk))
                try:
                    backend.add_bulk(model, objects)
                except Exception:
                    logger.exception(
                        "Could not index %d %s in the '%s' search backend",
                        len(objects),
                        model._meta.verbose_name_plural,
                        backend_name,
                    )


def import_file(
    source: str | Path | IO[bytes],
    *,
    fmt: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    user: Any = None,
) -> tuple[ImportResult | None, list[RowError]]:
    """Read, validate and (when there is no error) apply a file."""
    rows, read_errors = read_rows(source, fmt)
    if read_errors and not rows:  # the header is wrong: nothing can be read
        return None, sorted(read_errors)
    # Rows that could not be read (a wrong number of values) do not stop the
    # check: the editor gets every error of the file in one pass.
    plan, errors = validate(rows, progress=progress)
    if read_errors or errors:
        return None, sorted([*read_errors, *errors])
    return apply(plan, dry_run=dry_run, progress=progress, user=user), []


# ---------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}"


def export_rows() -> list[dict[str, str]]:
    """Every organisation and antenna as rows of :data:`COLUMNS`, sorted by ids.

    Federations are the memberships current today; the commune is its French name.
    """
    today = timezone.localdate()
    lists: dict[str, dict[int, list[str]]] = {}
    for name, model, key in (
        ("categories", Category, "slug"),
        ("publics", Public, "slug"),
        ("languages", Language, "code"),
    ):
        through, source, target = _through(name)
        labels = dict(model.objects.values_list("pk", key))
        grouped: dict[int, list[str]] = defaultdict(list)
        for organisation_id, target_id in through.objects.values_list(source, target):
            grouped[organisation_id].append(labels[target_id])
        lists[name] = grouped
    federations: dict[int, list[str]] = defaultdict(list)
    current = FederationMembership.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=today),
        Q(end_date__isnull=True) | Q(end_date__gte=today),
    )
    for member_id, federation in current.values_list(
        "member_id", "federation__external_id"
    ):
        federations[member_id].append(federation)

    organisations: dict[int, dict[str, str]] = {}
    for organisation in (
        _manager(Organisation)
        .order_by()
        .values("pk", "external_id", "name", *ORGANISATION_FIELDS)
    ):
        pk = organisation["pk"]
        name_fr, name_nl = organisation["name_fr"] or "", organisation["name_nl"] or ""
        if not name_fr and not name_nl:
            name_fr = organisation["name"]
        organisations[pk] = {
            "organisation_id": organisation["external_id"],
            "organisation_name_fr": name_fr,
            "organisation_name_nl": name_nl,
            "description_fr": organisation["description_fr"] or "",
            "description_nl": organisation["description_nl"] or "",
            "enterprise_number": organisation["enterprise_number"],
            "legal_form": organisation["legal_form"],
            "federations": ";".join(sorted(set(federations.get(pk, ())))),
            "categories": ";".join(sorted(lists["categories"].get(pk, ()))),
            "publics": ";".join(sorted(lists["publics"].get(pk, ()))),
            "languages": ";".join(sorted(lists["languages"].get(pk, ()))),
            "website": organisation["website"],
            "email": organisation["email"],
            "phone": organisation["phone"],
        }

    rows: list[dict[str, str]] = []
    with_antennas: set[int] = set()
    for antenna in (
        _manager(Antenna)
        .order_by()
        .values(
            "organisation_id",
            "external_id",
            "name",
            "name_fr",
            "name_nl",
            "street",
            "number",
            "box",
            "postcode",
            "commune__name_fr",
            "commune__name",
            "latitude",
            "longitude",
            "opening_hours",
            "dropin_hours",
            "wheelchair",
            "receives_public",
        )
    ):
        with_antennas.add(antenna["organisation_id"])
        name_fr, name_nl = antenna["name_fr"] or "", antenna["name_nl"] or ""
        if not name_fr and not name_nl:
            name_fr = antenna["name"]
        rows.append(
            {
                **organisations[antenna["organisation_id"]],
                "antenna_id": antenna["external_id"],
                "antenna_name_fr": name_fr,
                "antenna_name_nl": name_nl,
                "street": antenna["street"],
                "number": antenna["number"],
                "box": antenna["box"],
                "postcode": antenna["postcode"],
                "commune": antenna["commune__name_fr"]
                or antenna["commune__name"]
                or "",
                "latitude": _coordinate(antenna["latitude"]),
                "longitude": _coordinate(antenna["longitude"]),
                "opening_hours": antenna["opening_hours"],
                "dropin_hours": antenna["dropin_hours"],
                "wheelchair": ""
                if antenna["wheelchair"] == Wheelchair.UNKNOWN
                else antenna["wheelchair"],
                "receives_public": "" if antenna["receives_public"] else "no",
            }
        )
    empty = dict.fromkeys(ANTENNA_COLUMNS, "")
    for pk, organisation in organisations.items():
        if pk not in with_antennas:
            rows.append({**organisation, **empty})
    rows.sort(key=lambda row: (row["organisation_id"], row["antenna_id"]))
    return [{column: row[column] or "" for column in COLUMNS} for row in rows]


def write_rows(
    rows: Sequence[dict[str, str]],
    target: str | Path | IO[bytes],
    fmt: str | None = None,
) -> None:
    """Write rows in ``fmt`` (default: from the file name) to a path or binary file.

    CSV is UTF-8 with a BOM (so that spreadsheet programs recognise the encoding);
    JSON is an indented list of objects whose values are strings; XLSX cells are
    text, so that leading zeros survive.
    """
    if fmt is None:
        fmt = detect_format(getattr(target, "name", None) or str(target))
    if isinstance(target, str | Path):
        with open(target, "wb") as stream:
            write_rows(rows, stream, fmt)
        return
    if fmt == "csv":
        text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([row[column] for column in COLUMNS])
        text.flush()
        text.detach()
    elif fmt == "json":
        data = [{column: row[column] for column in COLUMNS} for row in rows]
        target.write((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())
    elif fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("directory")
        sheet.append(list(COLUMNS))
        for row in rows:
            sheet.append([row[column] or None for column in COLUMNS])
        workbook.save(target)
    else:
        raise FormatError(_("Unsupported format “%(fmt)s”.") % {"fmt": fmt})


def export(target: str | Path | IO[bytes], fmt: str | None = None) -> int:
    """Export the whole directory; returns the number of rows written."""
    rows = export_rows()
    write_rows(rows, target, fmt)
    return len(rows)


# ---------------------------------------------------------------------------------
# Progress bar
# ---------------------------------------------------------------------------------


class ProgressBar:
    """A one-line text bar redrawn in place (``\\r``), at most every ``interval`` s.

    ``write`` receives the text to print (no newline added); a disabled bar prints
    nothing.
    """

    def __init__(
        self,
        write: Callable[[str], None],
        *,
        enabled: bool = True,
        width: int = 30,
        interval: float = 0.1,
    ) -> None:
        self.write = write
        self.enabled = enabled
        self.width = width
        self.interval = interval
        self.stage: str | None = None
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        finished = done >= total
        if stage == self.stage and not finished and now - self.last < self.interval:
            return
        if self.stage is not None and stage != self.stage:
            self.write("\n")
        self.stage, self.last = stage, now
        filled = self.width * done // total if total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        self.write(f"\r{stage:<12} [{bar}] {done}/{total}")
        if finished:
            self.write("\n")
            self.stage = None

    def close(self) -> None:
        if self.enabled and self.stage is not None:
            self.write("\n")
            self.stage = None
