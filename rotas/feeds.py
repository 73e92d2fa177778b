"""A volunteer's own shifts as an iCalendar feed at a secret address (RFC 5545, written with the
`icalendar` library; Europe/Oslo times with the zone's VTIMEZONE).

The feed names the shifts and the rota, never other volunteers. Shifts the person cancelled
are left out; shifts where they wait for a place are marked tentative.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.ical import calendar_bytes
from volunteers.models import Volunteer

from .models import ShiftSignup

PRODID = "-//Frivillig//My shifts//NO"
# How far back the feed reaches: recent shifts stay in the calendar a while.
PAST = dt.timedelta(days=60)


def shift_calendar(volunteer: Volunteer, *, host: str) -> bytes:
    """The volunteer's shifts from two months ago on, as iCalendar bytes."""
    zone = ZoneInfo(settings.TIME_ZONE)
    signups = (
        volunteer.shift_signups.exclude(status=ShiftSignup.Status.CANCELLED)
        .filter(shift__starts_at__gte=timezone.now() - PAST)
        .select_related("shift__rota")
        .order_by("shift__starts_at")
    )
    return calendar_bytes(
        prodid=PRODID,
        name=_("My shifts"),
        events=(_event(s, host=host, zone=zone) for s in signups),
    )


def _event(signup: ShiftSignup, *, host: str, zone: ZoneInfo) -> icalendar.Event:
    """One shift; a place on the waiting list is tentative."""
    shift = signup.shift
    event = icalendar.Event()
    event.add("uid", f"shift-{shift.pk}-{signup.pk}@{host}")
    event.add("dtstamp", signup.listed_at)
    event.add("dtstart", shift.starts_at.astimezone(zone))
    event.add("dtend", shift.ends_at.astimezone(zone))
    event.add("summary", shift.rota.title)
    if shift.rota.description:
        event.add("description", shift.rota.description)
    waiting = signup.status == ShiftSignup.Status.WAITING
    event.add("status", "TENTATIVE" if waiting else "CONFIRMED")
    return event
