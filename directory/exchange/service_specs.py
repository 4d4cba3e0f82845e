"""The services and contacts of a file as validated (see :mod:`.service_checks`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Whose contacts: ("organisation", organisation_id) or ("service", service_id).
Owner = tuple[str, str]
ORGANISATION = "organisation"
SERVICE = "service"


@dataclass
class LocationSpec:
    """A service at one antenna; ``fields`` holds the location columns the file
    has (walk-in and appointment hours at this antenna, the note)."""

    antenna: str
    line: int
    fields: dict[str, Any]


@dataclass
class ServiceSpec:
    """A service as the file describes it. ``fields`` holds only the model fields
    of the columns the file has; a list is None without its column."""

    external_id: str
    line: int
    organisation: str
    fields: dict[str, Any]
    categories: frozenset[int] | None
    publics: frozenset[int] | None
    languages: frozenset[int] | None
    locations: list[LocationSpec] = field(default_factory=list)


@dataclass(frozen=True)
class ContactSpec:
    """A contact: its model fields (``language_id`` as a pk) and its antenna's
    identifier (empty for the whole organisation, and for a service's contact)."""

    line: int
    antenna: str
    fields: tuple[tuple[str, Any], ...]

    def key(self) -> tuple[Any, ...]:
        """What is compared with a stored contact."""
        return (self.antenna, *(_comparable(value) for _name, value in self.fields))


def _comparable(value: Any) -> Any:
    return "" if value is None else value


def contact_key(antenna: str, values: dict[str, Any], names: tuple[str, ...]) -> tuple:
    """A stored contact in the form of :meth:`ContactSpec.key`."""
    return (antenna or "", *(_comparable(values[name]) for name in names))
