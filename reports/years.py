"""Years side by side: for a centre, an organisation, a municipality and each of its districts,
every year with data in one table (the figures engine, `figures.catalogue.YEARS_FIGURES`), a
chart, CSV and Excel, and a "years" PDF for the municipality.

Whose years: a coordinator reads the centre's (or, with `?organisation=`, one organisation's
of the centre); an association user its own organisation's; a municipality viewer its
municipality's centres (or one district's: the `?district=` every municipality page carries,
core.permissions.get_access). The figures are computed once for all the years: the queries do
not grow with the number of years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core import charts, exports, formatting
from core.models import Centre, District, Municipality, Role
from core.pdf import html_to_pdf
from core.permissions import Access, get_access, role_required, visible
from figures.catalogue import YEARS_FIGURES, definition
from figures.engine import Figures, Pair, Scope, compute
from organisations.models import Organisation

STATIC_DIR = Path(settings.BASE_DIR) / "static"
PRINT_CSS = STATIC_DIR / "css" / "print.css"


@dataclass
class YearsTable:
    """What the page, the downloads and the PDF print: the scope's name, its years and one row
    per figure (its key, label and a Pair per year)."""

    title: str
    scope: Scope
    years: list[int]
    rows: list[dict[str, Any]]
    figures: Figures | None

    @property
    def has_data(self) -> bool:
        return bool(self.years)


def _scope(request: HttpRequest) -> tuple[Scope, str]:
    """The scope the user asks for and may read, and its name."""
    access = get_access(request)
    if access.is_municipality:
        municipality = get_object_or_404(Municipality, pk=access.municipality_id)
        if access.district_id is not None:
            district = get_object_or_404(District, pk=access.district_id)
            return Scope.of_district(district, access.centre_ids), str(district)
        return Scope.of_centres(access.centre_ids), municipality.name
    if access.is_association:
        organisation = visible(request, Organisation).order_by("pk").first()
        if organisation is None:
            raise Http404
        return Scope.of_association(organisation), organisation.name
    centre = get_object_or_404(Centre, pk=access.centre_id)
    number = request.GET.get("organisation", "")
    if number.isdigit() and len(number) < 10:
        organisation = get_object_or_404(visible(request, Organisation), pk=int(number))
        return Scope.of_association(organisation), organisation.name
    return Scope.of_centre(centre), centre.name


def years_table(scope: Scope, title: str, *, today: dt.date) -> YearsTable:
    """Every year with data of `scope`, each figure counted (or recorded) and, where the
    organisations reported their own, reported."""
    figures = compute(scope, years=None, today=today, keys=YEARS_FIGURES, reported_years=True)
    if not figures.years:
        return YearsTable(title, scope, [], [], None)
    years = [year for year in figures.years if figures.has_data(year)]
    rows = []
    for key in YEARS_FIGURES:
        cells = [figures.year_pair(key, year) for year in years]
        if any(cell.has_data for cell in cells):
            rows.append({"key": key, "label": definition(key).label, "cells": cells})
    return YearsTable(title, scope, years, rows, figures)


def _chart(table: YearsTable, key: str, title: str) -> SafeString | str:
    """One figure's row of the table as bars, a year a bar (nothing when the row is absent)."""
    row = next((r for r in table.rows if r["key"] == key), None)
    if row is None:
        return ""
    return charts.hbars(
        [(str(year), cell.value) for year, cell in zip(table.years, row["cells"], strict=True)],
        title=title,
        figure=key,
        decimals=definition(key).decimals,
    )


def _value(pair: Pair) -> Any:
    return pair.value if pair.value is None else formatting.as_number(pair.value, pair.decimals)


def _download_rows(table: YearsTable) -> tuple[list[str], list[list[Any]]]:
    """One row per figure and kind (counted, reported), one column per year; the figure's key
    in the first columns, so every number can be traced to its definition."""
    header = [_("Figure"), _("Key"), _("Counted or reported"), *map(str, table.years)]
    rows: list[list[Any]] = []
    for row in table.rows:
        cells = row["cells"]
        if any(c.counted is not None for c in cells):
            rows.append(
                [
                    str(row["label"]),
                    row["key"],
                    _("counted"),
                    *[_count(c.counted, c) for c in cells],
                ]
            )
        if any(c.reported is not None for c in cells):
            rows.append(
                [
                    str(row["label"]),
                    row["key"],
                    _("reported"),
                    *[_count(c.reported, c) for c in cells],
                ]
            )
    return header, rows


