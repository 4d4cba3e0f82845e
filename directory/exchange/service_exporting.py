"""The services and contacts sheets of an export.

Services: one row per service at an antenna (a service at no place gets one row
without antenna), sorted by organisation, the services' order, then the places'
order; contacts: sorted by organisation, the organisation's first, then each
service's, each in their order. Importing the rows gives the same order back.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from directory.exchange.db import manager, through
from directory.exchange.service_checks import CONTACT_FIELDS
from directory.exchange.sheets import (
    CONTACT_COLUMNS,
    LOCATION_TEXT,
    SERVICE_AGES,
    SERVICE_ANSWERS,
    SERVICE_COLUMNS,
    SERVICE_FLAGS,
    SERVICE_HOURS,
    SERVICE_TEXT,
)
from directory.models import (
    Category,
    Language,
    OrganisationContact,
    Public,
    Service,
    ServiceAtLocation,
    ServiceContact,
)

_SERVICE_VALUES = (
    "pk",
    "external_id",
    "organisation__external_id",
    "sort_order",
    "name",
    *SERVICE_TEXT.values(),
    *SERVICE_HOURS,
    *SERVICE_FLAGS,
    *SERVICE_ANSWERS,
    *SERVICE_AGES,
    "cost",
    "status",
    "last_verified_on",
    "online_url",
)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _lists() -> dict[str, dict[int, list[str]]]:
    """The services' categories, publics and languages, by service pk."""
    lists: dict[str, dict[int, list[str]]] = {}
    for name, model, key in (
        ("categories", Category, "slug"),
        ("publics", Public, "slug"),
        ("languages", Language, "code"),
    ):
        labels = dict(model.objects.values_list("pk", key))
        table, source, target = through(name, Service)
        grouped: dict[int, list[str]] = defaultdict(list)
        for service_id, target_id in table.objects.values_list(source, target):
            grouped[service_id].append(labels[target_id])
        lists[name] = grouped
    return lists


def _service_row(service: dict[str, Any], lists: dict[str, Any]) -> dict[str, str]:
    pk = service["pk"]
    row = {
        "service_id": service["external_id"],
        "organisation_id": service["organisation__external_id"],
        **{column: _text(service[name]) for column, name in SERVICE_TEXT.items()},
        **{
            name: _text(service[name])
            for name in (*SERVICE_HOURS, *SERVICE_FLAGS, *SERVICE_ANSWERS)
        },
        **{name: _text(service[name]) for name in SERVICE_AGES},
        "cost": service["cost"],
        "service_status": service["status"],
        "service_last_verified_on": _text(service["last_verified_on"]),
        "online_url": service["online_url"],
        **{name: ";".join(sorted(lists[name].get(pk, ()))) for name in lists},
    }
    if not row["service_name_fr"] and not row["service_name_nl"]:
        row["service_name_fr"] = service["name"]
    return row


def _locations() -> dict[int, list[dict[str, str]]]:
    """Each service's places as the location columns, in their order."""
    located: dict[int, list[tuple[int, str, dict[str, str]]]] = defaultdict(list)
    for location in ServiceAtLocation.objects.order_by().values(
        "service_id", "sort_order", "antenna__external_id", *LOCATION_TEXT.values()
    ):
        antenna = location["antenna__external_id"]
        columns = {
            "antenna_id": antenna,
            **{column: _text(location[name]) for column, name in LOCATION_TEXT.items()},
        }
        located[location["service_id"]].append(
            (location["sort_order"], antenna, columns)
        )
    return {
        service_id: [columns for _order, _antenna, columns in sorted(items)]
        for service_id, items in located.items()
    }


def service_rows() -> list[dict[str, str]]:
    """Every service as rows of the services sheet."""
    lists = _lists()
    locations = _locations()
    services = sorted(
        manager(Service).order_by().values(*_SERVICE_VALUES),
        key=lambda s: (
            s["organisation__external_id"],
            s["sort_order"],
            s["external_id"],
        ),
    )
    empty = dict.fromkeys(SERVICE_COLUMNS, "")
    rows: list[dict[str, str]] = []
    for service in services:
        own = {**empty, **_service_row(service, lists)}
        for place in locations.get(service["pk"], [{}]):
            rows.append({**own, **place})
    return rows


def contact_rows() -> list[dict[str, str]]:
    """Every contact as rows of the contacts sheet."""
    rows: list[tuple[tuple[Any, ...], dict[str, str]]] = []
    values = [name for name in CONTACT_FIELDS if name != "language_id"]
    for contact in OrganisationContact.objects.order_by().values(
        "pk",
        "sort_order",
        "organisation__external_id",
        "antenna__external_id",
        "language__code",
        *values,
    ):
        row = _contact_row(contact, contact["organisation__external_id"], "")
        row["antenna_id"] = contact["antenna__external_id"] or ""
        rows.append(
            ((row["organisation_id"], "", contact["sort_order"], contact["pk"]), row)
        )
    for contact in ServiceContact.objects.order_by().values(
        "pk",
        "sort_order",
        "service__external_id",
        "service__organisation__external_id",
        "language__code",
        *values,
    ):
        service = contact["service__external_id"]
        row = _contact_row(
            contact, contact["service__organisation__external_id"], service
        )
        rows.append(
            (
                (row["organisation_id"], service, contact["sort_order"], contact["pk"]),
                row,
            )
        )
    rows.sort(key=lambda item: item[0])
    return [row for _key, row in rows]


def _contact_row(
    contact: dict[str, Any], organisation: str, service: str
) -> dict[str, str]:
    return {
        "organisation_id": organisation,
        "antenna_id": "",
        "service_id": service,
        **{
            column: _text(contact.get(column))
            for column in CONTACT_COLUMNS
            if column in contact
        },
        "language": contact["language__code"] or "",
    }
