"""Projects, their yearly targets, and the activities logged against them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.concurrency import version_field
from core.i18n import BilingualNameMixin
from core.models import Centre, CentreScopedModel, CentreScopedQuerySet, Owners
from core.validators import validate_single_line
from projects.models import Project


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

    class PublicDefault(models.TextChoices):
        CENTRE = "", _("As the centre's setting")
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Not public")

    public_default = models.CharField(
        _("new activities of this category"),
        max_length=10,
        choices=PublicDefault.choices,
        default=PublicDefault.CENTRE,
        blank=True,
        help_text=_(
            "Whether a new activity of this category starts out public: as the centre's "
            "setting, always public or never (one-to-one help is private)."
        ),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("activity category")
        verbose_name_plural = _("activity categories")

    def __str__(self) -> str:
        return self.label

    def starts_public(self, centre: Centre) -> bool:
        """Whether a new activity of this category in `centre` is public unless changed."""
        if self.public_default == self.PublicDefault.PUBLIC:
            return True
        if self.public_default == self.PublicDefault.PRIVATE:
            return False
        return centre.activities_public_by_default


class OrganiserOwnedQuerySet(CentreScopedQuerySet):
    def listed_publicly(self) -> OrganiserOwnedQuerySet:
        """Rows marked public, of every centre: scoped by that mark (public pages and feeds
        show their public fields only: never counts, hours or notes)."""
        return self.filter(is_public=True)._scoped("public")

    def by_self_count(self, pk: int) -> OrganiserOwnedQuerySet:
        """The row a signed self-count token names (the QR code on the door): the token is
        the permission to count oneself there, so this is scoped by the token."""
        return self.filter(pk=pk)._scoped("token")


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


class DoorCount(CentreScopedModel):
    """One tap at the door (+1 or −1 participant), sent by the door mode with a key the device
    made for it: a tap sent twice (a retry after the network came back) is stored and counted
    once. The activity's `participants` is kept as the sum; no names, as always."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="door_counts",
        verbose_name=_("activity"),
    )
    key = models.CharField(_("idempotency key"), max_length=64, unique=True)
    delta = models.SmallIntegerField(
        _("change"), validators=[MinValueValidator(-1), MaxValueValidator(1)]
    )
    counted_at = models.DateTimeField(_("counted"), auto_now_add=True)

    owners = Owners(association="activity__organiser")

    class Meta:
        ordering = ["counted_at", "pk"]
        verbose_name = _("count at the door")
        verbose_name_plural = _("counts at the door")

    def __str__(self) -> str:
        return f"{self.activity} {self.delta:+d}"
