"""Every figure a report prints, asked of the figures engine.

This module gathers what the annual evaluation, the final report, the hours page and the
municipality's overview print. It counts nothing itself: every activity, participant, hour and
volunteer figure comes from `figures.engine` (its rules are written there and in the catalogue),
every comparison with a target from `figures.targets`, and the lists (projects, partners,
grants, outcomes, goals, budget) from the other apps' selectors.

Who reads: a report is the centre's, whoever asked for it, and a worker renders it with no user.
The selectors are called with `Access.system([centre])`: the system reader (core.permissions),
limited to that one centre.

Like with like: a project's yearly target is compared only with that project's figure of that
year, its whole-period plan only with the whole period; a centre's report lists each project's
targets on its own row. A finished year says reached or not; only the running year has a pace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import selectors as activity_selectors
from centreyear import selectors as centre_year_selectors
from centreyear.selectors import CentreYearFigures
from core.models import Centre
from core.permissions import ANONYMOUS, Access
from figures import engine
from figures.catalogue import fte
from figures.engine import Pair, Scope
from figures.presenters import (
    OVERVIEW_KEYS,
    TARGETED,
    Metric,
    ProjectFigures,
    project_figures,
    target_metrics,
)
from figures.targets import percent_of_target
from organisations import selectors as organisation_selectors
from projects import selectors as project_selectors


class ReportError(Exception):
    """A report cannot be made from the data as it is; the message is shown to the user."""


@dataclass
class TargetRow:
    """One figure against its target in a report: the project's (a centre's report names it)."""

    metric: Metric
    project: str = ""

    @property
    def key(self) -> str:
        return self.metric.key


@dataclass
class Row:
    """One labelled row of a breakdown table (values from the engine)."""

    label: str
    activities: int = 0
    participants: int | None = 0
    average: Decimal | None = None
    hours: Decimal | None = None


@dataclass
class ActivityFigures:
    """Activities of one period as the engine counts them (held: not cancelled, on or before
    the report day)."""

    held: int
    cancelled: int
    with_count: int
    participants: int | None
    average: Decimal | None
    hours: Decimal
    persons_reached: int | None = None
    logged: int = 0


def _activity_figures(figures: engine.Figures, year: int | None) -> ActivityFigures:
    sums = figures.activity_sums(year)
    return ActivityFigures(
        held=figures.get("activities.held", year) or 0,
        cancelled=sums["cancelled"],
        with_count=sums["with_count"],
        participants=figures.get("participants.total", year),
        average=figures.get("participants.average", year),
        hours=figures.get("volunteer_hours.on_activities", year) or Decimal(0),
        persons_reached=figures.get("persons_reached.total", year),
        logged=sums["logged"],
    )


@dataclass
class TargetFigures:
    """A project's targets of one year (None: not set)."""

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


NO_TARGETS = TargetFigures(None, None, None, None)


def _targets(figures: engine.Figures, year: int) -> TargetFigures:
    return TargetFigures(
        activities=figures.target("activities.held", year),
        average_participants=figures.target("participants.average", year),
        persons_reached=figures.target("persons_reached.total", year),
        volunteer_hours=figures.target("volunteer_hours.on_activities", year),
    )


@dataclass
class AssociationFigures:
    total: int
    new_this_year: int
    confirmed_this_year: int | None
    by_category: list[tuple[str, int]]


@dataclass
class HoursFigures:
    """Volunteer hours of a year, both logs and the total, as the engine counts them."""

    year: int
    activity_hours: Decimal
    own_hours: Decimal | None
    total: Decimal
    fte: Decimal
    with_own_hours: int | None = None


def _hours(figures: engine.Figures, year: int) -> HoursFigures:
    with_own = None
    if figures.computed("volunteers.with_own_hours"):
        with_own = figures.get("volunteers.with_own_hours", year)
    return HoursFigures(
        year=year,
        activity_hours=figures.get("volunteer_hours.on_activities", year) or Decimal(0),
        own_hours=figures.get("volunteer_hours.own", year),
        total=figures.get("volunteer_hours.total", year),
        fte=figures.get("fte.total", year),
        with_own_hours=with_own,
    )


