"""The demo directory of ``seed_demo``: the sector's federations, members and antennas,
their services and contacts.

``directory.json`` (the antennas sheet), ``services.json`` and ``contacts.json``
(the services and contacts sheets, each a list of rows; either may be absent) are
files in the import format (see :mod:`directory.exchange`), loaded by the importer
itself, so the demo goes through the same checks as any import and re-seeding is
an idempotent re-import. Organisations and federations
follow ``shared/sector-facts.md``; street addresses are illustrative. Contact details
are the real public ones of the real organisations: each row's ``source`` names the
stored public page they come from. A detail no source gives stays empty, and an
organisation the demo invented has none (a made-up number could belong to someone).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from directory.exchange import import_file

DIRECTORY_FILE = Path(__file__).with_name("directory.json")
SERVICES_FILE = Path(__file__).with_name("services.json")
CONTACTS_FILE = Path(__file__).with_name("contacts.json")


def demo_rows() -> list[dict[str, Any]]:
    """The rows of the demo directory, as written in the file."""
    return json.loads(DIRECTORY_FILE.read_text(encoding="utf-8"))


def _rows(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def demo_service_rows() -> list[dict[str, Any]]:
    """The rows of the demo services (none while the file is absent)."""
    return _rows(SERVICES_FILE)


def demo_contact_rows() -> list[dict[str, Any]]:
    """The rows of the demo contacts (none while the file is absent)."""
    return _rows(CONTACTS_FILE)


def seed_directory() -> tuple[int, int]:
    """Create or update the demo directory; returns (organisations, antennas)."""
    result, errors = import_file(
        DIRECTORY_FILE,
        services=SERVICES_FILE if SERVICES_FILE.exists() else None,
        contacts=CONTACTS_FILE if CONTACTS_FILE.exists() else None,
    )
    if errors or result is None:
        raise ValueError("\n".join(str(error) for error in errors))
    organisations = (
        result.organisations_created
        + result.organisations_updated
        + result.organisations_unchanged
    )
    antennas = (
        result.antennas_created + result.antennas_updated + result.antennas_unchanged
    )
    return organisations, antennas
