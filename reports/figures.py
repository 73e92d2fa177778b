"""Every figure a report prints, read through the other apps' selectors.

This is the only module of `reports` that reads other apps, and it reads them only through their
selectors (`activities.selectors`, `volunteers.selectors`, `organisations.selectors`): the arrows
point from reports to them, never back. Nothing here is a hard-coded number.

Who reads: a report is the centre's, whoever asked for it, and a worker renders it with no user.
The selectors are called with `reader_access(centre)`: read-only access to that one centre, as a
municipality viewer of it has.

Counting rules (the same as the activities dashboard, see `activities.selectors`):
- Activities count when held on or before the day the report is made and not cancelled; the
  average is taken over the activities whose participants were counted.
- Persons reached = the sum of participants marked as new. It is "not recorded" when no activity
  of the period has the new-participant count filled in.
- Volunteer hours = hours logged on activities (the activity log) + approved hours volunteers log
  themselves (the volunteers app). The two are ADDED: the activity log holds the hours given at
  group activities, the volunteers' own log the hours of their tasks (matches), so one hour is in
  one log only. Both parts are printed next to the total. Pending and rejected own hours never
  count.
- Årsverk (full-time equivalents) = hours / settings.HOURS_PER_FTE, one decimal.

Figures with no source per project (see `CENTRE_ONLY`): matches and volunteers' own hours belong
to the centre's volunteers, not to a project; a project's report prints them as "for the whole
centre only" and counts only the project's activity hours against its target.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import selectors as activity_selectors
from core.models import Centre, Role
from core.permissions import ANONYMOUS, Access
from organisations import selectors as organisation_selectors
from volunteers import selectors as volunteer_selectors

ONE_DECIMAL = Decimal("0.1")

# Every figure the reports print now has a source; kept (empty) so a figure that loses its
# source can be listed here again and printed as "not recorded".
PENDING: dict[str, str] = {}

# Figures that exist for the whole centre but not per project (no link to a project).
CENTRE_ONLY = {
    "own_hours": "hours volunteers log themselves belong to their tasks, not to a project",
    "matches": "matches of volunteers and tasks are the centre's, not a project's",
}


class ReportError(Exception):
    """A report cannot be made from the data as it is; the message is shown to the user."""


def _round1(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _ratio(numerator: int | Decimal | None, denominator: int | Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return _round1(Decimal(numerator) / Decimal(denominator))


def fte(hours: Decimal | int | None) -> Decimal | None:
    """Volunteer hours as full-time equivalents (årsverk), one decimal.

    The same conversion as `volunteers.selectors.fte` (settings.HOURS_PER_FTE), rounded once to
    the one decimal a report prints (rounding its two-decimal figure again could be off by 0,1).
    """
    if hours is None:
        return None
    return _ratio(hours, settings.HOURS_PER_FTE)


def reader_access(centre: Centre) -> Access:
    """Read-only access to one centre's data, for the selectors a report reads through."""
    return Access(
        user_id=0,
        role=Role.MUNICIPALITY,
        centre_ids=frozenset({centre.pk}),
        municipality_id=centre.municipality_id,
    )


def _operator_access() -> Access:
    """Read-only access to every centre, for the operator's command line."""
    return Access(
        user_id=0,
        role=Role.MUNICIPALITY,
        centre_ids=frozenset(Centre.objects.values_list("pk", flat=True)),
    )


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
    # Approved hours volunteers logged themselves; None in a project's report (centre only).
    own_hours: Decimal | None
    # How many volunteers those own hours came from.
    with_own_hours: int | None = None

    @property
    def hours(self) -> Decimal:
        """Activity hours + approved own hours (different work, so nothing is counted twice)."""
        return self.activity_hours + (self.own_hours or 0)

    @property
    def fte(self) -> Decimal | None:
        return fte(self.hours)


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
    associations: AssociationFigures
    volunteers: VolunteerFigures
    persons_reached: int | None
    # Matches made in the year; None in a project's report (centre only).
    matches: int | None
    partners: list[PartnerRow]
    funding: list[FundingRow]
    outcomes: list[Outcome]
    generated_on: dt.date = field(default_factory=dt.date.today)

    @property
    def funding_granted(self) -> int:
        return sum(row.granted or 0 for row in self.funding)

    @property
    def funding_applied(self) -> int:
        return sum(row.applied or 0 for row in self.funding)


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
    project: object
    year: int
    hours_per_fte: int
    years: list[YearColumn]
    total: ActivityFigures
    planned_reach: int | None
    actual_reach: int | None
    # Granted NOK per year, every year of the project with a grant: [(2012, 650000), ...].
    grants: list[tuple[int, int]]
    partners: list[PartnerRow]
    outcomes: list[OutcomeRow]
    generated_on: dt.date = field(default_factory=dt.date.today)

    @property
    def grants_total(self) -> int | None:
        return sum(amount for _year, amount in self.grants) if self.grants else None

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


