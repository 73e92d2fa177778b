"""CSV and Excel export of the activity list: the rows the list shows, nothing more."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext as _

from core.exports import csv_response, xlsx_response

from .models import Activity


def _headers(with_notes: bool = True) -> list[str]:
    headers = [
        _("Date"),
        _("Start"),
        _("End"),
        _("Title"),
        _("Project"),
        _("Category"),
        _("Organiser"),
        _("Place"),
        _("Participants"),
        _("New"),
        _("Returning"),
        _("Volunteers"),
        _("Volunteer hours"),
        _("Cancelled"),
        _("Note"),
    ]
    return headers if with_notes else headers[:-1]


def _row(activity: Activity, with_notes: bool = True) -> list:
    row = [
        activity.date,
        activity.start_time.strftime("%H:%M") if activity.start_time else "",
        activity.end_time.strftime("%H:%M") if activity.end_time else "",
        activity.title,
        activity.project.name,
        activity.category.label,
        activity.organiser.name if activity.organiser else _("The centre itself"),
        activity.place,
        activity.participants,
        activity.participants_new,
        activity.participants_returning,
        activity.volunteer_count,
        activity.volunteer_hours,
        _("Yes") if activity.cancelled else _("No"),
        activity.note,
    ]
    return row if with_notes else row[:-1]


def _csv_row(activity: Activity, with_notes: bool = True) -> list:
    """CSV has no cell types: the date and the hours are written the Norwegian way."""
    row = _row(activity, with_notes)
    row[0] = activity.date.strftime("%d.%m.%Y")
    row[12] = str(activity.volunteer_hours).replace(".", ",")
    return row


def export_csv(
    activities: Iterable[Activity], filename: str, *, with_notes: bool = True
) -> HttpResponse:
    rows = (_csv_row(a, with_notes) for a in activities)
    return csv_response(filename, _headers(with_notes), rows)


def export_xlsx(
    activities: Iterable[Activity], filename: str, *, with_notes: bool = True
) -> HttpResponse:
    rows = (_row(a, with_notes) for a in activities)
    return xlsx_response(filename, _headers(with_notes), rows, sheet_title=_("Activities"))
