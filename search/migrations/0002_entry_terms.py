"""The words of each search index entry in a narrow table, on PostgreSQL only (see
``search.backend.postgres``): filled from the entries already indexed, then kept by the
backend's indexer; an entry deleted takes its row with it (``ON DELETE CASCADE``: modelsearch
deletes entries with raw SQL, not through Django's collector)."""

from django.db import migrations

CREATE = """
CREATE TABLE search_entryterms (
    entry_id integer PRIMARY KEY REFERENCES wagtailsearch_indexentry (id) ON DELETE CASCADE,
    terms tsvector NOT NULL,
    title tsvector NOT NULL,
    title_text text NOT NULL
);
CREATE INDEX search_entryterms_terms ON search_entryterms USING gin (terms);
INSERT INTO search_entryterms (entry_id, terms, title, title_text)
    SELECT id, strip(title || body), title, title_text FROM wagtailsearch_indexentry;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_entryterms")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_unansweredquery"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
