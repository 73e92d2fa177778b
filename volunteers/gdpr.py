"""Everything held about one person, for a GDPR access request (JSON and a readable page)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from core.audit import events_naming
from core.models import AuditEvent, OutgoingMail
from core.privacy import export_everywhere, isodate

from .models import Volunteer


def _event(event: AuditEvent) -> dict[str, Any]:
    return {
        "time": event.created_at.isoformat(),
        "action": event.action,
        "object": event.object_repr,
        "done_by": str(event.actor) if event.actor else event.source,
        "source": event.source,
        "changes": event.changes,
    }


def _account(volunteer: Volunteer) -> dict[str, Any] | None:
    """The login: name, e-mail addresses, when it was made and used, and its login history."""
    from allauth.account.models import EmailAddress

    user = volunteer.user
    if user is None:
        return None
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "active": user.is_active,
        "date_joined": isodate(user.date_joined),
        "last_login": isodate(user.last_login),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
    }


def _login_history(volunteer: Volunteer, addresses: list[str]) -> list[dict[str, Any]]:
    """Logins, logouts and failed logins of the account or with one of the person's addresses
    (the client address and browser included: they are the person's data too)."""
    match = Q(actor_id=volunteer.user_id) if volunteer.user_id else Q(pk__in=[])
    for address in addresses:
        match |= Q(data__email__iexact=address)
    return [
        {
            "time": e.created_at.isoformat(),
            "event": e.action.removeprefix("auth."),
            "email_given": e.data.get("email"),
            "ip_address": e.data.get("ip"),
            "browser": e.data.get("user_agent"),
        }
        for e in AuditEvent.objects.filter(match, action__startswith="auth.").order_by("created_at")
    ]


def volunteer_data(volunteer: Volunteer) -> dict[str, Any]:
    """A plain dictionary of all the data the centre holds about this volunteer: the record,
    the login and its history, the e-mails sent to them, the audit trail about them and what
    they did, and every other place (in any app) whose values name them."""
    from .services import person_of

    person = person_of(volunteer)
    about_them = Q(
        object_type="volunteers.volunteer",
        object_id=str(volunteer.pk),
    )
    if volunteer.user_id:
        about_them |= Q(actor_id=volunteer.user_id)
    trail = AuditEvent.objects.filter(about_them).exclude(action__startswith="auth.")
    own_ids = set(trail.values_list("id", flat=True))
    mentions = [
        e for e in events_naming(person) if e.id not in own_ids and not e.action.startswith("auth.")
    ]
    mails = OutgoingMail.objects.filter(to__in=[a for a in person.emails] or [""]).order_by(
        "created_at"
    )
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
            "registered": isodate(volunteer.created_at),
            "updated": isodate(volunteer.updated_at),
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
            "from": isodate(volunteer.available_from),
            "to": isodate(volunteer.available_to),
        },
        "police_certificate_checked_on": isodate(volunteer.police_certificate_checked_on),
        "police_certificate_requested_on": isodate(volunteer.police_certificate_requested_on),
        "wants_reminders": volunteer.wants_reminders,
        "certificates": [
            {
                "from": isodate(c.period_start),
                "to": isodate(c.period_end),
                "tasks": c.task_lines,
                "signed_by": c.signer_name,
                "made": isodate(c.created_at),
            }
            for c in volunteer.certificates.all()
        ],
        "consents": [
            {
                "version": c.consent_text.version,
                "text": c.consent_text.text,
                "given_at": isodate(c.given_at),
                "channel": c.channel,
                "withdrawn_at": isodate(c.withdrawn_at),
            }
            for c in volunteer.consents.select_related("consent_text")
        ],
        "login": _account(volunteer),
        "login_history": _login_history(volunteer, list(person.emails)),
        "emails_sent": [
            {
                "to": m.to,
                "subject": m.subject,
                "text": m.body,
                "status": m.status,
                "queued": isodate(m.created_at),
                "sent": isodate(m.sent_at),
            }
            for m in mails
        ],
        "audit_trail": [_event(e) for e in trail.select_related("actor").order_by("created_at")],
        "mentioned_in_the_audit_trail": [_event(e) for e in mentions],
        **export_everywhere(person),
    }
