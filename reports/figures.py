"""Every figure a report prints, read through the other apps' selectors.

This is the only module of `reports` that reads other apps, and it reads them only through their
selectors (`activities.selectors`, `volunteers.selectors`, `organisations.selectors`,
`core.selectors`): the arrows point from reports to them, never back. Nothing here is a
hard-coded number. What each figure means is written once, in `core.figures`; the pages, the
exports and both PDFs print those words.

Who reads: a report is the centre's, whoever asked for it, and a worker renders it with no user.
The selectors are called with `Access.system([centre])`: the system reader (core.permissions),
limited to that one centre; the operator's command line reads every centre with `Access.system()`.

Counting rules (the same as the dashboard, the hours page and the municipality overview):
- Activities count when held on or before the day the report is made and not cancelled; the
  average is taken over the activities whose participants were counted.
- A project's figures are counted (from the activity log) or reported (typed in by the
  coordinator), or both; both are printed, labelled, where they differ. A project with no
  activity logged in Frivillig says so in one sentence instead of printing zeros.
- Volunteer hours in total = hours logged on activities + approved hours volunteers log
  themselves (`hours_figures`). One hour is in one log only. A project's hours are the hours
  logged on its activities and of its rotas' held shifts; volunteers' other own hours and
  matches belong to the whole centre.
- Årsverk = hours / settings.HOURS_PER_FTE (`core.figures.fte`, two decimals).
- The monthly target line is `core.figures.monthly_target` (the same as the dashboard's).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import selectors as activity_selectors
from core import selectors as core_selectors
from core.figures import fte, monthly_target
from core.models import Centre
from core.permissions import ANONYMOUS, Access
from core.selectors import CentreYearFigures
from organisations import selectors as organisation_selectors
from volunteers import selectors as volunteer_selectors

ONE_DECIMAL = Decimal("0.1")


class ReportError(Exception):
    """A report cannot be made from the data as it is; the message is shown to the user."""


def _round1(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _ratio(numerator: int | Decimal | None, denominator: int | Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return _round1(Decimal(numerator) / Decimal(denominator))


@dataclass
class Measure:
    """A figure of the year against its target. `None` means not recorded / no target.

    `key` names the figure's definition in `core.figures`; `reported` is the figure the project
    reported for the year, where it did.
    """

    key: str
    actual: Decimal | int | None
    target: Decimal | int | None = None
    decimals: int = 0
    reported: activity_selectors.FigurePair | None = None

    @property
    def percent_of_target(self) -> int | None:
        if self.actual is None or not self.target:
            return None
        return int((Decimal(self.actual) * 100 / Decimal(self.target)).to_integral_value())

    @property
    def has_data(self) -> bool:
        return self.actual is not None or self.target is not None or self.reported is not None


@dataclass
class Row:
    """One labelled row of a breakdown table."""

    label: str
    activities: int = 0
    participants: int = 0
    hours: Decimal | None = None

    @property
    def average(self) -> Decimal | None:
        return _ratio(self.participants, self.activities)


@dataclass
class MonthRow:
    month: int
    activities: int
    participants: int
    target: Decimal | None


@dataclass
class ActivityFigures:
    """Activities of one period: held (not cancelled, on or before the report day)."""

    held: int
    cancelled: int
    with_count: int
    participants: int
    hours: Decimal
    # Sum of participants marked new; None when no activity has that count filled in.
    persons_reached: int | None = None
    # Every activity logged in the period, cancelled ones included.
    logged: int = 0

    @property
    def average(self) -> Decimal | None:
        # Only activities whose participants were counted go into the average.
        return _ratio(self.participants, self.with_count)


@dataclass
class TargetFigures:
    activities: int | None
    average_participants: Decimal | None
    persons_reached: int | None
    volunteer_hours: int | None

    @property
    def any(self) -> bool:
        return any(
            value is not None
            for value in (
                self.activities,
                self.average_participants,
                self.persons_reached,
                self.volunteer_hours,
            )
        )


@dataclass
class AssociationFigures:
    total: int
    new_this_year: int
    confirmed_this_year: int
    by_category: list[tuple[str, int]]


@dataclass
class HoursFigures:
    """Volunteer hours of a year, both logs and the total (see `hours_figures`)."""

    year: int
    # Hours logged on activities (the activity log).
    activity_hours: Decimal
    # Approved hours volunteers logged themselves; None for a project (centre only).
    own_hours: Decimal | None
    # How many volunteers those own hours came from.
    with_own_hours: int | None = None

    @property
    def total(self) -> Decimal:
        """Activity hours + approved own hours (different work, so nothing is counted twice)."""
        return self.activity_hours + (self.own_hours or 0)

    @property
    def fte(self) -> Decimal:
        return fte(self.total)


@dataclass
class VolunteerFigures:
    """The centre's volunteers in a year (`volunteers.selectors.volunteer_figures`)."""

    registered: int
    new_this_year: int


