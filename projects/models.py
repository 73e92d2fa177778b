"""Projects (funded work the centre owes its funders figures for): yearly targets, sub-goals
and effect goals, partners, grants, budgets, outcome counters and figures reported from outside."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.concurrency import version_field
from core.models import (
    YEAR_VALIDATORS,
    CentreScopedModel,
    CentreScopedQuerySet,
    Owners,
    YearCount,
    YearPart,
)
from core.validators import validate_single_line


class ProjectQuerySet(CentreScopedQuerySet):
    def listed_publicly(self) -> ProjectQuerySet:
        """Projects with at least one activity marked public (their name is public then), of
        every centre: scoped by that mark."""
        return self.filter(activities__is_public=True).distinct()._scoped("public")


class Project(CentreScopedModel):
    """A funded project, or the centre's ordinary operation: every activity belongs to one."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    slug = models.SlugField(_("short name"), max_length=80)
    owner_name = models.CharField(_("owning organisation"), max_length=200, blank=True)
    programme = models.CharField(_("funder's programme"), max_length=200, blank=True)
    leader = models.CharField(_("project leader"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    main_goal = models.TextField(_("main goal"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    # The plan for the whole period: compared only with the whole period's result (a plan per
    # year is a yearly target, YearTarget.persons_reached).
    planned_reach = models.PositiveIntegerField(
        _("planned reach for the whole period (persons)"),
        null=True,
        blank=True,
        help_text=_("For a plan per year, set the yearly target of persons reached instead."),
    )
    is_operations = models.BooleanField(_("the centre's ordinary operation"), default=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("association running the project"),
        help_text=_("Empty for the centre's own projects."),
    )

    # Optimistic locking: two people editing the project cannot overwrite each other.
    version = version_field()

    objects = ProjectQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713

    # An association user changes its own projects and reads the centre's own (those without
    # an association) too, to log its activities in them.
    owners = Owners(
        association="organisation", association_edits=True, association_reads_unowned=True
    )

    class Meta:
        # The table keeps the name it had in the `activities` app.
        db_table = "activities_project"
        ordering = ["-is_operations", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.UniqueConstraint(fields=["centre", "slug"], name="project_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date must be on or after the start date.")}
            )

    def covers(self, day: dt.date) -> bool:
        """Whether `day` lies within the project period (open ends count as covered)."""
        return (self.start_date is None or day >= self.start_date) and (
            self.end_date is None or day <= self.end_date
        )


# The targets, partners, grants and outcomes of a project: an association user reads those of
# its own projects; only the centre changes them.
PROJECT_PART_OWNERS = Owners(association="project__organisation")


class ProjectYearPart(YearPart):
    """A part of a project for one year (its `project` link is the model's own: each has its
    own name for the project's list of them)."""

    owners = PROJECT_PART_OWNERS

    class Meta(YearPart.Meta):
        abstract = True


class Partner(CentreScopedModel):
    """A partner of a project, with its role and the period of the agreement."""

    class Kind(models.TextChoices):
        PUBLIC = "public", _("Public (municipality, NAV, institution)")
        PRIVATE = "private", _("Private (business, foundation)")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("sector"), max_length=10, choices=Kind.choices)
    role = models.CharField(_("role in the project"), max_length=300, blank=True)
    agreement_start = models.DateField(_("agreement from"), null=True, blank=True)
    agreement_end = models.DateField(_("agreement to"), null=True, blank=True)

    owners = PROJECT_PART_OWNERS

    class Meta:
        # The table keeps the name it had in the `activities` app.
        db_table = "activities_partner"
        ordering = ["kind", "name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if (
            self.agreement_start
            and self.agreement_end
            and self.agreement_end < self.agreement_start
        ):
            raise ValidationError(
                {"agreement_end": _("The agreement must end on or after its start.")}
            )


class Grant(ProjectYearPart):
    """Money applied for and granted from one funder for one year of a project, in NOK."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="grants", verbose_name=_("project")
    )
    funder = models.CharField(_("funder"), max_length=200)
    applied_nok = models.PositiveIntegerField(_("applied for (NOK)"), null=True, blank=True)
    granted_nok = models.PositiveIntegerField(_("granted (NOK)"), null=True, blank=True)

    class Meta:
        # The table keeps the name it had in the `activities` app.
        db_table = "activities_grant"
        ordering = ["year", "funder"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "funder"], name="grant_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.funder} {self.year}"


class OutcomeCounter(YearCount):
    """A named result counted per project and year ("had contact with a time-giver: 35")."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("project")
    )
    owners = PROJECT_PART_OWNERS

    class Meta:
        # The table keeps the name it had in the `activities` app.
        db_table = "activities_outcomecounter"
        ordering = ["year", "name"]
        verbose_name = _("outcome counter")
        verbose_name_plural = _("outcome counters")
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "name"], name="outcome_unique_name")
        ]

    def __str__(self) -> str:
        prefix = "~" if self.is_approximate else ""
        return f"{self.name}: {prefix}{self.value}"


