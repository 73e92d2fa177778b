"""Writes for volunteers, consent, tasks, matches and hours. Views and the seed call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import (
    log_action,
    log_change,
)
from core.permissions import Access, check_change
from tasks.models import Task
from volunteers.models import (
    Volunteer,
)

from .models import HourEntry


@transaction.atomic
def hours_log(
    *,
    actor: Access,
    volunteer: Volunteer,
    date: dt.date,
    hours: Decimal,
    task: Task | None = None,
    description: str = "",
) -> HourEntry:
    """Log hours. A volunteer's own entries wait for approval; the coordinator's are approved."""
    if actor.is_volunteer:
        if volunteer.user_id != actor.user_id:
            raise PermissionDenied
    else:
        check_change(actor, volunteer)
    if task is not None and task.centre_id != volunteer.centre_id:
        raise ValidationError(_("The task belongs to another centre."))
    if date > timezone.localdate():
        raise ValidationError({"date": _("Hours cannot be logged for a future date.")})
    approved = actor.is_coordinator
    entry = HourEntry(
        centre=volunteer.centre,
        volunteer=volunteer,
        task=task,
        description=description,
        date=date,
        hours=hours,
        entered_by_id=actor.user_id,
        status=HourEntry.Status.APPROVED if approved else HourEntry.Status.PENDING,
        decided_by_id=actor.user_id if approved else None,
        decided_at=timezone.now() if approved else None,
    )
    entry.full_clean()
    entry.save()
    log_change(actor=actor, action="hours.logged", obj=entry, before=None)
    return entry


@transaction.atomic
def hours_decide(*, actor: Access, entry: HourEntry, approve: bool) -> HourEntry:
    """Approve or reject a pending hour entry (the centre's coordinators)."""
    check_change(actor, entry)
    if entry.status != HourEntry.Status.PENDING:
        raise ValidationError(_("These hours have already been decided."))
    entry.status = HourEntry.Status.APPROVED if approve else HourEntry.Status.REJECTED
    entry.decided_by_id = actor.user_id
    entry.decided_at = timezone.now()
    entry.full_clean()
    entry.save(update_fields=["status", "decided_by", "decided_at"])
    log_action(
        actor=actor,
        action="hours.approved" if approve else "hours.rejected",
        obj=entry,
        changes={"status": [HourEntry.Status.PENDING, entry.status]},
    )
    return entry


@transaction.atomic
def hours_approve_many(*, actor: Access, entries: Iterable[HourEntry]) -> int:
    """Approve several pending entries in one go. Returns how many were approved."""
    count = 0
    for entry in entries:
        hours_decide(actor=actor, entry=entry, approve=True)
        count += 1
    return count
