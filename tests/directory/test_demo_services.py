"""The demo's services and contacts files: structural truths, without importing them.

``directory/demo_data/services.json`` has one row per service at a location (an
empty ``antenna_id`` for a phone or online service); ``contacts.json`` one row per
phone, e-mail or person. Both name the public source of their facts on every row.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from directory.exchange.columns import NOTE_COLUMNS
from directory.exchange.sheets import CONTACT_COLUMNS, SERVICE_COLUMNS
from places.opening_hours import parse

pytestmark = pytest.mark.smoke

DATA = Path(__file__).resolve().parents[2] / "directory" / "demo_data"

# Every column of the exchange format's sheets, and the source note.
SERVICE_KEYS = {*SERVICE_COLUMNS, *NOTE_COLUMNS}
CONTACT_KEYS = {*CONTACT_COLUMNS, *NOTE_COLUMNS}
LOCATION_KEYS = {
    "antenna_id",
    "location_walk_in_hours",
    "location_appointment_hours",
    "location_note_fr",
    "location_note_nl",
    "source",
}
ANSWER_KEYS = (
    "residents_only",
    "income_condition",
    "walk_in",
    "by_appointment",
    "phone_first",
    "referral_required",
    "anonymous",
)
HOURS_KEYS = (
    "walk_in_hours",
    "appointment_hours",
    "phone_hours",
    "location_walk_in_hours",
    "location_appointment_hours",
)
TEXT_PAIRS = (("service_name_fr", "service_name_nl"),) + tuple(
    (f"{stem}_fr", f"{stem}_nl")
    for stem in (
        "service_description",
        "eligibility",
        "required_status",
        "cost_note",
        "referral_note",
        "documents",
        "location_note",
    )
)


def _load(name: str) -> list[dict[str, Any]]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services() -> list[dict[str, Any]]:
    return _load("services.json")


@pytest.fixture(scope="module")
def contacts() -> list[dict[str, Any]]:
    return _load("contacts.json")


@pytest.fixture(scope="module")
def antennas_of() -> dict[str, set[str]]:
    """Each organisation of directory.json with the ids of its antennas."""
    owners: dict[str, set[str]] = {}
    for row in _load("directory.json"):
        antennas = owners.setdefault(row["organisation_id"], set())
        if row["antenna_id"]:
            antennas.add(row["antenna_id"])
    return owners


@pytest.fixture(scope="module")
def taxonomy() -> dict[str, set[str]]:
    """The category, public and language codes the reference-data migration creates."""
    seed = importlib.import_module("directory.migrations.0002_taxonomy_and_gazetteer")
    return {
        "categories": {row[0] for row in seed.CATEGORIES},
        "publics": {row[0] for row in seed.PUBLICS},
        "languages": {row[0] for row in seed.LANGUAGES},
    }


def test_every_service_row_has_every_key_and_a_source(services):
    assert services
    for row in services:
        assert set(row) == SERVICE_KEYS, row["service_id"]
        assert row["source"].strip(), row["service_id"]
        assert row["service_id"] and row["organisation_id"]


def test_every_service_is_named_and_described_in_both_languages(services):
    for row in services:
        for french, dutch in TEXT_PAIRS:
            assert bool(row[french]) == bool(row[dutch]), (row["service_id"], french)
        assert row["service_name_fr"] and row["service_description_fr"]


def test_services_refer_to_organisations_and_their_own_antennas(services, antennas_of):
    for row in services:
        assert row["organisation_id"] in antennas_of, row["service_id"]
        if row["antenna_id"]:
            assert row["antenna_id"] in antennas_of[row["organisation_id"]], row


def test_vocabularies_and_formats(services, taxonomy):
    for row in services:
        for key in ("categories", "publics", "languages"):
            assert row[key] and set(row[key]) <= taxonomy[key], (row["service_id"], key)
        for key in ANSWER_KEYS:
            assert row[key] in {"yes", "no", ""}, (row["service_id"], key)
        assert row["cost"] in {"free", "fee", "sliding", ""}
        assert row["service_status"] in {"active", "suspended", "ended", ""}
        for key in ("minimum_age", "maximum_age"):
            assert row[key] == "" or row[key].isdigit(), (row["service_id"], key)
        if row["minimum_age"] and row["maximum_age"]:
            assert int(row["minimum_age"]) <= int(row["maximum_age"])
        assert row["online_url"] == "" or row["online_url"].startswith("https://")


def test_every_hours_cell_parses(services):
    for row in services:
        for key in HOURS_KEYS:
            if row[key]:
                parse(row[key])  # raises OpeningHoursError on bad syntax


def test_rows_of_a_service_agree_and_places_are_not_repeated(services):
    by_id: dict[str, list[dict[str, Any]]] = {}
    for row in services:
        by_id.setdefault(row["service_id"], []).append(row)
    for service_id, rows in by_id.items():
        first = {k: v for k, v in rows[0].items() if k not in LOCATION_KEYS}
        for row in rows[1:]:
            same = {k: v for k, v in row.items() if k not in LOCATION_KEYS}
            assert same == first, service_id
        places = [row["antenna_id"] for row in rows]
        assert len(places) == len(set(places)), service_id
        if "" in places:
            assert places == [""], f"{service_id}: an antenna-less row stands alone"


def test_a_quarter_of_services_speak_dutch(services):
    languages = {row["service_id"]: row["languages"] for row in services}
    dutch = [service for service, codes in languages.items() if "nl" in codes]
    assert len(dutch) * 4 >= len(languages)


def test_tele_accueil_listening_line_is_free_and_anonymous(services, contacts):
    lines = [
        row
        for row in services
        if row["organisation_id"] == "tele-accueil-bxl"
        and "ecoute" in row["categories"]
    ]
    assert lines
    for row in lines:
        assert (row["cost"], row["anonymous"]) == ("free", "yes")
    helplines = [c for c in contacts if c["organisation_id"] == "tele-accueil-bxl"]
    assert any(c["kind"] == "helpline" and c["phone"] == "107" for c in helplines)


def test_contacts_are_complete_sourced_and_refer_to_known_records(
    contacts, services, antennas_of, taxonomy
):
    service_owner = {row["service_id"]: row["organisation_id"] for row in services}
    for contact in contacts:
        assert set(contact) == CONTACT_KEYS
        assert "http" in contact["source"], contact
        organisation = contact["organisation_id"]
        assert organisation in antennas_of
        if contact["antenna_id"]:
            assert contact["antenna_id"] in antennas_of[organisation]
        if contact["service_id"]:
            assert service_owner[contact["service_id"]] == organisation
        assert contact["kind"] in {"main", "helpline", "fax", "text", "email", "person"}
        assert contact["audience"] in {"public", "professionals"}
        assert contact["language"] == "" or contact["language"] in taxonomy["languages"]
        assert contact["phone"] or contact["email"], contact
        if contact["kind"] == "email":
            assert "@" in contact["email"] and not contact["phone"]
