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
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import django_filters
from django import forms
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext_lazy as _

from core.permissions import Access
from organisations.models import Organisation

from .models import (
    Activity,
    ActivityCategory,
    ActivitySeries,
    Grant,
    OutcomeCounter,
    Partner,
    Project,
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
        _("Average participants per activity"),
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

    Three queries: the target, the totals, the monthly figures.
    """
    length = days_in_year(year)
    elapsed = elapsed_days(year, today)
    target = target_for(access=access, project=project, year=year)
    held = _held(activity_list(access=access).filter(project=project), year, today)
    totals = held.aggregate(
        activities=Count("pk"),
        counted=Count("pk", filter=Q(participants__isnull=False)),
        participants=Sum("participants"),
        new=Sum("participants_new"),
        hours=Sum("volunteer_hours"),
    )
    done_activities = Decimal(totals["activities"])
    participants_total = int(totals["participants"] or 0)

    def goal(name: str):
        return getattr(target, name) if target else None

    activities = _count_metric(
        "activities",
        _("Activities"),
        done_activities,
        goal("activities"),
        elapsed,
        length,
    )
    average = _average_metric(
        participants_total,
        totals["counted"],
        goal("average_participants"),
        goal("activities"),
        totals["activities"],
    )
    persons = _count_metric(
        "persons_reached",
        _("Persons reached (new participants)"),
        _dec(totals["new"]),
        goal("persons_reached"),
        elapsed,
        length,
    )
    hours = _count_metric(
        "volunteer_hours",
        _("Volunteer hours"),
        _round(_dec(totals["hours"]), "0.01"),
        goal("volunteer_hours"),
        elapsed,
        length,
    )
    months = monthly_figures(access=access, project=project, year=year, today=today, target=target)
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

    The monthly target is the yearly target spread by the month's share of the year's days
    (target * days_in_month / days_in_year), so February weighs right in a leap year.
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
    length = days_in_year(year)
    yearly = getattr(target, "activities", None)
    result = []
    for month in range(1, 13):
        row = by_month.get(month, {})
        counted = row.get("counted", 0)
        participants = int(row.get("participants") or 0)
        month_days = calendar.monthrange(year, month)[1]
        result.append(
            MonthFigure(
                month=month,
                activities=row.get("activities", 0),
                participants=participants,
                average_participants=_round(Decimal(participants) / counted) if counted else None,
                target_activities=(
                    _round(Decimal(yearly) * month_days / length) if yearly is not None else None
                ),
            )
        )
    return result


def activities_by_category(
    *, access: Access, year: int, project: Project | None = None, today: dt.date | None = None
) -> list[dict]:
    """Held activities of a year per category (all nine, zeros included), one query.

    Rows: {"category": ActivityCategory, "activities": int, "participants": int}.
    """
    qs = activity_list(access=access).filter(date__year=year, cancelled=False)
    if today is not None:
        qs = qs.filter(date__lte=today)
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


def year_totals(
    *, access: Access, year: int, project: Project | None = None, today: dt.date | None = None
) -> dict:
    """Held activities, participants, new participants, volunteers and hours of a year."""
    qs = activity_list(access=access).filter(date__year=year, cancelled=False)
    if today is not None:
        qs = qs.filter(date__lte=today)
    if project is not None:
        qs = qs.filter(project=project)
    totals = qs.aggregate(
        activities=Count("pk"),
        participants=Sum("participants"),
        new=Sum("participants_new"),
        volunteers=Sum("volunteer_count"),
        hours=Sum("volunteer_hours"),
    )
    return {
        "activities": totals["activities"],
        "participants": int(totals["participants"] or 0),
        "persons_reached": int(totals["new"] or 0),
        "volunteers": int(totals["volunteers"] or 0),
        "volunteer_hours": _dec(totals["hours"]),
    }
