"""Writes of projects, targets, series and activities. Views and imports call these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import as_text, log_action, log_change, stored_snapshot
from core.concurrency import claim_version
from core.models import Centre
from core.permissions import Access
from organisations.models import Organisation
from projects.models import Project

from .models import Activity, ActivitySeries, DoorCount
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
    if "is_public" not in fields and activity.category_id:
        # A path without the box (an import, the API): public as the centre and category say.
        activity.is_public = activity.category.starts_public(Centre.objects.get(pk=centre_id))
    _check_project(actor, activity.project)
    _check_organiser(actor, activity.organiser)
    activity.full_clean()
    activity.save()
    log_change(actor=actor, action="activity.created", obj=activity, before=None)
    return activity


DOOR_KEY_MAX = 64
DOOR_BATCH_MAX = 500


@transaction.atomic
def door_count(
    *, actor: Access, activity: Activity, entries: Iterable[tuple[str, int]]
) -> tuple[int, int]:
    """Apply taps of the door mode (+1/−1, each with the key its device made) to the activity's
    participants, each key once: a batch sent again after a lost answer changes nothing.
    Returns (taps applied now, participants). The count never goes below 0."""
    if not activity.is_editable_by(actor):
        raise PermissionDenied
    taps = [(str(key), int(delta)) for key, delta in entries]
    if len(taps) > DOOR_BATCH_MAX or any(
        not key or len(key) > DOOR_KEY_MAX or delta not in (-1, 1) for key, delta in taps
    ):
        raise ValidationError(_("The counts sent are not valid."))
    # One writer at a time per activity: the row lock orders two devices counting together.
    activity = (
        Activity.objects.for_centre(activity.centre_id).select_for_update().get(pk=activity.pk)
    )
    seen = set(
        DoorCount.objects.for_centre(activity.centre_id)
        .filter(key__in=[key for key, _delta in taps])
        .values_list("key", flat=True)
    )
    new = []
    for key, delta in taps:
        if key not in seen:
            seen.add(key)
            new.append(
                DoorCount(centre_id=activity.centre_id, activity=activity, key=key, delta=delta)
            )
    if new:
        DoorCount.objects.bulk_create(new)
        before = stored_snapshot(activity)
        activity.participants = max(0, (activity.participants or 0) + sum(c.delta for c in new))
        activity.full_clean()
        activity.save()
        log_change(
            actor=actor,
            action="activity.door_counted",
            obj=activity,
            before=before,
            data={"taps": len(new)},
        )
    return len(new), activity.participants or 0


SELF_COUNT_SALT = "frivillig.activity-self-count"


def self_count_token(activity: Activity) -> str:
    """The token of an activity's self-count address (the QR code on the door)."""
    return signing.dumps(activity.pk, salt=SELF_COUNT_SALT)


def self_count_activity(token: str) -> Activity | None:
    """The activity a self-count token names, on its own day only (else None): the token is the
    permission, as an invitation's is."""
    try:
        pk = int(signing.loads(token, salt=SELF_COUNT_SALT, max_age=2 * 24 * 60 * 60))
    except (signing.BadSignature, TypeError, ValueError):
        return None
    activity = Activity.objects.by_self_count(pk).select_related("project").first()
    if activity is None or activity.cancelled or activity.date != timezone.localdate():
        return None
    return activity


@transaction.atomic
def door_self_count(*, activity: Activity, device: str) -> bool:
    """A participant counts themselves by the QR code on the door: +1 once per device (the
    device's own key, kept in a cookie). True when counted now. Anonymous, as every count."""
    key = f"self:{activity.pk}:{device}"[:DOOR_KEY_MAX]
    activity = (
        Activity.objects.for_centre(activity.centre_id).select_for_update().get(pk=activity.pk)
    )
    if DoorCount.objects.for_centre(activity.centre_id).filter(key=key).exists():
        return False
    DoorCount.objects.create(centre_id=activity.centre_id, activity=activity, key=key, delta=1)
    before = stored_snapshot(activity)
    activity.participants = (activity.participants or 0) + 1
    activity.save()
    log_change(
        actor=None,
        action="activity.self_counted",
        obj=activity,
        before=before,
        data={"taps": 1},
    )
    return True


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
        obj=series,
        before=before,
        data={"occurrences_created": len(new)},
    )
    return series, len(new)
