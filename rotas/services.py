"""Writes for volunteers, consent, tasks, matches and hours. Views and the seed call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import (
    log_action,
    log_change,
    stored_snapshot,
)
from core.models import Centre
from core.permissions import Access, check_change, check_coordinate
from hours.models import HourEntry
from volunteers.models import (
    Volunteer,
)
from volunteers.services import lists_of, log_save, send

from .models import Rota, Shift, ShiftSignup

ROTA_FIELDS = (
    "title",
    "description",
    "project",
    "district",
    "needs_police_certificate",
    "signup_closes_hours",
    "is_active",
)


@transaction.atomic
def rota_save(*, actor: Access, centre: Centre, rota: Rota | None = None, **fields: Any) -> Rota:
    """Create a rota in `centre`, or change `rota`; `interests` is set after saving."""
    check_coordinate(actor, centre.pk)
    interests = fields.pop("interests", None)
    unknown = set(fields) - set(ROTA_FIELDS)
    if unknown:
        raise TypeError(f"Unknown rota fields: {sorted(unknown)}")
    created = rota is None
    if rota is None:
        rota = Rota(centre=centre)
    elif rota.centre_id != centre.pk:
        raise PermissionDenied
    before = None if created else stored_snapshot(rota)
    m2m_before = {} if created else lists_of(rota, ["interests"])
    for name, value in fields.items():
        setattr(rota, name, value)
    rota.full_clean()
    rota.save()
    m2m = {}
    if interests is not None:
        rota.interests.set(interests)
        m2m["interests"] = interests
    log_save(
        actor=actor,
        action="rota.created" if created else "rota.updated",
        obj=rota,
        before=before,
        m2m_before=m2m_before,
        m2m=m2m,
    )
    return rota


@transaction.atomic
def shifts_add(
    *,
    actor: Access,
    rota: Rota,
    first_day: dt.date,
    starts: dt.time,
    ends: dt.time,
    capacity: int,
    weeks: int = 1,
) -> list[Shift]:
    """Add a shift on `first_day` from `starts` to `ends` and, with `weeks` > 1, the same shift
    on the same weekday of the following weeks (the café every Tuesday 11–14, two places)."""
    check_change(actor, rota)
    if not 1 <= weeks <= 52:
        raise ValidationError({"weeks": _("Repeat for 1 to 52 weeks.")})
    if ends <= starts:
        raise ValidationError({"ends": _("The shift ends before it starts.")})
    zone = timezone.get_current_timezone()
    shifts = []
    for week in range(weeks):
        day = first_day + dt.timedelta(weeks=week)
        shift = Shift(
            centre_id=rota.centre_id,
            rota=rota,
            starts_at=dt.datetime.combine(day, starts, tzinfo=zone),
            ends_at=dt.datetime.combine(day, ends, tzinfo=zone),
            capacity=capacity,
        )
        shift.full_clean()
        shift.save()
        log_change(actor=actor, action="shift.created", obj=shift, before=None)
        shifts.append(shift)
    return shifts


def _locked_shift(shift: Shift) -> Shift:
    """The shift row, locked until the end of the transaction: sign-ups and cancellations of
    one shift take turns, so two people never both take its last place."""
    return (
        Shift.objects.for_centre(shift.centre_id)
        .select_for_update(of=("self",))
        .select_related("rota")
        .get(pk=shift.pk)
    )


def _check_signup_allowed(*, actor: Access, shift: Shift, volunteer: Volunteer) -> None:
    if volunteer.centre_id != shift.centre_id:
        raise ValidationError(_("The volunteer belongs to another centre."))
    if actor.is_volunteer:
        if volunteer.user_id != actor.user_id:
            raise PermissionDenied
        if timezone.now() >= shift.signup_closes_at:
            raise ValidationError(_("Sign-up for this shift has closed. Contact the coordinator."))
        if not shift.rota.is_active:
            raise ValidationError(_("This rota is not open for sign-up."))
    elif not actor.is_coordinator or shift.centre_id not in actor.centre_ids:
        raise PermissionDenied
    if shift.held_at is not None:
        raise ValidationError(_("This shift is already held."))


@transaction.atomic
def shift_sign_up(*, actor: Access, shift: Shift, volunteer: Volunteer) -> ShiftSignup:
    """Put a volunteer on a shift: coming while there is a free place, otherwise on the
    waiting list. A volunteer signs up themselves until the rota's deadline; the coordinator
    may fill gaps at any time before the shift is held."""
    shift = _locked_shift(shift)
    _check_signup_allowed(actor=actor, shift=shift, volunteer=volunteer)
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ValidationError(_("Only approved volunteers can sign up for shifts."))
    if shift.rota.needs_police_certificate and not volunteer.police_certificate_checked_on:
        raise ValidationError(_("This shift needs a police certificate the volunteer lacks."))
    signup = shift.signups.filter(volunteer=volunteer).first()
    if signup is not None and signup.status != ShiftSignup.Status.CANCELLED:
        raise ValidationError(_("The volunteer is already on this shift."))
    taken = shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).count()
    status = ShiftSignup.Status.CONFIRMED if taken < shift.capacity else ShiftSignup.Status.WAITING
    before = stored_snapshot(signup) if signup is not None else None
    if signup is None:
        signup = ShiftSignup(centre_id=shift.centre_id, shift=shift, volunteer=volunteer)
    signup.status = status
    signup.listed_at = timezone.now()
    signup.reminded_at = None
    signup.confirmed_at = None
    signup.full_clean()
    signup.save()
    log_change(actor=actor, action="shift_signup.created", obj=signup, before=before)
    return signup


@transaction.atomic
def shift_cancel(*, actor: Access, signup: ShiftSignup) -> ShiftSignup | None:
    """Take a volunteer off a shift. When they had a place, the first on the waiting list
    moves up and is told by e-mail; that sign-up is returned (None when nobody moved up)."""
    return signup_give_up(actor=actor, signup=signup, requested=True)


@transaction.atomic
def signup_give_up(
    *, actor: Access, signup: ShiftSignup, requested: bool = False
) -> ShiftSignup | None:
    """Give up a sign-up's place: the shift's row is locked, the sign-up cancelled and, when it
    had a place, the first on the waiting list moves up and is told by e-mail (that sign-up is
    returned, None when nobody moved up).

    `requested` (a person asks, `shift_cancel`): the actor must be allowed to change the
    sign-up and one already cancelled is refused. Otherwise (a person's erasure gives up their
    coming shifts), an already cancelled sign-up is left as it is."""
    shift = _locked_shift(signup.shift)
    signup = shift.signups.select_related("volunteer").get(pk=signup.pk)
    if requested:
        _check_signup_allowed(actor=actor, shift=shift, volunteer=signup.volunteer)
    if signup.status == ShiftSignup.Status.CANCELLED:
        if not requested:
            return None
        raise ValidationError(_("This sign-up is already cancelled."))
    return _cancel_locked(actor=actor, shift=shift, signup=signup)


CHECK_IN_EARLY = dt.timedelta(hours=1)
CHECK_OUT_LATE = dt.timedelta(hours=3)


def _log_hours(
    *, actor: Access, shift: Shift, signup: ShiftSignup, hours: Decimal, **status: Any
) -> HourEntry:
    """A sign-up's hours on its shift as an entry of the volunteer's hours (dated on the
    shift's day, for the rota's project), linked to the sign-up (which the caller saves).
    `status`: the entry's status, and who decided it and when where it is approved."""
    entry = HourEntry(
        centre_id=shift.centre_id,
        volunteer=signup.volunteer,
        project=shift.rota.project,
        description=str(shift.rota.title)[:200],
        date=timezone.localtime(shift.starts_at).date(),
        hours=hours,
        entered_by_id=actor.user_id,
        **status,
    )
    entry.full_clean()
    entry.save()
    log_change(actor=actor, action="hours.logged", obj=entry, before=None)
    signup.hour_entry = entry
    return entry


