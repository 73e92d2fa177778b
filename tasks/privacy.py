"""What tasks and matching hold about a person: their matches and the follow-up notes."""

from __future__ import annotations

from typing import Any

from core.permissions import Access
from core.privacy import Person, isodate

from .models import Match


def _matches(person: Person):
    if person.volunteer_id is None:
        return Match.objects.none()
    return Match.objects.for_centre(person.centre_id).filter(volunteer_id=person.volunteer_id)


def erase(person: Person, actor: Access) -> None:
    # The matches stay (the task's history), without notes that may name the person.
    _matches(person).update(follow_up_notes="")


def rows(person: Person) -> list[Any]:
    return list(_matches(person))


def export(person: Person) -> dict[str, Any]:
    return {
        "matches": [
            {
                "task": m.task.title,
                "status": m.status,
                "started_on": isodate(m.started_on),
                "ended_on": isodate(m.ended_on),
                "next_follow_up_on": isodate(m.next_follow_up_on),
                "follow_up_notes": m.follow_up_notes,
            }
            for m in _matches(person).select_related("task")
        ]
    }


def declare_fields() -> None:
    """What the app holds about persons, for the record of processing (core.privacy)."""
    from django.utils.translation import gettext_lazy as _  # noqa: F401

    from core.privacy import declare, declare_not_personal  # noqa: F401
    from volunteers.privacy import FOLLOW_UP

    declare(
        "tasks.Match",
        ["volunteer", "follow_up_notes"],
        persons="volunteer",
        category="engagement",
        purpose=FOLLOW_UP,
        legal_basis="contract",
        retention="hours",
    )
    declare(
        "tasks.Task",
        ["created_by"],
        persons="staff",
        category="log",
        purpose=FOLLOW_UP,
        legal_basis="legitimate_interest",
        retention="audit_trail",
    )
    declare_not_personal(
        "tasks.Task", ["description"], reason=_("What a task is; names no volunteer")
    )
