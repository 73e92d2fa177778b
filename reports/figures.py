"""Every figure a report prints, gathered with database aggregates.

This is the only module of `reports` that reads other apps' models, so the reads can later be
redirected to those apps' selectors in one place. Figures whose source does not exist yet are
`None` and print as "not recorded"; each comes from a `_pending_*` function below that names
the source it waits for. Nothing here is a hard-coded number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from activities.models import Activity, ActivityCategory, Project, YearTarget
from core.models import Centre
from core.permissions import Access
from organisations.models import Organisation, OrganisationCategory
from volunteers.models import Volunteer

ONE_DECIMAL = Decimal("0.1")


class ReportError(Exception):
    """A report cannot be made from the data as it is; the message is shown to the user."""


def _round1(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _ratio(numerator: int | Decimal | None, denominator: int | Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return _round1(Decimal(numerator) / Decimal(denominator))


def fte(hours: Decimal | int | None) -> Decimal | None:
    """Volunteer hours as full-time equivalents (årsverk), one decimal."""
    if hours is None:
        return None
    return _ratio(hours, settings.HOURS_PER_FTE)


@dataclass
class Measure:
    """A figure of the year against its target. `None` means not recorded / no target."""

    key: str
    actual: Decimal | int | None
    target: Decimal | int | None = None
    decimals: int = 0

    @property
    def percent_of_target(self) -> int | None:
        if self.actual is None or not self.target:
            return None
        return int((Decimal(self.actual) * 100 / Decimal(self.target)).to_integral_value())


@dataclass
class Row:
    """One labelled row of a breakdown table."""

    label: str
    activities: int = 0
    participants: int = 0
    hours: Decimal = Decimal(0)

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
    """Activities of one period, as counted from the activity log."""

    held: int
    cancelled: int
    with_count: int
    participants: int
    hours: Decimal

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


@dataclass
class AssociationFigures:
    total: int
    new_this_year: int
    confirmed_this_year: int
    by_category: list[tuple[str, int]]


@dataclass
class VolunteerFigures:
    active: int
    new_this_year: int
    # Hours logged on activities (the activity log's "volunteer hours").
    activity_hours: Decimal
    # Hours volunteers log themselves: pending the volunteers app's hour log.
    own_hours: Decimal | None

    @property
    def hours(self) -> Decimal:
        return self.activity_hours + (self.own_hours or 0)

    @property
    def fte(self) -> Decimal | None:
        return fte(self.hours)


@dataclass
class Outcome:
    label: str
    value: int


@dataclass
class AnnualFigures:
    centre: Centre
    year: int
    project: Project | None
    hours_per_fte: int
    activities: ActivityFigures
    targets: TargetFigures
    measures: list[Measure]
    months: list[MonthRow]
    by_category: list[Row]
    by_project: list[Row]
    associations: AssociationFigures
    volunteers: VolunteerFigures
    persons_reached: int | None
    matches: int | None
    partners: list[str] | None
    funding: list[tuple[str, int]] | None
    outcomes: list[Outcome] | None
    generated_on: dt.date = field(default_factory=dt.date.today)


@dataclass
class YearColumn:
    """One year of a project, for the final report's side-by-side table."""

    year: int
    activities: ActivityFigures
    targets: TargetFigures
    grant: int | None

    @property
    def fte(self) -> Decimal | None:
        return fte(self.activities.hours)


@dataclass
class FinalFigures:
    centre: Centre
    project: Project
    year: int
    hours_per_fte: int
    years: list[YearColumn]
    total: ActivityFigures
    planned_reach: int | None
    actual_reach: int | None
    grants: list[tuple[int, int]] | None
    partners: list[str] | None
    matches: int | None
    outcomes: list[Outcome] | None
    generated_on: dt.date = field(default_factory=dt.date.today)

    @property
    def grants_total(self) -> int | None:
        return None if self.grants is None else sum(amount for _year, amount in self.grants)

    @property
    def reach_percent(self) -> int | None:
        if self.actual_reach is None or not self.planned_reach:
            return None
        return round(self.actual_reach * 100 / self.planned_reach)


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


def projects_of(centre: Centre | int) -> QuerySet[Project]:
    return Project.objects.filter(centre=centre).order_by("-is_operations", "name")


def project_by_slug(centre: Centre, slug: str) -> Project:
    return projects_of(centre).get(slug=slug)


def projects_by_slug(slug: str) -> list[Project]:
    """Projects of any centre with this short name (unique within a centre only)."""
    return list(Project.objects.select_related("centre__municipality").filter(slug=slug)[:2])


