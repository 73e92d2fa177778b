"""The 3 migrations of centreyear from 0002_audit_and_content_types
to 0004_accounts_file in one.

Squashed: a fresh database runs this instead of the old files, which stay (in `replaces`)
for installations that applied some of them. Data migrations that only rewrite rows an
older installation had are left out; the rows a fresh database needs are seeded at the end.
The relabelling after the move between apps stays: an installation from before the move runs
this squashed migration, with the audit events and content types under the old app.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import centreyear.models
import organisations.models
from core.migration_ops import relabel_models


class Migration(migrations.Migration):
    replaces = [
        ("centreyear", "0002_audit_and_content_types"),
        ("centreyear", "0003_grant_round"),
        ("centreyear", "0004_accounts_file"),
    ]

    dependencies = [
        ("centreyear", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0007_move_centre_year_to_centreyear"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        relabel_models("core", {"centreyear": "centreyear", "centreincome": "centreyear"}),
        migrations.AddField(
            model_name="centreyear",
            name="accounts_note",
            field=models.TextField(
                blank=True,
                help_text='Where the centre\'s own accounts and annual report are, e.g. "Approved by the board 12.03.". Not needed when the annual evaluation is made in Frivillig.',
                verbose_name="accounts and annual report",
            ),
        ),
        migrations.AddField(
            model_name="centreyear",
            name="activity_purpose",
            field=models.TextField(
                blank=True,
                help_text="In a few sentences: how the centre encourages volunteering, is an open meeting place and links the municipality with the voluntary sector.",
                verbose_name="how the activity fits the purpose",
            ),
        ),
        migrations.AddField(
            model_name="centreyear",
            name="advisory_members",
            field=models.TextField(
                blank=True,
                help_text="One per line: the name and whom the member represents.",
                verbose_name="members of the advisory body",
            ),
        ),
        migrations.AddField(
            model_name="centreyear",
            name="expect_age_friendly",
            field=models.TextField(blank=True, verbose_name="an age-friendly community"),
        ),
        migrations.AddField(
            model_name="centreyear",
            name="expect_children_youth",
            field=models.TextField(blank=True, verbose_name="children and young people"),
        ),
        migrations.AddField(
            model_name="centreyear",
            name="expect_diversity",
            field=models.TextField(blank=True, verbose_name="diversity and equality"),
        ),
        migrations.AddField(
            model_name="centreyear",
            name="expect_low_threshold",
            field=models.TextField(blank=True, verbose_name="low thresholds and low user fees"),
        ),
        migrations.AddField(
            model_name="centreyear",
            name="expect_universal_design",
            field=models.TextField(blank=True, verbose_name="universal design"),
        ),
        migrations.AddField(
            model_name="centreyear",
            name="organisation_number",
            field=models.CharField(
                blank=True,
                help_text="The centre's own organisation number, or its owner's: the state grant's application names it. Nine digits, e.g. 123 456 785.",
                max_length=9,
                validators=[organisations.models.validate_organisation_number],
                verbose_name="organisation number",
            ),
        ),
        migrations.CreateModel(
            name="GrantApplication",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Running"),
                            ("done", "Done"),
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
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="attempts")),
                ("error", models.TextField(blank=True, verbose_name="error message")),
                ("task_id", models.CharField(blank=True, max_length=64, verbose_name="task id")),
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
                    "year",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1990),
                            django.core.validators.MaxValueValidator(2100),
                        ],
                        verbose_name="operating year",
                    ),
                ),
                ("pdf", models.FileField(blank=True, upload_to="grant/%Y/", verbose_name="PDF")),
                ("csv", models.FileField(blank=True, upload_to="grant/%Y/", verbose_name="CSV")),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="core.municipality",
                        verbose_name="municipality",
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
            ],
            options={
                "verbose_name": "grant application",
                "verbose_name_plural": "grant applications",
                "ordering": ["-queued_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="GrantDecision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "year",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1990),
                            django.core.validators.MaxValueValidator(2100),
                        ],
                        verbose_name="operating year",
                    ),
                ),
                (
                    "decision",
                    models.CharField(
                        choices=[
                            ("confirmed", "Confirmed: the municipality applies"),
                            ("not_applying", "Decided not to apply"),
                        ],
                        max_length=20,
                        verbose_name="decision",
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                (
                    "evidence",
                    models.JSONField(blank=True, default=dict, verbose_name="what was confirmed"),
                ),
                ("decided_at", models.DateTimeField(verbose_name="decided")),
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
                        verbose_name="decided by",
                    ),
                ),
            ],
            options={
                "verbose_name": "grant decision",
                "verbose_name_plural": "grant decisions",
                "ordering": ["-year", "centre"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("centre", "year"), name="grantdecision_unique_year"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("decision", "not_applying"), _negated=True),
                            models.Q(("reason", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="grantdecision_not_applying_has_reason",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="centreyear",
            name="accounts_file",
            field=models.FileField(
                blank=True,
                help_text="The approved accounts and annual report as one PDF, at most 10 MB.",
                upload_to="centreyear/%Y/",
                validators=[
                    django.core.validators.FileExtensionValidator(["pdf"]),
                    centreyear.models.validate_document_size,
                ],
                verbose_name="accounts and annual report (PDF)",
            ),
        ),
    ]
