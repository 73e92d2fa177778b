# Tasks and matches, moved from the volunteers app (tables volunteers_task, volunteers_match).
from django.conf import settings
from django.db import migrations, models
import core.validators
import django.core.validators
import django.db.models.deletion
import volunteers.models


class Migration(migrations.Migration):
    """State only: the tables exist (created by the old app's migrations) and keep their names
    (`Meta.db_table`); only Django's idea of which app owns the models changes."""

    initial = True

    dependencies = [
        ("core", "0005_centre_public_page_and_language"),
        ("organisations", "0016_single_line_names"),
        ("volunteers", "0012_single_line_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Task",
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
                            "title",
                            models.CharField(
                                max_length=200,
                                validators=[core.validators.SingleLineValidator()],
                                verbose_name="title",
                            ),
                        ),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        (
                            "when",
                            models.CharField(
                                blank=True,
                                help_text="For example: Tuesdays 11–13.",
                                max_length=200,
                                verbose_name="when",
                            ),
                        ),
                        (
                            "needs_weekdays",
                            models.BooleanField(
                                default=False, verbose_name="on weekdays (daytime)"
                            ),
                        ),
                        (
                            "needs_evenings",
                            models.BooleanField(default=False, verbose_name="in the evenings"),
                        ),
                        (
                            "needs_weekends",
                            models.BooleanField(default=False, verbose_name="at weekends"),
                        ),
                        (
                            "starts_on",
                            models.DateField(blank=True, null=True, verbose_name="starts"),
                        ),
                        ("ends_on", models.DateField(blank=True, null=True, verbose_name="ends")),
                        (
                            "volunteers_needed",
                            models.PositiveSmallIntegerField(
                                default=1,
                                validators=[django.core.validators.MinValueValidator(1)],
                                verbose_name="volunteers needed",
                            ),
                        ),
                        (
                            "needs_police_certificate",
                            models.BooleanField(
                                default=False, verbose_name="police certificate needed"
                            ),
                        ),
                        (
                            "is_public",
                            models.BooleanField(
                                default=False,
                                help_text="Title, description, when and where only; never who is matched.",
                                verbose_name="shown on the centre's public pages",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("open", "Open"),
                                    ("filled", "Filled"),
                                    ("closed", "Closed"),
                                ],
                                default="open",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created"),
                        ),
                        (
                            "version",
                            models.PositiveIntegerField(
                                default=1, editable=False, verbose_name="version"
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
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "district",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to="core.district",
                                verbose_name="district",
                            ),
                        ),
                        (
                            "interests",
                            models.ManyToManyField(
                                blank=True,
                                related_name="tasks",
                                to="volunteers.interest",
                                verbose_name="interests and skills wanted",
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="organisations.organisation",
                                verbose_name="for association",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "task",
                        "verbose_name_plural": "tasks",
                        "db_table": "volunteers_task",
                        "ordering": ["-created_at"],
                    },
                    bases=(volunteers.models.AvailabilityMixin, models.Model),
                ),
                migrations.CreateModel(
                    name="Match",
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
                            "status",
                            models.CharField(
                                choices=[
                                    ("proposed", "Proposed"),
                                    ("active", "Active"),
                                    ("ended", "Ended"),
                                ],
                                default="proposed",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "started_on",
                            models.DateField(blank=True, null=True, verbose_name="started"),
                        ),
                        ("ended_on", models.DateField(blank=True, null=True, verbose_name="ended")),
                        (
                            "next_follow_up_on",
                            models.DateField(blank=True, null=True, verbose_name="next follow-up"),
                        ),
                        (
                            "follow_up_notes",
                            models.TextField(blank=True, verbose_name="follow-up notes"),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created"),
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
                            "volunteer",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="matches",
                                to="volunteers.volunteer",
                            ),
                        ),
                        (
                            "task",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="matches",
                                to="tasks.task",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "match",
                        "verbose_name_plural": "matches",
                        "db_table": "volunteers_match",
                        "ordering": ["-created_at"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("task", "volunteer"), name="match_unique_volunteer"
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
