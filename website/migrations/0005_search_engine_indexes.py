"""Vendor-specific parts of the database search backend, and the search report permission.

PostgreSQL: the pg_trgm extension, a GIN index on the weighted tsvector and a trigram index on
the vocabulary. SQLite: the FTS5 table that mirrors the analysed text of every entry. Each
step is a no-op on the other database.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FTS_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS website_search_fts USING fts5("
    "title, tags, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
POSTGRES_CREATE = [
    "CREATE INDEX IF NOT EXISTS search_entry_vector ON website_searchentry "
    "USING GIN (search_vector)",
    "CREATE INDEX IF NOT EXISTS search_term_trigram ON website_searchterm "
    "USING GIN (term gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS search_entry_vector", "DROP INDEX IF EXISTS search_term_trigram"]


def create_engine_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(FTS_CREATE)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop_engine_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS website_search_fts")
    elif vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


def grant_search_report(apps, schema_editor):
    """Support staff read the search terms report (content gaps are theirs to fill)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="website", model="searchquerylog")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_search_report",
        defaults={"name": "Can view the search terms report"},
    )
    group, _ = Group.objects.get_or_create(name="Support staff")
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("website", "0004_search")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_engine_indexes, drop_engine_indexes),
        migrations.RunPython(grant_search_report, migrations.RunPython.noop),
    ]
