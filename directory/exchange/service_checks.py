"""Validation of the services and contacts sheets: every cell checked, every
reference (organisation, antenna, service) looked up in the file and in the
database, every error collected (see :mod:`directory.exchange` for the rules)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from directory.exchange.checks import (
    Plan,
    _comparable,
    _Reference,
    _RowChecker,
    _short,
)
from directory.exchange.checks import validate as validate_antennas
from directory.exchange.columns import Progress, Row, RowError
from directory.exchange.db import chunks
from directory.exchange.service_specs import (
    ORGANISATION,
    SERVICE,
    ContactSpec,
    LocationSpec,
    Owner,
    ServiceSpec,
)
from directory.exchange.sheets import (
    CONTACT_TEXT,
    LOCATION_COLUMNS,
    LOCATION_TEXT,
    SERVICE_AGES,
    SERVICE_ANSWERS,
    SERVICE_FLAGS,
    SERVICE_HOURS,
    SERVICE_OWN_COLUMNS,
    SERVICE_TEXT,
    SHEETS,
)
from directory.models import (
    Antenna,
    Audience,
    ContactFields,
    Organisation,
    OrganisationContact,
    Service,
    ServiceAtLocation,
)

# The model fields of a contact, in the order of ContactSpec.fields.
CONTACT_FIELDS = (
    "kind",
    "name",
    "role_fr",
    "role_nl",
    "phone",
    "email",
    "language_id",
    "audience",
    "note_fr",
    "note_nl",
)
MAX_AGE = 150
ANTENNA = "antenna"
_MODELS = {ORGANISATION: Organisation, ANTENNA: Antenna, SERVICE: Service}


@dataclass(frozen=True)
class _Pending:
    """A reference to check once every row is read: ``kind`` (organisation,
    antenna, service), its identifier and the organisation it must belong to."""

    row: Row
    column: str
    kind: str
    value: str
    organisation: str


class _ServiceChecker(_RowChecker):
    """The cells of one services or contacts row."""

    def service(self) -> ServiceSpec:
        data: dict[str, Any] = {}
        self.texts(SERVICE_TEXT, Service, data)
        names = [data.get("name_fr"), data.get("name_nl")]
        if not any(names):
            self.error(
                "service_name_fr",
                _("Give the service's name in French or in Dutch (or both)."),
            )
        self.service_conditions(data)
        self.service_access(data)
        lists = {
            column: self.lookup(column, table, message)
            if self.row.has(column)
            else None
            for column, table, message in (
                ("categories", self.ref.categories, _("Unknown category “%(value)s”.")),
                ("publics", self.ref.publics, _("Unknown target public “%(value)s”.")),
                (
                    "languages",
                    self.ref.languages,
                    _("Unknown language code “%(value)s”."),
                ),
            )
        }
        return ServiceSpec(
            external_id=self.values["service_id"],
            line=self.row.line,
            organisation=self.values["organisation_id"],
            fields=data,
            **lists,
        )

    def service_conditions(self, data: dict[str, Any]) -> None:
        """Ages, answers, cost, status and verification date."""
        has = self.row.has
        for column in SERVICE_AGES:
            if has(column):
                data[column] = self.age(column)
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.error(
                "maximum_age",
                _("Below the minimum age (%(minimum)d).") % {"minimum": low},
            )
        for column in SERVICE_ANSWERS:
            if has(column):
                data[column] = self.answer(column)
        if has("cost"):
            costs = {value: value for value in Service.Cost.values if value}
            data["cost"] = self.choice("cost", costs, "")
        if has("service_status"):
            statuses = {value: value for value in Service.Status.values}
            data["status"] = self.choice(
                "service_status", statuses, Service.Status.ACTIVE
            )
        if has("service_last_verified_on"):
            data["last_verified_on"] = self.date("service_last_verified_on")

    def service_access(self, data: dict[str, Any]) -> None:
        """How to get it: flags, hours, online access."""
        has = self.row.has
        for column in SERVICE_FLAGS:
            if has(column):
                data[column] = self.flag(column)
        for column in SERVICE_HOURS:
            if has(column):
                data[column] = self.hours_text(column, Service, column)
        if has("online_url"):
            data["online_url"] = self.url("online_url", Service, "online_url")

    def age(self, column: str) -> int | None:
        text = self.values[column]
        if not text:
            return None
        if not text.isdigit() or int(text) > MAX_AGE:
            self.error(column, _("Expected an age in years (0 to 150)."))
            return None
        return int(text)

    def location(self) -> LocationSpec:
        data: dict[str, Any] = {}
        for column, name in LOCATION_TEXT.items():
            if not self.row.has(column):
                continue
            if name.endswith("_hours"):
                data[name] = self.hours_text(column, ServiceAtLocation, name)
            else:
                data[name] = self.text(column, ServiceAtLocation, name, nullable=True)
        return LocationSpec(self.values["antenna_id"], self.row.line, data)

    # --- contacts ----------------------------------------------------------------

    def contact(self) -> ContactSpec:
        data: dict[str, Any] = {"kind": self.kind()}
        for column in CONTACT_TEXT:
            data[column] = self.text(
                column,
                OrganisationContact,
                column,
                nullable=column.endswith(("_fr", "_nl")),
            )
        data["email"] = self.email("email", OrganisationContact, "email")
        data["language_id"] = self.language()
        audiences = {value: value for value in Audience.values}
        data["audience"] = self.choice("audience", audiences, Audience.PUBLIC)
        if self.values["antenna_id"] and self.values["service_id"]:
            self.error(
                "antenna_id",
                _("A contact belongs to an antenna or to a service, not both."),
            )
        self.contact_rules(data)
        return ContactSpec(
            line=self.row.line,
            antenna=self.values["antenna_id"],
            fields=tuple((name, data[name]) for name in CONTACT_FIELDS),
        )

    def kind(self) -> str:
        if not self.values["kind"]:
            self.error("kind", _("The kind of contact is required."))
            return ""
        kinds = {value: value for value in ContactFields.Kind.values}
        return self.choice("kind", kinds, "")

    def language(self) -> int | None:
        code = self.values["language"]
        if not code:
            return None
        if code.lower() not in self.ref.languages:
            self.error(
                "language", _("Unknown language code “%(value)s”.") % {"value": code}
            )
            return None
        return self.ref.languages[code.lower()]

    def contact_rules(self, data: dict[str, Any]) -> None:
        """The model's own rules (a phone line has a number, a person a name…)."""
        if not data["kind"]:
            return
        contact = OrganisationContact(
            kind=data["kind"],
            name=data["name"] or "",
            phone=data["phone"] or "",
            email=data["email"],
        )
        try:
            ContactFields.clean(contact)
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                for message in messages:
                    self.error(column, message)


