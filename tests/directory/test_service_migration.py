"""Migration 0007 carries the existing directory over to the service level."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("directory", "0006_services")]
AFTER = [("directory", "0007_services_from_categories")]

pytestmark = [pytest.mark.postgres]


def _state(executor, target):
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def link(record, name, *targets):
    """Write a many-to-many field through its table: a historical model is no
    ClusterableModel, and its parental many-to-many ``set()`` is never saved."""
    getattr(record, name).through.objects.bulk_create(
        getattr(record, name).through(
            **{
                f"{record._meta.model_name}_id": record.pk,
                f"{target._meta.model_name}_id": target.pk,
            }
        )
        for target in targets
    )


def _dump(apps, label, *fields):
    model = apps.get_model("directory", label)
    return sorted(model.objects.values_list(*fields))


@pytest.fixture
def executor(transactional_db):
    executor = MigrationExecutor(connection)
    yield executor
    # back to the latest state, for the tests that follow
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_each_organisation_gets_a_service_per_category(executor):
    apps = _state(executor, BEFORE)
    Category = apps.get_model("directory", "Category")
    Public = apps.get_model("directory", "Public")
    Language = apps.get_model("directory", "Language")
    Organisation = apps.get_model("directory", "Organisation")
    Antenna = apps.get_model("directory", "Antenna")

    def category(slug, fr, nl):
        return Category.objects.get_or_create(
            slug=slug, defaults={"name": fr, "name_fr": fr, "name_nl": nl}
        )[0]

    social = category("mig-social", "Aide sociale", "Sociale hulp")
    debts = category("mig-dettes", "Médiation de dettes", "Schuldbemiddeling")
    federation = category("federation", "Fédération", "Federatie")
    families = Public.objects.get_or_create(
        slug="mig-familles", defaults={"name": "Familles"}
    )[0]
    arabic = Language.objects.get_or_create(code="ar", defaults={"name": "Arabe"})[0]
    dutch = Language.objects.get_or_create(code="nl", defaults={"name": "Nl"})[0]

    def organisation(external_id, **fields):
        return Organisation.objects.create(
            external_id=external_id,
            name=external_id,
            name_fr=external_id,
            slug=external_id,
            live=True,
            **fields,
        )

    walk_in = organisation("mig-walk-in", status="closed")
    link(walk_in, "categories", social, debts, federation)
    link(walk_in, "publics", families)
    link(walk_in, "languages", arabic, dutch)
    appointments = organisation("mig-appointments")
    link(appointments, "categories", social)
    nowhere = organisation("mig-nowhere")
    link(nowhere, "categories", debts)

    def antenna(external_id, owner, **fields):
        return Antenna.objects.create(
            external_id=external_id,
            organisation=owner,
            name=external_id,
            name_fr=external_id,
            slug=external_id,
            live=True,
            **fields,
        )

    antenna("mig-a1", walk_in, dropin_hours="Tu 09:00-12:00")
    antenna("mig-a2", walk_in, dropin_hours="Th 14:00-16:00")
    antenna("mig-back-office", walk_in, receives_public=False)
    antenna("mig-b1", appointments, dropin_hours="Mo 09:00-12:00")
    antenna("mig-b2", appointments, opening_hours="Mo-Fr 09:00-17:00")

    organisations = _dump(apps, "Organisation", "external_id", "name", "status")
    antennas = _dump(
        apps, "Antenna", "external_id", "dropin_hours", "opening_hours", "name"
    )
    memberships = _dump(apps, "Organisation_categories", "organisation_id")

    apps = _state(executor, AFTER)
    Service = apps.get_model("directory", "Service")
    services = {
        service.external_id: service
        for service in Service.objects.filter(external_id__startswith="mig-")
    }
    assert sorted(services) == [
        "mig-appointments-mig-social",
        "mig-nowhere-mig-dettes",
        "mig-walk-in-mig-dettes",
        "mig-walk-in-mig-social",
    ]  # federating is not a service
    social_service = services["mig-walk-in-mig-social"]
    assert (social_service.name_fr, social_service.name_nl) == (
        "Aide sociale",
        "Sociale hulp",
    )
    assert services["mig-walk-in-mig-dettes"].name_nl == "Schuldbemiddeling"
    assert [c.slug for c in social_service.categories.all()] == ["mig-social"]
    assert [p.slug for p in social_service.publics.all()] == ["mig-familles"]
    assert sorted(x.code for x in social_service.languages.all()) == ["ar", "nl"]
    # a closed organisation's services are ended
    assert social_service.status == "ended"
    assert services["mig-appointments-mig-social"].status == "active"

    def places(external_id):
        return [
            location.antenna.external_id
            for location in services[external_id].locations.order_by("sort_order")
        ]

    # at the antennas that receive the public
    assert places("mig-walk-in-mig-social") == ["mig-a1", "mig-a2"]
    assert places("mig-appointments-mig-social") == ["mig-b1", "mig-b2"]
    assert places("mig-nowhere-mig-dettes") == []
    # walk-in when every antenna has drop-in hours
    assert social_service.walk_in
    assert not services["mig-appointments-mig-social"].walk_in
    assert not services["mig-nowhere-mig-dettes"].walk_in
    ServiceAtLocation = apps.get_model("directory", "ServiceAtLocation")
    assert not ServiceAtLocation.objects.exclude(walk_in_hours="").exists()

    # nothing existing changed
    assert _dump(apps, "Organisation", "external_id", "name", "status") == (
        organisations
    )
    assert (
        _dump(apps, "Antenna", "external_id", "dropin_hours", "opening_hours", "name")
        == antennas
    )
    assert _dump(apps, "Organisation_categories", "organisation_id") == memberships
