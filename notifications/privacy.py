"""What the reminder log holds about a person: the address or number each reminder went to
(the text is never kept once sent). Erasing the person blanks them and drops queued SMS."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from core.permissions import Access
from core.privacy import Person

from .models import Delivery


def _of(person: Person):
    recipients = []
    if person.volunteer_id:
        recipients.append(f"volunteer:{person.volunteer_id}")
    if person.user_id:
        recipients.append(f"user:{person.user_id}")
    to = [*person.emails, *person.phones]
    return Delivery.objects.for_centre(person.centre_id).filter(
        Q(recipient__in=recipients) | Q(to__in=[v for v in to if v])
    )


def erase(person: Person, actor: Access) -> None:
    deliveries = _of(person)
    deliveries.filter(status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.FAILED, last_error="erased"
    )
    deliveries.update(to="", text="")


def export(person: Person) -> dict[str, Any]:
    return {
        "reminders_sent": [
            {
                "time": d.created_at.isoformat(),
                "reminder": d.kind,
                "channel": d.channel,
                "to": d.to,
                "status": d.status,
            }
            for d in _of(person).order_by("created_at")
        ]
    }


def declare_fields() -> None:
    """What the reminders hold about persons (core.privacy)."""
    from django.utils.translation import gettext_lazy as _

    from core.privacy import declare, declare_retention

    reminding = _("Reminding volunteers and staff of shifts, follow-ups and confirmations")
    declare_retention(
        "reminders",
        _("The log of reminders sent: REMINDER_LOG_RETENTION_DAYS (180) days (nightly job)"),
        task="notifications.purge_deliveries",
    )
    declare(
        "notifications.Delivery",
        ["recipient", "to", "text"],
        persons="recipient",
        category="communication",
        purpose=reminding,
        legal_basis="legitimate_interest",
        retention="reminders",
        recipients=[_("The e-mail provider and the SMS gateway (sub-processors)")],
    )
    declare(
        "notifications.OptOut",
        ["user"],
        persons="any_user",
        category="profile",
        purpose=_("Not sending reminders to those who said no"),
        legal_basis="legitimate_interest",
        retention="account",
    )