def _rounded_hours(start: dt.datetime, end: dt.datetime) -> Decimal:
    """The time between check-in and check-out in hours, to the nearest quarter (at least
    a quarter of an hour, at most 24)."""
    quarters = round((end - start).total_seconds() / 900)
    return min(Decimal(24), max(Decimal("0.25"), Decimal(quarters) / 4))


@transaction.atomic
def shift_check(*, actor: Access, signup: ShiftSignup) -> HourEntry | None:
    """A volunteer checks in at the place (from an hour before the shift until its end), then
    out: the time between becomes one hour entry waiting for the coordinator's approval, tied
    to the sign-up, so holding the shift later does not log it again. Returns the entry at
    check-out (None at check-in)."""
    shift = _locked_shift(signup.shift)
    signup = shift.signups.select_related("volunteer").get(pk=signup.pk)
    if not actor.is_volunteer or signup.volunteer.user_id != actor.user_id:
        raise PermissionDenied
    if signup.status != ShiftSignup.Status.CONFIRMED:
        raise ValidationError(_("You have no place on this shift."))
    if shift.held_at is not None or signup.hour_entry_id is not None:
        raise ValidationError(_("The hours of this shift are already logged."))
    now = timezone.now()
    before = stored_snapshot(signup)
    if signup.checked_in_at is None:
        if not shift.starts_at - CHECK_IN_EARLY <= now <= shift.ends_at:
            raise ValidationError(_("Check in from an hour before the shift starts until it ends."))
        signup.checked_in_at = now
        signup.save(update_fields=["checked_in_at"])
        log_change(actor=actor, action="shift_signup.checked_in", obj=signup, before=before)
        return None
    if now > shift.ends_at + CHECK_OUT_LATE:
        raise ValidationError(_("Too late to check out: ask the coordinator to log the hours."))
    entry = _log_hours(
        actor=actor,
        shift=shift,
        signup=signup,
        hours=_rounded_hours(signup.checked_in_at, now),
        status=HourEntry.Status.PENDING,
    )
    signup.checked_out_at = now
    signup.save(update_fields=["checked_out_at", "hour_entry"])
    log_change(actor=actor, action="shift_signup.checked_out", obj=signup, before=before)
    return entry


