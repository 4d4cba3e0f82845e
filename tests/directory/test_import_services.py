"""The service level of the exchange format: the services and contacts sheets and
the antennas' languages, accessibility and public transport columns."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.utils import translation
from openpyxl import load_workbook

from directory import demo_data, exchange
from directory.exchange import writing
from directory.models import (
    Antenna,
    Organisation,
    OrganisationContact,
    Service,
    ServiceAtLocation,
    ServiceContact,
)

pytestmark = [pytest.mark.django_db]

CLEAN = Path(__file__).parent / "fixtures" / "directory_clean.csv"


def antenna_rows():
    with CLEAN.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        if row["antenna_id"] == "ant-001":
            row.update(
                antenna_languages="fr;ar",
                step_free_entrance="yes",
                adapted_toilets="no",
                hearing_loop="",
                sign_language="no",
                easy_read="yes",
                public_transport_fr="Métro Clemenceau, 5 minutes à pied",
                public_transport_nl="Metro Clemenceau, 5 minuten te voet",
                transport_stops="Clemenceau, Lemonnier",
            )
    return rows


def service(**values):
    row = dict.fromkeys(exchange.SERVICE_COLUMNS, "")
    row.update(values)
    return row


def service_rows():
    permanence = {
        "service_id": "org-001-permanence",
        "organisation_id": "org-001",
        "service_name_fr": "Permanence sociale sans rendez-vous",
        "service_name_nl": "Sociale permanentie zonder afspraak",
        "service_description_fr": "Écoute, information et orientation.",
        "categories": "aide-sociale-generale",
        "publics": "tout-public",
        "languages": "fr;ar",
        "eligibility_fr": "Toute personne domiciliée à Schaerbeek",
        "minimum_age": "18",
        "residents_only": "yes",
        "income_condition": "no",
        "cost": "free",
        "walk_in": "yes",
        "documents_fr": "Carte d'identité",
        "documents_nl": "Identiteitskaart",
        "service_last_verified_on": "2026-09-01",
    }
    return [
        service(
            **permanence,
            antenna_id="ant-001",
            location_walk_in_hours="Tu 09:00-12:00",
            location_note_fr="Entrée par la cour",
            location_note_nl="Ingang via de binnenplaats",
        ),
        service(**permanence, antenna_id="ant-002"),
        service(
            service_id="org-001-guidance",
            organisation_id="org-001",
            antenna_id="ant-001",
            service_name_fr="Guidance budgétaire",
            service_name_nl="Budgetbegeleiding",
            by_appointment="yes",
            appointment_hours="Mo 14:00-16:00",
            cost="sliding",
            cost_note_fr="Selon les revenus",
            referral_required="yes",
            referral_note_fr="Un service social",
            maximum_age="65",
        ),
        service(
            service_id="org-002-ligne",
            organisation_id="org-002",
            service_name_nl="Luisterlijn",
            phone_first="yes",
            phone_hours="Mo-Fr 09:00-17:00",
            anonymous="yes",
            online_url="https://example.org/chat",
            service_status="suspended",
        ),
    ]


def contact(**values):
    row = dict.fromkeys(exchange.CONTACT_COLUMNS, "")
    row.update(values)
    return row


def contact_rows():
    return [
        contact(organisation_id="org-001", kind="main", phone="02 000 00 01"),
        contact(
            organisation_id="org-001",
            antenna_id="ant-002",
            kind="fax",
            phone="02 000 00 02",
        ),
        contact(
            organisation_id="org-001",
            kind="person",
            name="Anne Peeters",
            role_fr="Assistante sociale",
            role_nl="Maatschappelijk werker",
            email="anne@example.org",
            language="nl",
            audience="professionals",
            note_fr="Le matin",
        ),
        contact(
            organisation_id="org-002",
            service_id="org-002-ligne",
            kind="helpline",
            phone="0800 000 00",
            language="fr",
        ),
    ]


def write_object(path, antennas=None, services=None, contacts=None):
    data = {"antennas": antenna_rows() if antennas is None else antennas}
    data["services"] = service_rows() if services is None else services
    data["contacts"] = contact_rows() if contacts is None else contacts
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def run(path, **kwargs):
    with translation.override("en"):
        return exchange.import_file(path, **kwargs)


def imported(path, **kwargs):
    result, errors = run(path, **kwargs)
    assert errors == []
    return result


def export(path):
    call_command("export_directory", str(path), stdout=io.StringIO())
    return path


def service_dump():
    """The services, their places and the contacts, without database ids."""
    services = {}
    for item in Service.objects.rewrite(False).order_by("external_id"):
        values = {
            field.attname: getattr(item, field.attname)
            for field in Service._meta.concrete_fields
            if field.attname not in ("id", "organisation_id")
        }
        services[item.external_id] = {
            **values,
            "organisation": item.organisation.external_id,
            "categories": sorted(item.categories.values_list("slug", flat=True)),
            "publics": sorted(item.publics.values_list("slug", flat=True)),
            "languages": sorted(item.languages.values_list("code", flat=True)),
            "locations": [
                (
                    location.antenna.external_id,
                    location.walk_in_hours,
                    location.appointment_hours,
                    location.note_fr,
                    location.note_nl,
                    location.sort_order,
                )
                for location in item.locations.order_by("sort_order")
            ],
        }
    contacts = sorted(
        (
            str(contact.organisation.external_id),
            contact.antenna.external_id if contact.antenna else "",
            contact.sort_order,
            contact.kind,
            contact.phone,
            contact.email,
            contact.role_nl or "",
        )
        for contact in OrganisationContact.objects.all()
    ) + sorted(
        (
            contact.service.external_id,
            "",
            contact.sort_order,
            contact.kind,
            contact.phone,
            contact.email,
            contact.role_nl or "",
        )
        for contact in ServiceContact.objects.all()
    )
    return {"services": services, "contacts": contacts}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# --- importing -------------------------------------------------------------------


def test_services_contacts_and_antenna_details_are_imported(tmp_path):
    result = imported(write_object(tmp_path / "directory.json"))
    assert (result.services_created, result.contacts_created) == (3, 4)

    permanence = Service.objects.get(external_id="org-001-permanence")
    assert permanence.organisation.external_id == "org-001"
    assert (permanence.name_fr, permanence.name_nl) == (
        "Permanence sociale sans rendez-vous",
        "Sociale permanentie zonder afspraak",
    )
    assert (permanence.documents_fr, permanence.documents_nl) == (
        "Carte d'identité",
        "Identiteitskaart",
    )
    assert permanence.walk_in and permanence.residents_only
    assert not permanence.by_appointment and not permanence.referral_required
    assert (permanence.income_condition, permanence.anonymous) == ("no", "")
    assert (permanence.cost, permanence.minimum_age, permanence.maximum_age) == (
        "free",
        18,
        None,
    )
    assert str(permanence.last_verified_on) == "2026-09-01"
    assert sorted(permanence.languages.values_list("code", flat=True)) == ["ar", "fr"]
    places = list(permanence.locations.order_by("sort_order"))
    assert [place.antenna.external_id for place in places] == ["ant-001", "ant-002"]
    assert places[0].note_nl == "Ingang via de binnenplaats"
    # this place's own walk-in hours, else the antenna's drop-in then opening hours
    assert places[0].effective_walk_in_hours() == "Tu 09:00-12:00"
    assert places[1].effective_walk_in_hours() == "Mo,We 13:00-17:00"

    line = Service.objects.get(external_id="org-002-ligne")
    assert line.status == "suspended" and line.is_anonymous and line.phone_first
    assert (line.name_fr or "", line.name_nl) == ("", "Luisterlijn")
    assert not line.locations.exists()
    assert [(c.kind, c.phone, c.language.code) for c in line.contacts.all()] == [
        ("helpline", "0800 000 00", "fr")
    ]
    guidance = Service.objects.get(external_id="org-001-guidance")
    assert (guidance.cost, guidance.referral_required, guidance.maximum_age) == (
        "sliding",
        True,
        65,
    )

    org = Organisation.objects.get(external_id="org-001")
    contacts = list(org.contacts.order_by("sort_order"))
    assert [(c.kind, c.antenna_id is not None) for c in contacts] == [
        ("main", False),
        ("fax", True),
        ("person", False),
    ]
    assert (contacts[2].audience, contacts[2].role_nl, contacts[2].language.code) == (
        "professionals",
        "Maatschappelijk werker",
        "nl",
    )

    antenna = Antenna.objects.get(external_id="ant-001")
    assert sorted(antenna.languages.values_list("code", flat=True)) == ["ar", "fr"]
    assert (antenna.step_free_entrance, antenna.adapted_toilets) == ("yes", "no")
    assert (antenna.hearing_loop, antenna.easy_read) == ("", "yes")
    assert antenna.public_transport_nl == "Metro Clemenceau, 5 minuten te voet"
    assert antenna.transport_stops == "Clemenceau, Lemonnier"


def test_reimporting_changes_nothing(tmp_path):
    path = write_object(tmp_path / "directory.json")
    imported(path)
    before = service_dump()
    updated = {s.external_id: s.pk for s in Service.objects.all()}
    contact_pks = sorted(OrganisationContact.objects.values_list("pk", flat=True))
    result = imported(path)
    assert (result.services_unchanged, result.services_updated) == (3, 0)
    assert (result.contacts_unchanged, result.contacts_created) == (4, 0)
    assert (result.antennas_unchanged, result.organisations_unchanged) == (5, 5)
    assert service_dump() == before
    assert {s.external_id: s.pk for s in Service.objects.all()} == updated
    assert sorted(OrganisationContact.objects.values_list("pk", flat=True)) == (
        contact_pks
    )


def test_dry_run_counts_and_writes_nothing(tmp_path):
    result = imported(write_object(tmp_path / "directory.json"), dry_run=True)
    assert (result.services_created, result.contacts_created) == (3, 4)
    assert not Service.objects.exists()
    assert not OrganisationContact.objects.exists()


def test_the_file_replaces_places_and_contacts_and_keeps_other_services(tmp_path):
    imported(write_object(tmp_path / "first.json"))
    services = [
        row for row in service_rows() if row["antenna_id"] != "ant-002"
    ]  # the permanence leaves ant-002…
    services = [row for row in services if row["service_id"] != "org-001-guidance"]
    services[0]["location_walk_in_hours"] = "Th 09:00-12:00"
    contacts = [contact_rows()[0], contact_rows()[3]]  # …org-001 keeps one contact
    result = imported(write_object(tmp_path / "second.json", None, services, contacts))

    permanence = Service.objects.get(external_id="org-001-permanence")
    assert [
        (place.antenna.external_id, place.walk_in_hours)
        for place in permanence.locations.all()
    ] == [("ant-001", "Th 09:00-12:00")]
    # a service that the file leaves out is left as it is
    assert Service.objects.filter(external_id="org-001-guidance").exists()
    assert result.services_not_in_file == 1
    assert result.services_updated == 1 and result.services_unchanged == 1
    assert list(
        OrganisationContact.objects.values_list("kind", "organisation__external_id")
    ) == [("main", "org-001")]
    assert (result.contacts_deleted, result.contacts_created) == (3, 1)
    assert result.contacts_unchanged == 1  # the helpline


def test_a_file_without_services_leaves_them_alone(tmp_path):
    imported(write_object(tmp_path / "directory.json"))
    before = service_dump()
    result = imported(CLEAN)
    assert result.services_created == result.services_updated == 0
    assert service_dump() == before
    # without the new antenna columns, the antennas' details stay too
    antenna = Antenna.objects.get(external_id="ant-001")
    assert antenna.step_free_entrance == "yes"
    assert antenna.languages.count() == 2


def test_a_service_can_move_to_another_organisation(tmp_path):
    imported(write_object(tmp_path / "first.json"))
    services = service_rows()
    services[3].update(organisation_id="org-003")
    contacts = contact_rows()
    contacts[3].update(organisation_id="org-003")
    result = imported(write_object(tmp_path / "second.json", None, services, contacts))
    assert result.services_moved == 1
    line = Service.objects.get(external_id="org-002-ligne")
    assert line.organisation.external_id == "org-003"


def test_changed_services_give_their_organisation_a_revision(tmp_path):
    imported(write_object(tmp_path / "first.json"))
    org = Organisation.objects.get(external_id="org-001")
    org.save_revision().publish()  # an admin history
    services = service_rows()
    services[2]["service_name_fr"] = "Guidance budgétaire et énergie"
    result = imported(write_object(tmp_path / "second.json", None, services))
    assert result.services_updated == 1 and result.organisations_unchanged == 5
    org.refresh_from_db()
    assert org.latest_revision == org.live_revision
    assert not org.has_unpublished_changes
    names = [item.name_fr for item in org.latest_revision.as_object().services.all()]
    assert "Guidance budgétaire et énergie" in names


def test_the_search_index_learns_the_changed_organisations_antennas(
    tmp_path, monkeypatch
):
    imported(write_object(tmp_path / "first.json"))
    indexed = []
    monkeypatch.setattr(writing, "update_search_index", indexed.append)
    services = service_rows()
    services[3]["cost"] = "free"  # org-002's service
    with TestCase.captureOnCommitCallbacks(execute=True):
        imported(write_object(tmp_path / "second.json", None, services))
    [index] = indexed
    assert index[Organisation] == [Organisation.objects.get(external_id="org-002").pk]
    assert index[Antenna] == [Antenna.objects.get(external_id="ant-003").pk]


# --- errors ----------------------------------------------------------------------


def errors_of(path, **kwargs):
    result, errors = run(path, **kwargs)
    assert result is None
    return [(error.sheet, error.line, error.column) for error in errors], errors


def test_every_error_of_every_sheet_is_listed_in_one_pass(tmp_path):
    antennas = antenna_rows()
    antennas[1]["hearing_loop"] = "perhaps"
    antennas[1]["antenna_languages"] = "fr;xx"
    services = service_rows()
    for row in services[:2]:  # both rows of the permanence
        row.update(cost="cheap", walk_in="sometimes", minimum_age="-1")
    services[1].update(location_walk_in_hours="whenever")
    services[2].update(antenna_id="ant-003", appointment_hours="Mo 25:00-26:00")
    services[3].update(service_status="closed", online_url="not a url")
    services.append(service(service_id="", organisation_id="org-001"))
    services.append(
        service(
            service_id="ghost",
            organisation_id="org-999",
            service_name_fr="Fantôme",
            antenna_id="ant-999",
        )
    )
    contacts = contact_rows()
    contacts[0].update(kind="pigeon")
    contacts[1].update(antenna_id="ant-003")
    contacts[2].update(email="nobody", language="xx", audience="everyone")
    contacts[3].update(service_id="nowhere")
    contacts.append(contact(organisation_id="org-001", kind="helpline"))
    contacts.append(
        contact(organisation_id="org-001", service_id="org-002-ligne", kind="text")
    )
    located, errors = errors_of(
        write_object(tmp_path / "directory.json", antennas, services, contacts)
    )
    assert located == [
        ("", 3, "antenna_languages"),
        ("", 3, "hearing_loop"),
        ("services", 2, "minimum_age"),
        ("services", 2, "cost"),
        ("services", 2, "walk_in"),
        ("services", 3, "location_walk_in_hours"),
        ("services", 4, "antenna_id"),
        ("services", 4, "appointment_hours"),
        ("services", 5, "online_url"),
        ("services", 5, "service_status"),
        ("services", 6, "service_id"),
        ("services", 7, "organisation_id"),
        ("services", 7, "antenna_id"),
        ("contacts", 2, "kind"),
        ("contacts", 3, "antenna_id"),
        ("contacts", 4, "email"),
        ("contacts", 4, "language"),
        ("contacts", 4, "audience"),
        ("contacts", 5, "service_id"),
        ("contacts", 6, "phone"),
        ("contacts", 7, "service_id"),
        ("contacts", 7, "phone"),
    ]
    messages = [str(error) for error in errors]
    assert (
        "Sheet services, line 4, column antenna_id: Antenna “ant-003” belongs "
        in (messages[6])
    )
    assert "to “org-002”, not to “org-001”." in messages[6]
    assert "Unknown organisation “org-999”" in messages[11]
    assert messages[-2].endswith(
        "Service “org-002-ligne” belongs to “org-002”, not to “org-001”."
    )
    assert not Organisation.objects.exists()
    assert not Service.objects.exists()


def test_the_rows_of_a_service_must_agree_and_not_repeat_a_place(tmp_path):
    services = service_rows()
    services[1]["cost"] = "fee"
    services.append(dict(services[0]))
    services.append(service(**{**services[3], "antenna_id": "ant-003"}))
    located, errors = errors_of(write_object(tmp_path / "d.json", None, services))
    assert located == [
        ("services", 3, "cost"),
        ("services", 6, "antenna_id"),
        ("services", 7, "antenna_id"),
    ]
    assert "Differs from line 2 (“free”), where service “org-001-permanence”" in (
        errors[0].message
    )
    assert "already appears here on line 2" in errors[1].message
    assert "has a row without antenna on line 5" in errors[2].message


def test_references_to_stored_records_are_accepted(tmp_path):
    imported(write_object(tmp_path / "first.json"))
    # a services-only file: organisations, antennas and services from the database
    path = tmp_path / "services.json"
    path.write_text(
        json.dumps({"services": service_rows(), "contacts": contact_rows()}),
        encoding="utf-8",
    )
    result = imported(path)
    assert result.services_unchanged == 3 and result.contacts_unchanged == 4
    assert result.organisations_created == 0


def test_a_sheet_with_a_wrong_header_is_reported_with_its_name(tmp_path):
    path = tmp_path / "directory.json"
    path.write_text(
        json.dumps({"antennas": antenna_rows(), "services": [{"service": "x"}]}),
        encoding="utf-8",
    )
    located, _errors = errors_of(path)
    assert ("services", 2, "service") in located
    assert ("services", 2, "service_id") in located
    assert not Organisation.objects.exists()


# --- formats and round trips -----------------------------------------------------


def sheets_of_xlsx(path):
    workbook = load_workbook(path, read_only=True)
    try:
        return {
            sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in workbook.worksheets
        }
    finally:
        workbook.close()


def import_export(path, fmt):
    """Import an export: CSV with its services and contacts files."""
    if fmt == "csv":
        return imported(
            path,
            services=exchange.sibling(path, exchange.SERVICES),
            contacts=exchange.sibling(path, exchange.CONTACTS),
        )
    return imported(path)


def empty_directory():
    Organisation.objects.all().delete()
    assert not Service.objects.exists() and not ServiceAtLocation.objects.exists()


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_export_import_export_gives_identical_files(tmp_path, fmt):
    imported(write_object(tmp_path / "directory.json"))
    before = service_dump()
    first = export(tmp_path / f"first.{fmt}")
    reimport = import_export(first, fmt)
    assert reimport.services_unchanged == 3 and reimport.contacts_unchanged == 4
    empty_directory()
    import_export(first, fmt)
    assert service_dump()["services"].keys() == before["services"].keys()
    second = export(tmp_path / f"second.{fmt}")
    if fmt == "xlsx":  # the zip holds timestamps: compare the cells
        first_sheets = sheets_of_xlsx(first)
        assert list(first_sheets) == ["antennas", "services", "contacts"]
        assert len(first_sheets["services"]) == 5  # the header, 4 rows
        assert first_sheets == sheets_of_xlsx(second)
        return
    assert first.read_bytes() == second.read_bytes()
    if fmt == "csv":
        for sheet in (exchange.SERVICES, exchange.CONTACTS):
            assert (
                exchange.sibling(first, sheet).read_bytes()
                == exchange.sibling(second, sheet).read_bytes()
            )


def test_the_export_has_the_new_columns(tmp_path):
    imported(write_object(tmp_path / "directory.json"))
    sheets = exchange.export_sheets()
    antenna = next(r for r in sheets[exchange.ANTENNAS] if r["antenna_id"] == "ant-001")
    assert antenna["antenna_languages"] == "ar;fr"
    assert antenna["step_free_entrance"] == "yes" and antenna["hearing_loop"] == ""
    assert antenna["transport_stops"] == "Clemenceau, Lemonnier"
    services = sheets[exchange.SERVICES]
    assert [(r["service_id"], r["antenna_id"]) for r in services] == [
        ("org-001-permanence", "ant-001"),
        ("org-001-permanence", "ant-002"),
        ("org-001-guidance", "ant-001"),
        ("org-002-ligne", ""),
    ]
    assert services[0]["location_note_fr"] == "Entrée par la cour"
    assert services[1]["location_note_fr"] == ""
    assert (services[0]["walk_in"], services[0]["by_appointment"]) == ("yes", "no")
    assert services[0]["languages"] == "ar;fr"
    assert services[3]["service_status"] == "suspended"
    contacts = sheets[exchange.CONTACTS]
    assert [(r["organisation_id"], r["service_id"], r["kind"]) for r in contacts] == [
        ("org-001", "", "main"),
        ("org-001", "", "fax"),
        ("org-001", "", "person"),
        ("org-002", "org-002-ligne", "helpline"),
    ]
    assert contacts[1]["antenna_id"] == "ant-002"
    assert contacts[2]["audience"] == "professionals"


def test_an_xlsx_workbook_and_csv_files_carry_the_sheets(tmp_path):
    imported(write_object(tmp_path / "directory.json"))
    before = service_dump()
    out = io.StringIO()
    call_command(
        "export_directory",
        str(tmp_path / "all.csv"),
        "--services",
        str(tmp_path / "s.csv"),
        "--contacts",
        str(tmp_path / "c.csv"),
        stdout=out,
    )
    assert "Services written to" in out.getvalue()
    empty_directory()
    out = io.StringIO()
    call_command(
        "import_directory",
        str(tmp_path / "all.csv"),
        "--services",
        str(tmp_path / "s.csv"),
        "--contacts",
        str(tmp_path / "c.csv"),
        stdout=out,
    )
    assert "Services: 3 created, 0 updated" in out.getvalue()
    assert "Contacts: 4 written, 0 replaced or removed" in out.getvalue()
    assert service_dump()["contacts"] == before["contacts"]
    with pytest.raises(CommandError):
        call_command(
            "export_directory", str(tmp_path / "all.json"), "--services", "x.csv"
        )


def test_a_sheet_given_twice_is_refused(tmp_path):
    path = write_object(tmp_path / "directory.json")
    (tmp_path / "services.json").write_text(json.dumps(service_rows()))
    with pytest.raises(exchange.FormatError):
        run(path, services=tmp_path / "services.json")


def test_the_demo_loader_reads_the_services_and_contacts_files(tmp_path, monkeypatch):
    rows = demo_data.demo_rows()
    organisation = rows[0]["organisation_id"]
    (tmp_path / "services.json").write_text(
        json.dumps(
            [
                service(
                    service_id="demo-test-service",
                    organisation_id=organisation,
                    service_name_fr="Service d'essai",
                )
            ]
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(demo_data, "SERVICES_FILE", tmp_path / "services.json")
    monkeypatch.setattr(demo_data, "CONTACTS_FILE", tmp_path / "absent.json")
    demo_data.seed_directory()
    assert Service.objects.get(external_id="demo-test-service").organisation_id == (
        Organisation.objects.get(external_id=organisation).pk
    )
    assert demo_data.demo_contact_rows() == []