@dataclass
class PartnerRow:
    name: str
    sector: str
    role: str
    project: str


@dataclass
class FundingRow:
    project: str
    funder: str
    applied: int | None
    granted: int | None


@dataclass
class Outcome:
    """A named outcome counter of a year ("Had contact with a time-giver: 35")."""

    label: str
    value: int
    approximate: bool = False
    project: str = ""


@dataclass
class OutcomeRow:
    """A named outcome counter over a project's years (None: not counted that year)."""

    label: str
    values: list[int | None]
    approximate: bool = False


@dataclass
class AnnualFigures:
    centre: Centre
    year: int
    project: object | None
    hours_per_fte: int
    activities: ActivityFigures
    targets: TargetFigures
    measures: list[Measure]
    months: list[MonthRow]
    by_category: list[Row]
    by_project: list[Row]
    hours: HoursFigures
    persons_reached: int | None
    partners: list[PartnerRow]
    funding: list[FundingRow]
    outcomes: list[Outcome]
    # The centre's own sections; None in a project's report (they are not the project's).
    associations: AssociationFigures | None = None
    volunteers: VolunteerFigures | None = None
    matches: int | None = None
    state: CentreYearFigures | None = None
    # A project's own sections; None in a centre's report.
    project_figures: activity_selectors.ProjectFigures | None = None
    goals: dict | None = None
    budget: activity_selectors.Budget | None = None
    generated_on: dt.date = field(default_factory=dt.date.today)

    @property
    def funding_granted(self) -> int:
        return sum(row.granted or 0 for row in self.funding)

    @property
    def funding_applied(self) -> int:
        return sum(row.applied or 0 for row in self.funding)

    @property
    def logged(self) -> bool:
        """Whether any activity was logged in Frivillig for the year (cancelled included)."""
        return bool(self.activities.logged)

    @property
    def reported(self) -> list[activity_selectors.FigurePair]:
        if self.project_figures is None:
            return []
        return [
            pair
            for pair in self.project_figures.year(self.year).values()
            if pair.reported is not None
        ]


@dataclass
class YearColumn:
    """One year of a project, for the final report's side-by-side table."""

    year: int
    activities: ActivityFigures
    targets: TargetFigures
    grant: int | None

    @property
    def fte(self) -> Decimal:
        return fte(self.activities.hours)


