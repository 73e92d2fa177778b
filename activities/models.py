"""Projects, their yearly targets, and the activities logged against them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.concurrency import version_field
from core.i18n import BilingualNameMixin
from core.models import CentreScopedModel, CentreScopedQuerySet, Owners
from core.validators import validate_single_line


class NationalCategory(models.TextChoices):
    """The nine categories Norges Frivilligsentraler's national register counts activities in;
    every activity category (data the centres extend) maps to one."""

    MEETING_PLACES = "meeting_places", _("Social meeting places")
    ONE_TO_ONE = "one_to_one", _("One-to-one help or service")
    PHYSICAL = "physical", _("Physical activity and outdoor life")
    INCLUSION = "inclusion", _("Inclusion and integration")
    EVENTS = "events", _("Events")
    COURSES = "courses", _("Courses and teaching")
    CRAFTS = "crafts", _("Crafts, hobby, music and song")
    LENDING = "lending", _("Lending, reuse and repair")
    OTHER = "other", _("Other")


class ActivityCategory(BilingualNameMixin, models.Model):
    """One of the activity categories the national association counts (data, extendable)."""

    name = models.CharField(_("name (Norwegian)"), max_length=120, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    name_nn = models.CharField(_("name (Nynorsk)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    national_category = models.CharField(
        _("category in the national register"),
        max_length=20,
        choices=NationalCategory.choices,
        default=NationalCategory.OTHER,
        help_text=_("Which of the national register's nine categories this one is counted in."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("activity category")
        verbose_name_plural = _("activity categories")

    def __str__(self) -> str:
        return self.label


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


class Grant(CentreScopedModel):
    """Money applied for and granted from one funder for one year of a project, in NOK."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="grants", verbose_name=_("project")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    funder = models.CharField(_("funder"), max_length=200)
    applied_nok = models.PositiveIntegerField(_("applied for (NOK)"), null=True, blank=True)
    granted_nok = models.PositiveIntegerField(_("granted (NOK)"), null=True, blank=True)

    owners = PROJECT_PART_OWNERS

    class Meta:
        ordering = ["year", "funder"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "funder"], name="grant_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.funder} {self.year}"


class OutcomeCounter(CentreScopedModel):
    """A named result counted per project and year ("had contact with a time-giver: 35")."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("project")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    name = models.CharField(_("what was counted"), max_length=200)
    value = models.PositiveIntegerField(_("number"))
    is_approximate = models.BooleanField(_("approximate (about)"), default=False)

    owners = PROJECT_PART_OWNERS

    class Meta:
        ordering = ["year", "name"]
        verbose_name = _("outcome counter")
        verbose_name_plural = _("outcome counters")
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "name"], name="outcome_unique_name")
        ]

    def __str__(self) -> str:
        prefix = "~" if self.is_approximate else ""
        return f"{self.name}: {prefix}{self.value}"


class YearTarget(CentreScopedModel):
    """What a project has promised for one year; every figure optional."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="targets", verbose_name=_("project")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
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

    owners = PROJECT_PART_OWNERS

    class Meta:
        ordering = ["project", "year"]
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="target_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


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
        ordering = ["kind", "position", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        super().clean()
        if self.unit == self.Unit.PERCENT and self.target is not None and self.target > 100:
            raise ValidationError({"target": _("A percentage cannot be more than 100.")})


class GoalResult(CentreScopedModel):
    """What a goal reached in one year, with a short comment."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="goal_results", verbose_name=_("project")
    )
    goal = models.ForeignKey(
        ProjectGoal, on_delete=models.CASCADE, related_name="results", verbose_name=_("goal")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(
        _("result"), max_digits=10, decimal_places=1, validators=[MinValueValidator(0)]
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    owners = PROJECT_PART_OWNERS

    class Meta:
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


class BudgetLine(CentreScopedModel):
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
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
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

    owners = PROJECT_PART_OWNERS

    class Meta:
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


class OrganiserOwnedQuerySet(CentreScopedQuerySet):
    def listed_publicly(self) -> OrganiserOwnedQuerySet:
        """Rows marked public, of every centre: scoped by that mark (public pages and feeds
        show their public fields only: never counts, hours or notes)."""
        return self.filter(is_public=True)._scoped("public")


class OrganiserOwnedModel(CentreScopedModel):
    """A row organised by the centre or by an association, whose users may then change it."""

    objects = OrganiserOwnedQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713

    # Each concrete model has its `organiser`: the association that runs the row.
    owners = Owners(association="organiser", association_edits=True)

    class Meta:
        abstract = True


class ActivitySeries(OrganiserOwnedModel):
    """A weekly recurring activity (e.g. every Tuesday 11-13) that creates its occurrences."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="series", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    category = models.ForeignKey(
        ActivityCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    first_date = models.DateField(_("from date"))
    last_date = models.DateField(_("to date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organising association"),
        help_text=_("Empty when the centre itself organises the activity."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Shown in the centre's public calendar and feeds (title, time, place, category)."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-first_date", "title"]
        verbose_name = _("recurring series")
        verbose_name_plural = _("recurring series")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "title", "weekday", "start_time", "first_date"],
                name="series_unique_definition",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_weekday_display()})"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.first_date and self.last_date:
            if self.last_date < self.first_date:
                errors["last_date"] = _("The last date must be on or after the first date.")
            elif (self.last_date - self.first_date).days > 2 * 366:
                errors["last_date"] = _("A series may span at most two years.")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end time must be after the start time.")
        if errors:
            raise ValidationError(errors)

    def dates(self) -> list[dt.date]:
        """Every date of the series: each matching weekday from the first to the last date."""
        offset = (self.weekday - self.first_date.weekday()) % 7
        day = self.first_date + dt.timedelta(days=offset)
        result = []
        while day <= self.last_date:
            result.append(day)
            day += dt.timedelta(days=7)
        return result