def projects_of(centre: Centre) -> QuerySet:
    return activity_selectors.project_list(access=reader_access(centre)).order_by(
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
        activity_selectors.project_list(access=_operator_access())
        .select_related("centre__municipality")
        .filter(slug=slug)[:2]
    )


def all_centres() -> QuerySet[Centre]:
    return Centre.objects.order_by("pk")


# --- Gathering -------------------------------------------------------------------------------


def _counting(access: Access, *, years: range, project, today: dt.date) -> dict[int, dict]:
    """Per year: cancelled activities, and how many held ones have a count / a new-count.

    No selector gives these three; they are counted over the activities selector's rows (the
    selector does the scoping), one grouped query.
    """
    held = Q(cancelled=False)
    qs = activity_selectors.activity_list(access=access).filter(
        date__year__in=list(years), date__lte=today
    )
    if project is not None:
        qs = qs.filter(project=project)
    rows = (
        qs.values("date__year")
        .annotate(
            n_cancelled=Count("pk", filter=Q(cancelled=True)),
            n_with_count=Count("pk", filter=held & Q(participants__isnull=False)),
            n_with_new=Count("pk", filter=held & Q(participants_new__isnull=False)),
        )
        .order_by()
    )
    return {row["date__year"]: row for row in rows}


def _activity_figures(totals: dict, counting: dict) -> ActivityFigures:
    """Figures from `activities.selectors.year_totals` and the counts of `_counting`."""
    return ActivityFigures(
        held=totals["activities"],
        cancelled=counting.get("n_cancelled", 0),
        with_count=counting.get("n_with_count", 0),
        participants=totals["participants"],
        hours=totals["volunteer_hours"],
        persons_reached=totals["persons_reached"] if counting.get("n_with_new") else None,
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


def annual_figures(
    *, centre: Centre, year: int, project=None, today: dt.date | None = None
) -> AnnualFigures:
    """All figures of the annual evaluation of a centre (or one of its projects) for a year.

    Reads: `project_detail` (projects with targets, partners, grants and outcomes, 5 queries),
    per project `monthly_figures` and `year_totals` (2 queries each), `year_totals` of the
    whole, `activities_by_category`, the volunteer and match selectors and the registry.
    """
    today = today or timezone.localdate()
    access = reader_access(centre)
    years = range(year, year + 1)
    projects = activity_selectors.project_detail(access=access).order_by("-is_operations", "name")
    if project is not None:
        projects = projects.filter(pk=project.pk)
    projects = list(projects)

    counting = _counting(access, years=years, project=project, today=today).get(year, {})
    counted = _activity_figures(
        activity_selectors.year_totals(access=access, year=year, project=project, today=today),
        counting,
    )
    targets = _targets([t for p in projects for t in p.targets.all() if t.year == year])

    # Months and the project rows, summed over the projects (a selector per project).
    month_activities = [0] * 12
    month_participants = [0] * 12
    by_project: list[Row] = []
    for each in projects:
        target = next((t for t in each.targets.all() if t.year == year), None)
        for month in activity_selectors.monthly_figures(
            access=access, project=each, year=year, today=today, target=target
        ):
            month_activities[month.month - 1] += month.activities
            month_participants[month.month - 1] += month.participants
        if project is None:
            totals = activity_selectors.year_totals(
                access=access, year=year, project=each, today=today
            )
            if totals["activities"]:
                by_project.append(
                    Row(
                        label=each.name,
                        activities=totals["activities"],
                        participants=totals["participants"],
                        hours=totals["volunteer_hours"],
                    )
                )
    by_project.sort(key=lambda row: (-row.activities, row.label))
    # The chart's target line: the year's target spread evenly over twelve months.
    monthly_target = (
        _round1(Decimal(targets.activities) / 12) if targets.activities is not None else None
    )
    months = [
        MonthRow(
            month=month,
            activities=month_activities[month - 1],
            participants=month_participants[month - 1],
            target=monthly_target,
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

    volunteers, matches = _volunteer_figures(access, year, counted.hours, whole_centre=not project)
    measures = [
        Measure("activities", counted.held, targets.activities),
        Measure("average", counted.average, targets.average_participants, decimals=1),
        Measure("participants", counted.participants),
        Measure("persons_reached", counted.persons_reached, targets.persons_reached),
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
        associations=_association_figures(access, year),
        volunteers=volunteers,
        persons_reached=counted.persons_reached,
        matches=matches,
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
    )


def _volunteer_figures(
    access: Access, year: int, activity_hours: Decimal, *, whole_centre: bool
) -> tuple[VolunteerFigures, int | None]:
    """Volunteers of the centre, and the matches made in the year (both centre-wide)."""
    active = volunteer_selectors.volunteer_count(access=access, status="active")
    new = volunteer_selectors.volunteer_list(access=access).filter(created_at__year=year).count()
    if not whole_centre:
        return VolunteerFigures(active, new, activity_hours, own_hours=None), None
    own = volunteer_selectors.volunteer_figures(access=access, year=year)
    # A match is made when it starts (a proposed match is not made yet).
    matches = (
        volunteer_selectors.match_qs(access=access)
        .exclude(status="proposed")
        .filter(Q(started_on__year=year) | Q(started_on__isnull=True, created_at__year=year))
        .count()
    )
    return (
        VolunteerFigures(
            active=active,
            new_this_year=new,
            activity_hours=activity_hours,
            own_hours=own.hours,
            with_own_hours=own.volunteers_with_hours,
        ),
        matches,
    )


def _association_figures(access: Access, year: int) -> AssociationFigures:
    """The registry's active associations, each counted once under its first-ranked category."""
    registry = organisation_selectors.organisation_list(access=access).filter(is_archived=False)
    totals = registry.aggregate(
        total=Count("pk"),
        new=Count("pk", filter=Q(created_at__year=year)),
        confirmed=Count("pk", filter=Q(confirmed_at__year=year)),
    )
    counts: dict[int, list] = {}
    for organisation in registry:
        first = next(iter(organisation.ranked_categories.all()), None)
        if first is not None:
            entry = counts.setdefault(first.category_id, [first.category, 0])
            entry[1] += 1
    ordered = sorted(counts.values(), key=lambda item: (item[0].position, item[0].name))
    rows = [(category.label, n) for category, n in ordered]
    uncategorised = totals["total"] - sum(n for _label, n in rows)
    if uncategorised:
        rows.append((_("No category"), uncategorised))
    return AssociationFigures(
        total=totals["total"],
        new_this_year=totals["new"],
        confirmed_this_year=totals["confirmed"],
        by_category=rows,
    )


def project_years(project, year: int) -> range:
    """The years of a project: from its start to its end or the report year, whichever is first."""
    first = project.start_date.year if project.start_date else None
    # Years after the report's year have nothing to report yet.
    last = min(project.end_date.year, year) if project.end_date else year
    if first is None:
        first_activity = (
            activity_selectors.activity_list(access=reader_access(project.centre))
            .filter(project=project)
            .order_by("date")
            .values_list("date", flat=True)
        ).first()
        first = first_activity.year if first_activity else last
    if first > last:
        raise ReportError(_("The project ends before it starts."))
    return range(first, last + 1)


def final_figures(
    *, centre: Centre, project, year: int, today: dt.date | None = None
) -> FinalFigures:
    """All figures of a project's final report, over its whole period, year by year.

    Reads per year `year_totals` and `target_for`; once `grant_totals_by_year`, `partners_of`,
    `outcomes_of` and the counts of `_counting`.
    """
    if project.centre_id != centre.pk:
        raise ReportError(_("The project belongs to another centre."))
    today = today or timezone.localdate()
    access = reader_access(centre)
    years = project_years(project, year)
    counting = _counting(access, years=years, project=project, today=today)
    grants = [
        (row["year"], row["granted"])
        for row in activity_selectors.grant_totals_by_year(access=access, project=project)
        if row["granted"] is not None
    ]
    granted = dict(grants)
    columns = []
    for column_year in years:
        target = activity_selectors.target_for(access=access, project=project, year=column_year)
        columns.append(
            YearColumn(
                year=column_year,
                activities=_activity_figures(
                    activity_selectors.year_totals(
                        access=access, year=column_year, project=project, today=today
                    ),
                    counting.get(column_year, {}),
                ),
                targets=_targets([target] if target is not None else []),
                grant=granted.get(column_year),
            )
        )
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
        actual_reach=project.actual_reach,
        grants=grants,
        partners=_partner_rows(
            activity_selectors.partners_of(access=access, project=project), years, project.name
        ),
        outcomes=list(outcome_rows.values()),
    )