@dataclass
class FinalFigures:
    centre: Centre
    project: object
    year: int
    hours_per_fte: int
    years: list[YearColumn]
    total: ActivityFigures
    planned_reach: int | None
    # Persons reached over the whole period: counted (new participants) and/or reported.
    reach: activity_selectors.FigurePair
    # Granted NOK per year, every year of the project with a grant: [(2012, 650000), ...].
    grants: list[tuple[int, int]]
    partners: list[PartnerRow]
    outcomes: list[OutcomeRow]
    figures: activity_selectors.ProjectFigures
    goals: dict
    budget: activity_selectors.Budget
    generated_on: dt.date = field(default_factory=dt.date.today)

    @property
    def grants_total(self) -> int | None:
        return sum(amount for _year, amount in self.grants) if self.grants else None

    @property
    def logged(self) -> bool:
        return self.figures.logged

    @staticmethod
    def _percent(value, planned) -> int | None:
        if value is None or not planned:
            return None
        return round(Decimal(value) * 100 / planned)

    @property
    def reach_counted_percent(self) -> int | None:
        return self._percent(self.reach.counted, self.planned_reach)

    @property
    def reach_reported_percent(self) -> int | None:
        return self._percent(self.reach.reported, self.planned_reach)

    @property
    def shown_years(self) -> list[YearColumn]:
        """The years that have any figure, target, grant or result (the rest are left out)."""
        with_outcome = {
            self.years[index].year
            for row in self.outcomes
            for index, value in enumerate(row.values)
            if value is not None
        }
        return [
            column
            for column in self.years
            if column.activities.logged
            or column.targets.any
            or column.grant is not None
            or column.year in with_outcome
            or any(pair.has_data for pair in self.figures.year(column.year).values())
        ]

    @property
    def has_targets(self) -> bool:
        return any(column.targets.any for column in self.years)

    @property
    def results_table(self) -> list[dict]:
        """The rows of "Figures year by year", over `shown_years`, rows with data only.

        Each row: kind ("figure": FigurePair cells; "target", "fte", "grant", "outcome":
        plain values), key (a `core.figures` key where it has one), cells, total, decimals.
        """
        shown = self.shown_years
        rows: list[dict] = []
        for key, _cells, total in self.figures.rows:
            cells = [self.figures.year(column.year)[key] for column in shown]
            rows.append({"kind": "figure", "key": key, "cells": cells, "total": total})
            attribute = _TARGET_OF.get(key)
            targets = [getattr(column.targets, attribute) for column in shown] if attribute else []
            if any(value is not None for value in targets):
                decimals = 1 if key == "average_participants" else 0
                rows.append({"kind": "target", "key": key, "cells": targets, "decimals": decimals})
        if self.logged:
            rows.append(
                {
                    "kind": "fte",
                    "key": "fte",
                    "cells": [column.fte if column.activities.logged else None for column in shown],
                    "total": fte(self.total.hours),
                }
            )
        if self.grants:
            rows.append(
                {
                    "kind": "grant",
                    "key": "grants",
                    "cells": [column.grant for column in shown],
                    "total": self.grants_total,
                }
            )
        positions = [self.years.index(column) for column in shown]
        for outcome in self.outcomes:
            rows.append(
                {
                    "kind": "outcome",
                    "label": outcome.label,
                    "approximate": outcome.approximate,
                    "cells": [outcome.values[index] for index in positions],
                }
            )
        return rows


# The yearly target that belongs to a project figure.
_TARGET_OF = {
    "activities": "activities",
    "average_participants": "average_participants",
    "persons_reached": "persons_reached",
    "activity_hours": "volunteer_hours",
}


# --- Lookups the views and the command need --------------------------------------------------


def centre_by_slug(slug: str) -> Centre:
    return Centre.objects.select_related("municipality").get(slug=slug)


def only_centre() -> Centre:
    centres = list(Centre.objects.select_related("municipality")[:2])
    if len(centres) != 1:
        raise ReportError(_("Name the centre: there is not exactly one."))
    return centres[0]


def centre_for(access: Access) -> Centre | None:
    if access.centre_id is None:
        return None
    return Centre.objects.select_related("municipality").get(pk=access.centre_id)


def projects_of(centre: Centre) -> QuerySet:
    return activity_selectors.project_list(access=Access.system([centre])).order_by(
        "-is_operations", "name"
    )


def no_projects() -> QuerySet:
    """An empty project queryset (a form's choices before the centre is known)."""
    return activity_selectors.project_list(access=ANONYMOUS)


