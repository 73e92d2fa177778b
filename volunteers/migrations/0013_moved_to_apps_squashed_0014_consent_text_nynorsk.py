"""The 2 migrations of volunteers from 0013_moved_to_apps
to 0014_consent_text_nynorsk in one.

Squashed: a fresh database runs this instead of the old files, which stay (in `replaces`)
for installations that applied some of them. Data migrations that only rewrite rows an
older installation had are left out; the rows a fresh database needs are seeded at the end.
The relabelling after the move between apps stays: an installation from before the move runs
this squashed migration, with the audit events and content types under the old app.
"""

from django.db import migrations, models

from core.migration_ops import relabel_models


class Migration(migrations.Migration):
    replaces = [("volunteers", "0013_moved_to_apps"), ("volunteers", "0014_consent_text_nynorsk")]

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_centre_public_page_and_language"),
        ("figures", "0001_initial"),
        ("hours", "0001_initial"),
        ("rotas", "0001_initial"),
        ("tasks", "0001_initial"),
        ("volunteers", "0012_single_line_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name="ShiftSignup",
                ),
                migrations.DeleteModel(
                    name="Shift",
                ),
                migrations.DeleteModel(
                    name="Rota",
                ),
                migrations.DeleteModel(
                    name="HourEntry",
                ),
                migrations.DeleteModel(
                    name="Match",
                ),
                migrations.DeleteModel(
                    name="Task",
                ),
            ],
        ),
        relabel_models(
            "volunteers",
            {
                "task": "tasks",
                "match": "tasks",
                "hourentry": "hours",
                "rota": "rotas",
                "shift": "rotas",
                "shiftsignup": "rotas",
            },
        ),
        migrations.AddField(
            model_name="consenttext",
            name="text_nn",
            field=models.TextField(
                blank=True,
                help_text="Shown on pages in nynorsk when filled in.",
                verbose_name="text (nynorsk)",
            ),
        ),
        migrations.AlterField(
            model_name="consenttext",
            name="text",
            field=models.TextField(verbose_name="text (bokmål)"),
        ),
    ]
