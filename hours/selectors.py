"""Reads of volunteers, tasks, matches and hours. Reports read volunteer figures through these."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    Max,
    Q,
    QuerySet,
)

from core.permissions import Access
from volunteers.models import Volunteer

from .models import HourEntry


def volunteer_hours(*, volunteer: Volunteer) -> QuerySet[HourEntry]:
    return volunteer.hour_entries.select_related("task").order_by("-date", "-created_at")


def own_hours(*, access: Access) -> QuerySet[HourEntry]:
    """A volunteer's own hour entries (through the scoping rule)."""
    return (
        HourEntry.objects.visible_to(access).select_related("task").order_by("-date", "-created_at")
    )


def hours_pending(*, access: Access) -> QuerySet[HourEntry]:
    return (
        HourEntry.objects.visible_to(access)
        .filter(status=HourEntry.Status.PENDING)
        .select_related("volunteer", "task")
        .order_by("date", "created_at")
    )


def inactive_rule(cutoff: dt.date) -> tuple[dict[str, Any], Q]:
    """A volunteer who gave hours since the cutoff is not inactive (`volunteers_inactive`);
    the date of their last hours is shown."""
    return {"last_hours": Max("hour_entries__date")}, (
        Q(last_hours__isnull=True) | Q(last_hours__lt=cutoff)
    )