class _SheetsValidation:
    """The services and contacts sheets of one :func:`validate` run."""

    def __init__(self, antenna_rows: Sequence[Row], errors: list[RowError]) -> None:
        self.ref = _Reference()
        self.errors = errors
        self.file_organisations = {
            row.values["organisation_id"] for row in antenna_rows
        } - {""}
        self.file_antennas = {
            row.values["antenna_id"]: row.values["organisation_id"]
            for row in antenna_rows
            if row.values["antenna_id"]
        }
        self.file_services: dict[str, str] = {}
        self.first_rows: dict[str, Row] = {}
        self.places: dict[str, dict[str, int]] = {}
        self.services: dict[str, ServiceSpec] = {}
        self.contacts: dict[Owner, list[ContactSpec]] = {}
        self.references: list[_Pending] = []

    def refer(self, row: Row, column: str, kind: str, organisation: str) -> None:
        value = row.values[column]
        if value and organisation:
            self.references.append(_Pending(row, column, kind, value, organisation))

    # --- services ----------------------------------------------------------------

    def service_row(self, row: Row) -> None:
        checker = _ServiceChecker(row, self.errors, self.ref)
        service_id = checker.identifier("service_id", Service)
        organisation_id = row.values["organisation_id"]
        if not service_id:
            checker.error("service_id", _("The service identifier is required."))
            return
        if not organisation_id:
            checker.error(
                "organisation_id", _("The organisation identifier is required.")
            )
        if service_id in self.first_rows:
            self.agree(checker, self.first_rows[service_id])
        else:
            self.first_rows[service_id] = row
            self.file_services[service_id] = organisation_id
            self.places[service_id] = {}
            spec = checker.service()
            self.refer(row, "organisation_id", ORGANISATION, organisation_id)
            if not checker.failed:
                self.services[service_id] = spec
        self.place(checker, service_id)

    def agree(self, checker: _RowChecker, first: Row) -> None:
        """All the rows of a service must agree with its first one."""
        values = checker.values
        for column in SERVICE_OWN_COLUMNS[1:]:
            expected = _comparable(column, first.values[column])
            if _comparable(column, values[column]) == expected:
                continue
            checker.error(
                column,
                _(
                    "Differs from line %(line)d (“%(expected)s”), where service "
                    "“%(id)s” first appears: all the rows of a service must agree."
                )
                % {
                    "id": values["service_id"],
                    "expected": _short(first.values[column]),
                    "line": first.line,
                },
            )

    def place(self, checker: _ServiceChecker, service_id: str) -> None:
        """The row's antenna: a service at no place has one row without antenna."""
        row, places = checker.row, self.places[service_id]
        antenna_id = row.values["antenna_id"]
        if antenna_id:
            checker.identifier("antenna_id", Antenna)
        if antenna_id in places or (places and "" in {antenna_id, *places}):
            checker.error("antenna_id", self.place_conflict(service_id, antenna_id))
            return
        places[antenna_id] = row.line
        if not antenna_id:
            filled = [column for column in LOCATION_COLUMNS[1:] if row.values[column]]
            if filled:
                checker.error(
                    "antenna_id",
                    _("Required when location columns are filled in (%(columns)s).")
                    % {"columns": ", ".join(filled)},
                )
            return
        location = checker.location()
        self.refer(row, "antenna_id", ANTENNA, row.values["organisation_id"])
        if service_id in self.services and not checker.failed:
            self.services[service_id].locations.append(location)

    def place_conflict(self, service_id: str, antenna_id: str) -> str:
        places = self.places[service_id]
        if antenna_id in places:
            return _("Service “%(id)s” already appears here on line %(line)d.") % {
                "id": service_id,
                "line": places[antenna_id],
            }
        values = {"id": service_id, "line": min(places.values())}
        if "" in places:
            return (
                _(
                    "Service “%(id)s” has a row without antenna on line %(line)d: "
                    "a service at no place has one row, without antenna."
                )
                % values
            )
        return (
            _(
                "Service “%(id)s” is at an antenna on line %(line)d: leave the "
                "antenna out only for a service at no place."
            )
            % values
        )

    # --- contacts ----------------------------------------------------------------

    def contact_row(self, row: Row) -> None:
        checker = _ServiceChecker(row, self.errors, self.ref)
        organisation_id = row.values["organisation_id"]
        if not organisation_id:
            checker.error(
                "organisation_id", _("The organisation identifier is required.")
            )
        contact = checker.contact()
        self.refer(row, "organisation_id", ORGANISATION, organisation_id)
        self.refer(row, "antenna_id", ANTENNA, organisation_id)
        self.refer(row, "service_id", SERVICE, organisation_id)
        service_id = row.values["service_id"]
        owner = (SERVICE, service_id) if service_id else (ORGANISATION, organisation_id)
        contacts = self.contacts.setdefault(owner, [])
        if not checker.failed:
            contacts.append(contact)

    # --- references --------------------------------------------------------------

    def check_references(self) -> None:
        """Every organisation, antenna and service named exists, in the file or
        stored, and the antennas and services belong to the row's organisation."""
        owners = {
            ORGANISATION: {name: name for name in self.file_organisations},
            ANTENNA: dict(self.file_antennas),
            SERVICE: dict(self.file_services),
        }
        for kind, known in owners.items():
            named = {ref.value for ref in self.references if ref.kind == kind}
            known.update(_stored_owners(_MODELS[kind], named - set(known)))
        for reference in self.references:
            message = _reference_error(reference, owners[reference.kind])
            if message:
                self.errors.append(reference.row.error(reference.column, message))


