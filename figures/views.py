"""Pages that present figures: the target dashboard and the project's page (its figures per
year with goals and budget). They read the engine and the activities app's selectors, so they
live here, above activities; their URLs stay in the `activities` namespace (figures.urls,
composed in frivillig/urls.py)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import selectors
from core import charts
from core.models import Role
from core.permissions import get_access, get_object_for_user, role_required
from projects import selectors as project_selectors

from . import presenters
from .engine import Pair


@role_required(Role.COORDINATOR, Role.ASSOCIATION, Role.MUNICIPALITY)
def project_detail(request: HttpRequest, project_pk: int) -> HttpResponse:
    access = get_access(request)
    project = get_object_for_user(
        request, project_selectors.project_detail(access=access), pk=project_pk
    )
    today = timezone.localdate()
    years = selectors.project_years(access=access, project=project, until=today.year)
    figures = presenters.project_figures(project=project, years=years, today=today)
    return render(
        request,
        "figures/project_detail.html",
        {
            "project": project,
            "can_edit": project.is_editable_by(access),
            "year": today.year,
            "figures": figures,
            "per_year": _figures_per_year(figures),
            "goals": project_selectors.goals_of(access=access, project=project, years=years),
            "budget": project_selectors.budget_of(access=access, project=project),
        },
    )


def _printed(pair: Pair) -> tuple:
    return (pair.counted, pair.reported, pair.approximate)


def _figures_per_year(figures: presenters.ProjectFigures) -> dict:
    """The project's figures with the years as rows, so any number of years fits a narrow
    screen: keys (the figures that have data), years [(year, [pair per key])] for the years
    with any figure, and period (the whole period's pairs), None where it would only repeat
    the one year shown.
    """
    rows = figures.rows
    years = [
        (year, [cells[index] for _key, cells, _total in rows])
        for index, year in enumerate(figures.years)
        if any(cells[index].has_data for _key, cells, _total in rows)
    ]
    period: list[Pair] | None
    period = [total for _key, _cells, total in rows]
    if len(years) == 1:
        # The other years have nothing: what the period lacks is the one year's figure.
        cells = years[0][1]
        period = [
            total if total.has_data else cell for total, cell in zip(period, cells, strict=True)
        ]
        if all(
            _printed(total) == _printed(cell) for total, cell in zip(period, cells, strict=True)
        ):
            period = None
    return {"keys": [key for key, _cells, _total in rows], "years": years, "period": period}


@role_required(Role.COORDINATOR, Role.ASSOCIATION, Role.MUNICIPALITY)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Progress against the year's targets for one project: read-only for municipality viewers;
    association users see their own projects."""
    access = get_access(request)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    if not 1990 <= year <= 2100:
        raise Http404
    # Every project's pace, the main project (largest activity target) first: the overview
    # doubles as the project picker, and the page opens on the main project.
    overview = presenters.projects_pace(
        projects=project_selectors.projects_managed(access=access),
        centre_ids=access.centre_ids,
        year=year,
        today=today,
    )
    projects = [row.project for row in overview]
    project = None
    wanted = request.GET.get("project")
    if wanted:
        project = next((p for p in projects if str(p.pk) == wanted), None)
        if project is None:
            raise Http404
    elif projects:
        project = projects[0]
    context: dict[str, Any] = {
        "projects": projects,
        "overview": overview,
        "project": project,
        "year": year,
        "today": today,
    }
    if project is not None:
        progress = presenters.year_progress(project=project, year=year, today=today)
        context["progress"] = progress
        note = _("The table below gives the same figures.")
        context["activity_chart"] = charts.month_bars(
            [m.activities for m in progress.months],
            [m.target_activities for m in progress.months],
            title=_("Activities per month against the target line"),
            note=note,
            figure="activities.held",
        )
        target_average = progress.metric("participants.average").target
        context["participant_chart"] = charts.month_bars(
            [m.average_participants for m in progress.months],
            [target_average] * 12,
            title=_("Average participants per activity per month against the target"),
            note=note,
            figure="participants.average",
            decimals=1,
        )
        context["month_rows"] = [(m, charts.month_label(m.month)) for m in progress.months]
    context["years"] = range(today.year + 1, today.year - 5, -1)
    return render(request, "figures/dashboard.html", context)
