"""Projects and their parts (targets, goals, results, partners, grants, outcomes, reported
figures, budget lines) moved to the `projects` app. State only: the tables stay where they are,
under their names; the activity log's project field now names `projects.Project`."""

import django.db.models.deletion
from django.db import migrations, models

from core.migration_ops import relabel_models


MOVED = {
    name: "projects"
    for name in (
        "project",
        "partner",
        "grant",
        "outcomecounter",
        "yeartarget",
        "reportedfigure",
        "projectgoal",
        "goalresult",
        "budgetline",
    )
}


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0010_single_line_names"),
        ("projects", "0001_initial"),
        ("figures", "0002_project_moved"),
        ("reports", "0005_project_moved"),
        # The old hour log and rotas named activities.Project: they leave the state first.
        ("volunteers", "0013_moved_to_apps"),
        ("core", "0005_centre_public_page_and_language"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
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
                migrations.DeleteModel(name="BudgetLine"),
                migrations.DeleteModel(name="GoalResult"),
                migrations.DeleteModel(name="ProjectGoal"),
                migrations.DeleteModel(name="ReportedFigure"),
                migrations.DeleteModel(name="YearTarget"),
                migrations.DeleteModel(name="OutcomeCounter"),
                migrations.DeleteModel(name="Grant"),
                migrations.DeleteModel(name="Partner"),
                migrations.DeleteModel(name="Project"),
            ],
        ),
        relabel_models("activities", MOVED),
    ]
