"""What the activity log holds about a person: notes that name them (participants are only
ever counted, never named, but a note is free text)."""

from __future__ import annotations

from typing import Any

from core.audit import log_action
from core.permissions import Access
from core.privacy import Person

from .models import Activity


def _naming(person: Person) -> list[Activity]:
    return [
        activity
        for activity in Activity.objects.for_centre(person.centre_id)
        .exclude(note="")
        .only("id", "centre_id", "title", "date", "note")
        if person.names_in(activity.note)
    ]


def erase(person: Person, actor: Access) -> None:
    for activity in _naming(person):
        activity.note = person.redact(activity.note)
        activity.save(update_fields=["note"])
        log_action(
            actor=actor, action="activity.redacted", obj=activity, data={"erased_fields": ["note"]}
        )


def export(person: Person) -> dict[str, Any]:
    return {
        "activity_notes_naming_the_person": [
            {"activity": a.title, "date": a.date.isoformat(), "note": a.note}
            for a in _naming(person)
        ]
    }


def declare_fields() -> None:
    """What the activity log holds about persons (core.privacy)."""
    from django.utils.translation import gettext_lazy as _

    from core.privacy import declare, declare_not_personal, declare_retention

    declare_retention(
        "activities",
        _(
            "Activities and projects: kept as the centre's record for the reports; a person "
            "named in a note is taken out when erased"
        ),
    )
    declare(
        "activities.Activity",
        ["note"],
        persons="named_in_text",
        category="free_text",
        purpose=_("Notes on an activity"),
        legal_basis="public_task",
        retention="activities",
    )
    declare(
        "figures.HourYear",
        ["volunteer"],
        persons="volunteer",
        category="engagement",
        purpose=_("Summing the hours given per volunteer and year"),
        legal_basis="contract",
        retention="hours",
    )
    declare_not_personal("activities.ActivityCategory", ["name"], reason=_("A list entry"))
