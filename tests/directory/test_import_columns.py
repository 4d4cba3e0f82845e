"""The optional columns of the import format: checks, and files without them."""

import json

import pytest
from django.utils import translation

from directory import exchange
from directory.demo_data import demo_rows
from directory.models import Antenna, Organisation

pytestmark = [pytest.mark.django_db]


def _row(**values):
    row = next(r for r in demo_rows() if r["antenna_id"] == "cpas-mons-siege")
    return {**row, "federations": [], **values}


def _errors(tmp_path, rows):
    path = tmp_path / "directory.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    with translation.override("en"):
        result, errors = exchange.import_file(path)
    return result, [(error.line, error.column, error.message) for error in errors]


def test_every_error_of_the_new_columns_is_listed(tmp_path):
    _result, errors = _errors(
        tmp_path,
        [
            _row(
                community="de",
                status="gone",
                last_verified_on="1 September",
                accreditations=["cocom:cpas", "nowhere:cpas", "cocom:cpas::soon"],
                latitude="",
                longitude="",
                precision="street",
                served_communes=["Atlantis", "92094"],
                antenna_email="not-an-address",
            )
        ],
    )
    columns = [column for _line, column, _message in errors]
    assert sorted(columns) == sorted(
        [
            "community",
            "status",
            "last_verified_on",
            "accreditations",
            "accreditations",
            "precision",
            "antenna_email",
            "served_communes",
        ]
    )
    assert not Organisation.objects.filter(external_id="cpas-mons").exists()


def test_the_new_columns_are_written_and_a_file_without_them_keeps_them(tmp_path):
    result, errors = _errors(
        tmp_path,
        [
            _row(
                accreditations=["wallonia:cpas:REF-1:2015-01-01:"],
                served_communes=["53053", "Mons"],
                closed_until="2026-12-31",
                closure_note="Travaux",
                antenna_phone="065 41 23 11",
            )
        ],
    )
    assert errors == [] and result.organisations_created == 1
    antenna = Antenna.objects.get(external_id="cpas-mons-siege")
    assert (antenna.phone, antenna.closure_note, str(antenna.closed_until)) == (
        "065 41 23 11",
        "Travaux",
        "2026-12-31",
    )
    assert list(antenna.served_communes.values_list("refnis", flat=True)) == ["53053"]
    organisation = antenna.organisation
    assert organisation.accreditations.get().reference == "REF-1"

    old = {
        key: value
        for key, value in _row().items()
        if key not in exchange.OPTIONAL_COLUMNS or key == "receives_public"
    }
    result, errors = _errors(tmp_path, [old])
    assert errors == []
    assert result.organisations_unchanged == result.antennas_unchanged == 1
    assert organisation.accreditations.get().reference == "REF-1"
    assert antenna.served_communes.count() == 1