def all_centres() -> QuerySet[Centre]:
    return Centre.objects.order_by("pk")


# --- Figures that wait for other apps --------------------------------------------------------
# Each returns None until its source exists; the report then prints "not recorded".

PENDING = {
    "persons_reached": "persons reached in a year (unique participants): activities app",
    "own_hours": "hours logged by volunteers themselves: volunteers app (hour log)",
    "matches": "matches of participants and time-givers: volunteers app (matching)",
    "partners": "partners of a project or year: activities app (project partners)",
    "funding": "funding and grants per year: activities app (project grants)",
    "outcomes": "named outcome counters per project and year: activities app",
}


def _pending_persons_reached(centre: Centre, year: int, project: Project | None) -> int | None:
    return None


def _pending_own_hours(centre: Centre, year: int) -> Decimal | None:
    return None


def _pending_matches(centre: Centre, years: range, project: Project | None) -> int | None:
    return None


def _pending_partners(centre: Centre, years: range, project: Project | None) -> list[str] | None:
    return None


def _pending_grants(project: Project, years: range) -> list[tuple[int, int]] | None:
    return None


def _pending_outcomes(
    centre: Centre, years: range, project: Project | None
) -> list[Outcome] | None:
    return None


# --- Gathering -------------------------------------------------------------------------------


def _activities(centre: Centre, project: Project | None) -> QuerySet[Activity]:
    qs = Activity.objects.filter(centre=centre)
    return qs.filter(project=project) if project is not None else qs


_HELD = Q(cancelled=False)
# Aliases differ from the field names: an aggregate may not shadow a field it filters on.
_ACTIVITY_AGGREGATES = {
    "n_held": Count("pk", filter=_HELD),
    "n_cancelled": Count("pk", filter=Q(cancelled=True)),
    "n_with_count": Count("pk", filter=_HELD & Q(participants__isnull=False)),
    "sum_participants": Sum("participants", filter=_HELD),
    "sum_hours": Sum("volunteer_hours", filter=_HELD),
}


def _activity_row(row: dict) -> ActivityFigures:
    return ActivityFigures(
        held=row.get("n_held", 0),
        cancelled=row.get("n_cancelled", 0),
        with_count=row.get("n_with_count", 0),
        participants=row.get("sum_participants") or 0,
        hours=row.get("sum_hours") or Decimal(0),
    )


def _activity_figures(qs: QuerySet[Activity]) -> ActivityFigures:
    totals = qs.aggregate(**_ACTIVITY_AGGREGATES)
    return _activity_row(totals)


def _targets(targets: list[YearTarget]) -> TargetFigures:
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


def _target_list(centre: Centre, years: range, project: Project | None) -> list[YearTarget]:
    qs = YearTarget.objects.filter(centre=centre, year__in=list(years))
    if project is not None:
        qs = qs.filter(project=project)
    return list(qs)


def annual_figures(*, centre: Centre, year: int, project: Project | None = None) -> AnnualFigures:
    """All figures of the annual evaluation of a centre (or one of its projects) for a year."""
    years = range(year, year + 1)
    activities = _activities(centre, project).filter(date__year=year)
    counted = _activity_figures(activities)
    targets = _targets(_target_list(centre, years, project))

    monthly_target = (
        _round1(Decimal(targets.activities) / 12) if targets.activities is not None else None
    )
    per_month = {
        row["date__month"]: row
        for row in activities.filter(cancelled=False)
        .values("date__month")
        .annotate(n=Count("pk"), people=Sum("participants"))
        .order_by()
    }
    months = [
        MonthRow(
            month=month,
            activities=per_month.get(month, {}).get("n", 0),
            participants=per_month.get(month, {}).get("people") or 0,
            target=monthly_target,
        )
        for month in range(1, 13)
    ]

    category_labels = {c.pk: c.label for c in ActivityCategory.objects.all()}
    by_category = [
        Row(
            label=category_labels.get(row["category_id"], "?"),
            activities=row["n"],
            participants=row["people"] or 0,
            hours=row["hours"] or Decimal(0),
        )
        for row in activities.filter(cancelled=False)
        .values("category_id")
        .annotate(n=Count("pk"), people=Sum("participants"), hours=Sum("volunteer_hours"))
        .order_by("-n", "category_id")
    ]
    by_project: list[Row] = []
    if project is None:
        by_project = [
            Row(
                label=row["project__name"],
                activities=row["n"],
                participants=row["people"] or 0,
                hours=row["hours"] or Decimal(0),
            )
            for row in activities.filter(cancelled=False)
            .values("project__name")
            .annotate(n=Count("pk"), people=Sum("participants"), hours=Sum("volunteer_hours"))
            .order_by("-n", "project__name")
        ]

    volunteers = VolunteerFigures(
        active=Volunteer.objects.filter(centre=centre, status=Volunteer.Status.ACTIVE).count(),
        new_this_year=Volunteer.objects.filter(centre=centre, created_at__year=year).count(),
        activity_hours=counted.hours,
        own_hours=_pending_own_hours(centre, year),
    )
    persons_reached = _pending_persons_reached(centre, year, project)
    measures = [
        Measure("activities", counted.held, targets.activities),
        Measure("average", counted.average, targets.average_participants, decimals=1),
        Measure("participants", counted.participants),
        Measure("persons_reached", persons_reached, targets.persons_reached),
        Measure("volunteer_hours", volunteers.hours, targets.volunteer_hours),
        Measure("fte", volunteers.fte, fte(targets.volunteer_hours), decimals=1),
    ]
    return AnnualFigures(
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
        associations=_association_figures(centre, year),
        volunteers=volunteers,
        persons_reached=persons_reached,
        matches=_pending_matches(centre, years, project),
        partners=_pending_partners(centre, years, project),
        funding=_pending_grants(project, years) if project is not None else None,
        outcomes=_pending_outcomes(centre, years, project),
    )


