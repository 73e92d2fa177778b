"""The 4 migrations of core from 0007_move_centre_year_to_centreyear
to 0009_merge_20261207_1151 in one.

Squashed: a fresh database runs this instead of the old files, which stay (in `replaces`)
for installations that applied some of them. Data migrations that only rewrite rows an
older installation had are left out; the rows a fresh database needs are seeded at the end.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("core", "0007_move_centre_year_to_centreyear"),
        ("core", "0008_centre_activities_public_by_default"),
        ("core", "0007_centre_district"),
        ("core", "0009_merge_20261207_1151"),
    ]

    dependencies = [
        ("centreyear", "0001_initial"),
        ("core", "0006_centre_description_nynorsk"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name="CentreIncome",
                ),
                migrations.DeleteModel(
                    name="CentreYear",
                ),
            ],
        ),
        migrations.AddField(
            model_name="centre",
            name="activities_public_by_default",
            field=models.BooleanField(
                default=False,
                help_text="Whether a new activity, series or task starts out marked public (shown on the centre's front page, calendar and feed). An activity category can say otherwise; each form has the box to change it.",
                verbose_name="new activities are public",
            ),
        ),
        migrations.AddField(
            model_name="centre",
            name="district",
            field=models.ForeignKey(
                blank=True,
                help_text="The district (bydel) the centre serves, where it serves one.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="centres",
                to="core.district",
                verbose_name="district",
            ),
        ),
    ]
