"""What pages and reports show of a project's figures, built from the engine only.

- `project_figures`: a project's counted and reported figures year by year and for its whole
  period (the project page, the final report).
- `year_progress`: one project-year against its targets (the dashboard, the annual report).
- `projects_pace`: every project's activities against its yearly target (the dashboard's
  overview, the start page's card).
Nothing here counts rows: every value comes from `figures.engine`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from core.formatting import quantize
from figures import engine
from figures.catalogue import PROJECT_FIGURES, definition
from figures.engine import Pair, Scope
from figures.targets import Comparison, days_in_year, elapsed_days

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from projects.models import Project

# The figures a project's dashboard and annual report compare with its yearly targets.
TARGETED = [
    "activities.held",
    "participants.average",
    "persons_reached.total",
    "volunteer_hours.on_activities",
]


@dataclass(frozen=True)
class Metric:
    """A figure against its target, with what the project reported for the same period."""

    comparison: Comparison
    reported: Pair | None = None

    def __getattr__(self, name):
        return getattr(self.comparison, name)

    @property
    def label(self) -> StrOrPromise:
        return definition(self.comparison.key).label

    @property
    def done(self):
        return self.comparison.value


@dataclass(frozen=True)
class ProjectFigures:
    """A project's figures per year and for the whole period (see `project_figures`)."""

    project: Project
    years: list[int]
    figures: engine.Figures

    @property
    def logged(self) -> bool:
        return self.figures.logged()

    def year(self, year: int) -> dict[str, Pair]:
        return self.figures.pairs(year)

    @property
    def period(self) -> dict[str, Pair]:
        return self.figures.pairs()

    @property
    def rows(self) -> list[tuple[str, list[Pair], Pair]]:
        """(key, one pair per year, the period's pair) for each figure that has data."""
        result = []
        for key in PROJECT_FIGURES:
            cells = [self.figures.pair(key, year) for year in self.years]
            total = self.figures.pair(key)
            if total.has_data or any(cell.has_data for cell in cells):
                result.append((key, cells, total))
        return result

    @property
    def has_reported(self) -> bool:
        return self.figures.has_reported


def project_figures(*, project, years, today: dt.date) -> ProjectFigures:
    """Counted and reported figures of a project over `years` (two queries per source)."""
    years = list(years)
    figures = engine.compute(
        Scope.of_project(project), years=years, today=today, keys=engine.ACTIVITY_KEYS
    )
    return ProjectFigures(project=project, years=years, figures=figures)


@dataclass(frozen=True)
class YearProgress:
    """The dashboard's figures for one project and year."""

    project: Project
    year: int
    today: dt.date
    days_in_year: int
    elapsed_days: int
    metrics: list[Metric]
    months: list[engine.Month] = field(default_factory=list)
    target: object | None = None
    figures: dict[str, Pair] = field(default_factory=dict)
    participants_total: int = 0

    @property
    def finished(self) -> bool:
        return self.today > dt.date(self.year, 12, 31)

    @property
    def reported(self) -> list[Pair]:
        return [pair for pair in self.figures.values() if pair.reported is not None]

    @property
    def year_percent_elapsed(self) -> Decimal:
        return quantize(Decimal(self.elapsed_days) * 100 / self.days_in_year, 1)

    def metric(self, key: str) -> Metric:
        return next(metric for metric in self.metrics if metric.key == key)

    @property
    def activities(self) -> Metric:
        return self.metric("activities.held")

    @property
    def average_participants(self) -> Metric:
        return self.metric("participants.average")

    @property
    def persons_reached(self) -> Metric:
        return self.metric("persons_reached.total")

    @property
    def volunteer_hours(self) -> Metric:
        return self.metric("volunteer_hours.on_activities")


def target_metrics(figures: engine.Figures, year: int) -> list[Metric]:
    """A project's figures of `year` that have targets (`TARGETED`), each against its target
    and with what the project reported for the year (the dashboard, the annual report)."""
    metrics = []
    for key in TARGETED:
        pair = figures.pair(key, year)
        metrics.append(
            Metric(figures.compare(key, year), reported=pair if pair.reported is not None else None)
        )
    return metrics


def year_progress(*, project, year: int, today: dt.date) -> YearProgress:
    """Done, target, percentage, and (while the year runs) forecast and pace, for one
    project-year (`figures.targets.Comparison`). The engine's reads plus one for the months."""
    figures = engine.compute(
        Scope.of_project(project), years=[year], today=today, keys=engine.ACTIVITY_KEYS
    )
    target = figures.year_target(year)
    months = engine.months(
        Scope.of_project(project),
        year=year,
        today=today,
        target_activities=getattr(target, "activities", None),
    )
    return YearProgress(
        project=project,
        year=year,
        today=today,
        days_in_year=days_in_year(year),
        elapsed_days=elapsed_days(dt.date(year, 1, 1), dt.date(year, 12, 31), today),
        metrics=target_metrics(figures, year),
        months=months,
        target=target,
        figures=figures.pairs(year),
        participants_total=figures.get("participants.total", year) or 0,
    )


# What the municipality's overview of its centres shows (reports.figures.municipality_overview,
# the overview page and the municipality's start page): the engine reads only these sources.
OVERVIEW_KEYS = [
    *sorted(engine.ACTIVITY_KEYS),
    "volunteer_hours.total",
    "volunteers.registered",
    "volunteers.active",
    "volunteers.with_own_hours",
]


@dataclass(frozen=True)
class ProjectPace:
    """One project's activities of a year against its target (`projects_pace`)."""

    project: Project
    activities: Metric

    @property
    def off_pace(self) -> bool:
        return self.activities.status == "behind"


def projects_pace(
    *, projects, centre_ids, year: int, today: dt.date, figures: engine.Figures | None = None
) -> list[ProjectPace]:
    """Each project's activities held in `year` against its yearly target, the main project
    first: the largest activity target, then the most activities held (the centre's ordinary
    operation first among equals), then by name. The engine's reads, by project (`figures`:
    those a page has read already, `compute(..., years=[year], by="project")` of the same
    centres with "activities.held" among their keys)."""
    projects = list(projects)
    if not projects:
        return []
    if figures is None:
        figures = engine.compute(
            Scope.of_centres(centre_ids),
            years=[year],
            today=today,
            keys=["activities.held"],
            by="project",
        )
    rows = []
    for project in projects:
        comparison = figures.group(project.pk).compare("activities.held", year)
        rows.append(ProjectPace(project, Metric(comparison)))
    rows.sort(
        key=lambda row: (
            -(row.activities.target or 0),
            -(row.activities.done or 0),
            not row.project.is_operations,
            row.project.name,
        )
    )
    return rows