def project_by_slug(centre: Centre, slug: str):
    return projects_of(centre).get(slug=slug)


def projects_by_slug(slug: str) -> list:
    """Projects of any centre with this short name (unique within a centre only)."""
    return list(
        activity_selectors.project_list(access=Access.system())
        .select_related("centre__municipality")
        .filter(slug=slug)[:2]
    )


def all_centres() -> QuerySet[Centre]:
    return Centre.objects.order_by("pk")


# --- Gathering


def _activity_figures(totals: dict) -> ActivityFigures:
    """Figures from `activities.selectors.year_totals` (or `totals_by_year`)."""
    return ActivityFigures(
        held=totals["activities"],
        cancelled=totals["cancelled"],
        with_count=totals["with_count"],
        participants=totals["participants"],
        hours=totals["volunteer_hours"],
        persons_reached=totals["persons_reached"] if totals["with_new"] else None,
        logged=totals["logged"],
    )


def _sum_figures(parts: list[ActivityFigures]) -> ActivityFigures:
    reached = [p.persons_reached for p in parts if p.persons_reached is not None]
    return ActivityFigures(
        held=sum(p.held for p in parts),
        cancelled=sum(p.cancelled for p in parts),
        with_count=sum(p.with_count for p in parts),
        participants=sum(p.participants for p in parts),
        hours=sum((p.hours for p in parts), Decimal(0)),
        persons_reached=sum(reached) if reached else None,
        logged=sum(p.logged for p in parts),
    )


def _targets(targets: list) -> TargetFigures:
    """Targets of one year, summed over the projects (the average weighted by activities)."""

    def total(name: str) -> int | None:
        values = [getattr(t, name) for t in targets if getattr(t, name) is not None]
        return sum(values) if values else None

    weighted = [
        (t.activities, t.average_participants)
        for t in targets
        if t.activities and t.average_participants is not None
    ]
    average = None
    if weighted:
        average = _round1(
            sum(Decimal(n) * avg for n, avg in weighted) / sum(Decimal(n) for n, _avg in weighted)
        )
    elif len(targets) == 1:
        average = targets[0].average_participants
    return TargetFigures(
        activities=total("activities"),
        average_participants=average,
        persons_reached=total("persons_reached"),
        volunteer_hours=total("volunteer_hours"),
    )


def _overlaps(start: dt.date | None, end: dt.date | None, years: range) -> bool:
    first, last = dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)
    return (start is None or start <= last) and (end is None or end >= first)


def _partner_rows(partners, years: range, project_name: str) -> list[PartnerRow]:
    return [
        PartnerRow(
            name=partner.name,
            sector=str(partner.get_kind_display()),
            role=partner.role,
            project=project_name,
        )
        for partner in partners
        if _overlaps(partner.agreement_start, partner.agreement_end, years)
    ]


def hours_figures(
    *, access: Access, year: int, today: dt.date, project=None, activity_hours=None
) -> HoursFigures:
    """Volunteer hours of a year: the one place the two logs are put together.

    activity_hours = hours logged on the activities held (`activities.selectors.year_totals`)
    own_hours      = approved hours the volunteers logged themselves
                     (`volunteers.selectors.volunteer_figures`); for a project, the
                     approved hours of its rotas' held shifts (`project_hours`)
    total          = activity_hours + own_hours;  årsverk = total / settings.HOURS_PER_FTE
    `activity_hours` may be passed in when the caller already read the year's totals.
    """
    if activity_hours is None:
        activity_hours = activity_selectors.year_totals(
            access=access, year=year, today=today, project=project
        )["volunteer_hours"]
    if project is not None:
        # A project's own hours are the hours of its rotas' held shifts (volunteers' other
        # own hours belong to the whole centre); each is in the centre's own hours too.
        return HoursFigures(
            year=year,
            activity_hours=activity_hours,
            own_hours=volunteer_selectors.project_hours(access=access, year=year, project=project),
        )
    own = volunteer_selectors.volunteer_figures(access=access, year=year)
    return HoursFigures(
        year=year,
        activity_hours=activity_hours,
        own_hours=own.hours,
        with_own_hours=own.volunteers_with_hours,
    )


