"""iCalendar feeds of public activities (RFC 5545, written with the `icalendar` library).

Times are local to Europe/Oslo (TIME_ZONE) with the zone's VTIMEZONE in the feed, so a
calendar shows 18:00 as 18:00 on both sides of a change to or from summer time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from activities.models import Activity
from core.ical import calendar_bytes

PRODID = "-//Frivillig//Public calendar//NO"


def _event(activity: Activity, *, host: str, url: str, zone: ZoneInfo) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"activity-{activity.pk}@{host}")
    event.add("dtstamp", activity.created_at)
    event.add("summary", activity.title)
    if activity.start_time:
        start = dt.datetime.combine(activity.date, activity.start_time, tzinfo=zone)
        event.add("dtstart", start)
        if activity.end_time:
            event.add("dtend", dt.datetime.combine(activity.date, activity.end_time, tzinfo=zone))
    else:
        event.add("dtstart", activity.date)
        event.add("dtend", activity.date + dt.timedelta(days=1))
    if activity.place:
        event.add("location", activity.place)
    event.add("categories", [activity.category.label])
    if activity.organiser is not None:
        event.add("description", activity.organiser.name)
    if activity.cancelled:
        event.add("status", "CANCELLED")
    event.add("url", url)
    return event


def calendar_response(
    request: HttpRequest, *, name: str, activities: Iterable[Activity], url: str
) -> HttpResponse:
    """An `text/calendar` response with one event per activity."""
    zone = ZoneInfo(settings.TIME_ZONE)
    host = request.get_host().split(":")[0]
    absolute = request.build_absolute_uri(url)
    body = calendar_bytes(
        prodid=PRODID,
        name=name,
        events=(_event(activity, host=host, url=absolute, zone=zone) for activity in activities),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response
