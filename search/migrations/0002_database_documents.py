"""The database fallback's own search table on PostgreSQL (``search/database.py``).

Wagtail's index entries hold one tsvector in the database's default text search
configuration (English on most clusters), with French and Dutch mixed. Beside
each entry, ``search_document`` holds a tsvector built with the French, Dutch
and unstemmed configurations below (accents folded), the record's titles, its
facet values (``facet=value``) and what "open now" and ``near=`` need, all
written by ``search.backends.database`` whenever Wagtail's entry is. Rows go
with their entry: triggers delete them with it, and empty the table when the
entries are truncated (a foreign key would forbid ``TRUNCATE`` of the entries,
which Django's ``flush`` and the test runner use). Nothing on other databases.

After this migration, ``manage.py update_index`` fills the table.
"""

from django.db import migrations

CONFIGURATIONS = [
    ("portal_fr", "french", "french_stem"),
    ("portal_nl", "dutch", "dutch_stem"),
    ("portal_simple", "simple", "simple"),
]

CREATE = """
CREATE TABLE search_document (
    entry_id integer PRIMARY KEY,
    content_type_id integer NOT NULL,
    object_id varchar(50) NOT NULL,
    document tsvector NOT NULL,
    names tsvector NOT NULL,
    titles text[] NOT NULL,
    facets text[] NOT NULL,
    served text[] NOT NULL,
    points jsonb NOT NULL,
    open_week int4multirange,
    holiday_hours int4multirange,
    holiday_communities text[] NOT NULL,
    closed_until date
);
CREATE INDEX search_document_document ON search_document USING gin (document);
CREATE INDEX search_document_facets ON search_document USING gin (facets);
CREATE INDEX search_document_object ON search_document (content_type_id, object_id);
CREATE FUNCTION search_document_forget_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_document WHERE entry_id = OLD.id;
    RETURN OLD;
END $$;
CREATE FUNCTION search_document_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE search_document;
    RETURN NULL;
END $$;
CREATE TRIGGER search_document_entry_deleted AFTER DELETE ON {entries}
    FOR EACH ROW EXECUTE FUNCTION search_document_forget_entry();
CREATE TRIGGER search_document_entries_truncated AFTER TRUNCATE ON {entries}
    FOR EACH STATEMENT EXECUTE FUNCTION search_document_forget_all();
"""


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    statements = ["CREATE EXTENSION IF NOT EXISTS unaccent"]
    for name, source, stemmer in CONFIGURATIONS:
        statements += [
            f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}",
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{source})",
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR "
            f"hword, hword_part, word WITH unaccent, {stemmer}",
        ]
    entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    statements.append(CREATE.format(entries=entries))
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f"DROP TRIGGER IF EXISTS search_document_entry_deleted ON {entries}; "
        f"DROP TRIGGER IF EXISTS search_document_entries_truncated ON {entries}; "
        "DROP FUNCTION IF EXISTS search_document_forget_entry(); "
        "DROP FUNCTION IF EXISTS search_document_forget_all(); "
        "DROP TABLE IF EXISTS search_document"
    )
    for name, _source, _stemmer in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
