"""Reads of projects, targets and activities. Other apps (reports) read through these.

Every selector takes the user's `Access` and scopes through `visible_to(access)` first, so a
caller can never read another centre's rows. Figures are aggregated in the database: each
selector runs a fixed number of queries whatever the number of activities.

For reports (all keyword-only, all take `access`):
- `project_list`, `project_detail`: projects with owner, and with partners, grants, outcomes and
  targets prefetched.
- `partners_of`, `grants_of`, `grant_totals_by_year`, `outcomes_of`, `target_for`.
- `year_progress(access=, project=, year=, today=) -> YearProgress`: done, target, percent,
  remaining, pace needed per week and year-end forecast for activities, average participants,
  persons reached and volunteer hours, plus twelve `MonthFigure`s (3 queries).
- `monthly_figures`, `activities_by_category`, `year_totals` (project optional: all projects).

Counting rules used everywhere:
- Cancelled activities are never counted.
- "Done" means held on or before `today` (future occurrences of a series are planned, not done).
- Participants are counted, never named. "Persons reached" is the sum of participants marked as
  new (first time), since returning participants were reached before.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

import django_filters
from django import forms
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext_lazy as _

from core.figures import definition, monthly_target
from core.permissions import Access
from organisations.models import Organisation

from .models import (
    Activity,
    ActivityCategory,
    ActivitySeries,
    BudgetLine,
    GoalResult,
    Grant,
    OutcomeCounter,
    Partner,
    Project,
    ProjectGoal,
    ReportedFigure,
    YearTarget,
)

# --- Projects ------------------------------------------------------------------------------------


def project_list(*, access: Access, include_ended: bool = True) -> QuerySet[Project]:
    """The projects the user may see (coordinators and municipality viewers: all of their
    centres'; association users: their own plus the centre's), with the owner loaded."""
    qs = Project.objects.visible_to(access).select_related("organisation", "centre")
    if not include_ended:
        qs = qs.exclude(status=Project.Status.ENDED)
    return qs


def projects_managed(*, access: Access) -> QuerySet[Project]:
    """The projects whose pages the user opens: an association user only its own (the centre's
    projects it may log in are not its to read); other roles as `project_list`."""
    qs = project_list(access=access)
    if access.is_association:
        qs = qs.filter(organisation__memberships__user_id=access.user_id)
    return qs


def project_detail(*, access: Access) -> QuerySet[Project]:
    """Queryset for one project's page: partners, grants, outcomes and targets prefetched."""
    return projects_managed(access=access).prefetch_related(
        "partners", "grants", "outcomes", "targets"
    )


def partners_of(*, access: Access, project: Project) -> QuerySet[Partner]:
    """A project's partners (public and private), with role and agreement period."""
    return Partner.objects.visible_to(access).filter(project=project)


def grants_of(*, access: Access, project: Project, year: int | None = None) -> QuerySet[Grant]:
    """Grants per year and funder in NOK (applied for and granted); one year if given."""
    qs = Grant.objects.visible_to(access).filter(project=project)
    return qs.filter(year=year) if year is not None else qs


def grant_totals_by_year(*, access: Access, project: Project) -> list[dict]:
    """[{"year": 2012, "applied": 650000, "granted": 650000}, ...], one query."""
    return list(
        Grant.objects.visible_to(access)
        .filter(project=project)
        .values("year")
        .annotate(applied=Sum("applied_nok"), granted=Sum("granted_nok"))
        .order_by("year")
    )


def outcomes_of(
    *, access: Access, project: Project, year: int | None = None
) -> QuerySet[OutcomeCounter]:
    """Named outcome counters ("had contact with a time-giver: 35") of a project, per year."""
    qs = OutcomeCounter.objects.visible_to(access).filter(project=project)
    return qs.filter(year=year) if year is not None else qs


def targets_of(*, access: Access, project: Project) -> QuerySet[YearTarget]:
    """A project's yearly targets, oldest first."""
    return YearTarget.objects.visible_to(access).filter(project=project).order_by("year")


