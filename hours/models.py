"""The hours volunteers gave: logged by them or the coordinator, or made from a held shift,
and approved by the coordinator."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import (
    CentreScopedModel,
    CentreScopedQuerySet,
)
from tasks.models import Task
from volunteers.models import VOLUNTEER_OWNERS, Volunteer


class HourEntryQuerySet(CentreScopedQuerySet):
    pass


class HourEntry(CentreScopedModel):
    """Hours one volunteer gave on one day, for a task or a described activity."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="hour_entries")
    task = models.ForeignKey(
        Task,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hour_entries",
        verbose_name=_("task"),
    )
    description = models.CharField(_("activity"), max_length=200, blank=True)
    # Hours of a held shift of a project's rota count towards that project's figures.
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0.01), MaxValueValidator(24)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    objects = HourEntryQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713
    owners = VOLUNTEER_OWNERS

    class Meta:
        # The table keeps the name it had in the `volunteers` app.
        db_table = "volunteers_hourentry"
        ordering = ["-date", "-created_at"]
        verbose_name = _("hour entry")
        verbose_name_plural = _("hour entries")
        indexes = [models.Index(fields=["centre", "status", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.hours}"

    def clean(self) -> None:
        super().clean()
        if not self.task_id and not self.description:
            raise ValidationError(_("Choose a task or describe the activity."))