class AnswerRefused(ValidationError):
    """The answer cannot be taken (told to the volunteer on the answer page)."""


@transaction.atomic
def shift_answer(
    *, signup_id: int, volunteer_id: int, action: str, channel: str
) -> tuple[ShiftSignup, ShiftSignup | None]:
    """A volunteer's answer to a shift reminder without signing in (a signed link or an SMS
    reply, `channel` "link" or "sms"): "confirm" (I'm coming) records when they said so;
    "cancel" (I can't come) cancels their place and moves the waiting list up, as
    `shift_cancel` does. The answer must be for this volunteer's own sign-up, before the shift
    starts; answering twice changes nothing. Returns the sign-up and who moved up (or None)."""
    found = (
        ShiftSignup.objects.system()
        .filter(pk=signup_id, volunteer_id=volunteer_id)
        .select_related("shift")
        .first()
    )
    if found is None:
        raise AnswerRefused(_("This link is not valid."))
    shift = _locked_shift(found.shift)
    signup = shift.signups.select_related("volunteer").get(pk=found.pk)
    if shift.held_at is not None or timezone.now() >= shift.starts_at:
        raise AnswerRefused(_("The shift has already started, so the link no longer works."))
    data = {"channel": channel, "answer": action}
    if action == "confirm":
        if signup.status != ShiftSignup.Status.CONFIRMED:
            raise AnswerRefused(
                _("You have no place on this shift (cancelled, or on the waiting list).")
            )
        if signup.confirmed_at is None:
            before = stored_snapshot(signup)
            signup.confirmed_at = timezone.now()
            signup.save(update_fields=["confirmed_at"])
            log_change(
                actor=Access.system(),
                action="shift_signup.confirmed",
                obj=signup,
                before=before,
                data=data,
            )
        return signup, None
    if action != "cancel":
        raise AnswerRefused(_("This link is not valid."))
    if signup.status == ShiftSignup.Status.CANCELLED:
        return signup, None
    log_action(actor=Access.system(), action="shift_signup.answered", obj=signup, data=data)
    moved = _cancel_locked(actor=Access.system(), shift=shift, signup=signup)
    return signup, moved


