"""What the hour log holds about a person: their hour entries (kept, anonymous, when the person
is erased, so that yearly totals do not change; the description, free text, is cleared)."""

from __future__ import annotations

from typing import Any

from core.permissions import Access
from core.privacy import Person, isodate

from .models import HourEntry


def _entries(person: Person):
    if person.volunteer_id is None:
        return HourEntry.objects.none()
    return HourEntry.objects.for_centre(person.centre_id).filter(volunteer_id=person.volunteer_id)


def erase(person: Person, actor: Access) -> None:
    _entries(person).update(description="")


def rows(person: Person) -> list[Any]:
    return list(_entries(person))


def export(person: Person) -> dict[str, Any]:
    return {
        "hours": [
            {
                "date": isodate(h.date),
                "hours": str(h.hours),
                "task": h.task.title if h.task else None,
                "activity": h.description,
                "status": h.status,
            }
            for h in _entries(person).select_related("task")
        ]
    }


def declare_fields() -> None:
    """What the app holds about persons, for the record of processing (core.privacy)."""
    from django.utils.translation import gettext_lazy as _  # noqa: F401

    from core.privacy import declare, declare_not_personal  # noqa: F401
    from volunteers.privacy import HOURS

    declare(
        "hours.HourEntry",
        ["volunteer", "description"],
        persons="volunteer",
        category="engagement",
        purpose=HOURS,
        legal_basis="contract",
        retention="hours",
    )
    declare(
        "hours.HourEntry",
        ["entered_by", "decided_by"],
        persons="staff",
        category="log",
        purpose=HOURS,
        legal_basis="legitimate_interest",
        retention="hours",
    )