def hours_by_year(*, access: Access, today: dt.date) -> list[HoursFigures]:
    """`hours_figures` for every year with hours in either log, newest first (two queries)."""
    own = {row.year: row for row in volunteer_selectors.hours_per_year(access=access)}
    activity_years = activity_selectors.activity_years(access=access, today=today)
    years = sorted(set(own) | set(activity_years), reverse=True)
    totals = activity_selectors.totals_by_year(access=access, years=years, today=today)
    return [
        HoursFigures(
            year=year,
            activity_hours=totals[year]["volunteer_hours"],
            own_hours=own[year].hours if year in own else Decimal(0),
            with_own_hours=own[year].volunteers if year in own else 0,
        )
        for year in years
    ]


def hours_per_volunteer(*, access: Access, year: int) -> list[dict]:
    """Approved own hours of a year per volunteer (names: for the coordinator's page only)."""
    return volunteer_selectors.hours_per_volunteer(access=access, year=year)


def annual_figures(
    *, centre: Centre, year: int, project=None, today: dt.date | None = None
) -> AnnualFigures:
    """All figures of the annual evaluation of a centre (or one of its projects) for a year.

    A centre's report adds the registry, the volunteers, the matches and the state grant's
    conditions; a project's report leaves those out (they are the centre's) and adds the
    project's reported figures, goals and budget.
    Reads: `project_detail` (projects with targets, partners, grants and outcomes),
    per project `monthly_figures`, `totals_by_project`, `year_totals` of the whole,
    `activities_by_category`, the hours, the volunteer and match selectors and the registry.
    """
    today = today or timezone.localdate()
    access = Access.system([centre])
    years = range(year, year + 1)
    projects = activity_selectors.project_detail(access=access).order_by("-is_operations", "name")
    if project is not None:
        projects = projects.filter(pk=project.pk)
    projects = list(projects)

    counted = _activity_figures(
        activity_selectors.year_totals(access=access, year=year, project=project, today=today)
    )
    targets = _targets([t for p in projects for t in p.targets.all() if t.year == year])

    # Months summed over the projects (a selector per project).
    month_activities = [0] * 12
    month_participants = [0] * 12
    for each in projects:
        target = next((t for t in each.targets.all() if t.year == year), None)
        for month in activity_selectors.monthly_figures(
            access=access, project=each, year=year, today=today, target=target
        ):
            month_activities[month.month - 1] += month.activities
            month_participants[month.month - 1] += month.participants
    by_project: list[Row] = []
    if project is None:
        per_project = activity_selectors.totals_by_project(access=access, year=year, today=today)
        for each in projects:
            totals = per_project.get(each.pk)
            if totals and totals["activities"]:
                by_project.append(
                    Row(
                        label=each.name,
                        activities=totals["activities"],
                        participants=totals["participants"],
                        hours=totals["volunteer_hours"],
                    )
                )
    by_project.sort(key=lambda row: (-row.activities, row.label))
    months = [
        MonthRow(
            month=month,
            activities=month_activities[month - 1],
            participants=month_participants[month - 1],
            target=monthly_target(targets.activities, year, month),
        )
        for month in range(1, 13)
    ]
    by_category = [
        Row(
            label=row["category"].label,
            activities=row["activities"],
            participants=row["participants"],
        )
        for row in activity_selectors.activities_by_category(
            access=access, year=year, project=project, today=today
        )
        if row["activities"]
    ]
    by_category.sort(key=lambda row: -row.activities)

    hours = hours_figures(
        access=access, year=year, today=today, project=project, activity_hours=counted.hours
    )
    project_figures = None
    reported: dict = {}
    if project is not None:
        project_figures = activity_selectors.project_figures(
            access=access, project=project, years=years, today=today
        )
        reported = project_figures.year(year)
    hours_key = "activity_hours" if project is not None else "volunteer_hours"
    measures = [
        Measure(
            "activities", counted.held, targets.activities, reported=reported.get("activities")
        ),
        Measure(
            "average_participants",
            counted.average,
            targets.average_participants,
            decimals=1,
            reported=reported.get("average_participants"),
        ),
        Measure("participants", counted.participants, reported=reported.get("participants")),
        Measure(
            "persons_reached",
            counted.persons_reached,
            targets.persons_reached,
            reported=reported.get("persons_reached"),
        ),
        Measure(hours_key, hours.total, targets.volunteer_hours, reported=reported.get(hours_key)),
        Measure(
            "fte",
            hours.fte,
            None if targets.volunteer_hours is None else fte(targets.volunteer_hours),
            decimals=2,
        ),
    ]
    for measure in measures:
        if measure.reported is not None and measure.reported.reported is None:
            measure.reported = None
    figures = AnnualFigures(
        centre=centre,
        year=year,
        project=project,
        hours_per_fte=settings.HOURS_PER_FTE,
        activities=counted,
        targets=targets,
        measures=measures,
        months=months,
        by_category=by_category,
        by_project=by_project,
        hours=hours,
        persons_reached=counted.persons_reached,
        partners=[row for p in projects for row in _partner_rows(p.partners.all(), years, p.name)],
        funding=[
            FundingRow(
                project=p.name,
                funder=grant.funder,
                applied=grant.applied_nok,
                granted=grant.granted_nok,
            )
            for p in projects
            for grant in p.grants.all()
            if grant.year == year
        ],
        outcomes=[
            Outcome(
                label=outcome.name,
                value=outcome.value,
                approximate=outcome.is_approximate,
                project=p.name,
            )
            for p in projects
            for outcome in p.outcomes.all()
            if outcome.year == year
        ],
        project_figures=project_figures,
    )
    if project is None:
        volunteers = volunteer_selectors.volunteer_figures(access=access, year=year)
        figures.volunteers = VolunteerFigures(
            registered=volunteers.volunteers, new_this_year=volunteers.new_volunteers
        )
        figures.matches = volunteer_selectors.matches_made(access=access, year=year)
        figures.associations = _association_figures(access, year)
        figures.state = core_selectors.centre_year_figures(centre=centre, year=year)
    else:
        figures.goals = activity_selectors.goals_of(access=access, project=project, years=years)
        figures.budget = activity_selectors.budget_of(access=access, project=project, years=years)
    return figures


