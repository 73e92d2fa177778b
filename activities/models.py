"""Projects, their yearly targets, and the activities logged against them."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import BilingualNameMixin
from core.models import CentreScopedModel


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

    class Meta:
        ordering = ["-is_operations", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.UniqueConstraint(fields=["centre", "slug"], name="project_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name


class YearTarget(CentreScopedModel):
    """What a project has promised for one year; every figure optional."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
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
        ordering = ["project", "year"]
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="target_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


class Activity(CentreScopedModel):
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
    volunteer_count = models.PositiveIntegerField(_("volunteers"), default=0)
    volunteer_hours = models.DecimalField(
        _("volunteer hours"), max_digits=8, decimal_places=2, default=0
    )
    note = models.TextField(_("note"), blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
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
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.date:%d.%m.%Y}"
