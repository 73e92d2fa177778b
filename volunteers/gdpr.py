"""Everything held about one person, for a GDPR access request (JSON and a readable page)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import Volunteer


def _date(value) -> str | None:
    return value.isoformat() if value else None


def volunteer_data(volunteer: Volunteer) -> dict[str, Any]:
    """A plain dictionary of all the data the centre holds about this volunteer."""
    user = volunteer.user
    return {
        "exported_at": timezone.now().isoformat(),
        "centre": volunteer.centre.name,
        "person": {
            "first_name": volunteer.first_name,
            "last_name": volunteer.last_name,
            "email": volunteer.email,
            "phone": volunteer.phone,
            "birth_year": volunteer.birth_year,
            "postal_code": volunteer.postal_code,
            "district": str(volunteer.district) if volunteer.district else None,
            "status": volunteer.status,
            "registered": _date(volunteer.created_at),
            "updated": _date(volunteer.updated_at),
            "notes": volunteer.notes,
        },
        "background_groups": [g.name for g in volunteer.background_groups.all()],
        "interests": [i.name for i in volunteer.interests.all()],
        "languages": [lang.name for lang in volunteer.languages.all()],
        "associations": [o.name for o in volunteer.organisations.all()],
        "availability": {
            "weekdays": volunteer.available_weekdays,
            "evenings": volunteer.available_evenings,
            "weekends": volunteer.available_weekends,
            "from": _date(volunteer.available_from),
            "to": _date(volunteer.available_to),
        },
        "police_certificate_checked_on": _date(volunteer.police_certificate_checked_on),
        "consents": [
            {
                "version": c.consent_text.version,
                "text": c.consent_text.text,
                "given_at": _date(c.given_at),
                "channel": c.channel,
                "withdrawn_at": _date(c.withdrawn_at),
            }
            for c in volunteer.consents.select_related("consent_text")
        ],
        "matches": [
            {
                "task": m.task.title,
                "status": m.status,
                "started_on": _date(m.started_on),
                "ended_on": _date(m.ended_on),
                "next_follow_up_on": _date(m.next_follow_up_on),
                "follow_up_notes": m.follow_up_notes,
            }
            for m in volunteer.matches.select_related("task")
        ],
        "hours": [
            {
                "date": _date(h.date),
                "hours": str(h.hours),
                "task": h.task.title if h.task else None,
                "activity": h.description,
                "status": h.status,
            }
            for h in volunteer.hour_entries.select_related("task")
        ],
        "login": {
            "email": user.email,
            "active": user.is_active,
            "last_login": _date(user.last_login),
        }
        if user
        else None,
    }