def _association_figures(access: Access, year: int) -> AssociationFigures:
    """The registry's active associations, each counted once under its first-ranked category."""
    figures = organisation_selectors.registry_figures(access=access, year=year)
    return AssociationFigures(
        total=figures["total"],
        new_this_year=figures["new"],
        confirmed_this_year=figures["confirmed"],
        by_category=figures["by_category"],
    )


def project_years(project, year: int) -> range:
    """The years of a project up to the report's year (`activities.selectors.project_years`)."""
    years = activity_selectors.project_years(
        access=Access.system([project.centre]), project=project, until=year
    )
    if not years:
        raise ReportError(_("The project ends before it starts."))
    return years


def final_figures(
    *, centre: Centre, project, year: int, today: dt.date | None = None
) -> FinalFigures:
    """All figures of a project's final report, over its whole period, year by year.

    Reads `project_figures` (counted and reported, per year and for the period), the targets,
    `grant_totals_by_year`, `partners_of`, `outcomes_of`, `goals_of` and `budget_of`.
    """
    if project.centre_id != centre.pk:
        raise ReportError(_("The project belongs to another centre."))
    today = today or timezone.localdate()
    access = Access.system([centre])
    years = project_years(project, year)
    figures = activity_selectors.project_figures(
        access=access, project=project, years=years, today=today
    )
    grants = [
        (row["year"], row["granted"])
        for row in activity_selectors.grant_totals_by_year(access=access, project=project)
        if row["granted"] is not None
    ]
    granted = dict(grants)
    targets = {
        target.year: target
        for target in activity_selectors.targets_of(access=access, project=project)
    }
    columns = [
        YearColumn(
            year=column_year,
            activities=_activity_figures(figures.totals[column_year]),
            targets=_targets([targets[column_year]] if column_year in targets else []),
            grant=granted.get(column_year),
        )
        for column_year in years
    ]
    outcome_rows: dict[str, OutcomeRow] = {}
    for outcome in activity_selectors.outcomes_of(access=access, project=project).order_by("name"):
        if outcome.year not in years:
            continue
        row = outcome_rows.setdefault(outcome.name, OutcomeRow(outcome.name, [None] * len(years)))
        row.values[outcome.year - years[0]] = outcome.value
        row.approximate = row.approximate or outcome.is_approximate
    return FinalFigures(
        centre=centre,
        project=project,
        year=year,
        hours_per_fte=settings.HOURS_PER_FTE,
        years=columns,
        total=_sum_figures([column.activities for column in columns]),
        planned_reach=project.planned_reach,
        reach=figures.period["persons_reached"],
        grants=grants,
        partners=_partner_rows(
            activity_selectors.partners_of(access=access, project=project), years, project.name
        ),
        outcomes=list(outcome_rows.values()),
        figures=figures,
        goals=activity_selectors.goals_of(access=access, project=project, years=years),
        budget=activity_selectors.budget_of(access=access, project=project, years=years),
    )


