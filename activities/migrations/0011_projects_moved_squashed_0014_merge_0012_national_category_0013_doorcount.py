"""The 5 migrations of activities from 0011_projects_moved
to 0014_merge_0012_national_category_0013_doorcount in one.

Squashed: a fresh database runs this instead of the old files, which stay (in `replaces`)
for installations that applied some of them. Data migrations that only rewrite rows an
older installation had are left out; the rows a fresh database needs are seeded at the end.
The relabelling after the move between apps stays: an installation from before the move runs
this squashed migration, with the audit events and content types under the old app.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

from core.migration_ops import relabel_models

# From 0012_national_category.

SEEDED_0012 = {
    "Sosiale møteplasser": "meeting_places",
    "En-til-en hjelp": "one_to_one",
    "Fysisk aktivitet/friluftsliv": "physical",
    "Inkludering": "inclusion",
    "Arrangement": "events",
    "Kurs": "courses",
    "Håndverk/hobby/musikk": "crafts",
    "Utlån/gjenbruk/reparasjon": "lending",
    "Annet": "other",
}


def map_seeded_0012(apps, schema_editor):
    ActivityCategory = apps.get_model("activities", "ActivityCategory")
    for name, national in SEEDED_0012.items():
        ActivityCategory.objects.filter(name=name).update(national_category=national)


class Migration(migrations.Migration):
    replaces = [
        ("activities", "0011_projects_moved"),
        ("activities", "0012_activitycategory_public_default"),
        ("activities", "0013_doorcount"),
        ("activities", "0012_national_category"),
        ("activities", "0014_merge_0012_national_category_0013_doorcount"),
    ]

    dependencies = [
        ("activities", "0010_single_line_names"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_centre_public_page_and_language"),
        ("core", "0008_centre_activities_public_by_default"),
        ("figures", "0002_project_moved"),
        ("projects", "0001_initial"),
        ("reports", "0005_project_moved"),
        ("volunteers", "0013_moved_to_apps"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="activityseries",
                    name="project",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="series",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                migrations.AlterField(
                    model_name="activity",
                    name="project",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="activities",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                migrations.DeleteModel(
                    name="BudgetLine",
                ),
                migrations.DeleteModel(
                    name="GoalResult",
                ),
                migrations.DeleteModel(
                    name="ProjectGoal",
                ),
                migrations.DeleteModel(
                    name="ReportedFigure",
                ),
                migrations.DeleteModel(
                    name="YearTarget",
                ),
                migrations.DeleteModel(
                    name="OutcomeCounter",
                ),
                migrations.DeleteModel(
                    name="Grant",
                ),
                migrations.DeleteModel(
                    name="Partner",
                ),
                migrations.DeleteModel(
                    name="Project",
                ),
            ],
        ),
        relabel_models(
            "activities",
            {
                "project": "projects",
                "partner": "projects",
                "grant": "projects",
                "outcomecounter": "projects",
                "yeartarget": "projects",
                "reportedfigure": "projects",
                "projectgoal": "projects",
                "goalresult": "projects",
                "budgetline": "projects",
            },
        ),
        migrations.AddField(
            model_name="activitycategory",
            name="public_default",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "As the centre's setting"),
                    ("public", "Public"),
                    ("private", "Not public"),
                ],
                default="",
                help_text="Whether a new activity of this category starts out public: as the centre's setting, always public or never (one-to-one help is private).",
                max_length=10,
                verbose_name="new activities of this category",
            ),
        ),
        migrations.CreateModel(
            name="DoorCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "key",
                    models.CharField(max_length=64, unique=True, verbose_name="idempotency key"),
                ),
                (
                    "delta",
                    models.SmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(-1),
                            django.core.validators.MaxValueValidator(1),
                        ],
                        verbose_name="change",
                    ),
                ),
                ("counted_at", models.DateTimeField(auto_now_add=True, verbose_name="counted")),
                (
                    "activity",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="door_counts",
                        to="activities.activity",
                        verbose_name="activity",
                    ),
                ),
                (
                    "centre",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.centre",
                        verbose_name="volunteer centre",
                    ),
                ),
            ],
            options={
                "verbose_name": "count at the door",
                "verbose_name_plural": "counts at the door",
                "ordering": ["counted_at", "pk"],
            },
        ),
        migrations.AddField(
            model_name="activitycategory",
            name="national_category",
            field=models.CharField(
                choices=[
                    ("meeting_places", "Social meeting places"),
                    ("one_to_one", "One-to-one help or service"),
                    ("physical", "Physical activity and outdoor life"),
                    ("inclusion", "Inclusion and integration"),
                    ("events", "Events"),
                    ("courses", "Courses and teaching"),
                    ("crafts", "Crafts, hobby, music and song"),
                    ("lending", "Lending, reuse and repair"),
                    ("other", "Other"),
                ],
                default="other",
                help_text="Which of the national register's nine categories this one is counted in.",
                max_length=20,
                verbose_name="category in the national register",
            ),
        ),
        migrations.RunPython(map_seeded_0012, migrations.RunPython.noop),
    ]
