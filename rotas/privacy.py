"""What the rotas hold about a person: their shift sign-ups. An erased person holds no place:
their shifts to come are given up and go to the waiting list; past sign-ups stay, anonymous."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from core.permissions import Access
from core.privacy import Person, isodate

from .models import ShiftSignup
from .services import signup_give_up


def _signups(person: Person):
    if person.volunteer_id is None:
        return ShiftSignup.objects.none()
    return ShiftSignup.objects.for_centre(person.centre_id).filter(volunteer_id=person.volunteer_id)


def erase(person: Person, actor: Access) -> None:
    upcoming = _signups(person).exclude(status=ShiftSignup.Status.CANCELLED)
    for signup in upcoming.filter(shift__held_at__isnull=True, shift__starts_at__gt=timezone.now()):
        signup_give_up(actor=actor, signup=signup)


def rows(person: Person) -> list[Any]:
    return list(_signups(person))


def export(person: Person) -> dict[str, Any]:
    return {
        "shifts": [
            {
                "rota": s.shift.rota.title,
                "starts": isodate(s.shift.starts_at),
                "ends": isodate(s.shift.ends_at),
                "status": s.status,
                "signed_up": isodate(s.listed_at),
                "hours_logged": str(s.hour_entry.hours) if s.hour_entry else None,
            }
            for s in _signups(person).select_related("shift__rota", "hour_entry")
        ]
    }


def declare_fields() -> None:
    """What the app holds about persons, for the record of processing (core.privacy)."""
    from django.utils.translation import gettext_lazy as _  # noqa: F401

    from core.privacy import declare, declare_not_personal  # noqa: F401
    from volunteers.privacy import REGISTER

    declare(
        "rotas.ShiftSignup",
        ["volunteer"],
        persons="volunteer",
        category="engagement",
        purpose=REGISTER,
        legal_basis="contract",
        retention="hours",
    )
    declare_not_personal("rotas.Rota", ["description"], reason=_("What a rota is"))