@dataclass
class VolunteerFigures:
    """The centre's volunteers in a year: registered at its end, new in it, active in it."""

    registered: int
    new_this_year: int
    active: int


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
    # Each figure against its own target: a project's report, its own; a centre's report, one
    # row per project and figure with a target (never the centre's total against a sum).
    target_rows: list[TargetRow]
    months: list[engine.Month]
    by_category: list[Row]
    by_project: list[Row]
    # The national register's nine categories (all nine; their activities add up to the held).
    by_national_category: list[Row]
    hours: HoursFigures
    persons_reached: int | None
    partners: list[PartnerRow]
    funding: list[FundingRow]
    outcomes: list[Outcome]
    associations: AssociationFigures | None = None
    volunteers: VolunteerFigures | None = None
    matches: int | None = None
    state: CentreYearFigures | None = None
    project_figures: ProjectFigures | None = None
    goals: dict | None = None
    budget: project_selectors.Budget | None = None
    generated_on: dt.date = field(default_factory=dt.date.today)

    @property
    def finished(self) -> bool:
        return self.generated_on > dt.date(self.year, 12, 31)

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
    def reported(self) -> list[Pair]:
        if self.project_figures is None:
            return []
        return [
            pair
            for pair in self.project_figures.year(self.year).values()
            if pair.reported is not None
        ]

    @property
    def activity_comparison(self):
        """The project's activities against the year's target (the lead sentence)."""
        return next((row.metric for row in self.target_rows if row.key == "activities.held"), None)


@dataclass
class YearColumn:
    """One year of a project, for the final report's side-by-side table."""

    year: int
    activities: ActivityFigures
    targets: TargetFigures
    grant: int | None
    fte: Decimal | None = None


