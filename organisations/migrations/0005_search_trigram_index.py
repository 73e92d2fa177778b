"""A trigram index for the free-text search on PostgreSQL (the benchmark at national scale
showed the public directory's `LIKE '%word%'` scanning every association). SQLite needs none."""

from django.db import migrations

INDEX = "organisations_search_text_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON organisations_organisation "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("organisations", "0004_icnpo_categories")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