def _association_figures(centre: Centre, year: int) -> AssociationFigures:
    registry = Organisation.objects.filter(centre=centre, is_archived=False)
    totals = registry.aggregate(
        total=Count("pk"),
        new=Count("pk", filter=Q(created_at__year=year)),
        confirmed=Count("pk", filter=Q(confirmed_at__year=year)),
    )
    # Each association counts once, under its first-ranked category.
    by_category = list(
        OrganisationCategory.objects.filter(
            organisation__centre=centre, organisation__is_archived=False, rank=1
        )
        .values("category__name", "category__name_en", "category__position")
        .annotate(n=Count("pk"))
        .order_by("category__position", "category__name")
    )
    english = (get_language() or "nb").startswith("en")
    rows = [
        (
            row["category__name_en"]
            if english and row["category__name_en"]
            else row["category__name"],
            row["n"],
        )
        for row in by_category
    ]
    uncategorised = totals["total"] - sum(n for _label, n in rows)
    if uncategorised:
        rows.append((_("No category"), uncategorised))
    return AssociationFigures(
        total=totals["total"],
        new_this_year=totals["new"],
        confirmed_this_year=totals["confirmed"],
        by_category=rows,
    )


def project_years(project: Project, year: int) -> range:
    """The years of a project: from its start to its end or the report year, whichever is first."""
    first = project.start_date.year if project.start_date else None
    # Years after the report's year have nothing to report yet.
    last = min(project.end_date.year, year) if project.end_date else year
    if first is None:
        first_activity = (
            Activity.objects.filter(project=project).order_by("date").values_list("date", flat=True)
        ).first()
        first = first_activity.year if first_activity else last
    if first > last:
        raise ReportError(_("The project ends before it starts."))
    return range(first, last + 1)


def final_figures(*, centre: Centre, project: Project, year: int) -> FinalFigures:
    """All figures of a project's final report, over its whole period, year by year."""
    if project.centre_id != centre.pk:
        raise ReportError(_("The project belongs to another centre."))
    years = project_years(project, year)
    activities = _activities(centre, project).filter(date__year__in=list(years))
    per_year = {
        row["date__year"]: row
        for row in activities.values("date__year").annotate(**_ACTIVITY_AGGREGATES).order_by()
    }
    targets_by_year: dict[int, list[YearTarget]] = {}
    for target in _target_list(centre, years, project):
        targets_by_year.setdefault(target.year, []).append(target)
    grants = _pending_grants(project, years)
    grant_by_year = dict(grants) if grants is not None else {}
    columns = []
    for column_year in years:
        row = per_year.get(column_year, {})
        columns.append(
            YearColumn(
                year=column_year,
                activities=_activity_row(row),
                targets=_targets(targets_by_year.get(column_year, [])),
                grant=grant_by_year.get(column_year),
            )
        )
    return FinalFigures(
        centre=centre,
        project=project,
        year=year,
        hours_per_fte=settings.HOURS_PER_FTE,
        years=columns,
        total=_activity_figures(activities),
        planned_reach=project.planned_reach,
        actual_reach=project.actual_reach,
        grants=grants,
        partners=_pending_partners(centre, years, project),
        matches=_pending_matches(centre, years, project),
        outcomes=_pending_outcomes(centre, years, project),
    )
