"""The public directory searches only what it shows (not the contact person's name or e-mail):
a column of its own, filled for the associations there are, with a trigram index on PostgreSQL
like search_text's."""

from django.db import migrations, models

INDEX = "organisations_public_search_text_trgm"


def fill(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    for organisation in Organisation.objects.only(
        "name", "description", "offers", "target_groups", "postal_place"
    ).iterator():
        organisation.public_search_text = " ".join(
            [
                organisation.name,
                organisation.description,
                organisation.offers,
                organisation.target_groups,
                organisation.postal_place,
            ]
        ).casefold()
        organisation.save(update_fields=["public_search_text"])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON organisations_organisation "
        "USING gin (public_search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("organisations", "0005_search_trigram_index")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="public_search_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
