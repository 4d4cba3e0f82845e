"""Traits of the parts of a record (its services), for joint conditions: the
combinations a record offers (``traits``) and the hours of each, shifted per
combination (``trait_week``, ``trait_holiday``), beside "open now"'s ranges.
Run ``manage.py update_index`` afterwards to fill them. Nothing on other
databases."""

from django.db import migrations


def add(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE search_document"
        " ADD COLUMN traits text[] NOT NULL DEFAULT '{}',"
        " ADD COLUMN trait_week int4multirange,"
        " ADD COLUMN trait_holiday int4multirange;"
        " CREATE INDEX search_document_traits ON search_document USING gin (traits)"
    )


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP INDEX IF EXISTS search_document_traits;"
        " ALTER TABLE search_document DROP COLUMN IF EXISTS traits,"
        " DROP COLUMN IF EXISTS trait_week, DROP COLUMN IF EXISTS trait_holiday"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_database_documents")]

    operations = [migrations.RunPython(add, drop)]
