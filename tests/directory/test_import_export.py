"""import_directory / export_directory: validation, upsert, idempotence, formats."""

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook
from wagtail.models import Revision

from directory import exchange, tasks
from directory.management.commands.import_directory import ProgressBar
from directory.models import Antenna, FederationMembership, Organisation, Wheelchair
from places.models import Precision

pytestmark = [pytest.mark.django_db]

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "directory_clean.csv"
ERRORS = FIXTURES / "directory_errors.csv"


# --- helpers ---------------------------------------------------------------------


def run_import(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_directory", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_export(path):
    call_command("export_directory", str(path), stdout=io.StringIO())
    return path


def directory_models():
    return list(apps.get_app_config("directory").get_models(include_auto_created=True))


def full_dump():
    """Every row of every directory table (and the revisions), every column."""
    dump = {}
    for model in [*directory_models(), Revision]:
        queryset = model._default_manager.all()
        if hasattr(queryset, "rewrite"):
            queryset = queryset.rewrite(False)
        dump[model._meta.label] = list(queryset.order_by("pk").values())
    return dump


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in [*directory_models(), Revision]
    }


def natural_dump():
    """The imported content without database ids and timestamps."""
    organisations = {}
    for organisation in Organisation.objects.order_by("external_id"):
        organisations[organisation.external_id] = {
            "fields": {
                name: getattr(organisation, name)
                for name in (*exchange.ORGANISATION_FIELDS, "slug", "live")
            },
            "name": Organisation.objects.rewrite(False)
            .filter(pk=organisation.pk)
            .values_list("name", flat=True)
            .get(),
            "categories": sorted(
                organisation.categories.values_list("slug", flat=True)
            ),
            "publics": sorted(organisation.publics.values_list("slug", flat=True)),
            "languages": sorted(organisation.languages.values_list("code", flat=True)),
            "memberships": sorted(
                (m.federation.external_id, str(m.start_date), str(m.end_date))
                for m in organisation.federation_links.all()
            ),
        }
    antennas = {}
    for antenna in Antenna.objects.select_related("organisation", "commune"):
        antennas[antenna.external_id] = {
            "organisation": antenna.organisation.external_id,
            "commune": antenna.commune.refnis,
            **{
                name: getattr(antenna, name)
                for name in (
                    *exchange.ANTENNA_FIELDS[:-4],
                    "opening_hours",
                    "dropin_hours",
                    "wheelchair",
                    "slug",
                    "latitude",
                    "longitude",
                    "precision",
                    "coordinates_set_by_hand",
                )
                if name != "commune_id"
            },
        }
    return {"organisations": organisations, "antennas": antennas}


def empty_directory():
    Organisation.objects.all().delete()
    assert not Antenna.objects.exists()
    assert not FederationMembership.objects.exists()


def clean_rows():
    with CLEAN.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def write_xlsx(path, rows, *, typed=True):
    """An XLSX of ``rows``; with ``typed``, numbers are written as spreadsheet
    numbers (what a user typing them in a spreadsheet gets)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(exchange.COLUMNS))
    for row in rows:
        cells = []
        for column in exchange.COLUMNS:
            value = row.get(column) or None
            if typed and value and column in ("latitude", "longitude"):
                value = float(value)
            elif typed and value and column == "postcode":
                value = int(value)
            cells.append(value)
        sheet.append(cells)
    workbook.save(path)
    return path


def write_json(path, rows):
    data = []
    for row in rows:
        item = dict(row)
        for column in exchange.LIST_COLUMNS & set(row):
            item[column] = [part for part in row[column].split(";") if part]
        for column in ("latitude", "longitude"):
            item[column] = float(row[column]) if row[column] else None
        data.append(item)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_csv(path, rows, *, bom=False):
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=exchange.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def xlsx_values(path):
    workbook = load_workbook(path, read_only=True)
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English (the catalogues translate them)."""
    with translation.override("en"):
        yield


@pytest.fixture
def geocoding_calls(monkeypatch):
    """Replace ``directory.tasks.enqueue_geocoding`` and record its calls."""
    calls = []
    monkeypatch.setattr(
        tasks, "enqueue_geocoding", lambda ids: calls.append(sorted(ids))
    )
    return calls


# --- a clean file ----------------------------------------------------------------