@dataclass
class FinalFigures:
    centre: Centre
    project: object
    year: int
    hours_per_fte: int
    years: list[YearColumn]
    total: ActivityFigures
    total_fte: Decimal
    planned_reach: int | None
    # Persons reached over the whole period: counted (new participants) and/or reported.
    reach: Pair
    # Each year's persons reached against that year's target (like with like).
    reach_by_year: list[Metric]
    grants: list[tuple[int, int]]
    partners: list[PartnerRow]
    outcomes: list[OutcomeRow]
    figures: ProjectFigures
    goals: dict
    budget: project_selectors.Budget
    generated_on: dt.date = field(default_factory=dt.date.today)

    @property
    def grants_total(self) -> int | None:
        return sum(amount for _year, amount in self.grants) if self.grants else None

    @property
    def logged(self) -> bool:
        return self.figures.logged

    @property
    def reach_counted_percent(self) -> int | None:
        """The period's counted reach against the whole-period plan."""
        return percent_of_target(self.reach.counted, self.planned_reach)

    @property
    def reach_reported_percent(self) -> int | None:
        return percent_of_target(self.reach.reported, self.planned_reach)

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

        Each row: kind ("figure": Pair cells; "target", "fte", "grant", "outcome": plain
        values), key (a catalogue key where it has one), cells, total, decimals.
        """
        shown = self.shown_years
        rows: list[dict] = []
        for key, _cells, total in self.figures.rows:
            cells = [self.figures.year(column.year)[key] for column in shown]
            rows.append({"kind": "figure", "key": key, "cells": cells, "total": total})
            attribute = _TARGET_OF.get(key)
            targets = [getattr(column.targets, attribute) for column in shown] if attribute else []
            if any(value is not None for value in targets):
                decimals = 1 if key == "participants.average" else 0
                rows.append({"kind": "target", "key": key, "cells": targets, "decimals": decimals})
        if self.logged:
            rows.append(
                {
                    "kind": "fte",
                    "key": "fte.on_activities",
                    "cells": [column.fte if column.activities.logged else None for column in shown],
                    "total": self.total_fte,
                }
            )
        if self.grants:
            rows.append(
                {
                    "kind": "grant",
                    "key": "grants.granted",
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
    "activities.held": "activities",
    "participants.average": "average_participants",
    "persons_reached.total": "persons_reached",
    "volunteer_hours.on_activities": "volunteer_hours",
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
    return project_selectors.project_list(access=Access.system([centre])).order_by(
        "-is_operations", "name"
    )


def no_projects() -> QuerySet:
    """An empty project queryset (a form's choices before the centre is known)."""
    return project_selectors.project_list(access=ANONYMOUS)


def project_by_slug(centre: Centre, slug: str):
    return projects_of(centre).get(slug=slug)


def projects_by_slug(slug: str) -> list:
    """Projects of any centre with this short name (unique within a centre only)."""
    return list(
        project_selectors.project_list(access=Access.system())
        .select_related("centre__municipality")
        .filter(slug=slug)[:2]
    )


def all_centres() -> QuerySet[Centre]:
    return Centre.objects.order_by("pk")


# --- Gathering


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


def hours_by_year(*, access: Access, today: dt.date) -> list[HoursFigures]:
    """Volunteer hours of every year with hours in either log, newest first (the engine)."""
    scope = Scope.of_centres(access.centre_ids)
    years = engine.years_with_hours(scope, today=today)
    if not years:
        return []
    figures = engine.compute(
        scope,
        years=years,
        today=today,
        keys=["volunteer_hours.total", "volunteers.with_own_hours"],
    )
    return [_hours(figures, year) for year in years]


def hours_per_volunteer(*, access: Access, year: int) -> list[engine.PersonHours]:
    """Approved own hours of a year per volunteer (names: for the coordinator's page only)."""
    return engine.hours_by_volunteer(Scope.of_centres(access.centre_ids), year=year)


def annual_figures(
    *, centre: Centre, year: int, project=None, today: dt.date | None = None
) -> AnnualFigures:
    """All figures of the annual evaluation of a centre (or one of its projects) for a year.

    A centre's report adds the registry, the volunteers, the matches and the state grant's
    conditions; a project's report leaves those out (they are the centre's) and adds the
    project's reported figures, goals and budget.
    """
    today = today or timezone.localdate()
    access = Access.system([centre])
    years = range(year, year + 1)
    rows = project_selectors.project_detail(access=access).order_by("-is_operations", "name")
    if project is not None:
        rows = rows.filter(pk=project.pk)
    projects = list(rows)
    scope = Scope.of_project(project) if project is not None else Scope.of_centre(centre)
    figures = engine.compute(
        scope, years=[year], today=today, by=None if project is not None else "project"
    )
    counted = _activity_figures(figures, year)

    target_rows: list[TargetRow] = []
    if project is not None:
        target_rows = [
            TargetRow(metric)
            for metric in target_metrics(figures, year)
            if metric.target is not None or metric.value is not None or metric.reported
        ]
    else:
        for each in projects:
            part = figures.group(each.pk)
            for key in TARGETED:
                comparison = part.compare(key, year)
                if comparison.target is not None:
                    target_rows.append(TargetRow(Metric(comparison), project=each.name))

    month_target = figures.target("activities.held", year) if project is not None else None
    months = engine.months(scope, year=year, today=today, target_activities=month_target)

    by_project: list[Row] = []
    if project is None:
        for each in projects:
            part = figures.group(each.pk)
            held = part.get("activities.held", year)
            if held:
                by_project.append(
                    Row(
                        label=each.name,
                        activities=held,
                        participants=part.get("participants.total", year),
                        average=part.get("participants.average", year),
                        hours=part.get("volunteer_hours.on_activities", year),
                    )
                )
    by_project.sort(key=lambda row: (-row.activities, row.label))
    category_rows = engine.by_category(scope, year=year, today=today)
    by_category = [
        Row(
            label=row["category"].label,
            activities=row["activities"],
            participants=row["participants"] if row["counted"] else None,
            average=row["average"],
        )
        for row in category_rows
        if row["activities"]
    ]
    by_category.sort(key=lambda row: -row.activities)

    result = AnnualFigures(
        centre=centre,
        year=year,
        project=project,
        hours_per_fte=settings.HOURS_PER_FTE,
        activities=counted,
        targets=_targets(figures, year) if project is not None else NO_TARGETS,
        target_rows=target_rows,
        months=months,
        by_category=by_category,
        by_project=by_project,
        by_national_category=[
            Row(label=str(row["label"]), activities=row["activities"])
            for row in engine.national_categories(category_rows)
        ],
        hours=_hours(figures, year),
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
        generated_on=today,
    )
    if project is None:
        result.volunteers = VolunteerFigures(
            registered=figures.get("volunteers.registered", year),
            new_this_year=figures.get("volunteers.new", year),
            active=figures.get("volunteers.active", year),
        )
        result.matches = figures.get("matches.made", year)
        result.associations = AssociationFigures(
            total=figures.get("associations.registered", year),
            new_this_year=figures.get("associations.new", year),
            confirmed_this_year=figures.get("associations.confirmed", year),
            by_category=organisation_selectors.registry_by_category(
                access=access, as_of=min(dt.date(year, 12, 31), today)
            ),
        )
        result.state = centre_year_selectors.centre_year_figures(centre=centre, year=year)
    else:
        result.project_figures = ProjectFigures(project=project, years=[year], figures=figures)
        result.goals = project_selectors.goals_of(access=access, project=project, years=years)
        result.budget = project_selectors.budget_of(access=access, project=project, years=years)
    return result


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
    """All figures of a project's final report, over its whole period, year by year."""
    if project.centre_id != centre.pk:
        raise ReportError(_("The project belongs to another centre."))
    today = today or timezone.localdate()
    access = Access.system([centre])
    years = project_years(project, year)
    view = project_figures(project=project, years=years, today=today)
    figures = view.figures
    grants = [
        (row["year"], row["granted"])
        for row in project_selectors.grant_totals_by_year(access=access, project=project)
        if row["granted"] is not None
    ]
    granted = dict(grants)
    columns = [
        YearColumn(
            year=column_year,
            activities=_activity_figures(figures, column_year),
            targets=_targets(figures, column_year),
            grant=granted.get(column_year),
            fte=fte(figures.get("volunteer_hours.on_activities", column_year)),
        )
        for column_year in years
    ]
    outcome_rows: dict[str, OutcomeRow] = {}
    for outcome in project_selectors.outcomes_of(access=access, project=project).order_by("name"):
        if outcome.year not in years:
            continue
        row = outcome_rows.setdefault(outcome.name, OutcomeRow(outcome.name, [None] * len(years)))
        row.values[outcome.year - years[0]] = outcome.value
        row.approximate = row.approximate or outcome.is_approximate
    reach_by_year = [
        Metric(figures.compare("persons_reached.total", column_year))
        for column_year in years
        if figures.target("persons_reached.total", column_year) is not None
    ]
    return FinalFigures(
        centre=centre,
        project=project,
        year=year,
        hours_per_fte=settings.HOURS_PER_FTE,
        years=columns,
        total=_activity_figures(figures, None),
        total_fte=fte(figures.get("volunteer_hours.on_activities")),
        planned_reach=project.planned_reach,
        reach=figures.pair("persons_reached.total"),
        reach_by_year=reach_by_year,
        grants=grants,
        partners=_partner_rows(
            project_selectors.partners_of(access=access, project=project), years, project.name
        ),
        outcomes=list(outcome_rows.values()),
        figures=view,
        goals=project_selectors.goals_of(access=access, project=project, years=years),
        budget=project_selectors.budget_of(access=access, project=project, years=years),
        generated_on=today,
    )


# --- The municipality's overview -----------------------------------------------------------


@dataclass
class CentreKeyFigures:
    """One centre's year in the figures the municipality compares (`municipality_overview`)."""

    centre: Centre
    year: int
    activities: ActivityFigures
    # The centre's projects' activity targets against those projects' activities.
    activity_target: Metric
    volunteers: int
    active_volunteers: int
    hours: HoursFigures
    state: CentreYearFigures | None = None

    @property
    def target_activities(self):
        return self.activity_target.target

    @property
    def percent_of_target(self) -> int | None:
        return self.activity_target.percent


def municipality_overview(
    *,
    access: Access,
    year: int,
    today: dt.date,
    centres: list[Centre] | None = None,
    figures: engine.Figures | None = None,
) -> list[CentreKeyFigures]:
    """The figures of each centre's year that the municipality sets side by side, by name.

    Every figure is the engine's, read once for all the centres and split by centre, so each
    centre's row is what its own annual report prints. The activity target is the sum of the
    targets of the projects that set one, against those projects' activities only.
    The start page passes the centres and the figures it has read already (`figures`: the
    same read, `compute(Scope.of_centres(access.centre_ids), years=[year], today=today,
    keys=OVERVIEW_KEYS and more, by="centre")`).
    """
    if centres is None:
        centres = list(
            Centre.objects.filter(pk__in=access.centre_ids)
            .select_related("municipality")
            .order_by("name")
        )
    if figures is None:
        figures = engine.compute(
            Scope.of_centres(access.centre_ids),
            years=[year],
            today=today,
            keys=OVERVIEW_KEYS,
            by="centre",
        )
    states = centre_year_selectors.centre_year_overview(centres=centres, year=year)
    rows = []
    for centre in centres:
        part = figures.group(centre.pk)
        rows.append(
            CentreKeyFigures(
                centre=centre,
                year=year,
                activities=_activity_figures(part, year),
                activity_target=Metric(part.compare("activities.held", year)),
                volunteers=part.get("volunteers.registered", year),
                active_volunteers=part.get("volunteers.active", year),
                hours=_hours(part, year),
                state=states.get(centre.pk),
            )
        )
    return rows
