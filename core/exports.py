"""CSV and Excel downloads of what a list shows, for every app's exports.

Text a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) gets a leading
single quote, except a phone number in the international form (+47 900 00 000). CSV is UTF-8
with a byte-order mark and semicolons, as Norwegian Excel expects.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from typing import cast

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# "+" then digits and spaces only: a phone number, which no spreadsheet runs as anything but
# the number itself; a visible quote in front of every +47 number would only be noise.
PHONE_NUMBER = re.compile(r"\+[0-9][0-9 ]*")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: object) -> object:
    """Prefix a quote to text that a spreadsheet would read as a formula."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PHONE_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """`filename`.csv with the header row and the rows, every cell made formula-safe."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so Excel opens UTF-8 with æøå intact
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return _attachment(response, f"{filename}.csv")


def xlsx_response(
    filename: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    sheet_title: str = "",
) -> HttpResponse:
    """`filename`.xlsx: a bold, frozen header row; dates shown as 31.12.2013."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = cast(Worksheet, workbook.active)  # a new workbook has its one sheet active
    sheet.title = (sheet_title or filename)[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, f"{filename}.xlsx")
