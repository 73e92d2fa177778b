"""Reads of volunteers, tasks, matches and hours. Reports read volunteer figures through these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import AuditEvent
from core.permissions import Access

from .models import (
    Certificate,
    Consent,
    ConsentText,
    HourEntry,
    Match,
    Rota,
    Shift,
    ShiftSignup,
    Task,
    Volunteer,
)


def volunteer_list(*, access: Access) -> QuerySet[Volunteer]:
    """The volunteers the user may see, with what a list row shows loaded in bulk."""
    return (
        Volunteer.objects.visible_to(access)
        .select_related("district")
        .prefetch_related("interests", "background_groups")
    )


def volunteer_detail_qs(*, access: Access) -> QuerySet[Volunteer]:
    return (
        Volunteer.objects.visible_to(access)
        .select_related("district", "user")
        .prefetch_related(
            "interests",
            "background_groups",
            "languages",
            "organisations",
            Prefetch("consents", queryset=Consent.objects.select_related("consent_text")),
            Prefetch("matches", queryset=Match.objects.select_related("task")),
        )
    )


def volunteer_count(*, access: Access, status: str | None = None) -> int:
    qs = Volunteer.objects.visible_to(access).filter(erased_at__isnull=True)
    if status:
        qs = qs.filter(status=status)
    return qs.count()


def volunteer_id_of(access: Access) -> int | None:
    """A volunteer user's own volunteer record: `Access.volunteer_id`, which this app registers
    with core (`core.permissions.register_access_part`). One query."""
    # Found by the account, as the system: the request's scope is built from this Access.
    rows = Volunteer.objects.system().filter(user=access.user_id, centre_id__in=access.centre_ids)
    return rows.values_list("pk", flat=True).first()


def volunteer_of_user(*, access: Access) -> Volunteer | None:
    """The volunteer row of a logged-in volunteer (None for other roles)."""
    if not access.is_volunteer:
        return None
    return volunteer_detail_qs(access=access).filter(user=access.user_id).first()


def volunteer_hours(*, volunteer: Volunteer) -> QuerySet[HourEntry]:
    return volunteer.hour_entries.select_related("task").order_by("-date", "-created_at")


def volunteers_inactive(*, access: Access, months: int | None = None) -> QuerySet[Volunteer]:
    """Volunteers with no hours, no running match and no change for `months` months.

    Listed for the coordinator to review (ask, pause, or erase): keep no more than needed.
    """
    months = months if months is not None else settings.VOLUNTEER_INACTIVE_MONTHS
    cutoff = timezone.now() - dt.timedelta(days=round(months * 30.44))
    return (
        Volunteer.objects.visible_to(access)
        .filter(erased_at__isnull=True, updated_at__lt=cutoff)
        .annotate(
            last_hours=Max("hour_entries__date"),
            running_matches=Count(
                "matches",
                filter=Q(matches__status__in=[Match.Status.PROPOSED, Match.Status.ACTIVE]),
            ),
        )
        .filter(Q(last_hours__isnull=True) | Q(last_hours__lt=cutoff.date()), running_matches=0)
        .select_related("district")
        .order_by("updated_at")
    )


def consent_text_list(*, access: Access) -> QuerySet[ConsentText]:
    return ConsentText.objects.visible_to(access).order_by("-version")


# The privacy actions of the audit trail (`core.audit`) a coordinator reviews.
PRIVACY_ACTIONS = (
    "volunteer.exported",
    "volunteer.erased",
    "volunteer.login_invited",
    "consent.given",
    "consent.withdrawn",
    "consent_text.published",
)


def privacy_events(*, access: Access) -> QuerySet[AuditEvent]:
    """Privacy actions on the centre's volunteers, newest first (coordinators only)."""
    if not access.is_coordinator:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        centre_id__in=access.centre_ids, action__in=PRIVACY_ACTIONS
    ).select_related("actor")


# --- Tasks --------------------------------------------------------------------------------------


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


def own_hours(*, access: Access) -> QuerySet[HourEntry]:
    """A volunteer's own hour entries (through the scoping rule)."""
    return (
        HourEntry.objects.visible_to(access).select_related("task").order_by("-date", "-created_at")
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


# --- Hours --------------------------------------------------------------------------------------


def hours_pending(*, access: Access) -> QuerySet[HourEntry]:
    return (
        HourEntry.objects.visible_to(access)
        .filter(status=HourEntry.Status.PENDING)
        .select_related("volunteer", "task")
        .order_by("date", "created_at")
    )


# --- Rotas and shifts ----------------------------------------------------------------------------

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


def _fits(
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


@dataclass
class OpenNeeds:
    shifts: list[Shift]
    tasks: Sequence[Task]


def open_for_volunteer(*, volunteer: Volunteer, now: dt.datetime) -> OpenNeeds:
    """The open shifts and tasks that fit an approved volunteer (see `_fits`), in their own
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
        if not _fits(
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
        and _fits(
            volunteer,
            interest_ids,
            district_id=task.district_id,
            wanted={i.pk for i in task.interests.all()},
            slots=task.availability_flags(),
            needs_certificate=task.needs_police_certificate,
        )
    ]
    return OpenNeeds(shifts=fitting_shifts, tasks=fitting_tasks)


# --- Paperwork ------------------------------------------------------------------------------------


def certificate_qs(*, access: Access) -> QuerySet[Certificate]:
    return Certificate.objects.visible_to(access).select_related(
        "volunteer", "centre", "centre__municipality"
    )


def tasks_done(*, volunteer: Volunteer) -> list[str]:
    """What the volunteer did, to start a certificate's list of tasks: their matched tasks and
    the rotas of the shifts they were on (two queries)."""
    titles = [
        m.task.title
        for m in volunteer.matches.filter(status__in=[Match.Status.ACTIVE, Match.Status.ENDED])
        .select_related("task")
        .order_by("created_at")
    ]
    titles += [
        s.shift.rota.title
        for s in volunteer.shift_signups.filter(hour_entry__isnull=False)
        .select_related("shift__rota")
        .order_by("shift__starts_at")
    ]
    return list(dict.fromkeys(titles))
