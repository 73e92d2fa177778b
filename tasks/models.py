"""Tasks (oppdrag) the centre or an association posts, and the volunteers matched to them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.concurrency import version_field
from core.models import (
    CentreScopedModel,
    CentreScopedQuerySet,
    Owners,
)
from core.validators import validate_single_line
from volunteers.models import AvailabilityMixin, Interest, Volunteer


class TaskQuerySet(CentreScopedQuerySet):
    def listed_publicly(self) -> TaskQuerySet:
        """Open tasks the centre made public, of every centre: scoped by that choice (public
        pages show their public fields only, never who was matched)."""
        return self.filter(is_public=True, status="open")._scoped("public")


class Task(AvailabilityMixin, CentreScopedModel):
    """A need (oppdrag) posted by the coordinator or an association, filled by volunteers."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for association"),
    )
    interests = models.ManyToManyField(
        Interest, blank=True, related_name="tasks", verbose_name=_("interests and skills wanted")
    )
    district = models.ForeignKey(
        "core.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("district"),
    )
    when = models.CharField(
        _("when"), max_length=200, blank=True, help_text=_("For example: Tuesdays 11–13.")
    )
    needs_weekdays = models.BooleanField(_("on weekdays (daytime)"), default=False)
    needs_evenings = models.BooleanField(_("in the evenings"), default=False)
    needs_weekends = models.BooleanField(_("at weekends"), default=False)
    availability_prefix = "needs_"
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    volunteers_needed = models.PositiveSmallIntegerField(
        _("volunteers needed"), default=1, validators=[MinValueValidator(1)]
    )
    needs_police_certificate = models.BooleanField(_("police certificate needed"), default=False)
    is_public = models.BooleanField(
        _("shown on the centre's public pages"),
        default=False,
        help_text=_("Title, description, when and where only; never who is matched."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="open")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = TaskQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713

    # The association that posted it changes it; a volunteer matched to it reads it.
    owners = Owners(
        association="organisation", association_edits=True, volunteer="matches__volunteer"
    )

    # Optimistic locking: two people editing the task cannot overwrite each other.
    version = version_field()

    class Meta:
        # The table keeps the name it had in the `volunteers` app.
        db_table = "volunteers_task"
        ordering = ["-created_at"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The task ends before it starts.")})


class MatchQuerySet(CentreScopedQuerySet):
    pass


class Match(CentreScopedModel):
    """A volunteer matched to a task, with follow-up dates."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="matches")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="matches")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    next_follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True)
    follow_up_notes = models.TextField(_("follow-up notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MatchQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713

    # The matched volunteer and the task's association read it; the centre changes it.
    owners = Owners(association="task__organisation", volunteer="volunteer")

    class Meta:
        # The table keeps the name it had in the `volunteers` app.
        db_table = "volunteers_match"
        ordering = ["-created_at"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["task", "volunteer"], name="match_unique_volunteer")
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.task}"