def _count(value: Any, pair: Pair) -> Any:
    return None if value is None else formatting.as_number(value, pair.decimals)


def years_pdf(table: YearsTable, *, language: str) -> bytes:
    """The years as a tagged, archivable PDF (the one renderer, core.pdf: PDF/A-2a claiming
    PDF/UA-1, the reports' print stylesheet)."""
    with translation.override(language):
        html = render_to_string(
            "reports/pdf/years.html",
            {
                "table": table,
                "tables": _split(table),
                "print_css": PRINT_CSS.as_uri(),
                "generated_at": timezone.localtime(),
                "hours_per_fte": settings.HOURS_PER_FTE,
                "LANGUAGE_CODE": language,
            },
        )
    return html_to_pdf(html, base_url=str(STATIC_DIR))


YEARS_PER_TABLE = 6


def _split(table: YearsTable) -> list[dict[str, Any]]:
    """The years in tables of at most YEARS_PER_TABLE columns (an A4 page's width)."""
    parts = []
    for start in range(0, len(table.years), YEARS_PER_TABLE):
        stop = start + YEARS_PER_TABLE
        parts.append(
            {
                "years": table.years[start:stop],
                "rows": [{**row, "cells": row["cells"][start:stop]} for row in table.rows],
            }
        )
    return parts


@role_required(Role.COORDINATOR, Role.ASSOCIATION, Role.MUNICIPALITY)
def years(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """The years side by side (page, CSV, Excel; the PDF for the municipality)."""
    access: Access = get_access(request)
    scope, title = _scope(request)
    table = years_table(scope, title, today=timezone.localdate())
    filename = f"frivillig-{_('years')}-{timezone.localdate():%Y%m%d}"
    if fmt in {"csv", "xlsx"}:
        header, rows = _download_rows(table)
        if fmt == "csv":
            return exports.csv_response(filename, header, rows)
        return exports.xlsx_response(filename, header, rows, sheet_title=_("Years"))
    if fmt == "pdf":
        if not access.is_municipality:
            raise Http404
        response = HttpResponse(
            years_pdf(table, language=translation.get_language() or "nb"),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    if fmt:
        raise Http404
    organisations = []
    if access.is_coordinator:
        organisations = list(
            visible(request, Organisation).filter(is_archived=False).only("pk", "name")
        )
    return render(
        request,
        "reports/years.html",
        {
            "table": table,
            "organisations": organisations,
            "selected_organisation": request.GET.get("organisation", ""),
            "query": request.GET.urlencode(),
            "hours_per_fte": settings.HOURS_PER_FTE,
            "charts": [
                _chart(table, "volunteers.active", _("Active volunteers per year")),
                _chart(table, "activities.held", _("Activities held per year")),
            ],
        },
    )


@role_required(Role.COORDINATOR, Role.MUNICIPALITY)
def national_export(request: HttpRequest) -> HttpResponse:
    """The national statistics in Norges Frivilligsentraler's terms, one row per centre: the
    register's fields and the year's held activities in each of the nine categories (CSV)."""
    from activities.models import NationalCategory
    from cooperation.models import NationalRegisterEntry
    from figures.engine import by_national_category

    access = get_access(request)
    today = timezone.localdate()
    value = request.GET.get("year", "")
    year = int(value) if value.isdigit() and 1990 <= int(value) <= today.year else today.year - 1
    entries = {entry.centre_id: entry for entry in NationalRegisterEntry.objects.visible_to(access)}
    header = [
        _("Volunteer centre"),
        _("Year"),
        _("Ownership form"),
        _("Network"),
        _("The daily manager's position"),
        _("Daily manager"),
        _("Chair"),
        *[f"{label} [activities.held]" for _value, label in NationalCategory.choices],
        f"{_('In total')} [activities.held]",
    ]
    rows = []
    for centre in Centre.objects.filter(pk__in=access.centre_ids).order_by("name"):
        entry = entries.get(centre.pk)
        counts = by_national_category(Scope.of_centre(centre), year=year, today=today)
        rows.append(
            [
                centre.name,
                year,
                entry.get_ownership_display() if entry else "",
                entry.network if entry else "",
                entry.get_manager_position_display() if entry else "",
                entry.daily_manager if entry else "",
                entry.chair if entry else "",
                *[row["activities"] for row in counts],
                sum(row["activities"] for row in counts),
            ]
        )
    return exports.csv_response(f"frivillig-nasjonal-statistikk-{year}", header, rows)