class Activity(OrganiserOwnedModel):
    """One activity held: participation is counted, never named."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="activities", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    category = models.ForeignKey(
        ActivityCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organising association"),
        help_text=_("Empty when the centre itself organises the activity."),
    )
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participants_new = models.PositiveIntegerField(_("of them new"), null=True, blank=True)
    participants_returning = models.PositiveIntegerField(
        _("of them returning"), null=True, blank=True
    )
    participants_under_18 = models.PositiveIntegerField(_("aged under 18"), null=True, blank=True)
    participants_18_to_66 = models.PositiveIntegerField(_("aged 18 to 66"), null=True, blank=True)
    participants_67_plus = models.PositiveIntegerField(_("aged 67 or over"), null=True, blank=True)
    volunteer_count = models.PositiveIntegerField(_("volunteers"), default=0)
    volunteer_hours = models.DecimalField(
        _("volunteer hours"), max_digits=8, decimal_places=2, default=0
    )
    note = models.TextField(_("note"), blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Shown in the centre's public calendar and feeds (title, time, place, category)."
        ),
    )
    series = models.ForeignKey(
        ActivitySeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("recurring series"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Optimistic locking: two people editing the activity cannot overwrite each other.
    version = version_field()

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["centre", "project", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True)
                | models.Q(start_time__isnull=True)
                | models.Q(end_time__gt=models.F("start_time")),
                name="activity_end_after_start",
            ),
            models.UniqueConstraint(fields=["series", "date"], name="activity_unique_series_date"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.date:%d.%m.%Y}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end time must be after the start time.")
        total = self.participants
        split = [self.participants_new, self.participants_returning]
        if total is not None and sum(v or 0 for v in split) > total:
            errors["participants_returning"] = _(
                "New and returning participants together cannot be more than all participants."
            )
        bands = [self.participants_under_18, self.participants_18_to_66, self.participants_67_plus]
        if total is not None and sum(v or 0 for v in bands) > total:
            errors["participants_67_plus"] = _(
                "The age groups together cannot be more than all participants."
            )
        if self.project_id and self.centre_id and self.project.centre_id != self.centre_id:
            errors["project"] = _("Choose a project of this volunteer centre.")
        if errors:
            raise ValidationError(errors)

    @property
    def outside_project_period(self) -> bool:
        """True when the date lies outside the project's period (a warning, never an error)."""
        return bool(self.project_id and self.date and not self.project.covers(self.date))
