"""What the hour log holds about a person: their hour entries (kept, anonymous, when the person
is erased, so that yearly totals do not change; the description, free text, is cleared)."""

from __future__ import annotations

from typing import Any

from core.privacy import Person, isodate

from .models import HourEntry


def _entries(person: Person):
    if person.volunteer_id is None:
        return HourEntry.objects.none()
    return HourEntry.objects.for_centre(person.centre_id).filter(volunteer_id=person.volunteer_id)


def erase(person: Person, actor: Any) -> None:
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