# --- The municipality's overview -----------------------------------------------------------


@dataclass
class CentreKeyFigures:
    """One centre's year in the figures the municipality compares (`municipality_overview`)."""

    centre: Centre
    year: int
    activities: ActivityFigures
    target_activities: int | None
    volunteers: int
    hours: HoursFigures
    # Income, local share and the state grant's conditions (None: not entered).
    state: CentreYearFigures | None = None

    @property
    def percent_of_target(self) -> int | None:
        return Measure("activities", self.activities.held, self.target_activities).percent_of_target


def municipality_overview(*, access: Access, year: int, today: dt.date) -> list[CentreKeyFigures]:
    """The figures of each centre's year that the municipality sets side by side, by name.

    Each comes from the same selector as in that centre's annual report, grouped by centre, so
    the two agree: activities and participants (`totals_by_centre`, the rule of
    `year_totals`), the activity target (the projects' yearly targets added up), registered
    volunteers and their own hours (`volunteer_figures_by_centre`), volunteer hours and
    årsverk (the two logs added as in `hours_figures`), and the local share
    (`core.selectors.centre_year_overview`). Seven queries, whatever the number of centres.
    """
    centres = list(
        Centre.objects.filter(pk__in=access.centre_ids)
        .select_related("municipality")
        .order_by("name")
    )
    totals = activity_selectors.totals_by_centre(access=access, year=year, today=today)
    targets = activity_selectors.target_totals_by_centre(access=access, year=year)
    volunteers = volunteer_selectors.volunteer_figures_by_centre(access=access, year=year)
    states = core_selectors.centre_year_overview(centres=centres, year=year)
    rows = []
    for centre in centres:
        activity = totals.get(centre.pk) or activity_selectors.empty_totals()
        own = volunteers.get(centre.pk)
        rows.append(
            CentreKeyFigures(
                centre=centre,
                year=year,
                activities=_activity_figures(activity),
                target_activities=targets.get(centre.pk),
                volunteers=own.volunteers if own else 0,
                hours=HoursFigures(
                    year=year,
                    activity_hours=activity["volunteer_hours"],
                    own_hours=own.hours if own else Decimal(0),
                    with_own_hours=own.volunteers_with_hours if own else 0,
                ),
                state=states.get(centre.pk),
            )
        )
    return rows
