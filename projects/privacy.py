"""What the projects hold about persons, declared for the record of processing (core.privacy):
the project leader's name, printed in the project's reports; the rest names things, not people."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.privacy import declare, declare_not_personal


def declare_fields() -> None:
    declare(
        "projects.Project",
        ["leader"],
        persons="staff",
        category="identity",
        purpose=_("Naming a project's leader in its reports"),
        legal_basis="public_task",
        retention="activities",
        recipients=[_("Funders, in the project's reports")],
    )
    not_personal = _("The project's own data (names of things, not of persons)")
    declare_not_personal("projects.Project", ["name", "owner_name"], reason=not_personal)
    declare_not_personal("projects.ProjectGoal", ["text"], reason=not_personal)
    declare_not_personal("projects.GoalResult", ["comment"], reason=not_personal)
    declare_not_personal("projects.ReportedFigure", ["comment"], reason=not_personal)
    declare_not_personal("projects.OutcomeCounter", ["name"], reason=not_personal)
    declare_not_personal("projects.BudgetLine", ["name"], reason=not_personal)
    declare_not_personal("projects.Partner", ["name"], reason=_("A partner organisation's name"))
