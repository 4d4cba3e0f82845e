"""The demo directory of ``seed_demo``: the sector's federations, members and antennas.

``directory.json`` is a file in the import format (see :mod:`directory.exchange`),
loaded by the importer itself, so the demo goes through the same checks as any
import and re-seeding is an idempotent re-import. Organisations and federations
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


def demo_rows() -> list[dict[str, Any]]:
    """The rows of the demo directory, as written in the file."""
    return json.loads(DIRECTORY_FILE.read_text(encoding="utf-8"))


def seed_directory() -> tuple[int, int]:
    """Create or update the demo directory; returns (organisations, antennas)."""
    result, errors = import_file(DIRECTORY_FILE)
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
