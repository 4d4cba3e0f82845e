"""The demo directory is a file in the import format, loaded by the importer."""

import io

import pytest
from django.core.management import call_command

from directory.demo_data import demo_rows, seed_directory
from directory.exchange import COLUMNS, NOTE_COLUMNS, OPTIONAL_COLUMNS
from directory.models import Antenna, Organisation

pytestmark = [pytest.mark.django_db]


def _export(path):
    call_command("export_directory", str(path), stdout=io.StringIO())
    return path.read_bytes()


def test_the_demo_file_has_every_column_and_names_its_sources():
    rows = demo_rows()
    assert rows
    required = set(COLUMNS) - OPTIONAL_COLUMNS
    for row in rows:
        # Every column, but the optional ones a source gives nothing for
        # (accessibility, transport: absent means unknown).
        assert required | set(NOTE_COLUMNS) <= set(row) <= {*COLUMNS, *NOTE_COLUMNS}
        assert row["source"]
        if any(row[field] for field in ("phone", "phone_2", "email", "website")):
            # a real contact detail comes from a named public page
            assert "source: http" in row["source"], row["organisation_id"]


def test_seeding_gives_the_records_of_the_file(demo_directory):
    rows = demo_rows()
    assert Organisation.objects.count() == len({r["organisation_id"] for r in rows})
    assert Antenna.objects.count() == len([r for r in rows if r["antenna_id"]])
    assert (Organisation.objects.count(), Antenna.objects.count()) == (40, 43)

    cpas = Organisation.objects.get(external_id="cpas-schaerbeek")
    assert (cpas.name_fr, cpas.name_nl) == ("CPAS de Schaerbeek", "OCMW van Schaarbeek")
    assert (cpas.community, cpas.legal_form, cpas.phone) == (
        "bi",
        "CPAS",
        "02 240 30 80",
    )
    assert [
        (a.authority, a.kind, str(a.valid_from)) for a in cpas.accreditations.all()
    ] == [("cocom", "cpas", "2015-01-01")]
    assert str(cpas.last_verified_on) == "2026-09-01"
    assert Organisation.objects.get(external_id="fdssb").short_name == "FdSSB"
    mons = Organisation.objects.get(external_id="cpas-mons")
    assert list(mons.current_federations().values_list("external_id", flat=True)) == [
        "federation-cpas"
    ]

    namur = Antenna.objects.get(external_id="aide-domicile-namur-siege")
    assert sorted(namur.served_communes.values_list("refnis", flat=True)) == [
        "92003",
        "92094",
    ]
    assert not Antenna.objects.get(external_id="fdss-siege").receives_public
    located = Antenna.objects.get(external_id="sos-enfants-siege")
    assert (located.latitude, located.longitude) == (50.8345, 4.344)
    assert (located.precision, located.coordinates_set_by_hand) == ("street", True)


def test_seeding_again_changes_nothing(demo_directory):
    before = {
        organisation.external_id: organisation.updated_at
        for organisation in Organisation.objects.all()
    }
    assert seed_directory() == (40, 43)
    after = {
        organisation.external_id: organisation.updated_at
        for organisation in Organisation.objects.all()
    }
    assert after == before


@pytest.mark.parametrize("suffix", ["json", "csv"])
def test_export_import_into_an_empty_directory_round_trips(tmp_path, suffix):
    """The demo directory alone (the demo site's newsletters protect their
    organisations from deletion), exported, imported anew and exported again."""
    seed_directory()
    first = _export(tmp_path / f"first.{suffix}")
    for carried in (
        "cocom:cpas::2015-01-01:",
        "92003",
        "FdSSB",
        "2026-09-01",
        "street",
    ):
        assert carried.encode() in first
    Organisation.objects.all().delete()
    assert not Antenna.objects.exists()
    call_command(
        "import_directory", str(tmp_path / f"first.{suffix}"), stdout=io.StringIO()
    )
    assert _export(tmp_path / f"second.{suffix}") == first
