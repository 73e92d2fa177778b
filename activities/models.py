"""Projects, their yearly targets, and the activities logged against them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import BilingualNameMixin
from core.models import CentreScopedModel, CentreScopedQuerySet
from core.permissions import Access


class ActivityCategory(BilingualNameMixin, models.Model):
    """One of the activity categories the national association counts (data, extendable)."""

    name = models.CharField(_("name (Norwegian)"), max_length=120, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("activity category")
        verbose_name_plural = _("activity categories")

    def __str__(self) -> str:
        return self.label


class ProjectQuerySet(CentreScopedQuerySet):
    def owned_by(self, access: Access) -> ProjectQuerySet:
        """An association user sees its own projects and the centre's (to log activities in)."""
        if access.is_association:
            return self.filter(
                models.Q(organisation__isnull=True)
                | models.Q(organisation__memberships__user_id=access.user_id)
            )
        return self.none()


class Project(CentreScopedModel):
    """A funded project, or the centre's ordinary operation: every activity belongs to one."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")

    name = models.CharField(_("name"), max_length=200)
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
    planned_reach = models.PositiveIntegerField(_("planned reach (persons)"), null=True, blank=True)
    actual_reach = models.PositiveIntegerField(_("actual reach (persons)"), null=True, blank=True)
    is_operations = models.BooleanField(_("the centre's ordinary operation"), default=False)
    sub_goals = models.TextField(_("sub-goals"), blank=True, help_text=_("One sub-goal per line."))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("association running the project"),
        help_text=_("Empty for the centre's own projects."),
    )

    objects = ProjectQuerySet.as_manager()

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

    def is_editable_by(self, access: Access) -> bool:
        """Coordinators change their centre's projects; association users their own."""
        if access.is_association:
            return (
                self.centre_id in access.centre_ids
                and self.organisation_id is not None
                and self.organisation.memberships.filter(user_id=access.user_id).exists()
            )
        return super().is_editable_by(access)

    @property
    def sub_goal_list(self) -> list[str]:
        return [line.strip() for line in self.sub_goals.splitlines() if line.strip()]

    def covers(self, day: dt.date) -> bool:
        """Whether `day` lies within the project period (open ends count as covered)."""
        return (self.start_date is None or day >= self.start_date) and (
            self.end_date is None or day <= self.end_date
        )


class ProjectPartQuerySet(CentreScopedQuerySet):
    def owned_by(self, access: Access) -> ProjectPartQuerySet:
        """An association user sees the targets, partners, grants and outcomes of its own
        projects."""
        if access.is_association:
            return self.filter(project__organisation__memberships__user_id=access.user_id)
        return self.none()


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

    objects = ProjectPartQuerySet.as_manager()

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

    objects = ProjectPartQuerySet.as_manager()

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

    objects = ProjectPartQuerySet.as_manager()

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

    objects = ProjectPartQuerySet.as_manager()

    class Meta:
        ordering = ["project", "year"]
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="target_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


class OrganiserOwnedQuerySet(CentreScopedQuerySet):
    def owned_by(self, access: Access) -> OrganiserOwnedQuerySet:
        """An association user sees the rows its own association organises."""
        if access.is_association:
            return self.filter(organiser__memberships__user_id=access.user_id)
        return self.none()


class OrganiserOwnedModel(CentreScopedModel):
    """A row organised by the centre or by an association, whose users may then change it."""

    objects = OrganiserOwnedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_editable_by(self, access: Access) -> bool:
        if access.is_association:
            from organisations.models import Membership

            return (
                self.centre_id in access.centre_ids
                and self.organiser_id is not None
                and Membership.objects.filter(
                    organisation_id=self.organiser_id, user_id=access.user_id
                ).exists()
            )
        return super().is_editable_by(access)


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
    title = models.CharField(_("title"), max_length=200)
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
    title = models.CharField(_("title"), max_length=200)
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
    series = models.ForeignKey(
        ActivitySeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("recurring series"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

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
