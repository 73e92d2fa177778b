# The hour log, moved from the volunteers app (its table is volunteers_hourentry).
from django.conf import settings
from django.db import migrations, models
import django.core.validators
import django.db.models.deletion


class Migration(migrations.Migration):
    """State only: the tables exist (created by the old app's migrations) and keep their names
    (`Meta.db_table`); only Django's idea of which app owns the models changes."""

    initial = True

    dependencies = [
        ("core", "0005_centre_public_page_and_language"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("projects", "0001_initial"),
        ("tasks", "0001_initial"),
        ("volunteers", "0012_single_line_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="HourEntry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "description",
                            models.CharField(blank=True, max_length=200, verbose_name="activity"),
                        ),
                        ("date", models.DateField(verbose_name="date")),
                        (
                            "hours",
                            models.DecimalField(
                                decimal_places=2,
                                max_digits=6,
                                validators=[
                                    django.core.validators.MinValueValidator(0.01),
                                    django.core.validators.MaxValueValidator(24),
                                ],
                                verbose_name="hours",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "Awaiting approval"),
                                    ("approved", "Approved"),
                                    ("rejected", "Rejected"),
                                ],
                                default="pending",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "decided_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="decided"),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="entered"),
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
                        (
                            "decided_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "entered_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "hour entry",
                        "verbose_name_plural": "hour entries",
                        "db_table": "volunteers_hourentry",
                        "ordering": ["-date", "-created_at"],
                    },
                ),
                migrations.AddField(
                    model_name="hourentry",
                    name="project",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                migrations.AddField(
                    model_name="hourentry",
                    name="task",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="hour_entries",
                        to="tasks.task",
                        verbose_name="task",
                    ),
                ),
                migrations.AddField(
                    model_name="hourentry",
                    name="volunteer",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="hour_entries",
                        to="volunteers.volunteer",
                    ),
                ),
                migrations.AddIndex(
                    model_name="hourentry",
                    index=models.Index(
                        fields=["centre", "status", "date"], name="volunteers__centre__8ee4b7_idx"
                    ),
                ),
            ],
        ),
    ]
