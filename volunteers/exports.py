"""Export of what the volunteer list shows, as CSV or Excel, safe against formula injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.translation import gettext as _

from .models import Volunteer

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Prefix a quote to text that a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def volunteer_rows(volunteers: Iterable[Volunteer]) -> tuple[list[str], list[list[object]]]:
    header = [
        _("First name"),
        _("Last name"),
        _("E-mail"),
        _("Phone"),
        _("Birth year"),
        _("Postal code"),
        _("District"),
        _("Status"),
        _("Interests and skills"),
        _("Background groups"),
        _("Weekdays"),
        _("Evenings"),
        _("Weekends"),
        _("Police certificate checked on"),
    ]
    yes, no = _("Yes"), _("No")
    rows = [
        [
            v.first_name,
            v.last_name,
            v.email,
            v.phone,
            v.birth_year or "",
            v.postal_code,
            str(v.district or ""),
            v.get_status_display(),
            ", ".join(i.label for i in v.interests.all()),
            ", ".join(g.label for g in v.background_groups.all()),
            yes if v.available_weekdays else no,
            yes if v.available_evenings else no,
            yes if v.available_weekends else no,
            v.police_certificate_checked_on.isoformat() if v.police_certificate_checked_on else "",
        ]
        for v in volunteers
    ]
    return header, rows


def as_csv(filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so Excel opens æøå correctly
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def as_xlsx(filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = filename[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
