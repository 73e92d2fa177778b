"""Writes of projects, targets, series and activities. Views and imports call these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.audit import as_text, log_action, log_change, stored_snapshot
from core.concurrency import claim_version
from core.permissions import Access
from organisations.models import Organisation
from projects.models import Project

from .models import Activity, ActivitySeries
from .signals import activities_bulk_created


def _check_organiser(actor: Access, organiser: Organisation | None) -> None:
    """An association user may only log activities its own association organises."""
    if not actor.is_association:
        return
    if organiser is None or organiser.pk not in actor.association_ids:
        raise PermissionDenied


def _check_project(actor: Access, project: Project) -> None:
    if not Project.objects.visible_to(actor).filter(pk=project.pk).exists():
        raise PermissionDenied


@transaction.atomic
def activity_create(*, actor: Access, centre_id: int, fields: dict[str, Any]) -> Activity:
    """Log one activity. An association user must name its own association as organiser."""
    if not actor.can_write or centre_id not in actor.centre_ids:
        raise PermissionDenied
    activity = Activity(centre_id=centre_id, **fields)
    _check_project(actor, activity.project)
    _check_organiser(actor, activity.organiser)
    activity.full_clean()
    activity.save()
    log_change(actor=actor, action="activity.created", obj=activity, before=None)
    return activity


@transaction.atomic
def activity_update(
    *,
    actor: Access,
    activity: Activity,
    fields: dict[str, Any],
    expected_version: int | None = None,
) -> Activity:
    """Change an activity the actor may edit (see `Activity.is_editable_by`). With
    `expected_version` a save over somebody else's newer save raises EditConflict."""
    if not activity.is_editable_by(actor):
        raise PermissionDenied
    before = stored_snapshot(activity)
    claim_version(activity, expected_version)
    for name, value in fields.items():
        setattr(activity, name, value)
    _check_project(actor, activity.project)
    _check_organiser(actor, activity.organiser)
    activity.full_clean()
    activity.save()
    log_change(actor=actor, action="activity.updated", obj=activity, before=before)
    return activity


COUNT_FIELDS = [
    "participants",
    "participants_new",
    "participants_returning",
    "volunteer_count",
    "volunteer_hours",
    "cancelled",
]


@transaction.atomic
def activity_counts_update(*, actor: Access, activities: Iterable[Activity]) -> int:
    """Save participant and volunteer counts of many activities at once; returns how many."""
    activities = list(activities)
    stored = {
        row.pk: row
        for row in Activity.objects.visible_to(actor)
        .filter(pk__in=[a.pk for a in activities])
        .only(*COUNT_FIELDS)
    }
    saved = 0
    for activity in activities:
        if not activity.is_editable_by(actor):
            raise PermissionDenied
        activity.full_clean()
        activity.save(update_fields=COUNT_FIELDS)
        before = stored.get(activity.pk)
        changes = {
            name: [getattr(before, name, None), getattr(activity, name)]
            for name in COUNT_FIELDS
            if before is None or getattr(before, name) != getattr(activity, name)
        }
        if changes:
            log_action(
                actor=actor,
                action="activity.counts",
                obj=activity,
                changes={name: as_text(pair) for name, pair in changes.items()},
            )
        saved += 1
    return saved


SERIES_KEY = ("project", "title", "weekday", "start_time", "first_date")


@transaction.atomic
def series_save(
    *, actor: Access, centre_id: int, fields: dict[str, Any]
) -> tuple[ActivitySeries, int]:
    """Create a weekly series (or update the identical one) and create its missing occurrences.

    Idempotent: a series is identified by project, title, weekday, start time and first date;
    saving the same series twice finds the first one, and occurrences are unique per
    (series, date), so no date is ever created twice. Extending the last date adds only the
    new dates; occurrences already created (and perhaps edited) are left as they are.
    Returns the series and the number of occurrences created now.
    """
    if not actor.can_write or centre_id not in actor.centre_ids:
        raise PermissionDenied
    key = {name: fields[name] for name in SERIES_KEY}
    series = ActivitySeries.objects.for_centre(centre_id).select_for_update().filter(**key).first()
    if series is None:
        series = ActivitySeries(centre_id=centre_id, **fields)
    else:
        if not series.is_editable_by(actor):
            raise PermissionDenied
        for name, value in fields.items():
            setattr(series, name, value)
    _check_project(actor, series.project)
    _check_organiser(actor, series.organiser)
    before = stored_snapshot(series)
    series.full_clean()
    series.save()
    existing = set(series.activities.values_list("date", flat=True))
    # Occurrences follow the series' public mark, those created before as well as the new.
    series.activities.exclude(is_public=series.is_public).update(is_public=series.is_public)
    new = []
    for day in series.dates():
        if day in existing:
            continue
        occurrence = Activity(
            centre_id=centre_id,
            project=series.project,
            series=series,
            title=series.title,
            category=series.category,
            date=day,
            start_time=series.start_time,
            end_time=series.end_time,
            place=series.place,
            organiser=series.organiser,
            is_public=series.is_public,
        )
        occurrence.full_clean(validate_unique=False, validate_constraints=False)
        new.append(occurrence)
    Activity.objects.bulk_create(new)
    activities_bulk_created.send(sender=Activity, activities=new)
    log_change(
        actor=actor,
        action="activityseries.created" if before is None else "activityseries.updated",
        obj=series,
        before=before,
        data={"occurrences_created": len(new)},
    )
    return series, len(new)
