# Projects and their parts, moved from the activities app (their tables keep the activities_ names).
from django.db import migrations, models
import core.validators
import django.core.validators
import django.db.models.deletion


class Migration(migrations.Migration):
    """State only: the tables exist (created by the old app's migrations) and keep their names
    (`Meta.db_table`); only Django's idea of which app owns the models changes."""

    initial = True

    dependencies = [
        ("core", "0005_centre_public_page_and_language"),
        ("organisations", "0016_single_line_names"),
        ("activities", "0010_single_line_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Project",
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
                            models.CharField(
                                blank=True, max_length=200, verbose_name="funder's programme"
                            ),
                        ),
                        (
                            "leader",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="project leader"
                            ),
                        ),
                        (
                            "start_date",
                            models.DateField(blank=True, null=True, verbose_name="start date"),
                        ),
                        (
                            "end_date",
                            models.DateField(blank=True, null=True, verbose_name="end date"),
                        ),
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
                        "db_table": "activities_project",
                        "ordering": ["-is_operations", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="Partner",
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
                                to="projects.project",
                                verbose_name="project",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "partner",
                        "verbose_name_plural": "partners",
                        "db_table": "activities_partner",
                        "ordering": ["kind", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="OutcomeCounter",
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
                                to="projects.project",
                                verbose_name="project",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "outcome counter",
                        "verbose_name_plural": "outcome counters",
                        "db_table": "activities_outcomecounter",
                        "ordering": ["year", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="Grant",
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
                                to="projects.project",
                                verbose_name="project",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "grant",
                        "verbose_name_plural": "grants",
                        "db_table": "activities_grant",
                        "ordering": ["year", "funder"],
                    },
                ),
                migrations.CreateModel(
                    name="BudgetLine",
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
                            models.PositiveIntegerField(
                                blank=True, null=True, verbose_name="budget (NOK)"
                            ),
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
                                to="projects.grant",
                                verbose_name="grant",
                            ),
                        ),
                        (
                            "project",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="budget_lines",
                                to="projects.project",
                                verbose_name="project",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "budget line",
                        "verbose_name_plural": "budget lines",
                        "db_table": "activities_budgetline",
                        "ordering": ["year", "kind", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="ProjectGoal",
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
                            "kind",
                            models.CharField(
                                choices=[("sub", "Sub-goal"), ("effect", "Effect goal")],
                                max_length=10,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "text",
                            models.CharField(max_length=500, verbose_name="the goal in words"),
                        ),
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
                        (
                            "position",
                            models.PositiveSmallIntegerField(default=0, verbose_name="order"),
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
                                related_name="goals",
                                to="projects.project",
                                verbose_name="project",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "goal",
                        "verbose_name_plural": "goals",
                        "db_table": "activities_projectgoal",
                        "ordering": ["kind", "position", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="GoalResult",
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
                        (
                            "comment",
                            models.CharField(blank=True, max_length=500, verbose_name="comment"),
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
                                related_name="goal_results",
                                to="projects.project",
                                verbose_name="project",
                            ),
                        ),
                        (
                            "goal",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="results",
                                to="projects.projectgoal",
                                verbose_name="goal",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "goal result",
                        "verbose_name_plural": "goal results",
                        "db_table": "activities_goalresult",
                        "ordering": ["goal", "year"],
                    },
                ),
                migrations.CreateModel(
                    name="ReportedFigure",
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
                        (
                            "comment",
                            models.CharField(blank=True, max_length=300, verbose_name="comment"),
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
                                related_name="reported",
                                to="projects.project",
                                verbose_name="project",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "reported figure",
                        "verbose_name_plural": "reported figures",
                        "db_table": "activities_reportedfigure",
                        "ordering": ["figure", "year"],
                    },
                ),
                migrations.CreateModel(
                    name="YearTarget",
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
                                to="projects.project",
                                verbose_name="project",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "yearly target",
                        "verbose_name_plural": "yearly targets",
                        "db_table": "activities_yeartarget",
                        "ordering": ["project", "year"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="project",
                    constraint=models.UniqueConstraint(
                        fields=("centre", "slug"), name="project_unique_slug"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="outcomecounter",
                    constraint=models.UniqueConstraint(
                        fields=("project", "year", "name"), name="outcome_unique_name"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="grant",
                    constraint=models.UniqueConstraint(
                        fields=("project", "year", "funder"), name="grant_unique_year"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="budgetline",
                    constraint=models.UniqueConstraint(
                        fields=("project", "year", "kind", "name"),
                        name="budget_line_unique_name",
                        violation_error_message="This budget line is already there for that year.",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="goalresult",
                    constraint=models.UniqueConstraint(
                        fields=("goal", "year"),
                        name="goal_result_unique_year",
                        violation_error_message="This goal already has a result for that year.",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="reportedfigure",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("year__isnull", False)),
                        fields=("project", "year", "figure"),
                        name="reported_unique_year",
                        violation_error_message="This figure is already reported for that year.",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="reportedfigure",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("year__isnull", True)),
                        fields=("project", "figure"),
                        name="reported_unique_period",
                        violation_error_message="This figure is already reported for the whole period.",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="yeartarget",
                    constraint=models.UniqueConstraint(
                        fields=("project", "year"), name="target_unique_year"
                    ),
                ),
            ],
        ),
    ]
