"""The 5 migrations of reports from 0001_initial
to 0005_project_moved in one.

Squashed: a fresh database runs this instead of the old files, which stay (in `replaces`)
for installations that applied some of them. Data migrations that only rewrite rows an
older installation had are left out; the rows a fresh database needs are seeded at the end.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("reports", "0001_initial"),
        ("reports", "0002_narrative_version"),
        ("reports", "0003_nynorsk"),
        ("reports", "0004_job_kernel"),
        ("reports", "0005_project_moved"),
    ]

    initial = True

    dependencies = [
        ("activities", "0002_initial"),
        ("core", "0001_initial"),
        ("projects", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Narrative",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("annual", "Annual evaluation"), ("final", "Final report")],
                        max_length=10,
                        verbose_name="kind of report",
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(default=0, verbose_name="year")),
                (
                    "goals",
                    models.TextField(blank=True, verbose_name="Goals, target group and background"),
                ),
                (
                    "effect",
                    models.TextField(
                        blank=True, verbose_name="To what degree the effect goals were reached"
                    ),
                ),
                (
                    "reach",
                    models.TextField(blank=True, verbose_name="People in the target group reached"),
                ),
                ("method", models.TextField(blank=True, verbose_name="Implementation and method")),
                (
                    "results",
                    models.TextField(blank=True, verbose_name="Results and assessment of results"),
                ),
                ("summary", models.TextField(blank=True, verbose_name="Summary and further plans")),
                ("evaluation", models.TextField(blank=True, verbose_name="The year in words")),
                ("is_draft", models.BooleanField(default=True, verbose_name="draft")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
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
                    "project",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="updated by",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
            ],
            options={
                "verbose_name": "report narrative",
                "verbose_name_plural": "report narratives",
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("project__isnull", False)),
                        fields=("centre", "kind", "year", "project"),
                        name="narrative_unique_project",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("project__isnull", True)),
                        fields=("centre", "kind", "year"),
                        name="narrative_unique_centre",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ReportJob",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("annual", "Annual evaluation"), ("final", "Final report")],
                        max_length=10,
                        verbose_name="kind of report",
                    ),
                ),
                (
                    "year",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(2000),
                            django.core.validators.MaxValueValidator(2100),
                        ],
                        verbose_name="year",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("nb", "Norwegian Bokmål"),
                            ("nn", "Norwegian Nynorsk"),
                            ("en", "English"),
                        ],
                        default="nb",
                        max_length=5,
                        verbose_name="language",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Being made"),
                            ("done", "Ready"),
                            ("failed", "Failed"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "progress",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[django.core.validators.MaxValueValidator(100)],
                        verbose_name="progress (per cent)",
                    ),
                ),
                (
                    "queued_at",
                    models.DateTimeField(
                        blank=True,
                        default=django.utils.timezone.now,
                        null=True,
                        verbose_name="queued",
                    ),
                ),
                ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="started")),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finished"),
                ),
                (
                    "file",
                    models.FileField(blank=True, upload_to="reports/%Y/", verbose_name="file"),
                ),
                ("size", models.PositiveIntegerField(default=0, verbose_name="size (bytes)")),
                ("error", models.TextField(blank=True, verbose_name="error message")),
                ("task_id", models.CharField(blank=True, max_length=64, verbose_name="task id")),
                (
                    "params_hash",
                    models.CharField(db_index=True, max_length=64, verbose_name="parameters"),
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
                    "project",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="requested by",
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="attempts")),
            ],
            options={
                "verbose_name": "report",
                "verbose_name_plural": "reports",
                "ordering": ["-queued_at", "-pk"],
                "indexes": [
                    models.Index(fields=["centre", "status"], name="reports_rep_centre__d1044d_idx")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status__in", ["queued", "running"])),
                        fields=("params_hash",),
                        name="reportjob_one_active_per_params",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("kind", "final"), _negated=True),
                            ("project__isnull", False),
                            _connector="OR",
                        ),
                        name="reportjob_final_has_project",
                    ),
                ],
            },
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="narrative",
                    name="project",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
                migrations.AlterField(
                    model_name="reportjob",
                    name="project",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="projects.project",
                        verbose_name="project",
                    ),
                ),
            ],
        ),
    ]
