"""Export of the filtered list to CSV and Excel; cells that could start a formula are escaped."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Organisation

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Prefix a quote to text that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_headers() -> list[str]:
    return [
        _("Name"),
        _("Organisation number"),
        _("Categories"),
        _("District"),
        _("Contact person"),
        _("E-mail"),
        _("Phone"),
        _("Postal address"),
        _("Postal code"),
        _("Postal place"),
        _("Website"),
        _("Members"),
        _("Founding year"),
        _("Needs volunteers now"),
        _("Listed in the public directory"),
        _("Archived"),
        _("Last confirmed"),
    ]


def export_row(organisation: Organisation) -> list[object]:
    yes, no = _("Yes"), _("No")
    confirmed = (
        timezone.localtime(organisation.confirmed_at).strftime("%d.%m.%Y")
        if organisation.confirmed_at
        else ""
    )
    return [
        organisation.name,
        organisation.organisation_number or "",
        ", ".join(rc.category.label for rc in organisation.ranked_categories.all()),
        organisation.district.name if organisation.district else "",
        organisation.contact_name,
        organisation.email,
        organisation.phone,
        organisation.postal_address,
        organisation.postal_code,
        organisation.postal_place,
        organisation.website,
        organisation.member_count if organisation.member_count is not None else "",
        organisation.founded_year or "",
        yes if organisation.needs_volunteers else no,
        yes if organisation.is_public else no,
        yes if organisation.is_archived else no,
        confirmed,
    ]


def _filename(extension: str) -> str:
    return f"foreninger-{timezone.localdate():%Y-%m-%d}.{extension}"


def as_csv(organisations: Iterable[Organisation]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    response.write("\ufeff")  # so Excel opens UTF-8 with æøå intact
    writer = csv.writer(response, delimiter=";")
    writer.writerow(export_headers())
    for organisation in organisations:
        writer.writerow([safe_cell(value) for value in export_row(organisation)])
    return response


def as_xlsx(organisations: Iterable[Organisation]) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Associations")[:31]
    sheet.append(export_headers())
    for organisation in organisations:
        sheet.append([safe_cell(value) for value in export_row(organisation)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response


def template_csv(rows: list[list[str]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="foreninger-mal.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerows(rows)
    return response


def template_xlsx(rows: list[list[str]]) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="foreninger-mal.xlsx"'
    return response
