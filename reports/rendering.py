"""Turning figures and narratives into HTML (the preview) and PDF (WeasyPrint, A4, tagged)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import charts
from core.pdf import html_to_pdf

from . import figures
from .models import Narrative, ReportKind

STATIC_DIR = Path(settings.BASE_DIR) / "static"
PRINT_CSS = STATIC_DIR / "css" / "print.css"


@dataclass(frozen=True)
class ReportParams:
    """What identifies a report: the same parameters give the same document."""

    centre: Any
    kind: str
    year: int
    project: Any = None
    language: str = "nb"


def narrative_for(params: ReportParams) -> Narrative | None:
    year = 0 if params.kind == ReportKind.FINAL else params.year
    return (
        Narrative.objects.for_centre(params.centre)
        .filter(kind=params.kind, year=year, project=params.project)
        .first()
    )


def report_context(params: ReportParams) -> dict[str, Any]:
    """Everything the report templates print, in the report's language."""
    narrative = narrative_for(params)
    data: figures.FinalFigures | figures.AnnualFigures
    if params.kind == ReportKind.FINAL:
        if params.project is None:
            raise figures.ReportError(_("A final report needs a project."))
        data = figures.final_figures(centre=params.centre, project=params.project, year=params.year)
        title = _("Final report")
        subtitle = params.project.name
        chart_svgs: dict[str, Any] = {}
        extra: dict[str, Any] = {
            "total_fte": data.total_fte,
            "year_tables": year_tables(data),
        }
    else:
        data = figures.annual_figures(
            centre=params.centre, year=params.year, project=params.project
        )
        title = _("Annual evaluation %(year)s") % {"year": params.year}
        subtitle = params.project.name if params.project else params.centre.name
        chart_svgs = {
            "monthly": charts.month_bars(
                [m.activities for m in data.months],
                [m.target for m in data.months],
                title=_("Activities per month against the target")
                if params.project
                else _("Activities per month"),
                note=_("The table below gives the same figures."),
                figure="activities.held",
                style=charts.PRINT,
                legend=(_("Activities held"), _("Target per month")),
            ),
            "category": charts.hbars_svg(
                [(row.label, row.activities) for row in data.by_category],
                title=_("Activities by category"),
                note=_("The table below gives the same figures."),
                figure="activities.held",
            ),
        }
        extra = {}
    sections = narrative.sections() if narrative else _empty_sections(params.kind)
    return {
        "params": params,
        "kind": params.kind,
        "is_final": params.kind == ReportKind.FINAL,
        "figures": data,
        "centre": params.centre,
        "project": params.project,
        "year": params.year,
        "title": title,
        "subtitle": subtitle,
        "charts": chart_svgs,
        "narrative": narrative,
        "sections": sections,
        "is_draft": narrative is None or narrative.is_draft,
        "generated_at": timezone.localtime(),
        "print_css": PRINT_CSS.as_uri(),
        "LANGUAGE_CODE": params.language,
        **extra,
    }


# Beyond this many year columns an A4 page gets crowded: the years are split over tables.
YEARS_PER_TABLE = 6


# A cell is a plain value or a figure that may be counted, reported or both (FigurePair).
def _printed(value: Any) -> Any:
    if hasattr(value, "has_data"):
        return (value.counted, value.reported, value.approximate)
    return value


def _has_value(value: Any) -> bool:
    return value.has_data if hasattr(value, "has_data") else value is not None


def year_tables(data: figures.FinalFigures) -> list[dict[str, Any]]:
    """The final report's "Figures year by year" (`FinalFigures.results_table`), laid out to fit
    A4: at most YEARS_PER_TABLE year columns per table, the total in the last one.

    Each table: years (YearColumn), first and last year, rows (the row dicts with their cells
    for those years; rows with nothing in them left out) and `total` (whether it has a Total
    column). With one year shown, a total the period lacks is that year's figure (the other
    years have nothing), and the Total column is left out where it would repeat the year.
    """
    shown = data.shown_years
    rows = data.results_table
    if not shown or not rows:
        return []
    if len(shown) == 1:
        rows = [
            {**row, "total": row["cells"][0]}
            if "total" in row and not _has_value(row["total"])
            else row
            for row in rows
        ]
    with_total = len(shown) > 1 or any(
        "total" in row and _printed(row["total"]) != _printed(row["cells"][0]) for row in rows
    )
    count = -(-len(shown) // YEARS_PER_TABLE)  # tables, as even as can be
    size = -(-len(shown) // count)
    tables = []
    for start in range(0, len(shown), size):
        last = start + size >= len(shown)
        part = []
        for row in rows:
            cells = row["cells"][start : start + size]
            keeps_total = last and with_total and _has_value(row.get("total"))
            if any(_has_value(cell) for cell in cells) or keeps_total:
                part.append({**row, "cells": cells})
        tables.append(
            {
                "years": shown[start : start + size],
                "first": shown[start].year,
                "last": shown[min(start + size, len(shown)) - 1].year,
                "rows": part,
                "total": last and with_total,
            }
        )
    return tables


def _empty_sections(kind: str) -> list[tuple[str, str, str]]:
    return [
        (name, str(cast(models.Field, Narrative._meta.get_field(name)).verbose_name), "")
        for name in Narrative.section_names(kind)
    ]


def render_html(params: ReportParams, *, template: str = "reports/pdf/report.html") -> str:
    with translation.override(params.language):
        return render_to_string(template, report_context(params))


def render_pdf(params: ReportParams, *, progress: Callable[[int], None] | None = None) -> bytes:
    """The report as PDF bytes (core.pdf: tagged PDF/A-2a and PDF/UA-1). `progress(per_cent)`
    is told how far it has come."""

    def step(value: int) -> None:
        if progress is not None:
            progress(value)

    with translation.override(params.language):
        context = report_context(params)
        step(30)
        html = render_to_string("reports/pdf/report.html", context)
        step(50)
        return html_to_pdf(html, base_url=str(STATIC_DIR), progress=step)
