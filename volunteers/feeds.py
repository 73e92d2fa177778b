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

from .models import ShiftSignup, Volunteer

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
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("My shifts"))
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for signup in signups:
        shift = signup.shift
        event = icalendar.Event()
        event.add("uid", f"shift-{shift.pk}-{signup.pk}@{host}")
        event.add("dtstamp", signup.listed_at)
        event.add("dtstart", shift.starts_at.astimezone(zone))
        event.add("dtend", shift.ends_at.astimezone(zone))
        event.add("summary", shift.rota.title)
        if shift.rota.description:
            event.add("description", shift.rota.description)
        if signup.status == ShiftSignup.Status.WAITING:
            event.add("status", "TENTATIVE")
        else:
            event.add("status", "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