def target_totals_by_centre(*, access: Access, year: int, field: str = "activities") -> dict:
    """A yearly target added up over each centre's projects ({centre_id: total}; a centre with
    no target set is left out)."""
    rows = (
        YearTarget.objects.visible_to(access)
        .filter(year=year)
        .values("centre_id")
        .annotate(total=Sum(field))
        .order_by()
    )
    return {row["centre_id"]: row["total"] for row in rows}


def target_for(*, access: Access, project: Project, year: int) -> YearTarget | None:
    return YearTarget.objects.visible_to(access).filter(project=project, year=year).first()


# --- Activities ----------------------------------------------------------------------------------


def activity_list(*, access: Access) -> QuerySet[Activity]:
    """The activities the user may see: coordinators and municipality viewers all of their
    centres', association users only those their association organises."""
    return Activity.objects.visible_to(access).select_related("project", "category", "organiser")


def series_list(*, access: Access) -> QuerySet[ActivitySeries]:
    """The weekly series the user may see, with how many dates each has created."""
    return (
        ActivitySeries.objects.visible_to(access)
        .select_related("project", "category", "organiser")
        .annotate(occurrence_count=Count("activities"))
    )


def organisers_for(*, access: Access) -> QuerySet[Organisation]:
    """The associations the user may name as organiser (an association user: its own)."""
    return Organisation.objects.visible_to(access).filter(is_archived=False).order_by("name")