def _cancel_locked(*, actor: Access, shift: Shift, signup: ShiftSignup) -> ShiftSignup | None:
    """Cancel a sign-up of a locked shift and give a freed place to the waiting list."""
    before = stored_snapshot(signup)
    had_place = signup.status == ShiftSignup.Status.CONFIRMED
    signup.status = ShiftSignup.Status.CANCELLED
    signup.save(update_fields=["status"])
    log_change(actor=actor, action="shift_signup.cancelled", obj=signup, before=before)
    if not had_place:
        return None
    moved = _move_up(actor=actor, shift=shift)
    return moved[0] if moved else None


def _move_up(*, actor: Access, shift: Shift) -> list[ShiftSignup]:
    """Give the free places of a (locked) shift to the waiting list, first come first, and
    tell each by e-mail."""
    free = shift.capacity - shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).count()
    if free <= 0:
        return []
    waiting = list(
        shift.signups.filter(status=ShiftSignup.Status.WAITING)
        .select_related("volunteer")
        .order_by("listed_at", "pk")[:free]
    )
    for signup in waiting:
        before = stored_snapshot(signup)
        signup.status = ShiftSignup.Status.CONFIRMED
        signup.save(update_fields=["status"])
        log_change(actor=actor, action="shift_signup.moved_up", obj=signup, before=before)
        send(
            to=signup.volunteer.email,
            template="shift_moved_up",
            context={"volunteer": signup.volunteer, "shift": shift},
        )
    return waiting


@transaction.atomic
def shift_update(*, actor: Access, shift: Shift, capacity: int) -> list[ShiftSignup]:
    """Change a shift's number of places. More places go to the waiting list at once (those
    moved up are returned); fewer places never take a place from someone who has one."""
    check_change(actor, shift)
    shift = _locked_shift(shift)
    if shift.held_at is not None:
        raise ValidationError(_("This shift is already held."))
    taken = shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).count()
    if capacity < taken:
        raise ValidationError(
            {
                "capacity": _(
                    "%(taken)s volunteers have a place: take someone off the shift first."
                )
                % {"taken": taken}
            }
        )
    before = stored_snapshot(shift)
    shift.capacity = capacity
    shift.full_clean()
    shift.save(update_fields=["capacity"])
    log_change(actor=actor, action="shift.updated", obj=shift, before=before)
    return _move_up(actor=actor, shift=shift)


@transaction.atomic
def shift_hold(*, actor: Access, shift: Shift, absent: Iterable[int] = ()) -> list[HourEntry]:
    """Turn a held shift into logged hours in one step: one approved hour entry for each
    volunteer who came (everyone coming, except the sign-up ids in `absent`), dated on the
    shift's day, for the rota's project. A shift is held once, so its hours are logged once."""
    check_change(actor, shift)
    shift = _locked_shift(shift)
    if shift.held_at is not None:
        raise ValidationError(_("The hours of this shift are already logged."))
    if shift.starts_at > timezone.now():
        raise ValidationError(_("A shift can be marked as held once it has started."))
    absent = set(absent)
    entries = []
    now = timezone.now()
    came = shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).select_related("volunteer")
    for signup in came:
        # Checked out already: their hours are logged (waiting for approval), once.
        if signup.pk in absent or signup.hour_entry_id:
            continue
        entry = _log_hours(
            actor=actor,
            shift=shift,
            signup=signup,
            hours=shift.hours,
            status=HourEntry.Status.APPROVED,
            decided_by_id=actor.user_id,
            decided_at=now,
        )
        signup.save(update_fields=["hour_entry"])
        entries.append(entry)
    shift.held_at = now
    shift.save(update_fields=["held_at"])
    log_action(
        actor=actor,
        action="shift.held",
        obj=shift,
        changes={"held_at": [None, now.isoformat()]},
        data={"volunteers": len(entries), "absent": len(absent)},
    )
    return entries