def _stored_owners(model: type[Any], external_ids: set[str]) -> dict[str, str]:
    """``{external id: its organisation's external id}`` of stored records."""
    found: dict[str, str] = {}
    for chunk in chunks(external_ids):
        stored = model._default_manager.filter(external_id__in=chunk)
        if model is Organisation:
            found.update(
                (name, name) for name in stored.values_list("external_id", flat=True)
            )
        else:
            found.update(stored.values_list("external_id", "organisation__external_id"))
    return found


def _reference_error(reference: _Pending, owners: dict[str, str]) -> str | None:
    values = {
        "value": reference.value,
        "owner": owners.get(reference.value, ""),
        "organisation": reference.organisation,
    }
    if reference.value not in owners:
        return {
            ORGANISATION: _(
                "Unknown organisation “%(value)s”: not in the antennas sheet nor "
                "in the directory."
            ),
            ANTENNA: _(
                "Unknown antenna “%(value)s”: not in the antennas sheet nor in the "
                "directory."
            ),
            SERVICE: _(
                "Unknown service “%(value)s”: not in the services sheet nor in the "
                "directory."
            ),
        }[reference.kind] % values
    if reference.kind == ORGANISATION or values["owner"] == reference.organisation:
        return None
    if reference.kind == ANTENNA:
        return (
            _("Antenna “%(value)s” belongs to “%(owner)s”, not to “%(organisation)s”.")
            % values
        )
    return (
        _("Service “%(value)s” belongs to “%(owner)s”, not to “%(organisation)s”.")
        % values
    )