def test_clean_csv_with_bom_creates_organisations_and_antennas():
    assert CLEAN.read_bytes().startswith(b"\xef\xbb\xbf")
    out, err = run_import(CLEAN)
    assert "Organisations: 5 created, 0 updated, 0 unchanged." in out
    assert "Antennas: 5 created, 0 updated" in out
    assert "Federation memberships: 4 started, 0 ended." in out
    assert Organisation.objects.count() == 5
    assert Antenna.objects.count() == 5

    casg = Organisation.objects.get(external_id="org-001")
    assert casg.enterprise_number == "0850123440"  # "BE 0850.123.440" normalised
    assert casg.description_fr.startswith("Accueil, écoute, orientation.\nAide")
    assert casg.live and not casg.has_unpublished_changes
    assert casg.slug == "centre-daction-sociale-globale-de-schaerbeek"
    assert sorted(casg.categories.values_list("slug", flat=True)) == [
        "aide-sociale-generale",
        "casg",
    ]
    assert sorted(casg.languages.values_list("code", flat=True)) == ["ar", "fr", "nl"]
    assert [o.external_id for o in casg.current_federations()] == ["fed-001"]

    fdss = Organisation.objects.get(external_id="fed-001")
    assert fdss.website == "https://www.fdss.example"  # scheme added
    assert not fdss.antennas.exists()  # an "organisation only" row
    assert sorted(
        Organisation.objects.members_of(fdss).values_list("external_id", flat=True)
    ) == ["org-001", "org-003", "org-004"]

    gent = Organisation.objects.get(external_id="org-002")
    assert gent.name_fr is None and gent.name_nl == "Sociaal Huis Gent"
    assert (
        Organisation.objects.rewrite(False)
        .filter(pk=gent.pk)
        .values_list("name", flat=True)
        .get()
        == "Sociaal Huis Gent"
    )  # the base column falls back to Dutch
    assert gent.enterprise_number == "0207123407"  # 9-digit old form padded

    siege = Antenna.objects.get(external_id="ant-001")
    assert siege.organisation == casg
    assert siege.commune.refnis == "21015"
    assert (siege.latitude, siege.longitude) == (50.86142, 4.37356)
    assert siege.precision == Precision.ADDRESS and siege.coordinates_set_by_hand
    assert siege.wheelchair == Wheelchair.YES
    assert siege.opening_hours == "Mo-Fr 09:00-12:00,13:30-16:30; PH off"

    nord = Antenna.objects.get(external_id="ant-002")
    assert nord.latitude is None and nord.precision == Precision.NONE
    assert not nord.coordinates_set_by_hand
    assert nord.wheelchair == Wheelchair.UNKNOWN
    # communes typed in Dutch and in lower case
    assert Antenna.objects.get(external_id="ant-003").commune.refnis == "44021"
    assert Antenna.objects.get(external_id="ant-004").commune.refnis == "62063"
    ixelles = Antenna.objects.get(external_id="ant-005")
    assert ixelles.commune.refnis == "21009" and ixelles.postcode == "1050"
    assert ixelles.street == "Chaussée d’Ixelles"
    assert not Revision.objects.exists()


def test_second_import_changes_nothing():
    run_import(CLEAN)
    before = full_dump()
    out, _ = run_import(CLEAN)
    assert "Organisations: 0 created, 0 updated, 5 unchanged." in out
    assert "Antennas: 0 created, 0 updated (0 moved to another organisation), " in out
    assert "5 unchanged" in out
    assert full_dump() == before


