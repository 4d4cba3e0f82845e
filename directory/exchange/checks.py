"""Validation: every row checked against the rules and the database, every error
collected, and the file's content as a :class:`Plan` for :mod:`.plan`."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models
from django.utils.translation import gettext as _

from directory.exchange.columns import (
    ANSWER,
    ANTENNA_COLUMNS,
    ANTENNA_TEXT,
    FLAG,
    LATITUDE_RANGE,
    LIST_COLUMNS,
    LONGITUDE_RANGE,
    NULLABLE,
    ORGANISATION_COLUMNS,
    ORGANISATION_TEXT,
    RECEIVES_PUBLIC,
    WHEELCHAIR,
    AccreditationKey,
    Progress,
    Row,
    RowError,
    column_order,
)
from directory.exchange.db import chunks, manager
from directory.exchange.service_specs import ContactSpec, Owner, ServiceSpec
from directory.models import (
    Accreditation,
    Antenna,
    Category,
    Language,
    Organisation,
    Public,
    opening_hours_error,
)
from directory.validators import (
    normalise_enterprise_number,
    validate_enterprise_number,
)
from places.geocoding import lookup_commune
from places.models import Commune, Postcode, Precision
from places.validators import validate_postcode

_URL_VALIDATOR = URLValidator(schemes=["http", "https"])


@dataclass
class OrganisationSpec:
    """An organisation as the file describes it. ``fields`` holds only the model
    fields of the columns the file has; ``accreditations`` is None without the
    column (the stored ones are then left alone)."""

    external_id: str
    line: int
    fields: dict[str, Any]
    categories: frozenset[int]
    publics: frozenset[int]
    languages: frozenset[int]
    federations: tuple[str, ...]
    accreditations: tuple[AccreditationKey, ...] | None = None


@dataclass
class AntennaSpec:
    """An antenna as the file describes it; ``served_communes`` is None without
    the column. ``precision`` goes with the coordinates (None: not given, which
    means ``address`` for new coordinates)."""

    external_id: str
    line: int
    organisation: str
    fields: dict[str, Any]
    coordinates: tuple[float, float] | None
    precision: str | None = None
    served_communes: frozenset[int] | None = None
    languages: frozenset[int] | None = None


@dataclass
class Plan:
    """The validated content of a file, ready for :func:`directory.exchange.apply`."""

    organisations: dict[str, OrganisationSpec]
    antennas: dict[str, AntennaSpec]
    rows: int
    # None: the file has no services (contacts) sheet, the stored ones stay.
    services: dict[str, ServiceSpec] | None = None
    contacts: dict[Owner, list[ContactSpec]] | None = None


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
        for pk, refnis, *names in manager(Commune).values_list(
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


def split(text: str) -> list[str]:
    """The items of a list cell, stripped, without repetitions, in order."""
    seen: dict[str, None] = {}
    for part in text.split(";"):
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return list(seen)


def _comparable(column: str, value: str) -> str:
    """The value used to check that the rows of one organisation agree."""
    if column in LIST_COLUMNS:
        return ";".join(sorted(split(value)))
    if column == "enterprise_number" and value:
        return normalise_enterprise_number(value)
    return value


def _max_length(model: type[models.Model], name: str) -> int | None:
    return model._meta.get_field(name).max_length


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _parse_date(text: str) -> date | None:
    """An ISO date (``2026-09-01``; a spreadsheet's date-time cell too)."""
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _choices(model: type[models.Model], name: str) -> dict[str, str]:
    """A choice field's values, by themselves."""
    return {value: value for value, _label in model._meta.get_field(name).choices}


def parse_accreditation(text: str) -> tuple[str, str, str, str, str]:
    """``authority:kind[:reference[:valid_from[:valid_to]]]`` as five texts (the
    reference may contain colons: the dates are taken from the right)."""
    authority, kind, rest = [*text.split(":", 2), "", ""][:3]
    if rest.count(":") == 0:
        return authority.strip(), kind.strip(), rest.strip(), "", ""
    parts = rest.rsplit(":", 2) if rest.count(":") >= 2 else [*rest.split(":"), ""]
    reference, valid_from, valid_to = (part.strip() for part in parts)
    return authority.strip(), kind.strip(), reference, valid_from, valid_to


class _RowChecker:
    """Validates the cells of one row; errors go to a shared list."""

    def __init__(self, row: Row, errors: list[RowError], ref: _Reference) -> None:
        self.row = row
        self.values = row.values
        self.errors = errors
        self.ref = ref
        self.failed = False

    def error(self, column: str, message: str) -> None:
        self.errors.append(self.row.error(column, message))
        self.failed = True

    # --- cells -------------------------------------------------------------------

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

    def texts(
        self, columns: dict[str, str], model: type[models.Model], data: dict[str, Any]
    ) -> None:
        """The plain text columns the file has, into ``data``."""
        for column, name in columns.items():
            if self.row.has(column):
                data[name] = self.text(column, model, name, nullable=name in NULLABLE)

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
        for item in split(self.values[column]):
            key = item.lower() if table is self.ref.languages else item
            if key in table:
                found.add(table[key])
                continue
            text = message % {"value": item}
            if "," in item:
                text += " " + _("Separate the values with “;”.")
            self.error(column, text)
        return frozenset(found)

    def choice(self, column: str, choices: dict[str, str], default: str) -> str:
        value = self.values[column].lower()
        if not value:
            return default
        if value not in choices:
            self.error(
                column,
                _("Expected one of: %(choices)s.")
                % {"choices": ", ".join(sorted(choices))},
            )
        return value

    def date(self, column: str) -> date | None:
        text = self.values[column]
        if not text:
            return None
        value = _parse_date(text)
        if value is None:
            self.error(column, _("Expected a date such as 2026-09-01."))
        return value

    def email(self, column: str, model: type[models.Model], name: str) -> str:
        value = self.text(column, model, name, nullable=False) or ""
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.error(column, _("This is not a valid e-mail address."))
        return value

    # --- organisation ------------------------------------------------------------

    def organisation(self) -> OrganisationSpec | None:
        data: dict[str, Any] = {}
        external_id = self.identifier("organisation_id", Organisation)
        self.texts(ORGANISATION_TEXT, Organisation, data)
        if not data["name_fr"] and not data["name_nl"]:
            self.error(
                "organisation_name_fr",
                _("Give the organisation's name in French or in Dutch (or both)."),
            )
        data["enterprise_number"] = self.enterprise_number()
        data["website"] = self.website()
        data["email"] = self.email("email", Organisation, "email")
        self.organisation_more(data)
        categories = self.lookup(
            "categories", self.ref.categories, _("Unknown category “%(value)s”.")
        )
        publics = self.lookup(
            "publics", self.ref.publics, _("Unknown target public “%(value)s”.")
        )
        languages = self.languages("languages") or frozenset()
        accreditations = (
            self.accreditations() if self.row.has("accreditations") else None
        )
        if self.failed:
            return None
        return OrganisationSpec(
            external_id=external_id,
            line=self.row.line,
            fields=data,
            categories=categories,
            publics=publics,
            languages=languages,
            federations=tuple(sorted(split(self.values["federations"]))),
            accreditations=accreditations,
        )

    def enterprise_number(self) -> str:
        number = self.values["enterprise_number"]
        if not number:
            return ""
        try:
            validate_enterprise_number(number)
        except ValidationError as error:
            self.error("enterprise_number", " ".join(error.messages))
            return ""
        return normalise_enterprise_number(number)

    def website(self) -> str:
        return self.url("website", Organisation, "website")

    def url(self, column: str, model: type[models.Model], name: str) -> str:
        """A web address (``https://`` added when it has no scheme)."""
        website = self.values[column]
        if not website:
            return ""
        if "://" not in website:
            website = f"https://{website}"
        limit = _max_length(model, name) or 200
        try:
            _URL_VALIDATOR(website)
        except ValidationError:
            self.error(column, _("This is not a valid web address."))
            return ""
        if len(website) > limit:
            self.error(column, _("At most %(limit)d characters.") % {"limit": limit})
        return website

    def organisation_more(self, data: dict[str, Any]) -> None:
        """The optional columns of the organisation's own fields."""
        has = self.row.has
        if has("community"):
            data["community"] = self.choice(
                "community", _choices(Organisation, "community"), ""
            )
        if has("status"):
            data["status"] = self.choice(
                "status",
                _choices(Organisation, "status"),
                Organisation.Status.ACTIVE,
            )
        for column in ("closed_on", "last_verified_on"):
            if has(column):
                data[column] = self.date(column)

    def accreditations(self) -> tuple[AccreditationKey, ...]:
        authorities = _choices(Accreditation, "authority")
        kinds = _choices(Accreditation, "kind")
        found: list[AccreditationKey] = []
        for item in split(self.values["accreditations"]):
            authority, kind, reference, valid_from, valid_to = parse_accreditation(item)
            problems = [
                authority not in authorities,
                kind not in kinds,
                len(reference) > (_max_length(Accreditation, "reference") or 80),
                bool(valid_from) and _parse_date(valid_from) is None,
                bool(valid_to) and _parse_date(valid_to) is None,
            ]
            if any(problems):
                self.error(
                    "accreditations",
                    _(
                        "“%(value)s” is not an accreditation: expected "
                        "authority:type[:reference[:valid from[:valid until]]], "
                        "dates as 2026-09-01."
                    )
                    % {"value": item},
                )
                continue
            found.append(
                _accreditation_key(authority, kind, reference, valid_from, valid_to)
            )
        return tuple(sorted(found))

    # --- antenna -----------------------------------------------------------------

    def antenna(self, organisation: str) -> AntennaSpec | None:
        self.failed = False
        data: dict[str, Any] = {}
        external_id = self.identifier("antenna_id", Antenna)
        self.texts(ANTENNA_TEXT, Antenna, data)
        if not data["name_fr"] and not data["name_nl"]:
            self.error(
                "antenna_name_fr",
                _("Give the antenna's name in French or in Dutch (or both)."),
            )
        data["commune_id"] = self.commune()
        data["postcode"] = self.postcode(data["commune_id"])
        coordinates = self.coordinates()
        precision = self.precision()
        self.hours(data)
        self.antenna_more(data)
        served = self.served_communes() if self.row.has("served_communes") else None
        languages = self.languages("antenna_languages")
        if self.failed:
            return None
        return AntennaSpec(
            external_id=external_id,
            line=self.row.line,
            organisation=organisation,
            fields=data,
            coordinates=coordinates,
            precision=precision,
            served_communes=served,
            languages=languages,
        )

    def commune(self) -> int | None:
        text = self.values["commune"]
        if not text:
            self.error("commune", _("The commune is required."))
            return None
        commune_id = self.ref.commune(text)
        if commune_id is None:
            self.error("commune", _("Unknown commune “%(value)s”.") % {"value": text})
        return commune_id

    def postcode(self, commune_id: int | None) -> str:
        postcode = self.values["postcode"]
        if not postcode:
            return postcode
        try:
            validate_postcode(postcode)
        except ValidationError as error:
            self.error("postcode", " ".join(error.messages))
            return postcode
        communes = self.ref.postcodes.get(postcode, set())
        if not communes:
            self.error(
                "postcode", _("Unknown postcode %(postcode)s.") % {"postcode": postcode}
            )
        elif commune_id is not None and commune_id not in communes:
            names = self.ref.commune_names
            self.error(
                "postcode",
                _("Postcode %(postcode)s is not in %(commune)s (it is in %(in)s).")
                % {
                    "postcode": postcode,
                    "commune": names[commune_id],
                    "in": ", ".join(sorted(names[pk] for pk in communes)),
                },
            )
        return postcode

    def hours(self, data: dict[str, Any]) -> None:
        for column in ("opening_hours", "dropin_hours"):
            data[column] = self.text(column, Antenna, column, nullable=False)
            if data[column] and (message := self.ref.hours_error(data[column])):
                self.error(column, message)

    def antenna_more(self, data: dict[str, Any]) -> None:
        """Wheelchair, reception and the optional columns of the antenna's fields."""
        wheelchair = WHEELCHAIR.get(self.values["wheelchair"].lower())
        if wheelchair is None:
            self.error(
                "wheelchair", _("Expected yes, partial, no or nothing (unknown).")
            )
        data["wheelchair"] = wheelchair
        receives = RECEIVES_PUBLIC.get(self.values["receives_public"].lower())
        if receives is None:
            self.error("receives_public", _("Expected yes, no or nothing (yes)."))
        data["receives_public"] = receives
        if self.row.has("antenna_email"):
            data["email"] = self.email("antenna_email", Antenna, "email")
        if self.row.has("closed_until"):
            data["closed_until"] = self.date("closed_until")
        for column in Antenna.ACCESSIBILITY_FIELDS:
            if self.row.has(column):
                data[column] = self.answer(column)

    def answer(self, column: str) -> str:
        """yes, no or nothing (unknown)."""
        value = ANSWER.get(self.values[column].lower())
        if value is None:
            self.error(column, _("Expected yes, no or nothing (unknown)."))
            return ""
        return value

    def flag(self, column: str) -> bool:
        """yes or no (nothing: no)."""
        value = FLAG.get(self.values[column].lower())
        if value is None:
            self.error(column, _("Expected yes, no or nothing (no)."))
            return False
        return value

    def languages(self, column: str) -> frozenset[int] | None:
        """Languages by ISO code; None when the file has no such column."""
        if not self.row.has(column):
            return None
        return self.lookup(
            column, self.ref.languages, _("Unknown language code “%(value)s”.")
        )

    def hours_text(self, column: str, model: type[models.Model], name: str) -> str:
        """Opening hours in the OpenStreetMap syntax."""
        value = self.text(column, model, name, nullable=False) or ""
        if value and (message := self.ref.hours_error(value)):
            self.error(column, message)
        return value

    def served_communes(self) -> frozenset[int]:
        found = set()
        for item in split(self.values["served_communes"]):
            commune_id = self.ref.commune(item)
            if commune_id is None:
                self.error(
                    "served_communes",
                    _("Unknown commune “%(value)s”.") % {"value": item},
                )
            else:
                found.add(commune_id)
        return frozenset(found)

    def precision(self) -> str | None:
        """How precise the given coordinates are, if the file says."""
        located = {
            value: value for value in Precision.values if value != Precision.NONE
        }
        if not self.values["precision"]:
            return None
        if not self.values["latitude"] and not self.values["longitude"]:
            self.error("precision", _("A precision goes with coordinates."))
        return self.choice("precision", located, "")

    def coordinate(self, column: str, low: float, high: float) -> float | None:
        text = self.values[column]
        if not text:
            return None
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            self.error(column, _("Expected a decimal number."))
            return None
        if not math.isfinite(number) or not low <= number <= high:
            self.error(
                column,
                _("%(value)s is outside Belgium (expected %(low)s to %(high)s).")
                % {"value": text, "low": low, "high": high},
            )
            return None
        return number

    def coordinates(self) -> tuple[float, float] | None:
        latitude = self.coordinate("latitude", *LATITUDE_RANGE)
        longitude = self.coordinate("longitude", *LONGITUDE_RANGE)
        given = [column for column in ("latitude", "longitude") if self.values[column]]
        if len(given) == 1:
            missing = "longitude" if given == ["latitude"] else "latitude"
            self.error(missing, _("Give both latitude and longitude, or neither."))
            return None
        if latitude is None or longitude is None:
            return None
        return (latitude, longitude)


def _accreditation_key(
    authority: str, kind: str, reference: str, valid_from: str, valid_to: str
) -> AccreditationKey:
    """The normalised form: dates rewritten as ISO dates."""
    dates = [_parse_date(text) for text in (valid_from, valid_to)]
    iso = [value.isoformat() if value else "" for value in dates]
    return (authority, kind, reference, iso[0], iso[1])


class _Validation:
    """The state of one :func:`validate` run."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.rows = rows
        self.ref = _Reference()
        self.errors: list[RowError] = []
        self.organisations: dict[str, OrganisationSpec] = {}
        self.first_rows: dict[str, Row] = {}
        self.antenna_lines: dict[str, int] = {}
        self.antennas: dict[str, AntennaSpec] = {}

    def check(self, row: Row) -> None:
        checker = _RowChecker(row, self.errors, self.ref)
        organisation_id = row.values["organisation_id"]
        if not organisation_id:
            checker.error(
                "organisation_id", _("The organisation identifier is required.")
            )
        elif organisation_id in self.first_rows:
            self.agree(checker, self.first_rows[organisation_id])
        else:
            self.first_rows[organisation_id] = row
            spec = checker.organisation()
            if spec is not None:
                self.organisations[organisation_id] = spec
        self.antenna(checker, organisation_id)

    def agree(self, checker: _RowChecker, first: Row) -> None:
        """All the rows of an organisation must agree with its first one."""
        values = checker.values
        for column in ORGANISATION_COLUMNS[1:]:
            expected = _comparable(column, first.values[column])
            if _comparable(column, values[column]) == expected:
                continue
            checker.error(
                column,
                _(
                    "Differs from line %(line)d (“%(expected)s”), where "
                    "organisation “%(id)s” first appears: all the rows of an "
                    "organisation must agree."
                )
                % {
                    "id": values["organisation_id"],
                    "expected": _short(first.values[column]),
                    "line": first.line,
                },
            )

    def antenna(self, checker: _RowChecker, organisation_id: str) -> None:
        values = checker.values
        antenna_id = values["antenna_id"]
        if not antenna_id:
            filled = [column for column in ANTENNA_COLUMNS[1:] if values[column]]
            if filled:
                checker.error(
                    "antenna_id",
                    _("Required when antenna columns are filled in (%(columns)s).")
                    % {"columns": ", ".join(filled)},
                )
        elif antenna_id in self.antenna_lines:
            checker.error(
                "antenna_id",
                _("Antenna “%(id)s” already appears on line %(line)d.")
                % {"id": antenna_id, "line": self.antenna_lines[antenna_id]},
            )
        else:
            self.antenna_lines[antenna_id] = checker.row.line
            antenna = checker.antenna(organisation_id)
            if antenna is not None and organisation_id:
                self.antennas[antenna_id] = antenna

    def check_federations(self) -> None:
        """Every federation listed is an organisation, in the file or stored."""
        wanted = {
            federation
            for spec in self.organisations.values()
            for federation in spec.federations
            if federation not in self.first_rows
        }
        known: set[str] = set()
        for chunk in chunks(wanted):
            known.update(
                Organisation.objects.filter(external_id__in=chunk).values_list(
                    "external_id", flat=True
                )
            )
        for spec in self.organisations.values():
            for federation in spec.federations:
                message = self.federation_error(spec, federation, known)
                if message:
                    self.errors.append(RowError(spec.line, "federations", message))

    def federation_error(
        self, spec: OrganisationSpec, federation: str, known: set[str]
    ) -> str | None:
        if federation == spec.external_id:
            return _("An organisation cannot be its own federation.")
        if federation not in self.first_rows and federation not in known:
            return _(
                "Unknown federation “%(value)s”: no organisation has this "
                "identifier, in the file or in the directory."
            ) % {"value": federation}
        return None


def validate(
    rows: Sequence[Row], *, progress: Progress | None = None
) -> tuple[Plan, list[RowError]]:
    """Check every row against the rules and the database; collect every error.

    The plan is meant for :func:`directory.exchange.apply` only when the error list
    is empty.
    """
    run = _Validation(rows)
    stage = _("Validating")
    for done, row in enumerate(rows, start=1):
        run.check(row)
        if progress:
            progress(stage, done, len(rows))
    run.check_federations()
    run.errors.sort(
        key=lambda error: (error.line, column_order(error.column), error.message)
    )
    plan = Plan(organisations=run.organisations, antennas=run.antennas, rows=len(rows))
    return plan, run.errors