class YearTarget(ProjectYearPart):
    """What a project has promised for one year; every figure optional."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="targets", verbose_name=_("project")
    )
    activities = models.PositiveIntegerField(_("number of activities"), null=True, blank=True)
    average_participants = models.DecimalField(
        _("average participants per activity"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    persons_reached = models.PositiveIntegerField(_("persons reached"), null=True, blank=True)
    volunteer_hours = models.PositiveIntegerField(_("volunteer hours"), null=True, blank=True)

    class Meta:
        # The table keeps the name it had in the `activities` app.
        db_table = "activities_yeartarget"
        ordering = ["project", "year"]
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="target_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


class ReportedFigure(CentreScopedModel):
    """A figure the project reports itself, typed in rather than counted from the activity log.

    For one year, or (year empty) for the whole project period: "reached 75 persons". Pages and
    reports show it labelled as reported, beside the counted figure where both exist.
    """

    class Figure(models.TextChoices):
        ACTIVITIES = "activities", _("Activities held")
        PARTICIPANTS = "participants", _("Participants")
        PERSONS_REACHED = "persons_reached", _("Persons reached")
        VOLUNTEERS = "project_volunteers", _("Volunteers engaged")
        VOLUNTEER_HOURS = "activity_hours", _("Volunteer hours on activities")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reported", verbose_name=_("project")
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Empty for the whole project period."),
    )
    figure = models.CharField(_("figure"), max_length=20, choices=Figure.choices)
    value = models.PositiveIntegerField(_("number"))
    is_approximate = models.BooleanField(_("approximate (about)"), default=False)
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    owners = PROJECT_PART_OWNERS

    class Meta:
        # The table keeps the name it had in the `activities` app.
        db_table = "activities_reportedfigure"
        ordering = ["figure", "year"]
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "figure"],
                condition=models.Q(year__isnull=False),
                name="reported_unique_year",
                violation_error_message=_("This figure is already reported for that year."),
            ),
            models.UniqueConstraint(
                fields=["project", "figure"],
                condition=models.Q(year__isnull=True),
                name="reported_unique_period",
                violation_error_message=_("This figure is already reported for the whole period."),
            ),
        ]

    def __str__(self) -> str:
        prefix = "~" if self.is_approximate else ""
        return f"{self.get_figure_display()} {self.year or ''}: {prefix}{self.value}"


class ProjectGoal(CentreScopedModel):
    """A sub-goal or an effect goal of a project, with how it is measured and its target."""

    class Kind(models.TextChoices):
        SUB_GOAL = "sub", _("Sub-goal")
        EFFECT_GOAL = "effect", _("Effect goal")

    class Unit(models.TextChoices):
        NUMBER = "number", _("Number")
        PERCENT = "percent", _("Per cent")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="goals", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("the goal in words"), max_length=500)
    measure = models.CharField(
        _("how it is measured"),
        max_length=300,
        blank=True,
        help_text=_("E.g. share of participants who reach the goals they set at the start."),
    )
    target = models.DecimalField(
        _("target value"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.NUMBER)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    owners = PROJECT_PART_OWNERS

    class Meta:
        # The table keeps the name it had in the `activities` app.
        db_table = "activities_projectgoal"
        ordering = ["kind", "position", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        super().clean()
        if self.unit == self.Unit.PERCENT and self.target is not None and self.target > 100:
            raise ValidationError({"target": _("A percentage cannot be more than 100.")})


class GoalResult(ProjectYearPart):
    """What a goal reached in one year, with a short comment."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="goal_results", verbose_name=_("project")
    )
    goal = models.ForeignKey(
        ProjectGoal, on_delete=models.CASCADE, related_name="results", verbose_name=_("goal")
    )
    value = models.DecimalField(
        _("result"), max_digits=10, decimal_places=1, validators=[MinValueValidator(0)]
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        # The table keeps the name it had in the `activities` app.
        db_table = "activities_goalresult"
        ordering = ["goal", "year"]
        verbose_name = _("goal result")
        verbose_name_plural = _("goal results")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "year"],
                name="goal_result_unique_year",
                violation_error_message=_("This goal already has a result for that year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.goal} {self.year}: {self.value}"

    def clean(self) -> None:
        super().clean()
        if self.goal_id and self.project_id and self.goal.project_id != self.project_id:
            raise ValidationError({"goal": _("Choose a goal of this project.")})
        if (
            self.goal_id
            and self.value is not None
            and self.goal.unit == ProjectGoal.Unit.PERCENT
            and self.value > 100
        ):
            raise ValidationError({"value": _("A percentage cannot be more than 100.")})


class BudgetLine(ProjectYearPart):
    """One line of a project's budget and accounts for a year: an expense or an income.

    Budget and accounts (what was actually spent or received) sit on the same line, so the
    report can set them against each other. Totals are always computed, never typed.
    """

    class Kind(models.TextChoices):
        EXPENSE = "expense", _("Expense")
        INCOME = "income", _("Income")

    class Source(models.TextChoices):
        STATE_GRANT = "state_grant", _("State grant")
        MUNICIPALITY = "municipality", _("Municipality")
        OTHER_PUBLIC = "other_public", _("Other public funding")
        PRIVATE = "private", _("Private foundations and businesses")
        OWN = "own", _("Own income")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.EXPENSE)
    name = models.CharField(_("budget line"), max_length=200)
    source = models.CharField(
        _("source of income"),
        max_length=20,
        choices=Source.choices,
        blank=True,
        help_text=_("For income only."),
    )
    grant = models.ForeignKey(
        Grant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("grant"),
        help_text=_("For income from a grant registered on the project."),
    )
    budget = models.PositiveIntegerField(_("budget (NOK)"), null=True, blank=True)
    accounts = models.PositiveIntegerField(_("accounts (NOK)"), null=True, blank=True)

    class Meta:
        # The table keeps the name it had in the `activities` app.
        db_table = "activities_budgetline"
        ordering = ["year", "kind", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "kind", "name"],
                name="budget_line_unique_name",
                violation_error_message=_("This budget line is already there for that year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.kind == self.Kind.INCOME and not self.source:
            errors["source"] = _("Choose where the income comes from.")
        if self.kind == self.Kind.EXPENSE and (self.source or self.grant_id):
            errors["source"] = _("Only income has a source.")
        if self.budget is None and self.accounts is None:
            errors["budget"] = _("Enter the budget, the accounts or both.")
        if self.project_id and self.grant is not None and self.grant.project_id != self.project_id:
            errors["grant"] = _("Choose a grant of this project.")
        if errors:
            raise ValidationError(errors)
