"""Reads of volunteers, tasks, matches and hours. Reports read volunteer figures through these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from core.permissions import Access
from tasks.models import Match, Task
from tasks.selectors import fits
from volunteers.models import Volunteer

from .models import Rota, Shift, ShiftSignup

CONFIRMED = ShiftSignup.Status.CONFIRMED


WAITING = ShiftSignup.Status.WAITING


def _with_counts(shifts: QuerySet[Shift]) -> QuerySet[Shift]:
    return shifts.annotate(
        taken=Count("signups", filter=Q(signups__status=CONFIRMED), distinct=True),
        waiting=Count("signups", filter=Q(signups__status=WAITING), distinct=True),
    )


def rota_list(*, access: Access) -> QuerySet[Rota]:
    """The rotas the user may see, with the number of shifts to come. One query."""
    return (
        Rota.objects.visible_to(access)
        .select_related("project", "district")
        .annotate(
            upcoming=Count("shifts", filter=Q(shifts__starts_at__gte=timezone.now()), distinct=True)
        )
        .order_by("-is_active", "title", "pk")
    )


def shifts_with_free_places(*, access: Access, since: dt.datetime, until: dt.datetime) -> int:
    """Shifts starting between `since` and `until`, not held, with fewer volunteers coming than
    places: the gaps the coordinator fills. One query."""
    return (
        _with_counts(Shift.objects.visible_to(access))
        .filter(starts_at__gte=since, starts_at__lt=until, held_at__isnull=True)
        .filter(taken__lt=F("capacity"))  # type: ignore[misc]  # annotated by _with_counts
        .count()
    )


def rota_detail_qs(*, access: Access) -> QuerySet[Rota]:
    return Rota.objects.visible_to(access).select_related("project", "district")


def rota_shifts(*, rota: Rota, since: dt.datetime) -> QuerySet[Shift]:
    """A rota's shifts from `since` on, with who comes and who waits loaded in bulk."""
    signups = ShiftSignup.objects.exclude(status=ShiftSignup.Status.CANCELLED).select_related(
        "volunteer"
    )
    return _with_counts(rota.shifts.filter(ends_at__gte=since)).prefetch_related(
        Prefetch("signups", queryset=signups, to_attr="active_signups")
    )


def shift_detail_qs(*, access: Access) -> QuerySet[Shift]:
    signups = (
        ShiftSignup.objects.visible_to(access)
        .select_related("volunteer", "hour_entry")
        .order_by("status", "listed_at", "pk")
    )
    return (
        Shift.objects.visible_to(access)
        .select_related("rota", "rota__project")
        # all_signups is declared on Shift for the type checker, which sees this as a redefinition.
        .prefetch_related(Prefetch("signups", queryset=signups, to_attr="all_signups"))  # type: ignore[no-redef]
    )


def shift_signup_qs(*, access: Access) -> QuerySet[ShiftSignup]:
    return ShiftSignup.objects.visible_to(access).select_related("shift", "shift__rota")


def own_signups(*, access: Access, since: dt.datetime) -> QuerySet[ShiftSignup]:
    """A volunteer's own sign-ups (coming or waiting) for shifts that have not ended."""
    return (
        ShiftSignup.objects.visible_to(access)
        .filter(volunteer__user=access.user_id, shift__ends_at__gte=since)
        .exclude(status=ShiftSignup.Status.CANCELLED)
        .select_related("shift", "shift__rota", "shift__rota__district")
        .order_by("shift__starts_at", "pk")
    )


def shift_slot(starts_at: dt.datetime) -> str:
    """The availability a shift asks for: weekends, evenings (from 17:00) or weekdays."""
    local = timezone.localtime(starts_at)
    if local.weekday() >= 5:
        return "weekends"
    return "evenings" if local.hour >= 17 else "weekdays"


@dataclass
class OpenNeeds:
    shifts: list[Shift]
    tasks: Sequence[Task]


def open_for_volunteer(*, volunteer: Volunteer, now: dt.datetime) -> OpenNeeds:
    """The open shifts and tasks that fit an approved volunteer (see `fits`), in their own
    centre. Shifts: of active rotas, not held, still open for sign-up; each carries `taken`,
    `waiting` and `own` (the volunteer's sign-up, or None). Tasks: open, not yet filled
    (fewer proposed or active matches than volunteers needed), not ended, and not already the
    volunteer's. Six queries whatever the numbers."""
    if volunteer.status != Volunteer.Status.ACTIVE:
        return OpenNeeds(shifts=[], tasks=[])
    interest_ids = {i.pk for i in volunteer.interests.all()}
    own = {
        s.shift_id: s
        for s in ShiftSignup.objects.for_centre(volunteer.centre_id).filter(
            volunteer=volunteer, shift__ends_at__gte=now
        )
    }
    shifts = (
        _with_counts(Shift.objects.for_centre(volunteer.centre_id))
        .filter(rota__is_active=True, held_at__isnull=True, starts_at__gt=now)
        .select_related("rota", "rota__district")
        .prefetch_related("rota__interests")
        .order_by("starts_at", "pk")[:200]
    )
    fitting_shifts = []
    for shift in shifts:
        if now >= shift.signup_closes_at:
            continue
        rota = shift.rota
        if not fits(
            volunteer,
            interest_ids,
            district_id=rota.district_id,
            wanted={i.pk for i in rota.interests.all()},
            slots={shift_slot(shift.starts_at)},
            needs_certificate=rota.needs_police_certificate,
        ):
            continue
        shift.own = own.get(shift.pk)
        fitting_shifts.append(shift)
    today = timezone.localtime(now).date()
    tasks = (
        Task.objects.for_centre(volunteer.centre_id)
        .filter(status=Task.Status.OPEN)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .exclude(matches__volunteer=volunteer)
        .annotate(
            filled=Count(
                "matches",
                filter=Q(matches__status__in=[Match.Status.PROPOSED, Match.Status.ACTIVE]),
                distinct=True,
            )
        )
        .select_related("district")
        .prefetch_related("interests")
        .order_by("-created_at", "-pk")[:200]
    )
    fitting_tasks = [
        task
        for task in tasks
        if task.filled < task.volunteers_needed
        and fits(
            volunteer,
            interest_ids,
            district_id=task.district_id,
            wanted={i.pk for i in task.interests.all()},
            slots=task.availability_flags(),
            needs_certificate=task.needs_police_certificate,
        )
    ]
    return OpenNeeds(shifts=fitting_shifts, tasks=fitting_tasks)


def rotas_done(volunteer: Volunteer) -> list[str]:
    """The rotas of the shifts the volunteer was on (for a certificate; one query)."""
    return [
        s.shift.rota.title
        for s in ShiftSignup.objects.for_centre(volunteer.centre_id)
        .filter(volunteer=volunteer, hour_entry__isnull=False)
        .select_related("shift__rota")
        .order_by("shift__starts_at")
    ]
