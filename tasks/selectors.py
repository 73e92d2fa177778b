"""Reads of volunteers, tasks, matches and hours. Reports read volunteer figures through these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    Count,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.translation import gettext as _

from core.permissions import Access
from volunteers.models import Volunteer

from .models import Match, Task


def task_list(*, access: Access) -> QuerySet[Task]:
    return (
        Task.objects.visible_to(access)
        .select_related("district", "organisation")
        .prefetch_related("interests")
        .annotate(
            match_count=Count(
                "matches",
                filter=Q(matches__status__in=[Match.Status.PROPOSED, Match.Status.ACTIVE]),
                distinct=True,
            )
        )
        .order_by("-created_at", "-pk")
    )


def tasks_with_status(tasks: QuerySet[Task], status: str) -> QuerySet[Task]:
    """`task_list` narrowed to a status as people mean it: a task still marked open whose
    proposed and active matches reach the number needed is filled, not open."""
    filled = Q(match_count__gte=F("volunteers_needed"))
    if status == Task.Status.OPEN:
        return tasks.filter(status=Task.Status.OPEN).exclude(filled)
    if status == Task.Status.FILLED:
        return tasks.filter(Q(status=Task.Status.FILLED) | (Q(status=Task.Status.OPEN) & filled))
    if status in Task.Status.values:
        return tasks.filter(status=status)
    return tasks


def task_detail_qs(*, access: Access) -> QuerySet[Task]:
    matches = Match.objects.visible_to(access).select_related("volunteer")
    return (
        Task.objects.visible_to(access)
        .select_related("district", "organisation")
        .prefetch_related("interests", Prefetch("matches", queryset=matches))
    )


def own_matches(*, access: Access) -> QuerySet[Match]:
    """A volunteer's own matches (through the scoping rule, so nobody else's can show)."""
    return (
        Match.objects.visible_to(access)
        .filter(volunteer__user=access.user_id)
        .select_related("task", "task__district")
        .order_by("-created_at")
    )


def match_qs(*, access: Access) -> QuerySet[Match]:
    return Match.objects.visible_to(access).select_related("task", "volunteer")


def matches_due_for_follow_up(*, access: Access, on_or_before: dt.date) -> QuerySet[Match]:
    return match_qs(access=access).filter(
        status__in=[Match.Status.PROPOSED, Match.Status.ACTIVE],
        next_follow_up_on__lte=on_or_before,
    )


@dataclass
class Suggestion:
    volunteer: Volunteer
    score: int
    reasons: list[str] = field(default_factory=list)


def match_suggestions(*, access: Access, task: Task, limit: int = 20) -> list[Suggestion]:
    """Volunteers ranked for a task, with the reasons shown.

    Only active volunteers of the task's centre who are not already matched; those lacking a
    police certificate the task needs are left out. Points: 3 per shared interest, 2 per shared
    availability slot, 2 for the same district, 1 for availability covering the task's dates,
    1 for a checked police certificate when the task needs one.
    """
    wanted = {interest.pk: interest for interest in task.interests.all()}
    wanted_slots = task.availability_flags()
    candidates = (
        Volunteer.objects.visible_to(access)
        .filter(
            centre_id=task.centre_id,
            status=Volunteer.Status.ACTIVE,
            erased_at__isnull=True,
        )
        .exclude(matches__task=task)
    )
    if task.needs_police_certificate:
        candidates = candidates.filter(police_certificate_checked_on__isnull=False)
    # The score is computed in the database, so only the best `limit` rows are loaded however
    # many volunteers a centre has; the reasons are then spelled out for those rows only.
    points: Expression = Value(1 if task.needs_police_certificate else 0)
    if wanted:
        points = points + 3 * Count(
            "interests", filter=Q(interests__in=list(wanted)), distinct=True
        )
    for slot in sorted(wanted_slots):
        points = points + Case(When(**{f"available_{slot}": True}, then=Value(2)), default=Value(0))
    if task.district_id:
        points = points + Case(When(district_id=task.district_id, then=Value(2)), default=Value(0))
    if task.starts_on:
        end = task.ends_on or task.starts_on
        in_period = (
            (Q(available_from__isnull=False) | Q(available_to__isnull=False))
            & (Q(available_from__isnull=True) | Q(available_from__lte=task.starts_on))
            & (Q(available_to__isnull=True) | Q(available_to__gte=end))
        )
        points = points + Case(When(in_period, then=Value(1)), default=Value(0))
    candidates = (
        candidates.annotate(score=ExpressionWrapper(points, output_field=IntegerField()))
        .order_by("-score", "last_name", "first_name", "pk")
        .select_related("district")
        .prefetch_related("interests")[:limit]
    )
    slot_names = {
        "weekdays": _("weekdays"),
        "evenings": _("evenings"),
        "weekends": _("weekends"),
    }
    suggestions = []
    for volunteer in candidates:
        reasons: list[str] = []
        shared = [i for i in volunteer.interests.all() if i.pk in wanted]
        if shared:
            reasons.append(
                _("Shared interests: %(names)s") % {"names": ", ".join(i.label for i in shared)}
            )
        slots = wanted_slots & volunteer.availability_flags()
        if slots:
            reasons.append(
                _("Available: %(slots)s")
                % {"slots": ", ".join(str(slot_names[s]) for s in sorted(slots))}
            )
        if task.district_id and volunteer.district_id == task.district_id:
            reasons.append(_("Same district: %(district)s") % {"district": task.district})
        if task.starts_on and _available_on(volunteer, task.starts_on, task.ends_on):
            reasons.append(_("Available in the task's period"))
        if task.needs_police_certificate:
            checked_on = volunteer.police_certificate_checked_on
            assert checked_on is not None  # the candidates were filtered on it
            reasons.append(
                _("Police certificate checked %(date)s") % {"date": checked_on.strftime("%d.%m.%Y")}
            )
        suggestions.append(Suggestion(volunteer=volunteer, score=volunteer.score, reasons=reasons))
    return suggestions


def _available_on(volunteer: Volunteer, start: dt.date, end: dt.date | None) -> bool:
    if not (volunteer.available_from or volunteer.available_to):
        return False
    if volunteer.available_from and volunteer.available_from > start:
        return False
    return not (volunteer.available_to and volunteer.available_to < (end or start))


def fits(
    volunteer: Volunteer,
    interest_ids: set[int],
    *,
    district_id: int | None,
    wanted: set[int],
    slots: set[str],
    needs_certificate: bool,
) -> bool:
    """Whether a need fits a volunteer: the same district (or none asked), a shared interest
    (or none asked), a shared availability slot (or none given on either side), and a police
    certificate when one is needed."""
    if needs_certificate and not volunteer.police_certificate_checked_on:
        return False
    if district_id and volunteer.district_id and district_id != volunteer.district_id:
        return False
    if wanted and not (wanted & interest_ids):
        return False
    own_slots = volunteer.availability_flags()
    return not (slots and own_slots and not (slots & own_slots))


def tasks_done(volunteer: Volunteer) -> list[str]:
    """The tasks the volunteer was matched to and took (for a certificate; one query)."""
    return [
        m.task.title
        for m in Match.objects.for_centre(volunteer.centre_id)
        .filter(volunteer=volunteer, status__in=[Match.Status.ACTIVE, Match.Status.ENDED])
        .select_related("task")
        .order_by("created_at")
    ]


def inactive_rule(cutoff: dt.date) -> tuple[dict[str, Any], Q]:
    """A volunteer with a proposed or active match is not inactive (`volunteers_inactive`)."""
    running = Count(
        "matches", filter=Q(matches__status__in=[Match.Status.PROPOSED, Match.Status.ACTIVE])
    )
    return {"running_matches": running}, Q(running_matches=0)