def test_antennas_without_coordinates_are_geocoded_after_commit(
    geocoding_calls, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        out, _ = run_import(CLEAN)
    assert "2 antenna(s) without coordinates will be geocoded." in out
    expected = sorted(
        Antenna.objects.filter(external_id__in=["ant-002", "ant-003"]).values_list(
            "pk", flat=True
        )
    )
    assert geocoding_calls == [expected]


def test_reimport_after_real_geocoding_changes_nothing(
    django_capture_on_commit_callbacks,
):
    """With the real task (immediate backend, offline geocoder): the geocoded
    positions are kept when the file has no coordinates."""
    pytest.importorskip("directory.tasks")
    with django_capture_on_commit_callbacks(execute=True):
        run_import(CLEAN)
    geocoded = Antenna.objects.get(external_id="ant-003")
    assert geocoded.latitude is not None and not geocoded.coordinates_set_by_hand
    before = full_dump()
    with django_capture_on_commit_callbacks(execute=True):
        out, _ = run_import(CLEAN)
    assert "0 updated" in out
    assert full_dump() == before


def test_dry_run_writes_nothing():
    before = full_dump()
    out, _ = run_import(CLEAN, "--dry-run")
    assert "Dry run" in out
    assert "Organisations: 5 created" in out
    assert full_dump() == before


def test_dry_run_counts_updates_without_writing(tmp_path):
    run_import(CLEAN)
    rows = clean_rows()
    rows[1]["antenna_name_fr"] = "Siège social"
    path = write_csv(tmp_path / "changed.csv", rows)
    before = full_dump()
    out, _ = run_import(path, "--dry-run")
    assert "Antennas: 0 created, 1 updated" in out
    assert full_dump() == before


# --- errors ----------------------------------------------------------------------


EXPECTED_ERRORS = [
    (2, "enterprise_number", "not a valid enterprise number"),
    (3, "organisation_name_fr", "Differs from line 2"),
    (4, "postcode", "Postcode 1000 is not in Schaerbeek"),
    (5, "categories", "aide-aux-martiens"),
    (6, "opening_hours", "lundi"),
    (7, "federations", "fed-999"),
    (8, "longitude", "Give both latitude and longitude"),
    (9, "antenna_id", "already appears on line 2"),
]


def test_every_error_is_reported_and_nothing_is_written():
    run_import(CLEAN)  # something to leave untouched
    counts, before = row_counts(), full_dump()
    err = io.StringIO()
    with pytest.raises(CommandError, match="8 error"):
        call_command("import_directory", str(ERRORS), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert len(lines) == len(EXPECTED_ERRORS)
    for (line, column, text), printed in zip(EXPECTED_ERRORS, lines, strict=True):
        assert printed.startswith(f"Line {line}, column {column}: "), printed
        assert text in printed
    assert row_counts() == counts
    assert full_dump() == before


def test_validate_returns_sorted_errors_with_line_and_column():
    rows, errors = exchange.read_rows(ERRORS)
    assert not errors
    _plan, errors = exchange.validate(rows)
    assert [(e.line, e.column) for e in errors] == [
        (line, column) for line, column, _ in EXPECTED_ERRORS
    ]


def test_csv_lines_count_multiline_cells():
    rows, errors = exchange.read_rows(CLEAN)
    assert not errors
    # org-001's description holds a newline: its rows take two lines each.
    assert [row.line for row in rows] == [2, 3, 5, 7, 8, 9]


def test_json_errors_are_located_at_index_plus_one(tmp_path):
    rows = clean_rows()
    rows[2]["wheelchair"] = "maybe"
    path = write_json(tmp_path / "directory.json", rows)
    with pytest.raises(CommandError):
        run_import(path)
    _rows, errors = exchange.read_rows(path)
    _plan, errors = exchange.validate(_rows)
    assert [(e.line, e.column) for e in errors] == [(4, "wheelchair")]


def test_header_problems_are_reported_on_line_1(tmp_path):
    path = tmp_path / "bad.csv"
    header = [c for c in exchange.COLUMNS if c != "wheelchair"] + ["colour"]
    path.write_text(",".join(header) + "\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_directory", str(path), stdout=io.StringIO(), stderr=err)
    assert "Line 1, column colour: Unknown column." in err.getvalue()
    assert "Line 1, column wheelchair: Missing column." in err.getvalue()


def test_unsupported_file_type(tmp_path):
    path = tmp_path / "directory.ods"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="Unsupported file type"):
        run_import(path)


def test_more_rules(tmp_path):
    rows = clean_rows()
    rows[0]["street"] = "Rue sans antenne"  # organisation-only row with an address
    rows[1]["federations"] = "fed-001;org-001"  # its own federation…
    rows[2]["federations"] = "fed-001;org-001"  # (both rows agree)
    rows[3]["commune"] = "Atlantis"
    rows[4]["latitude"], rows[4]["longitude"] = "48.8566", "2.3522"  # Paris
    rows[5]["antenna_name_nl"] = rows[5]["antenna_name_fr"] = ""
    rows[5]["languages"] = "fr, nl"
    path = write_csv(tmp_path / "rules.csv", rows)
    _rows, _ = exchange.read_rows(path)
    _plan, errors = exchange.validate(_rows)
    found = {(e.line, e.column) for e in errors}
    assert found == {
        (2, "antenna_id"),
        (3, "federations"),
        (7, "commune"),  # rows 1 and 2 take two lines each (multi-line cells)
        (8, "latitude"),
        (8, "longitude"),
        (9, "antenna_name_fr"),
        (9, "languages"),
    }
    assert any("Separate the values with “;”" in e.message for e in errors)


# --- formats and round trips -----------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "json"])
def test_xlsx_and_json_give_the_same_database_as_csv(tmp_path, fmt):
    run_import(CLEAN)
    expected = natural_dump()
    empty_directory()
    rows = clean_rows()
    path = tmp_path / f"directory.{fmt}"
    (write_xlsx if fmt == "xlsx" else write_json)(path, rows)
    out, _ = run_import(path)
    assert "Organisations: 5 created" in out
    assert natural_dump() == expected


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_export_import_export_gives_identical_files(tmp_path, fmt):
    run_import(CLEAN)
    first = run_export(tmp_path / f"first.{fmt}")
    empty_directory()
    run_import(first)
    second = run_export(tmp_path / f"second.{fmt}")
    if fmt == "xlsx":  # the zip holds timestamps: compare the cells
        assert xlsx_values(first) == xlsx_values(second)
    else:
        assert first.read_bytes() == second.read_bytes()


def test_export_content(tmp_path):
    run_import(CLEAN)
    path = run_export(tmp_path / "export.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames) == exchange.COLUMNS
        rows = list(reader)
    assert [(r["organisation_id"], r["antenna_id"]) for r in rows] == [
        ("fed-001", ""),
        ("org-001", "ant-001"),
        ("org-001", "ant-002"),
        ("org-002", "ant-003"),
        ("org-003", "ant-004"),
        ("org-004", "ant-005"),
    ]
    assert rows[0]["antenna_name_fr"] == rows[0]["commune"] == ""
    assert rows[1]["categories"] == "aide-sociale-generale;casg"  # sorted
    assert rows[1]["languages"] == "ar;fr;nl"
    assert rows[1]["latitude"] == "50.861420" and rows[2]["latitude"] == ""
    assert rows[3]["commune"] == "Gand"  # the French name
    assert rows[4]["latitude"] == "50.627500"
    assert rows[5]["federations"] == "fed-001;org-001"
    assert rows[2]["wheelchair"] == ""


def test_exported_json_is_an_object_of_three_lists_of_objects(tmp_path):
    run_import(CLEAN)
    data = json.loads(run_export(tmp_path / "export.json").read_text(encoding="utf-8"))
    assert list(data) == ["antennas", "services", "contacts"]
    assert len(data["antennas"]) == 6
    assert all(list(item) == list(exchange.COLUMNS) for item in data["antennas"])
    assert data["services"] == data["contacts"] == []


def test_xlsx_numbers_are_read_as_text(tmp_path):
    rows = clean_rows()
    rows[3]["enterprise_number"] = "207123407"
    path = write_xlsx(tmp_path / "typed.xlsx", rows)
    workbook = load_workbook(path)
    sheet = workbook.active
    sheet.cell(
        row=5, column=exchange.COLUMNS.index("enterprise_number") + 1
    ).value = 207123407
    workbook.save(path)
    run_import(path)
    assert Organisation.objects.get(external_id="org-002").enterprise_number == (
        "0207123407"
    )
    assert Antenna.objects.get(external_id="ant-004").postcode == "4000"


# --- updates ---------------------------------------------------------------------


def test_updates_moves_and_membership_ends(tmp_path):
    run_import(CLEAN)
    casg = Organisation.objects.get(external_id="org-001")
    casg.save_revision().publish()  # an admin history
    planning = Organisation.objects.get(external_id="org-004")
    untouched = Organisation.objects.get(external_id="org-003")
    untouched_updated_at = untouched.updated_at

    rows = clean_rows()
    for row in rows[1:3]:
        row["organisation_name_fr"] = "CASG de Schaerbeek"
    rows[2]["organisation_id"] = "org-004"  # ant-002 moves to org-004…
    for column in exchange.ORGANISATION_COLUMNS:  # …whose columns it takes
        rows[2][column] = rows[5].get(column, "")
    for row in (rows[2], rows[5]):
        row["federations"] = "fed-001"  # org-004 leaves org-001
    rows[1]["opening_hours"] = "Mo-Fr 09:00-12:00; PH off"
    path = write_csv(tmp_path / "changed.csv", rows)
    out, _ = run_import(path)
    assert "Organisations: 0 created, 2 updated, 3 unchanged." in out
    assert "Antennas: 0 created, 2 updated (1 moved to another organisation)" in out
    assert "Federation memberships: 0 started, 1 ended." in out

    casg.refresh_from_db()
    assert casg.name_fr == "CASG de Schaerbeek"
    assert casg.latest_revision == casg.live_revision
    assert casg.latest_revision.as_object().name_fr == "CASG de Schaerbeek"
    assert Revision.objects.count() == 2
    moved = Antenna.objects.get(external_id="ant-002")
    assert moved.organisation == planning
    assert moved.slug == "antenne-nord"  # slugs are stable
    yesterday = timezone.localdate() - timedelta(days=1)
    link = FederationMembership.objects.get(member=planning, federation=casg)
    assert link.end_date == yesterday
    assert list(
        planning.current_federations().values_list("external_id", flat=True)
    ) == ["fed-001"]
    untouched.refresh_from_db()
    assert untouched.updated_at == untouched_updated_at

    before = full_dump()
    out, _ = run_import(path)
    assert "0 updated" in out and "0 started, 0 ended" in out
    assert full_dump() == before

    # Listed again: the membership ended yesterday is reopened, not duplicated.
    run_import(CLEAN)
    link.refresh_from_db()
    assert link.end_date is None
    assert (
        FederationMembership.objects.filter(member=planning, federation=casg).count()
        == 1
    )


def test_coordinates_rules(tmp_path):
    run_import(CLEAN)
    # as if geocoded: the file's empty coordinates keep them
    Antenna.objects.filter(external_id="ant-002").update(
        latitude=50.8604123456,
        longitude=4.3584123456,
        precision=Precision.STREET,
        geocoded_at=timezone.now(),
    )
    rows = clean_rows()
    # the export's 6 decimals of the geocoded position: still not "by hand"
    rows[2]["latitude"], rows[2]["longitude"] = "50.860412", "4.358412"
    path = write_csv(tmp_path / "same.csv", rows)
    before = full_dump()
    run_import(path)
    assert full_dump() == before
    nord = Antenna.objects.get(external_id="ant-002")
    assert nord.precision == Precision.STREET and not nord.coordinates_set_by_hand

    # a new address without coordinates: the old position is dropped
    rows = clean_rows()
    rows[2]["street"], rows[2]["number"] = "Rue Neuve", "1"
    run_import(write_csv(tmp_path / "moved.csv", rows))
    nord.refresh_from_db()
    assert nord.latitude is None and nord.precision == Precision.NONE

    # different coordinates in the file: stored as hand-set
    rows[2]["latitude"], rows[2]["longitude"] = "50.853", "4.357"
    run_import(write_csv(tmp_path / "hand.csv", rows))
    nord.refresh_from_db()
    assert (nord.latitude, nord.longitude) == (50.853, 4.357)
    assert nord.coordinates_set_by_hand and nord.precision == Precision.ADDRESS


def test_progress_bar_draws_in_place():
    written = []
    bar = ProgressBar(written.append, interval=0)
    for done in range(1, 4):
        bar("Validating", done, 3)
    bar("Writing", 1, 2)
    bar.close()
    text = "".join(written)
    assert "\rValidating   [##########....................] 1/3" in text
    assert "3/3\n" in text and text.endswith("1/2\n")
    silent = []
    ProgressBar(silent.append, enabled=False)("Validating", 1, 1)
    assert silent == []


def test_a_row_of_the_wrong_length_does_not_hide_the_other_errors(tmp_path):
    """Every error of the file in one pass: a short row used to stop the check."""
    rows = clean_rows()
    rows[2]["wheelchair"] = "maybe"
    path = write_csv(tmp_path / "directory.csv", rows)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "org-999,too,short")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result, errors = exchange.import_file(path, dry_run=True)
    assert result is None
    found = [(e.line, e.column) for e in errors]
    assert (3, "") in found  # the short row
    assert any(column == "wheelchair" for _line, column in found), found


def test_an_office_that_receives_no_one_round_trips(tmp_path):
    rows = clean_rows()
    with_antenna = next(i for i, row in enumerate(rows) if row["antenna_id"])
    rows[with_antenna]["receives_public"] = "no"
    out, _err = run_import(write_csv(tmp_path / "directory.csv", rows))
    antenna = Antenna.objects.get(external_id=rows[with_antenna]["antenna_id"])
    assert antenna.receives_public is False
    exported = {
        row["antenna_id"]: row["receives_public"] for row in exchange.export_rows()
    }
    assert exported[antenna.external_id] == "no"
    assert {v for k, v in exported.items() if k != antenna.external_id} <= {""}
