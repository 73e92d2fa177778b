"""The 10 migrations of activities from 0001_initial
to 0010_single_line_names in one.

Squashed: a fresh database runs this instead of the old files, which stay (in `replaces`)
for installations that applied some of them. Data migrations that only rewrite rows an
older installation had are left out; the rows a fresh database needs are seeded at the end.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import core.i18n
import core.validators

# From 0004_seed_activity_categories.

CATEGORIES_0004 = [
    ("Sosiale møteplasser", "Social meeting places"),
    ("En-til-en hjelp", "One-to-one help"),
    ("Fysisk aktivitet/friluftsliv", "Physical activity and outdoor life"),
    ("Inkludering", "Inclusion"),
    ("Arrangement", "Events"),
    ("Kurs", "Courses"),
    ("Håndverk/hobby/musikk", "Crafts, hobby and music"),
    ("Utlån/gjenbruk/reparasjon", "Lending, reuse and repair"),
    ("Annet", "Other"),
]


def seed_0004(apps, schema_editor):
    ActivityCategory = apps.get_model("activities", "ActivityCategory")
    for position, (name, name_en) in enumerate(CATEGORIES_0004, start=1):
        ActivityCategory.objects.get_or_create(
            name=name, defaults={"name_en": name_en, "position": position}
        )


# From 0008_nynorsk_names.

CATEGORIES_0008 = {
    "Sosiale møteplasser": "Sosiale møteplassar",
    "En-til-en hjelp": "Ein-til-ein-hjelp",
    "Fysisk aktivitet/friluftsliv": "Fysisk aktivitet/friluftsliv",
    "Inkludering": "Inkludering",
    "Arrangement": "Arrangement",
    "Kurs": "Kurs",
    "Håndverk/hobby/musikk": "Handverk/hobby/musikk",
    "Utlån/gjenbruk/reparasjon": "Utlån/gjenbruk/reparasjon",
    "Annet": "Anna",
}


def name_in_nynorsk_0008(apps, schema_editor):
    rows = apps.get_model("activities", "ActivityCategory").objects
    for name, name_nn in CATEGORIES_0008.items():
        rows.filter(name=name, name_nn="").update(name_nn=name_nn)


class Migration(migrations.Migration):
    replaces = [
        ("activities", "0001_initial"),
        ("activities", "0002_initial"),
        ("activities", "0003_projects_partners_series"),
        ("activities", "0004_seed_activity_categories"),
        ("activities", "0005_goals_reported_budget"),
        ("activities", "0006_versions"),
        ("activities", "0007_public_activities"),
        ("activities", "0008_nynorsk_names"),
        ("activities", "0009_planned_reach_period"),
        ("activities", "0010_single_line_names"),
    ]

    initial = True

    dependencies = [
        ("core", "0001_initial"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActivityCategory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(max_length=120, unique=True, verbose_name="name (Norwegian)"),
                ),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=120, verbose_name="name (English)"),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(default=100, verbose_name="position"),
                ),
                (
                    "name_nn",
                    models.CharField(blank=True, max_length=120, verbose_name="name (Nynorsk)"),
                ),
            ],
            options={
                "verbose_name": "activity category",
                "verbose_name_plural": "activity categories",
                "ordering": ["position", "name"],
            },
            bases=(core.i18n.BilingualNameMixin, models.Model),
        ),
        migrations.CreateModel(
            name="Project",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        max_length=200,
                        validators=[core.validators.SingleLineValidator()],
                        verbose_name="name",
                    ),
                ),
                ("slug", models.SlugField(max_length=80, verbose_name="short name")),
                (
                    "owner_name",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="owning organisation"
                    ),
                ),
                (
                    "programme",
                    models.CharField(blank=True, max_length=200, verbose_name="funder's programme"),
                ),
                (
                    "leader",
                    models.CharField(blank=True, max_length=200, verbose_name="project leader"),
                ),
                ("start_date", models.DateField(blank=True, null=True, verbose_name="start date")),
                ("end_date", models.DateField(blank=True, null=True, verbose_name="end date")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("planned", "Planned"),
                            ("running", "Running"),
                            ("ended", "Ended"),
                        ],
                        default="running",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("main_goal", models.TextField(blank=True, verbose_name="main goal")),
                ("target_group", models.TextField(blank=True, verbose_name="target group")),
                (
                    "planned_reach",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="For a plan per year, set the yearly target of persons reached instead.",
                        null=True,
                        verbose_name="planned reach for the whole period (persons)",
                    ),
                ),
                (
                    "is_operations",
                    models.BooleanField(
                        default=False, verbose_name="the centre's ordinary operation"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
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
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for the centre's own projects.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="association running the project",
                    ),
                ),
            ],
            options={
                "verbose_name": "project",
                "verbose_name_plural": "projects",
                "ordering": ["-is_operations", "name"],
                "constraints": [
                    models.UniqueConstraint(fields=("centre", "slug"), name="project_unique_slug")
                ],
            },
        ),
        migrations.CreateModel(
            name="Partner",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("public", "Public (municipality, NAV, institution)"),
                            ("private", "Private (business, foundation)"),
                        ],
                        max_length=10,
                        verbose_name="sector",
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="role in the project"
                    ),
                ),
                (
                    "agreement_start",
                    models.DateField(blank=True, null=True, verbose_name="agreement from"),
                ),
                (
                    "agreement_end",
                    models.DateField(blank=True, null=True, verbose_name="agreement to"),
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
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="partners",
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "partner",
                "verbose_name_plural": "partners",
                "ordering": ["kind", "name"],
            },
        ),
        migrations.CreateModel(
            name="OutcomeCounter",
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
                        verbose_name="year",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="what was counted")),
                ("value", models.PositiveIntegerField(verbose_name="number")),
                (
                    "is_approximate",
                    models.BooleanField(default=False, verbose_name="approximate (about)"),
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
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="outcomes",
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "outcome counter",
                "verbose_name_plural": "outcome counters",
                "ordering": ["year", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("project", "year", "name"), name="outcome_unique_name"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Grant",
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
                        verbose_name="year",
                    ),
                ),
                ("funder", models.CharField(max_length=200, verbose_name="funder")),
                (
                    "applied_nok",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="applied for (NOK)"
                    ),
                ),
                (
                    "granted_nok",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="granted (NOK)"
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
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="grants",
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "grant",
                "verbose_name_plural": "grants",
                "ordering": ["year", "funder"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("project", "year", "funder"), name="grant_unique_year"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="BudgetLine",
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
                        verbose_name="year",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("expense", "Expense"), ("income", "Income")],
                        default="expense",
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="budget line")),
                (
                    "source",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("state_grant", "State grant"),
                            ("municipality", "Municipality"),
                            ("other_public", "Other public funding"),
                            ("private", "Private foundations and businesses"),
                            ("own", "Own income"),
                        ],
                        help_text="For income only.",
                        max_length=20,
                        verbose_name="source of income",
                    ),
                ),
                (
                    "budget",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="budget (NOK)"),
                ),
                (
                    "accounts",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="accounts (NOK)"
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
                    "grant",
                    models.ForeignKey(
                        blank=True,
                        help_text="For income from a grant registered on the project.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="budget_lines",
                        to="activities.grant",
                        verbose_name="grant",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="budget_lines",
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "budget line",
                "verbose_name_plural": "budget lines",
                "ordering": ["year", "kind", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("project", "year", "kind", "name"),
                        name="budget_line_unique_name",
                        violation_error_message="This budget line is already there for that year.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ActivitySeries",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                (
                    "weekday",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (0, "Monday"),
                            (1, "Tuesday"),
                            (2, "Wednesday"),
                            (3, "Thursday"),
                            (4, "Friday"),
                            (5, "Saturday"),
                            (6, "Sunday"),
                        ],
                        verbose_name="weekday",
                    ),
                ),
                ("start_time", models.TimeField(blank=True, null=True, verbose_name="start time")),
                ("end_time", models.TimeField(blank=True, null=True, verbose_name="end time")),
                ("first_date", models.DateField(verbose_name="from date")),
                ("last_date", models.DateField(verbose_name="to date")),
                ("place", models.CharField(blank=True, max_length=200, verbose_name="place")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "is_public",
                    models.BooleanField(
                        default=False,
                        help_text="Shown in the centre's public calendar and feeds (title, time, place, category).",
                        verbose_name="public",
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="activities.activitycategory",
                        verbose_name="category",
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
                    "organiser",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty when the centre itself organises the activity.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="organising association",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="series",
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "recurring series",
                "verbose_name_plural": "recurring series",
                "ordering": ["-first_date", "title"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("project", "title", "weekday", "start_time", "first_date"),
                        name="series_unique_definition",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Activity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                ("date", models.DateField(verbose_name="date")),
                ("start_time", models.TimeField(blank=True, null=True, verbose_name="start time")),
                ("end_time", models.TimeField(blank=True, null=True, verbose_name="end time")),
                ("place", models.CharField(blank=True, max_length=200, verbose_name="place")),
                (
                    "participants",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="participants"),
                ),
                (
                    "volunteer_count",
                    models.PositiveIntegerField(default=0, verbose_name="volunteers"),
                ),
                (
                    "volunteer_hours",
                    models.DecimalField(
                        decimal_places=2, default=0, max_digits=8, verbose_name="volunteer hours"
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("cancelled", models.BooleanField(default=False, verbose_name="cancelled")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "participants_18_to_66",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="aged 18 to 66"
                    ),
                ),
                (
                    "participants_67_plus",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="aged 67 or over"
                    ),
                ),
                (
                    "participants_new",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="of them new"),
                ),
                (
                    "participants_returning",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="of them returning"
                    ),
                ),
                (
                    "participants_under_18",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="aged under 18"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "is_public",
                    models.BooleanField(
                        default=False,
                        help_text="Shown in the centre's public calendar and feeds (title, time, place, category).",
                        verbose_name="public",
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
                    "organiser",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty when the centre itself organises the activity.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="organising association",
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="activities.activitycategory",
                        verbose_name="category",
                    ),
                ),
                (
                    "series",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="activities",
                        to="activities.activityseries",
                        verbose_name="recurring series",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="activities",
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "activity",
                "verbose_name_plural": "activities",
                "ordering": ["-date", "-start_time"],
                "indexes": [
                    models.Index(
                        fields=["centre", "project", "date"], name="activities__centre__95e3cb_idx"
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("end_time__isnull", True),
                            ("start_time__isnull", True),
                            ("end_time__gt", models.F("start_time")),
                            _connector="OR",
                        ),
                        name="activity_end_after_start",
                    ),
                    models.UniqueConstraint(
                        fields=("series", "date"), name="activity_unique_series_date"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ProjectGoal",
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
                        choices=[("sub", "Sub-goal"), ("effect", "Effect goal")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("text", models.CharField(max_length=500, verbose_name="the goal in words")),
                (
                    "measure",
                    models.CharField(
                        blank=True,
                        help_text="E.g. share of participants who reach the goals they set at the start.",
                        max_length=300,
                        verbose_name="how it is measured",
                    ),
                ),
                (
                    "target",
                    models.DecimalField(
                        blank=True,
                        decimal_places=1,
                        max_digits=10,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="target value",
                    ),
                ),
                (
                    "unit",
                    models.CharField(
                        choices=[("number", "Number"), ("percent", "Per cent")],
                        default="number",
                        max_length=10,
                        verbose_name="unit",
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
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
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="goals",
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "goal",
                "verbose_name_plural": "goals",
                "ordering": ["kind", "position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="GoalResult",
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
                        verbose_name="year",
                    ),
                ),
                (
                    "value",
                    models.DecimalField(
                        decimal_places=1,
                        max_digits=10,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="result",
                    ),
                ),
                ("comment", models.CharField(blank=True, max_length=500, verbose_name="comment")),
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
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="goal_results",
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "goal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="results",
                        to="activities.projectgoal",
                        verbose_name="goal",
                    ),
                ),
            ],
            options={
                "verbose_name": "goal result",
                "verbose_name_plural": "goal results",
                "ordering": ["goal", "year"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("goal", "year"),
                        name="goal_result_unique_year",
                        violation_error_message="This goal already has a result for that year.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ReportedFigure",
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
                        blank=True,
                        help_text="Empty for the whole project period.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(1990),
                            django.core.validators.MaxValueValidator(2100),
                        ],
                        verbose_name="year",
                    ),
                ),
                (
                    "figure",
                    models.CharField(
                        choices=[
                            ("activities", "Activities held"),
                            ("participants", "Participants"),
                            ("persons_reached", "Persons reached"),
                            ("project_volunteers", "Volunteers engaged"),
                            ("activity_hours", "Volunteer hours on activities"),
                        ],
                        max_length=20,
                        verbose_name="figure",
                    ),
                ),
                ("value", models.PositiveIntegerField(verbose_name="number")),
                (
                    "is_approximate",
                    models.BooleanField(default=False, verbose_name="approximate (about)"),
                ),
                ("comment", models.CharField(blank=True, max_length=300, verbose_name="comment")),
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
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reported",
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "reported figure",
                "verbose_name_plural": "reported figures",
                "ordering": ["figure", "year"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("year__isnull", False)),
                        fields=("project", "year", "figure"),
                        name="reported_unique_year",
                        violation_error_message="This figure is already reported for that year.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("year__isnull", True)),
                        fields=("project", "figure"),
                        name="reported_unique_period",
                        violation_error_message="This figure is already reported for the whole period.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="YearTarget",
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
                        verbose_name="year",
                    ),
                ),
                (
                    "activities",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="number of activities"
                    ),
                ),
                (
                    "average_participants",
                    models.DecimalField(
                        blank=True,
                        decimal_places=1,
                        max_digits=6,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="average participants per activity",
                    ),
                ),
                (
                    "persons_reached",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="persons reached"
                    ),
                ),
                (
                    "volunteer_hours",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="volunteer hours"
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
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="targets",
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "yearly target",
                "verbose_name_plural": "yearly targets",
                "ordering": ["project", "year"],
                "constraints": [
                    models.UniqueConstraint(fields=("project", "year"), name="target_unique_year")
                ],
            },
        ),
        migrations.RunPython(seed_0004, migrations.RunPython.noop),
        migrations.RunPython(name_in_nynorsk_0008, migrations.RunPython.noop),
    ]
