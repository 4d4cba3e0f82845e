"""The database cache's table (rate-limit counters shared by every worker), so a
fresh database has it. ``createcachetable`` does nothing for other cache backends
and nothing when the table exists; ``make run`` calls it too, in case CACHE_URL
changed after this migration ran."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