def validate_sheets(
    antenna_rows: Sequence[Row],
    services: Sequence[Row] | None,
    contacts: Sequence[Row] | None,
) -> tuple[
    dict[str, ServiceSpec] | None,
    dict[Owner, list[ContactSpec]] | None,
    list[RowError],
]:
    """The services and contacts of a file (None for a sheet it does not have),
    and every error of those sheets."""
    errors: list[RowError] = []
    run = _SheetsValidation(antenna_rows, errors)
    for row in services or ():
        run.service_row(row)
    for row in contacts or ():
        run.contact_row(row)
    run.check_references()
    return (
        run.services if services is not None else None,
        run.contacts if contacts is not None else None,
        errors,
    )


def error_key(error: RowError) -> tuple[int, int, int, str]:
    """Errors in the order of the file: sheet by sheet, line by line, in the
    order of the columns."""
    sheet = next(
        (index for index, sheet in enumerate(SHEETS) if sheet.name == error.sheet), 0
    )
    return (sheet, error.line, SHEETS[sheet].order(error.column), error.message)


def validate(
    rows: Sequence[Row],
    *,
    progress: Progress | None = None,
    services: Sequence[Row] | None = None,
    contacts: Sequence[Row] | None = None,
) -> tuple[Plan, list[RowError]]:
    """Check every row of every sheet against the rules and the database; collect
    every error. ``services`` and ``contacts`` are None when the file has no such
    sheet. The plan is meant for :func:`directory.exchange.apply` only when the
    error list is empty."""
    plan, errors = validate_antennas(rows, progress=progress)
    if services is None and contacts is None:
        return plan, errors
    plan.services, plan.contacts, more = validate_sheets(rows, services, contacts)
    return plan, sorted([*errors, *more], key=error_key)
