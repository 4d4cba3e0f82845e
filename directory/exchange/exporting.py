"""The whole directory as rows of the exchange format."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import IO, Any

from django.db.models import Q
from django.utils import timezone

from directory.exchange.columns import (
    ANTENNA_COLUMNS,
    COLUMNS,
    ORGANISATION_FIELDS,
    ORGANISATION_MORE_FIELDS,
)
from directory.exchange.db import manager, through
from directory.exchange.formats import detect_format, write_rows, write_sheets
from directory.exchange.plan import accreditation_key
from directory.exchange.service_exporting import contact_rows, service_rows
from directory.exchange.sheets import ANTENNAS, CONTACTS, SERVICES, Sheet
from directory.models import (
    Accreditation,
    Antenna,
    Category,
    FederationMembership,
    Language,
    Organisation,
    Public,
    Wheelchair,
)
from places.models import Commune

_ANTENNA_VALUES = (
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
    "precision",
    "opening_hours",
    "dropin_hours",
    "wheelchair",
    "receives_public",
    "phone",
    "email",
    "closed_until",
    "closure_note",
    *Antenna.ACCESSIBILITY_FIELDS,
    "public_transport_fr",
    "public_transport_nl",
    "transport_stops",
)


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}"


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _joined(values: Any) -> str:
    return ";".join(sorted(values))


def _grouped(
    table: tuple[Any, str, str], labels: dict[int, str]
) -> dict[int, list[str]]:
    """A many-to-many table as ``{source pk: [target label, ...]}``."""
    model, source, target = table
    grouped: dict[int, list[str]] = defaultdict(list)
    for source_id, target_id in model.objects.values_list(source, target):
        grouped[source_id].append(labels[target_id])
    return grouped


def _organisation_lists() -> dict[str, dict[int, list[str]]]:
    """Categories, publics, languages, federations and accreditations by pk."""
    lists = {
        name: _grouped(through(name), dict(model.objects.values_list("pk", key)))
        for name, model, key in (
            ("categories", Category, "slug"),
            ("publics", Public, "slug"),
            ("languages", Language, "code"),
        )
    }
    today = timezone.localdate()
    federations: dict[int, list[str]] = defaultdict(list)
    current = FederationMembership.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=today),
        Q(end_date__isnull=True) | Q(end_date__gte=today),
    )
    for member_id, federation in current.values_list(
        "member_id", "federation__external_id"
    ):
        if federation not in federations[member_id]:
            federations[member_id].append(federation)
    lists["federations"] = federations
    accreditations: dict[int, list[str]] = defaultdict(list)
    for accreditation in Accreditation.objects.all():
        accreditations[accreditation.organisation_id].append(
            ":".join(accreditation_key(accreditation))
        )
    lists["accreditations"] = accreditations
    return lists


def _names(record: dict[str, Any]) -> tuple[str, str]:
    """The French and Dutch names; the base name when both are empty."""
    name_fr, name_nl = record["name_fr"] or "", record["name_nl"] or ""
    if not name_fr and not name_nl:
        name_fr = record["name"]
    return name_fr, name_nl


def _organisation_rows() -> dict[int, dict[str, str]]:
    lists = _organisation_lists()
    organisations: dict[int, dict[str, str]] = {}
    for organisation in (
        manager(Organisation)
        .order_by()
        .values(
            "pk", "external_id", "name", *ORGANISATION_FIELDS, *ORGANISATION_MORE_FIELDS
        )
    ):
        pk = organisation["pk"]
        name_fr, name_nl = _names(organisation)
        organisations[pk] = {
            **{name: organisation[name] or "" for name in ORGANISATION_FIELDS},
            **{name: organisation[name] or "" for name in ORGANISATION_MORE_FIELDS},
            "organisation_id": organisation["external_id"],
            "organisation_name_fr": name_fr,
            "organisation_name_nl": name_nl,
            "closed_on": _date(organisation["closed_on"]),
            "last_verified_on": _date(organisation["last_verified_on"]),
            **{name: _joined(lists[name].get(pk, ())) for name in lists},
        }
    return organisations


def _antenna_row(
    antenna: dict[str, Any], served: list[str], languages: list[str]
) -> dict[str, str]:
    name_fr, name_nl = _names(antenna)
    located = antenna["latitude"] is not None
    return {
        "antenna_id": antenna["external_id"],
        "antenna_name_fr": name_fr,
        "antenna_name_nl": name_nl,
        "street": antenna["street"],
        "number": antenna["number"],
        "box": antenna["box"],
        "postcode": antenna["postcode"],
        "commune": antenna["commune__name_fr"] or antenna["commune__name"] or "",
        "latitude": _coordinate(antenna["latitude"]),
        "longitude": _coordinate(antenna["longitude"]),
        "precision": antenna["precision"] if located else "",
        "opening_hours": antenna["opening_hours"],
        "dropin_hours": antenna["dropin_hours"],
        "wheelchair": ""
        if antenna["wheelchair"] == Wheelchair.UNKNOWN
        else antenna["wheelchair"],
        "receives_public": "" if antenna["receives_public"] else "no",
        "antenna_phone": antenna["phone"],
        "antenna_email": antenna["email"],
        "closed_until": _date(antenna["closed_until"]),
        "closure_note": antenna["closure_note"],
        "served_communes": _joined(served),
        "antenna_languages": _joined(languages),
        **{name: antenna[name] or "" for name in Antenna.ACCESSIBILITY_FIELDS},
        "public_transport_fr": antenna["public_transport_fr"] or "",
        "public_transport_nl": antenna["public_transport_nl"] or "",
        "transport_stops": antenna["transport_stops"],
    }


def export_rows() -> list[dict[str, str]]:
    """Every organisation and antenna as rows of :data:`COLUMNS`, sorted by ids.

    Federations are the memberships current today; the commune is its French name,
    served communes are REFNIS codes; accreditations are
    ``authority:kind:reference:valid_from:valid_to``.
    """
    organisations = _organisation_rows()
    served = _grouped(
        through("served_communes", Antenna),
        dict(Commune.objects.values_list("pk", "refnis")),
    )
    languages = _grouped(
        through("languages", Antenna), dict(Language.objects.values_list("pk", "code"))
    )
    rows: list[dict[str, str]] = []
    with_antennas: set[int] = set()
    for antenna in manager(Antenna).order_by().values("pk", *_ANTENNA_VALUES):
        with_antennas.add(antenna["organisation_id"])
        rows.append(
            {
                **organisations[antenna["organisation_id"]],
                **_antenna_row(
                    antenna,
                    served.get(antenna["pk"], []),
                    languages.get(antenna["pk"], []),
                ),
            }
        )
    empty = dict.fromkeys(ANTENNA_COLUMNS, "")
    for pk, organisation in organisations.items():
        if pk not in with_antennas:
            rows.append({**organisation, **empty})
    rows.sort(key=lambda row: (row["organisation_id"], row["antenna_id"]))
    return [{column: row[column] or "" for column in COLUMNS} for row in rows]


def export_sheets() -> dict[Sheet, list[dict[str, str]]]:
    """The whole directory: the antennas, services and contacts sheets."""
    return {
        ANTENNAS: export_rows(),
        SERVICES: service_rows(),
        CONTACTS: contact_rows(),
    }


def sibling(target: str | Path, sheet: Sheet) -> Path:
    """Where a CSV export writes a sheet by default: ``NAME-services.csv`` beside
    ``NAME.csv``."""
    path = Path(target)
    return path.with_name(f"{path.stem}-{sheet.name}{path.suffix}")


def export(
    target: str | Path | IO[bytes],
    fmt: str | None = None,
    *,
    services: str | Path | IO[bytes] | None = None,
    contacts: str | Path | IO[bytes] | None = None,
) -> int:
    """Export the whole directory; returns the number of antenna rows written.

    JSON and XLSX hold the three sheets in one file. CSV holds one: the services
    and contacts go to ``services`` and ``contacts`` (by default, for a path,
    ``NAME-services.csv`` and ``NAME-contacts.csv`` beside it; a stream target
    without them gets the antennas only).
    """
    if fmt is None:
        fmt = detect_format(getattr(target, "name", None) or str(target))
    sheets = export_sheets()
    if fmt != "csv":
        write_sheets(sheets, target, fmt)
        return len(sheets[ANTENNAS])
    write_rows(sheets[ANTENNAS], target, fmt)
    for sheet, given in ((SERVICES, services), (CONTACTS, contacts)):
        if given is None and isinstance(target, str | Path):
            given = sibling(target, sheet)
        if given is not None:
            write_rows(sheets[sheet], given, fmt, sheet)
    return len(sheets[ANTENNAS])