class ActivityFilter(django_filters.FilterSet):
    """Filters of the activity list and its export. Choices are scoped to the user."""

    project = django_filters.ModelChoiceFilter(
        queryset=Project.objects.none(), label=_("Project"), empty_label=_("All projects")
    )
    category = django_filters.ModelChoiceFilter(
        queryset=ActivityCategory.objects.all(), label=_("Category"), empty_label=_("All")
    )
    organiser = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.none(), label=_("Organiser"), empty_label=_("All")
    )
    date_from = django_filters.DateFilter(
        field_name="date",
        lookup_expr="gte",
        label=_("From date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = django_filters.DateFilter(
        field_name="date",
        lookup_expr="lte",
        label=_("To date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    cancelled = django_filters.BooleanFilter(
        label=_("Cancelled"),
        widget=forms.Select(
            choices=[("", _("All")), ("false", _("Held")), ("true", _("Cancelled"))]
        ),
    )

    class Meta:
        model = Activity
        fields = ["project", "category", "organiser", "date_from", "date_to", "cancelled"]

    def __init__(self, data=None, *args, access: Access, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["project"].queryset = project_list(access=access)
        self.filters["organiser"].queryset = organisers_for(access=access)


def filtered_activities(*, access: Access, params) -> ActivityFilter:
    """The FilterSet over the user's activities; `.qs` is the filtered queryset."""
    return ActivityFilter(params or None, queryset=activity_list(access=access), access=access)


def activities_missing_counts(
    *, access: Access, today: dt.date, project: Project | None = None, limit: int = 40
) -> QuerySet[Activity]:
    """Past activities, not cancelled, whose participant count is still empty (oldest first)."""
    qs = activity_list(access=access).filter(
        date__lte=today, cancelled=False, participants__isnull=True
    )
    if project is not None:
        qs = qs.filter(project=project)
    return qs.order_by("date", "start_time", "pk")[:limit]


# --- Figures and targets -------------------------------------------------------------------------


def _held(qs: QuerySet[Activity], year: int, today: dt.date) -> QuerySet[Activity]:
    return qs.filter(date__year=year, date__lte=today, cancelled=False)


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def elapsed_days(year: int, today: dt.date) -> int:
    """Days of `year` passed by the end of `today`: 0 before the year, the year's length after."""
    if today.year < year:
        return 0
    if today.year > year:
        return days_in_year(year)
    return today.timetuple().tm_yday


def _dec(value) -> Decimal:
    return Decimal(value or 0)


def _round(value: Decimal, places: str = "0.1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Metric:
    """One figure against its target. Any of target/percent/pace/forecast may be None."""

    key: str
    label: str
    done: Decimal
    target: Decimal | None
    percent: Decimal | None
    remaining: Decimal | None
    pace_needed_per_week: Decimal | None
    forecast: Decimal | None
    is_average: bool = False
    # The figure the project reported for the year (typed in), where it did.
    reported: FigurePair | None = None

    @property
    def on_track(self) -> bool | None:
        """Whether the forecast (or, for an average, the current value) reaches the target."""
        if self.target is None or self.forecast is None:
            return None
        return self.forecast >= self.target

    @property
    def bar_percent(self) -> int:
        return int(min(self.percent or 0, 100))


@dataclass(frozen=True)
class MonthFigure:
    month: int
    activities: int
    participants: int
    average_participants: Decimal | None
    target_activities: Decimal | None


@dataclass(frozen=True)
class YearProgress:
    """The dashboard's figures for one project and year. See `year_progress` for formulas."""

    project: Project
    year: int
    today: dt.date
    days_in_year: int
    elapsed_days: int
    activities: Metric
    average_participants: Metric
    persons_reached: Metric
    volunteer_hours: Metric
    participants_total: int
    months: list[MonthFigure] = field(default_factory=list)
    target: YearTarget | None = None
    # The year's counted and reported figures (`project_figures`), keyed by figure.
    figures: dict[str, FigurePair] = field(default_factory=dict)

    @property
    def reported(self) -> list[FigurePair]:
        """The year's figures that the project reported (typed in), in report order."""
        return [pair for pair in self.figures.values() if pair.reported is not None]

    @property
    def metrics(self) -> list[Metric]:
        return [
            self.activities,
            self.average_participants,
            self.persons_reached,
            self.volunteer_hours,
        ]

    @property
    def year_percent_elapsed(self) -> Decimal:
        return _round(Decimal(self.elapsed_days) * 100 / self.days_in_year)


def _count_metric(key: str, label, done: Decimal, target, elapsed: int, length: int) -> Metric:
    """A summed figure (activities, persons, hours).

    percent   = done / target * 100
    remaining = max(target - done, 0)
    pace      = remaining / (remaining_days / 7)   (per week; None when no days remain)
    forecast  = done / elapsed_days * days_in_year (None before the year has started)
    """
    target_dec = None if target is None else Decimal(target)
    percent = remaining = pace = None
    if target_dec is not None:
        remaining = max(target_dec - done, Decimal(0))
        if target_dec > 0:
            percent = _round(done * 100 / target_dec)
        remaining_days = length - elapsed
        if remaining_days > 0:
            pace = _round(remaining * 7 / Decimal(remaining_days))
    forecast = _round(done * length / Decimal(elapsed)) if elapsed > 0 else None
    return Metric(key, label, done, target_dec, percent, remaining, pace, forecast)


def _average_metric(
    total_participants: int, counted: int, target, target_activities, held: int
) -> Metric:
    """The average number of participants per activity with a count.

    done      = sum(participants) / number of activities with a count (None-counts left out)
    percent   = done / target * 100
    forecast  = done (an average does not grow with time)
    pace      = the average the remaining activities need to end the year on the target:
                (target * target_activities - sum(participants)) / (target_activities - held),
                only when a target number of activities is set and not yet reached.
    """
    done = _round(Decimal(total_participants) / counted) if counted else Decimal(0)
    target_dec = None if target is None else Decimal(target)
    percent = pace = remaining = None
    if target_dec is not None:
        if target_dec > 0 and counted:
            percent = _round(done * 100 / target_dec)
        remaining = max(target_dec - done, Decimal(0))
        if target_activities and target_activities > held:
            needed = target_dec * target_activities - total_participants
            pace = _round(max(needed, Decimal(0)) / (target_activities - held))
    return Metric(
        "average_participants",
        definition("average_participants").label,
        done,
        target_dec,
        percent,
        remaining,
        pace,
        done if counted else None,
        is_average=True,
    )


def year_progress(*, access: Access, project: Project, year: int, today: dt.date) -> YearProgress:
    """Done so far, target, percent, pace needed and year-end forecast for one project-year.

    Counted: the project's activities of `year` held on or before `today`, not cancelled.
    With D = days in the year (366 in a leap year) and E = elapsed days (day of the year of
    `today`, today included; 0 before the year, D after it):

    - percent   = done / target * 100 (rounded to 0.1; None without a target)
    - forecast  = done / E * D (the year-end figure at the current pace; None when E = 0)
    - pace      = max(target - done, 0) / ((D - E) / 7): needed per week for the rest of the
                  year (None without a target or when the year is over)
    - average participants: sum(participants) / activities with a count; its "pace" is the
      average the remaining target activities need (see `_average_metric`).
    - persons reached = sum of participants marked new; volunteer hours = sum of hours.

    Four queries: the target, the totals, the monthly figures, the reported figures.
    """
    length = days_in_year(year)
    elapsed = elapsed_days(year, today)
    target = target_for(access=access, project=project, year=year)
    totals = year_totals(access=access, year=year, today=today, project=project)
    done_activities = Decimal(totals["activities"])
    participants_total = totals["participants"]

    def goal(name: str):
        return getattr(target, name) if target else None

    activities = _count_metric(
        "activities",
        definition("activities").label,
        done_activities,
        goal("activities"),
        elapsed,
        length,
    )
    average = _average_metric(
        participants_total,
        totals["with_count"],
        goal("average_participants"),
        goal("activities"),
        totals["activities"],
    )
    persons = _count_metric(
        "persons_reached",
        definition("persons_reached").label,
        _dec(totals["persons_reached"]),
        goal("persons_reached"),
        elapsed,
        length,
    )
    hours = _count_metric(
        "activity_hours",
        definition("activity_hours").label,
        totals["volunteer_hours"],
        goal("volunteer_hours"),
        elapsed,
        length,
    )
    months = monthly_figures(access=access, project=project, year=year, today=today, target=target)
    figures = project_figures(
        access=access, project=project, years=[year], today=today, totals={year: totals}
    ).year(year)

    def with_reported(metric: Metric) -> Metric:
        pair = figures.get(metric.key)
        return replace(metric, reported=pair if pair and pair.reported is not None else None)

    activities, average, persons, hours = map(with_reported, (activities, average, persons, hours))
    return YearProgress(
        project=project,
        year=year,
        today=today,
        days_in_year=length,
        elapsed_days=elapsed,
        activities=activities,
        average_participants=average,
        persons_reached=persons,
        volunteer_hours=hours,
        participants_total=participants_total,
        months=months,
        target=target,
        figures=figures,
    )


_NO_TARGET = object()


def monthly_figures(
    *,
    access: Access,
    project: Project,
    year: int,
    today: dt.date,
    target: YearTarget | None | object = _NO_TARGET,
) -> list[MonthFigure]:
    """Twelve months of held activities and participants, with the target line per month.

    The monthly target is `core.figures.monthly_target`: the yearly target spread by the
    month's share of the year's days (the annual report's chart draws the same line).
    One query (two if the target is not passed in).
    """
    if target is _NO_TARGET:
        target = target_for(access=access, project=project, year=year)
    rows = (
        _held(activity_list(access=access).filter(project=project), year, today)
        .annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(
            activities=Count("pk"),
            counted=Count("pk", filter=Q(participants__isnull=False)),
            participants=Sum("participants"),
        )
        .order_by("month")
    )
    by_month = {row["month"]: row for row in rows}
    yearly = getattr(target, "activities", None)
    result = []
    for month in range(1, 13):
        row = by_month.get(month, {})
        counted = row.get("counted", 0)
        participants = int(row.get("participants") or 0)
        result.append(
            MonthFigure(
                month=month,
                activities=row.get("activities", 0),
                participants=participants,
                average_participants=_round(Decimal(participants) / counted) if counted else None,
                target_activities=monthly_target(yearly, year, month),
            )
        )
    return result


def activities_by_category(
    *, access: Access, year: int, today: dt.date, project: Project | None = None
) -> list[dict]:
    """Held activities of a year per category (all nine, zeros included), one query.

    Rows: {"category": ActivityCategory, "activities": int, "participants": int}.
    """
    qs = _held(activity_list(access=access), year, today)
    if project is not None:
        qs = qs.filter(project=project)
    counts = {
        row["category_id"]: row
        for row in qs.values("category_id").annotate(
            activities=Count("pk"), participants=Sum("participants")
        )
    }
    return [
        {
            "category": category,
            "activities": counts.get(category.pk, {}).get("activities", 0),
            "participants": int(counts.get(category.pk, {}).get("participants") or 0),
        }
        for category in ActivityCategory.objects.all()
    ]


def _activity_aggregates() -> dict:
    """The aggregates every activity figure is made of, over activities not cancelled.

    held = activities held (not cancelled); with_count = held ones whose participants were
    counted; with_new = held ones whose new participants were counted; logged = every activity
    logged, cancelled ones included (a project with none has no counted figures at all).
    """
    held = Q(cancelled=False)
    return {
        "logged": Count("pk"),
        "n_held": Count("pk", filter=held),
        "n_cancelled": Count("pk", filter=Q(cancelled=True)),
        "with_count": Count("pk", filter=held & Q(participants__isnull=False)),
        "with_new": Count("pk", filter=held & Q(participants_new__isnull=False)),
        "participants_sum": Sum("participants", filter=held),
        "new_sum": Sum("participants_new", filter=held),
        "volunteers_sum": Sum("volunteer_count", filter=held),
        "hours_sum": Sum("volunteer_hours", filter=held),
    }


def _totals_row(row: dict) -> dict:
    return {
        "activities": row.get("n_held") or 0,
        "cancelled": row.get("n_cancelled") or 0,
        "logged": row.get("logged") or 0,
        "with_count": row.get("with_count") or 0,
        "with_new": row.get("with_new") or 0,
        "participants": int(row.get("participants_sum") or 0),
        "persons_reached": int(row.get("new_sum") or 0),
        "volunteers": int(row.get("volunteers_sum") or 0),
        "volunteer_hours": _round(_dec(row.get("hours_sum")), "0.01"),
    }


def year_totals(
    *, access: Access, year: int, today: dt.date, project: Project | None = None
) -> dict:
    """Activities held, participants, new participants, volunteers and hours of a year.

    Held = not cancelled and dated on or before `today`: the one rule for every page, card,
    export and report (future dates of a series are planned, not held). Keys: activities,
    cancelled, logged, with_count, with_new, participants, persons_reached (sum of new
    participants), volunteers, volunteer_hours (hours logged on activities). One query.
    """
    return totals_by_year(access=access, years=[year], today=today, project=project)[year]


def totals_by_year(
    *, access: Access, years, today: dt.date, project: Project | None = None
) -> dict[int, dict]:
    """`year_totals` for several years at once ({year: totals}, every year present), one query."""
    qs = activity_list(access=access).filter(date__year__in=list(years), date__lte=today)
    if project is not None:
        qs = qs.filter(project=project)
    rows = {
        row["date__year"]: row
        for row in qs.values("date__year").annotate(**_activity_aggregates()).order_by()
    }
    return {year: _totals_row(rows.get(year, {})) for year in years}


def activity_years(*, access: Access, today: dt.date) -> list[int]:
    """The years with an activity held on or before `today`, newest first (one query)."""
    held = Activity.objects.visible_to(access).filter(date__lte=today, cancelled=False)
    return [day.year for day in held.dates("date", "year", order="DESC")]


def totals_by_centre(*, access: Access, year: int, today: dt.date) -> dict[int, dict]:
    """`year_totals` of each centre with activities in the year ({centre_id: totals})."""
    qs = activity_list(access=access).filter(date__year=year, date__lte=today)
    return {
        row["centre_id"]: _totals_row(row)
        for row in qs.values("centre_id").annotate(**_activity_aggregates()).order_by()
    }


def empty_totals() -> dict:
    """`year_totals` of a year with no activity logged."""
    return _totals_row({})


def totals_by_project(*, access: Access, year: int, today: dt.date) -> dict[int, dict]:
    """`year_totals` of each project with activities in the year ({project_id: totals})."""
    qs = activity_list(access=access).filter(date__year=year, date__lte=today)
    return {
        row["project_id"]: _totals_row(row)
        for row in qs.values("project_id").annotate(**_activity_aggregates()).order_by()
    }


@dataclass(frozen=True)
class ProjectPace:
    """One project's activities of a year against its target (`projects_pace`)."""

    project: Project
    activities: Metric

    @property
    def off_pace(self) -> bool:
        return self.activities.on_track is False


def projects_pace(*, access: Access, year: int, today: dt.date) -> list[ProjectPace]:
    """Every project the user manages, with its activities held in `year` against the year's
    target: the same Metric (percent, forecast, pace) as `year_progress`, for all projects at
    once. The main project first: the largest activity target, then the most activities held
    (the centre's ordinary operation first among equals), then by name.

    Three queries: the projects, their targets, the activity totals per project.
    """
    projects = list(projects_managed(access=access))
    targets = {
        target.project_id: target.activities
        for target in YearTarget.objects.visible_to(access).filter(
            year=year, project__in=[p.pk for p in projects]
        )
    }
    totals = totals_by_project(access=access, year=year, today=today)
    length, elapsed = days_in_year(year), elapsed_days(year, today)
    rows = [
        ProjectPace(
            project,
            _count_metric(
                "activities",
                definition("activities").label,
                Decimal(totals.get(project.pk, empty_totals())["activities"]),
                targets.get(project.pk),
                elapsed,
                length,
            ),
        )
        for project in projects
    ]
    rows.sort(
        key=lambda row: (
            -(row.activities.target or 0),
            -row.activities.done,
            not row.project.is_operations,
            row.project.name,
        )
    )
    return rows


# --- Counted and reported figures of a project ---------------------------------------------------


@dataclass(frozen=True)
class FigurePair:
    """One figure of a project for a year (or the whole period): counted, reported, or both.

    counted  = from the activity log (None when nothing was logged to count it from)
    reported = typed in by the coordinator (a ReportedFigure), None when not reported
    Where both exist and differ, pages and reports show both, each labelled.
    """

    key: str
    counted: Decimal | int | None = None
    reported: int | None = None
    approximate: bool = False
    comment: str = ""

    @property
    def has_data(self) -> bool:
        return self.counted is not None or self.reported is not None

    @property
    def differs(self) -> bool:
        return (
            self.counted is not None
            and self.reported is not None
            and Decimal(self.counted) != Decimal(self.reported)
        )

    @property
    def value(self) -> Decimal | int | None:
        """The counted figure where there is one, else the reported one."""
        return self.counted if self.counted is not None else self.reported

    @property
    def decimals(self) -> int:
        return 1 if self.key == "average_participants" else 0


# Figures a project can have counted and/or reported, in the order reports print them.
PROJECT_FIGURES = [
    "activities",
    "participants",
    "average_participants",
    "persons_reached",
    "project_volunteers",
    "activity_hours",
]
# Reported figures that add up over years; persons and volunteers may be the same people.
_ADDITIVE = {"activities", "participants", "activity_hours"}


def _counted(totals: dict) -> dict[str, Decimal | int | None]:
    """Counted figures from activity totals; None where the log holds nothing to count."""
    if not totals["logged"]:
        return dict.fromkeys(PROJECT_FIGURES)
    with_count = totals["with_count"]
    return {
        "activities": totals["activities"],
        "participants": totals["participants"] if with_count else None,
        "average_participants": (
            _round(Decimal(totals["participants"]) / with_count) if with_count else None
        ),
        "persons_reached": totals["persons_reached"] if totals["with_new"] else None,
        # Volunteers per activity are not distinct people: the project reports them.
        "project_volunteers": None,
        "activity_hours": totals["volunteer_hours"],
    }


def _sum_totals(parts: list[dict]) -> dict:
    summed = {key: sum(part[key] for part in parts) for key in parts[0]} if parts else {}
    return summed or _totals_row({})


@dataclass(frozen=True)
class ProjectFigures:
    """A project's figures year by year and for the whole period (see `project_figures`)."""

    project: Project
    years: list[int]
    by_year: dict[int, dict[str, FigurePair]]
    period: dict[str, FigurePair]
    totals: dict[int, dict]

    @property
    def logged(self) -> bool:
        """Whether any activity of the project was logged in Frivillig in these years."""
        return any(totals["logged"] for totals in self.totals.values())

    @property
    def rows(self) -> list[tuple[str, list[FigurePair], FigurePair]]:
        """(key, one pair per year, the period's pair) for each figure that has data."""
        result = []
        for key in PROJECT_FIGURES:
            cells = [self.by_year[year][key] for year in self.years]
            total = self.period[key]
            if total.has_data or any(cell.has_data for cell in cells):
                result.append((key, cells, total))
        return result

    def year(self, year: int) -> dict[str, FigurePair]:
        return self.by_year[year]

    @property
    def has_reported(self) -> bool:
        return any(pair.reported is not None for pair in self.period.values()) or any(
            pair.reported is not None
            for column in self.by_year.values()
            for pair in column.values()
        )


def project_figures(
    *, access: Access, project: Project, years, today: dt.date, totals: dict | None = None
) -> ProjectFigures:
    """Counted and reported figures of a project, per year and for the whole period.

    Counted (from the activity log, held = not cancelled and on or before `today`):
    activities held; participants (sum); average = participants / held activities with a
    count; persons reached = sum of participants marked new; activity hours = sum of hours
    logged on activities. A year (or period) with no activity logged has no counted figures.
    Reported: the project's ReportedFigure rows of that year; for the period the row without a
    year, else the one year's row in a one-year period, else (for additive figures only:
    activities, participants, hours) the sum of the years' reported figures.
    Two queries: the totals per year (unless `totals`, {year: `year_totals`}, is passed in), the
    reported figures.
    """
    years = list(years)
    if totals is None:
        totals = totals_by_year(access=access, years=years, today=today, project=project)
    reported: dict[tuple[int | None, str], ReportedFigure] = {
        (row.year, row.figure): row
        for row in ReportedFigure.objects.visible_to(access).filter(project=project)
    }

    def pair(key: str, counted, year: int | None) -> FigurePair:
        row = reported.get((year, key))
        if row is None:
            return FigurePair(key, counted)
        return FigurePair(key, counted, row.value, row.is_approximate, row.comment)

    by_year = {
        year: {key: pair(key, value, year) for key, value in _counted(totals[year]).items()}
        for year in years
    }
    period_counted = _counted(_sum_totals([totals[year] for year in years]))
    period = {}
    for key, value in period_counted.items():
        whole = pair(key, value, None)
        rows = [reported[(year, key)] for year in years if (year, key) in reported]
        if whole.reported is None and len(years) == 1 and rows:
            whole = FigurePair(key, value, rows[0].value, rows[0].is_approximate, rows[0].comment)
        elif whole.reported is None and key in _ADDITIVE:
            if rows:
                whole = FigurePair(
                    key,
                    value,
                    sum(row.value for row in rows),
                    any(row.is_approximate for row in rows),
                )
        period[key] = whole
    return ProjectFigures(
        project=project, years=years, by_year=by_year, period=period, totals=totals
    )


def project_years(*, access: Access, project: Project, until: int) -> range:
    """The years of a project: from its start to its end or `until`, whichever comes first.

    Without a start date, from the year of its first activity (or `until`). One query at most.
    An end before the start gives an empty range.
    """
    last = min(project.end_date.year, until) if project.end_date else until
    if project.start_date:
        first = project.start_date.year
    else:
        first_day = (
            activity_list(access=access)
            .filter(project=project)
            .order_by("date")
            .values_list("date", flat=True)
            .first()
        )
        first = first_day.year if first_day else last
    return range(first, last + 1)


# --- Goals and budget ------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalRow:
    """A goal with its target and its result per year (None: no result that year)."""

    goal: ProjectGoal
    results: list[GoalResult | None]

    @property
    def latest(self) -> GoalResult | None:
        return next((result for result in reversed(self.results) if result is not None), None)

    @property
    def reached(self) -> bool | None:
        """Whether the latest result reaches the target (None without both)."""
        return self._reaches(self.latest)

    @property
    def yearly(self) -> list[tuple[GoalResult, bool | None]]:
        """Each year's result, oldest first, with whether it reaches the target (None without
        a target)."""
        return [(result, self._reaches(result)) for result in self.results if result is not None]

    def _reaches(self, result: GoalResult | None) -> bool | None:
        if result is None or self.goal.target is None:
            return None
        return result.value >= self.goal.target

    @property
    def is_percent(self) -> bool:
        return self.goal.unit == ProjectGoal.Unit.PERCENT


def goals_of(*, access: Access, project: Project, years) -> dict[str, list[GoalRow]]:
    """{"sub": [...], "effect": [...]}: the project's goals in order, results per year of
    `years` (two queries)."""
    years = list(years)
    goals = list(ProjectGoal.objects.visible_to(access).filter(project=project))
    results = {
        (result.goal_id, result.year): result
        for result in GoalResult.objects.visible_to(access).filter(project=project, year__in=years)
    }
    grouped: dict[str, list[GoalRow]] = {kind: [] for kind in ProjectGoal.Kind.values}
    for goal in goals:
        grouped[goal.kind].append(GoalRow(goal, [results.get((goal.pk, year)) for year in years]))
    return grouped


@dataclass(frozen=True)
class BudgetRow:
    """A budget line (or a total): budget and accounts added up over its lines.

    `complete` is False when a line has a budget but no accounts yet (or the other way round):
    then no difference is computed, since it would compare unlike periods.
    """

    label: str
    budget: int | None
    accounts: int | None
    complete: bool = True

    @property
    def difference(self) -> int | None:
        """Accounts minus budget (None unless both are there for every line)."""
        if self.budget is None or self.accounts is None or not self.complete:
            return None
        return self.accounts - self.budget


def _sum_or_none(values) -> int | None:
    present = [value for value in values if value is not None]
    return sum(present) if present else None


def _total(rows: list[BudgetRow]) -> BudgetRow:
    return BudgetRow(
        "",
        _sum_or_none(row.budget for row in rows),
        _sum_or_none(row.accounts for row in rows),
        all(row.complete for row in rows),
    )


@dataclass(frozen=True)
class Budget:
    """Budget against accounts: expense lines by name, income by source, totals computed.

    total budget   = sum of the lines' budgets (lines without a budget left out)
    total accounts = sum of the lines' accounts (lines without accounts left out)
    difference     = accounts - budget, only where every line has both
    result         = income accounts - expense accounts, only where every line has accounts
    """

    expenses: list[BudgetRow]
    income: list[BudgetRow]
    # Years with a budget but no accounts yet on some line (no difference is computed there).
    years_without_accounts: list[int] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.expenses and not self.income

    @property
    def expense_total(self) -> BudgetRow:
        return _total(self.expenses)

    @property
    def income_total(self) -> BudgetRow:
        return _total(self.income)

    @property
    def result(self) -> int | None:
        income, expenses = self.income_total, self.expense_total
        if income.accounts is None or expenses.accounts is None:
            return None
        if not (income.complete and expenses.complete):
            return None
        return income.accounts - expenses.accounts


def budget_of(*, access: Access, project: Project, years=None) -> Budget:
    """The project's budget and accounts over `years` (one year, the period; None: all).

    Expense lines of the same name are added up over the years, in the order first entered;
    income is added up per source. One query.
    """
    lines = BudgetLine.objects.visible_to(access).filter(project=project)
    if years is not None:
        lines = lines.filter(year__in=list(years))
    expenses: dict[str, list[BudgetLine]] = {}
    income: dict[str, list[BudgetLine]] = {}
    for line in lines.order_by("pk"):
        if line.kind == BudgetLine.Kind.EXPENSE:
            expenses.setdefault(line.name, []).append(line)
        else:
            income.setdefault(line.source, []).append(line)
    sources = dict(BudgetLine.Source.choices)

    def row(label: str, group: list[BudgetLine]) -> BudgetRow:
        return BudgetRow(
            label,
            _sum_or_none(line.budget for line in group),
            _sum_or_none(line.accounts for line in group),
            all((line.budget is None) == (line.accounts is None) for line in group),
        )

    unsettled = sorted(
        {
            line.year
            for group in (*expenses.values(), *income.values())
            for line in group
            if (line.budget is None) != (line.accounts is None)
        }
    )
    return Budget(
        years_without_accounts=unsettled,
        expenses=[row(name, group) for name, group in expenses.items()],
        income=[
            row(str(sources[source]), income[source])
            for source in BudgetLine.Source.values
            if source in income
        ],
    )
