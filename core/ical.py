"""The frame of every iCalendar feed (RFC 5545, written with the `icalendar` library): a
calendar named for its subscribers, in Europe/Oslo (TIME_ZONE), with the zone's VTIMEZONE added
once the events are in, so a calendar shows 18:00 as 18:00 on both sides of a clock change."""

from __future__ import annotations

from collections.abc import Iterable

import icalendar
from django.conf import settings


def calendar_bytes(*, prodid: str, name: str, events: Iterable[icalendar.Event]) -> bytes:
    """A whole feed: the calendar, its events and the time zones they use."""
    cal = icalendar.Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
