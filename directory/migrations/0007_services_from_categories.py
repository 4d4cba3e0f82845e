"""Carry the existing directory over to the service level: each organisation gets
one service per category it had, in French and Dutch, for its publics and in its
languages, at each of its antennas that receives the public — walk-in when every
one of those antennas has drop-in hours (then during them). Nothing existing is
changed or removed."""

from django.db import migrations


def _external_id(organisation, category, taken: set[str]) -> str:
    base = f"{organisation.external_id}-{category.slug}"[:60]
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base[:57]}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _link(service, name, target, records) -> None:
    through = getattr(service, name).through
    through.objects.bulk_create(
        through(service_id=service.pk, **{f"{target}_id": record.pk})
        for record in records
    )


def services_from_categories(apps, schema_editor):
    Organisation = apps.get_model("directory", "Organisation")
    Service = apps.get_model("directory", "Service")
    ServiceAtLocation = apps.get_model("directory", "ServiceAtLocation")
    taken = set(Service.objects.values_list("external_id", flat=True))
    organisations = Organisation.objects.prefetch_related(
        "categories", "publics", "languages", "antennas"
    )
    for organisation in organisations:
        if Service.objects.filter(organisation=organisation).exists():
            continue
        antennas = [a for a in organisation.antennas.all() if a.receives_public]
        publics = list(organisation.publics.all())
        languages = list(organisation.languages.all())
        for order, category in enumerate(organisation.categories.all()):
            if category.slug == "federation":
                continue  # federating is not a service to the public
            walk_in = bool(antennas) and all(a.dropin_hours for a in antennas)
            service = Service.objects.create(
                organisation=organisation,
                sort_order=order,
                external_id=_external_id(organisation, category, taken),
                name=category.name_fr or category.name,
                name_fr=category.name_fr or category.name,
                name_nl=category.name_nl or "",
                walk_in=walk_in,
                status="ended" if organisation.status == "closed" else "active",
                last_verified_on=organisation.last_verified_on,
            )
            # Through the tables: a historical model is no ClusterableModel, so
            # a parental many-to-many set() would never be saved.
            _link(service, "categories", "category", [category])
            _link(service, "publics", "public", publics)
            _link(service, "languages", "language", languages)
            for position, antenna in enumerate(antennas):
                ServiceAtLocation.objects.create(
                    service=service,
                    antenna=antenna,
                    sort_order=position,
                )


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_services")]

    operations = [
        migrations.RunPython(services_from_categories, migrations.RunPython.noop)
    ]
