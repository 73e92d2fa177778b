"""CSV and Excel export of the activity list: the rows the list shows, nothing more."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import Activity

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that a spreadsheet would read as a formula gets a leading single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _headers() -> list[str]:
    return [
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


def _row(activity: Activity) -> list:
    return [
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


def export_csv(activities: Iterable[Activity], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so Excel reads æøå right
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(_headers())
    for activity in activities:
        row = _row(activity)
        row[0] = activity.date.strftime("%d.%m.%Y")
        row[12] = str(activity.volunteer_hours).replace(".", ",")
        writer.writerow([safe_cell("" if value is None else value) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def export_xlsx(activities: Iterable[Activity], filename: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Activities")[:31]
    sheet.append(_headers())
    for activity in activities:
        row = [safe_cell(value) for value in _row(activity)]
        sheet.append(row)
        sheet.cell(row=sheet.max_row, column=1).number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
